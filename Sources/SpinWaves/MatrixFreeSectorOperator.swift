import Dispatch
import Foundation
import Numerics

/// A G-invariant operator applied on the fly in several screw sectors at once, without storing its matrix.
///
///     (O x)_{a,n} = Σ_b conj(⟨b, n|O|a, n⟩) x_{b,n},   ⟨b, n|O|a, n⟩ = √(p_a/p_b) c_s e^{iθ_{b,n} l}
///
/// (O Hermitian; s = T_c^l r_b an image of |r_a⟩ with coefficient c_s, θ_{b,n} = k_n + cα M_b, see
/// ``ScrewSectors``). The columns n are the momenta in ``momenta`` (one width-W vector per row: element
/// `row·W + w`), the rows the representatives of one total M or all of them. The expensive part of a
/// product — the orbit lookup s → (r_b, p_b, l), one 8-byte word per image — is shared by the W momenta,
/// so one product in all L sectors costs about as much as one in a single sector. Per row the
/// representative is decoded into local indices once and every term of O (ladder form, at most 3 or 9
/// images) is applied by integer arithmetic; M_b = M_a + ΔM of the term needs no lookup; images equal
/// to |r_a⟩ (S^z terms) skip the lookup. A row with p_a < L exists only in the momenta with
/// θ p_a ∈ 2πℤ and is zero in the others (x must be zero there; y is set to zero there).
/// Rows are split into fixed chunks run in parallel (`DispatchQueue.concurrentPerform`); each y_{a,n}
/// is one thread's sum in a fixed order, so the result does not depend on the number of threads, and
/// column n of a width-L product equals the width-1 product in momentum n bit for bit.
/// Memory: the row tables (4 B per row; 8 B per row more with an M restriction) and small phase
/// tables; nothing ∝ nnz; no allocation per product. Preconditions: O Hermitian and G-invariant (and
/// S^z-conserving when the rows fix M).
struct MatrixFreeSectorOperator: Sendable {
  let sectors: ScrewSectors
  /// Momentum indices n of the columns.
  let momenta: [Int]
  var width: Int { momenta.count }
  /// Representative index of each row (ascending).
  let rows: [Int32]
  /// Row of each representative (−1: not a row); empty when every representative is a row (row = index).
  let rowOf: [Int32]
  /// For rows with p_a < L: 1 where the row exists in column w, 0 where not (`width` entries per such row).
  let partialMasks: [Int: [Double]]
  /// Real and imaginary parts of e^{−i k_w l}, index l·W + w.
  let momentumPhaseRe: [Double]
  let momentumPhaseIm: [Double]
  /// e^{−i c α M l} at index (2M + spinOffset)·L + l.
  let spinPhases: [Complex<Double>]
  let spinOffset: Int
  /// √p for p = 0…L.
  let rootPeriods: [Double]
  /// The terms of O in ladder form: one-site (site, c_μ), two-site (i, j, c_μν).
  let oneSite: [(site: Int, c: [Complex<Double>])]
  let twoSite: [(i: Int, j: Int, c: [Complex<Double>])]
  /// Ladder amplitudes at index (site·3 + μ)·dMax + k: ⟨k′|S^μ|k⟩ (0 when the ladder vanishes); μ = +, −, z.
  let amplitudes: [Double]
  let maxLocalDimension: Int
  /// Rows per parallel task (the split never changes a number: each row is one task's fixed-order sum).
  let rowsPerTask: Int

  /// O in the momenta `momenta`, rows the representatives of total M = `magnetization` (all when nil).
  init(
    _ op: SpinOperatorSum, sectors: ScrewSectors, momenta: [Int], magnetization: Double? = nil,
    rowsPerTask: Int = 1024
  ) {
    precondition(rowsPerTask >= 1 && !momenta.isEmpty)
    let l = sectors.cellCount
    let ks = momenta.map { 2 * Double.pi * (Double($0) + sectors.momentumOffset) / Double(l) }
    var rows: [Int32] = []
    var masks: [Int: [Double]] = [:]
    for r in sectors.representatives.indices {
      if let m = magnetization, sectors.magnetizations[r] != m { continue }
      // Member of momentum k iff θ p_r ∈ 2πℤ, θ = k + cα M_r (as ``ScrewSectors/sector(momentum:magnetization:)``).
      let p = Double(sectors.periods[r]), spin = Double(sectors.cell) * sectors.angle * sectors.magnetizations[r]
      func member(_ k: Double) -> Bool {
        let x = (k + spin) * p / (2 * Double.pi)
        return abs(x - x.rounded()) < 1e-9
      }
      var count = 0
      for k in ks where member(k) { count += 1 }
      guard count > 0 else { continue }
      if count < ks.count { masks[rows.count] = ks.map { member($0) ? 1 : 0 } }
      rows.append(Int32(r))
    }
    var rowOf: [Int32] = []
    if rows.count != sectors.representatives.count {
      rowOf = [Int32](repeating: -1, count: sectors.representatives.count)
      for (a, r) in rows.enumerated() { rowOf[Int(r)] = Int32(a) }
    }
    self.init(op, sectors: sectors, momenta: momenta, ks: ks, rows: rows, rowOf: rowOf, masks: masks, rowsPerTask)
  }

  /// O in one sector, rows its members in order (the vector layout of ``ScrewSectors/Sector``).
  init(_ op: SpinOperatorSum, sectors: ScrewSectors, sector: ScrewSectors.Sector, rowsPerTask: Int = 1024) {
    let l = sectors.cellCount
    let rows = sector.members.map { Int32($0) }
    let rowOf = rows.count == sectors.representatives.count ? [] : sectors.positions(sector)
    self.init(
      op, sectors: sectors, momenta: [sector.momentum],
      ks: [2 * Double.pi * (Double(sector.momentum) + sectors.momentumOffset) / Double(l)], rows: rows,
      rowOf: rowOf, masks: [:], rowsPerTask)
  }

  private init(
    _ op: SpinOperatorSum, sectors: ScrewSectors, momenta: [Int], ks: [Double], rows: [Int32], rowOf: [Int32],
    masks: [Int: [Double]], _ rowsPerTask: Int
  ) {
    self.sectors = sectors
    self.momenta = momenta
    self.rows = rows
    self.rowOf = rowOf
    partialMasks = masks
    self.rowsPerTask = rowsPerTask
    let l = sectors.cellCount, w = momenta.count
    momentumPhaseRe = (0..<(l * w)).map { cos(-ks[$0 % w] * Double($0 / w)) }
    momentumPhaseIm = (0..<(l * w)).map { sin(-ks[$0 % w] * Double($0 / w)) }
    let twiceMax = Int((2 * sectors.basis.spins.reduce(0, +)).rounded())
    spinOffset = twiceMax
    let step = Double(sectors.cell) * sectors.angle
    spinPhases = (0...(2 * twiceMax)).flatMap { index -> [Complex<Double>] in
      let m = Double(index - twiceMax) / 2
      return (0..<l).map { Complex(cos(step * m * Double($0)), -sin(step * m * Double($0))) }
    }
    rootPeriods = (0...l).map { Double($0).squareRoot() }
    oneSite = op.oneSiteLadder
    twoSite = op.twoSiteLadder
    let basis = sectors.basis
    let dMax = basis.localDimensions.max()!
    maxLocalDimension = dMax
    var amps = [Double](repeating: 0, count: basis.siteCount * 3 * dMax)
    for i in 0..<basis.siteCount {
      for mu in 0..<3 {
        for k in 0..<basis.localDimensions[i] {
          let state = k * basis.strides[i]
          if let (_, a) = basis.apply(SpinProductBasis.Ladder(rawValue: mu)!, site: i, to: state) {
            amps[(i * 3 + mu) * dMax + k] = a
          }
        }
      }
    }
    amplitudes = amps
  }

  /// Bytes of the tables for `orbits` rows (besides the sectors' own table), with an M restriction or not.
  static func tableBytes(orbits: Double, restricted: Bool) -> Double { (restricted ? 12 : 4) * orbits }

  /// y = O x (both `rows.count · width` long).
  func multiply(_ x: [Complex<Double>], into y: inout [Complex<Double>]) {
    precondition(x.count == rows.count * width && y.count == x.count)
    x.withUnsafeBufferPointer { xin in
      y.withUnsafeMutableBufferPointer { out in multiply(xin.baseAddress!, into: out.baseAddress!) }
    }
  }

  /// y = O x on raw buffers of `rows.count · width` elements.
  func multiply(_ x: UnsafePointer<Complex<Double>>, into y: UnsafeMutablePointer<Complex<Double>>) {
    let chunk = rowsPerTask, count = rows.count
    let chunks = (count + chunk - 1) / chunk
    let xs = UnsafeSendableConstPointer(x), ys = UnsafeSendablePointer(y)
    sectors.orbitOf.withUnsafeBufferPointer { orbit in
      let table = UnsafeSendableConstPointer(orbit.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        applyRows((c * chunk)..<min(count, (c + 1) * chunk), x: xs.pointer, y: ys.pointer, orbit: table.pointer)
      }
    }
  }

  /// The rows `range` of y = O x: per row, first the images (orbit lookups, all independent loads)
  /// into a short list of (b, l, z), then one tight loop over the W columns per image.
  private func applyRows(
    _ range: Range<Int>, x: UnsafePointer<Complex<Double>>, y: UnsafeMutablePointer<Complex<Double>>,
    orbit: UnsafePointer<UInt64>
  ) {
    let basis = sectors.basis, n = basis.siteCount, w = width, l = sectors.cellCount
    let dMax = maxLocalDimension
    let capacity = 3 * oneSite.count + 9 * twoSite.count + 1
    let xd = UnsafeRawPointer(x).assumingMemoryBound(to: Double.self)
    withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { digits in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * w) { acc in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * capacity) { images in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * capacity) { weights in
            amplitudes.withUnsafeBufferPointer { amp in
              momentumPhaseRe.withUnsafeBufferPointer { pre in
                momentumPhaseIm.withUnsafeBufferPointer { pim in
                  let accR = acc.baseAddress!, accI = acc.baseAddress! + w
                  for a in range {
                    let r = Int(rows[a])
                    let s = sectors.representatives[r]
                    var rest = s
                    for i in 0..<n {
                      let d = basis.localDimensions[i]
                      digits[i] = rest % d
                      rest /= d
                    }
                    let rootPa = rootPeriods[sectors.periods[r]]
                    let twiceMa = Int((2 * sectors.magnetizations[r]).rounded())
                    var diagonal = Complex<Double>.zero
                    var count = 0
                    // One image: c (coefficient of |t⟩ in O|r_a⟩), ΔM of the term.
                    @inline(__always) func emit(_ t: Int, _ c: Complex<Double>, _ deltaM: Int) {
                      if t == s {
                        diagonal = diagonal + c
                        return
                      }
                      let word = orbit[t]
                      let rb = Int(truncatingIfNeeded: word >> 32)
                      let b = rowOf.isEmpty ? rb : Int(rowOf[rb])
                      guard b >= 0 else { return }
                      let shift = Int(truncatingIfNeeded: word & 0xFFFF)
                      let pb = Int(truncatingIfNeeded: (word >> 16) & 0xFFFF)
                      let phase = spinPhases[(twiceMa + 2 * deltaM + spinOffset) * l + shift]
                      // z = conj(c) √(p_a/p_b) e^{−icαM_b l}; then y_{a,w} += z e^{−ik_w l} x_{b,w}.
                      let f = rootPa / rootPeriods[pb]
                      let cr = c.real * f, ci = -c.imaginary * f
                      images[2 * count] = b
                      images[2 * count + 1] = shift
                      weights[2 * count] = cr * phase.real - ci * phase.imaginary
                      weights[2 * count + 1] = cr * phase.imaginary + ci * phase.real
                      count += 1
                    }
                    for (site, c) in oneSite {
                      let k = digits[site], stride = basis.strides[site]
                      for mu in 0..<3 where c[mu] != .zero {
                        let a1 = amp[(site * 3 + mu) * dMax + k]
                        guard a1 != 0 else { continue }
                        let (dt, dm) = mu == 0 ? (-stride, 1) : (mu == 1 ? (stride, -1) : (0, 0))
                        emit(s + dt, c[mu] * Complex(a1, 0), dm)
                      }
                    }
                    for (i, j, c) in twoSite {
                      let ki = digits[i], kj = digits[j], si = basis.strides[i], sj = basis.strides[j]
                      for nu in 0..<3 {
                        let aj = amp[(j * 3 + nu) * dMax + kj]
                        guard aj != 0 else { continue }
                        let (dtj, dmj) = nu == 0 ? (-sj, 1) : (nu == 1 ? (sj, -1) : (0, 0))
                        for mu in 0..<3 where c[3 * mu + nu] != .zero {
                          let ai = amp[(i * 3 + mu) * dMax + ki]
                          guard ai != 0 else { continue }
                          let (dti, dmi) = mu == 0 ? (-si, 1) : (mu == 1 ? (si, -1) : (0, 0))
                          emit(s + dti + dtj, c[3 * mu + nu] * Complex(ai * aj, 0), dmi + dmj)
                        }
                      }
                    }
                    // The diagonal first (conj(c_d) x_a), then the images in the order found.
                    let dr = diagonal.real, di = -diagonal.imaginary
                    let xa = xd + 2 * a * w
                    for k in 0..<w {
                      let xr = xa[2 * k], xi = xa[2 * k + 1]
                      accR[k] = dr * xr - di * xi
                      accI[k] = dr * xi + di * xr
                    }
                    for e in 0..<count {
                      let zr = weights[2 * e], zi = weights[2 * e + 1]
                      let xb = xd + 2 * images[2 * e] * w
                      let er = pre.baseAddress! + images[2 * e + 1] * w, ei = pim.baseAddress! + images[2 * e + 1] * w
                      for k in 0..<w {
                        let pr = zr * er[k] - zi * ei[k], pi = zr * ei[k] + zi * er[k]
                        let xr = xb[2 * k], xi = xb[2 * k + 1]
                        accR[k] += pr * xr - pi * xi
                        accI[k] += pr * xi + pi * xr
                      }
                    }
                    let mask = partialMasks.isEmpty ? nil : partialMasks[a]
                    for k in 0..<w {
                      let keep = mask?[k] ?? 1
                      y[a * w + k] = Complex(accR[k] * keep, accI[k] * keep)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// ⟨ψ|O|ψ⟩ per column (real part; O Hermitian).
  func expectations(_ psi: [Complex<Double>]) -> [Double] {
    var y = [Complex<Double>](repeating: .zero, count: psi.count)
    multiply(psi, into: &y)
    return WideVector.dots(psi, y, width: width).map(\.real)
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
