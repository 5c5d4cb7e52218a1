import Dispatch
import Foundation
import Numerics

/// A G-invariant operator applied in one screw sector on the fly, without storing its matrix.
///
///     (O x)_a = Σ_b ⟨a|O|b⟩ x_b = Σ_b conj(⟨b|O|a⟩) x_b      (O Hermitian)
///
/// Row a (representative r_a) applies O to |r_a⟩ and gathers: each image state s = T_c^l r_b gives
/// ⟨b|O|a⟩ = √(p_a/p_b) c_s e^{iθ_b l} (``ScrewSectors``), the phase e^{iθ_b l} = e^{ikl} e^{icαM_b l}
/// from two small tables (L and (2M_max + 1)·L entries), the orbit lookup s → (r_b, l) from the
/// sectors' tables (6 B per product state). Rows are split into fixed chunks run in parallel
/// (`DispatchQueue.concurrentPerform`); each y_a is one thread's sum in a fixed order, so the result
/// does not depend on the number of threads. Memory: the sector's position table (4 B per orbit)
/// and the two phase tables; nothing ∝ nnz. Preconditions: O Hermitian and G-invariant (and
/// S^z-conserving when the sector fixes M).
struct MatrixFreeSectorOperator: Sendable {
  let sectors: ScrewSectors
  let sector: ScrewSectors.Sector
  let op: SpinOperatorSum
  let positions: [Int32]
  /// e^{ik l}, l = 0…L−1.
  let momentumPhases: [Complex<Double>]
  /// e^{i c α M l} at index (2M + offset)·L + l.
  let spinPhases: [Complex<Double>]
  let spinOffset: Int
  /// Rows per parallel task (the split never changes a number: each row is one task's fixed-order sum).
  let rowsPerTask: Int

  init(_ op: SpinOperatorSum, sectors: ScrewSectors, sector: ScrewSectors.Sector, rowsPerTask: Int = 4096) {
    precondition(rowsPerTask >= 1)
    self.rowsPerTask = rowsPerTask
    self.op = op
    self.sectors = sectors
    self.sector = sector
    positions = sectors.positions(sector)
    let l = sectors.cellCount
    momentumPhases = (0..<l).map { Complex(cos(sector.k * Double($0)), sin(sector.k * Double($0))) }
    let twiceMax = Int((2 * sectors.basis.spins.reduce(0, +)).rounded())
    spinOffset = twiceMax
    let step = Double(sectors.cell) * sectors.angle
    spinPhases = (0...(2 * twiceMax)).flatMap { index -> [Complex<Double>] in
      let m = Double(index - twiceMax) / 2
      return (0..<l).map { Complex(cos(step * m * Double($0)), sin(step * m * Double($0))) }
    }
  }

  /// Bytes of the tables for `orbits` representatives and L cells (besides the sectors' tables).
  static func tableBytes(orbits: Double, cells: Double, twiceTotalSpin: Double) -> Double {
    4 * orbits + 16 * cells * (2 * twiceTotalSpin + 2)
  }

  /// y = O x.
  func multiply(_ x: [Complex<Double>], into y: inout [Complex<Double>]) {
    let dk = sector.dimension
    precondition(x.count == dk && y.count == dk)
    let chunk = rowsPerTask
    let chunks = (dk + chunk - 1) / chunk
    let l = sectors.cellCount
    y.withUnsafeMutableBufferPointer { out in
      let base = UnsafeSendablePointer(out.baseAddress!)
      x.withUnsafeBufferPointer { xin in
        let xs = UnsafeSendableConstPointer(xin.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
          let rows = (c * chunk)..<min(dk, (c + 1) * chunk)
          for a in rows {
            let r = sector.members[a]
            let pa = Double(sectors.periods[r])
            var re = 0.0, im = 0.0
            op.apply(to: sectors.representatives[r], in: sectors.basis) { s, value in
              let rb = Int(sectors.representativeOf[s])
              let b = Int(positions[rb])
              guard b >= 0 else { return }
              let shift = Int(sectors.shiftOf[s])
              let twiceM = Int((2 * sectors.magnetizations[rb]).rounded())
              let p = momentumPhases[shift] * spinPhases[(twiceM + spinOffset) * l + shift]
              let f = (pa / Double(sectors.periods[rb])).squareRoot()
              // ⟨b|O|a⟩ = f · value · p; (O x)_a gathers its conjugate times x_b.
              let e = value * p
              let xb = xs.pointer[b]
              re += f * (e.real * xb.real + e.imaginary * xb.imaginary)
              im += f * (e.real * xb.imaginary - e.imaginary * xb.real)
            }
            base.pointer[a] = Complex(re, im)
          }
        }
      }
    }
  }

  /// ⟨ψ|O|ψ⟩ (real part; O Hermitian).
  func expectation(_ psi: [Complex<Double>]) -> Double {
    var y = [Complex<Double>](repeating: .zero, count: psi.count)
    multiply(psi, into: &y)
    return SectorVector.dot(psi, y).real
  }
}

/// A raw pointer handed to concurrent iterations that write disjoint elements.
struct UnsafeSendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ p: UnsafeMutablePointer<T>) { pointer = p }
}

/// A raw pointer read by concurrent iterations.
struct UnsafeSendableConstPointer<T>: @unchecked Sendable {
  let pointer: UnsafePointer<T>
  init(_ p: UnsafePointer<T>) { pointer = p }
}
