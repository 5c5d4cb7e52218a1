import Foundation
import LinearAlgebra
import Numerics

/// Block-diagonalisation of a ring by its screw symmetry G = e^{−i c α S^z_tot} T_c.
///
/// T_c moves every site content `cell` = c sites forward; the rotation by cα about z makes the crown
/// (h_{i+c} = R_z(cα) h_i, α = −2π/N) invariant: G S_i G† = R_z(−cα) S_{i+c}. With L = N/c cells,
/// G^L = e^{−iNαS^z} = e^{2πiS^z} = (−1)^{2M} (α = −2π/N): the momenta are k_n = 2π(n + ν)/L,
/// n = 0…L−1, with ν = ½ when the total spin is half-integer (2M odd), else 0 (the 2π-rotation phase).
///
/// Momentum states: for an orbit representative r (smallest index of its T_c orbit, period p_r)
///
///     |r, n⟩ = p_r^{−1/2} Σ_{j<p_r} e^{−iθ_r j} |T_c^j r⟩,   θ_r = k_n + cα M_r,
///
/// which exists iff θ_r p_r ∈ 2πℤ. For an operator O commuting with G and O|r⟩ = Σ_s c_s |s⟩,
/// s = T_c^l r′: ⟨r′, n|O|r, n⟩ = √(p_r/p_r′) Σ_s c_s e^{iθ_r′ l}. When O also conserves S^z_tot a
/// sector can be restricted to one M. Cell = N gives one sector, the unreduced basis.
/// Memory: 8 bytes per product state (the orbit table) plus the blocks.
public struct ScrewSectors: Sendable {
  public let basis: SpinProductBasis
  public let cell: Int
  /// Rotation per site α (rad); the screw rotates by cell·α.
  public let angle: Double
  /// Number of cells L = N/cell = number of momenta.
  var cellCount: Int { basis.siteCount / cell }
  /// Orbit representatives (ascending), their periods (in cells) and total M.
  let representatives: [Int]
  public let periods: [Int]
  public let magnetizations: [Double]
  /// For every product state s = T_c^l r: (index of r) << 32 | p_r << 16 | l, one word, so that a
  /// matrix-free product reads one table entry per image state.
  let orbitOf: [UInt64]
  /// Index of the representative of state `s`.
  @inline(__always) func representativeIndex(_ s: Int) -> Int { Int(truncatingIfNeeded: orbitOf[s] >> 32) }
  /// l with s = T_c^l r.
  @inline(__always) func shift(_ s: Int) -> Int { Int(truncatingIfNeeded: orbitOf[s] & 0xFFFF) }
  /// ν: ½ for half-integer total spin with the crown's α = −2π/N, else 0.
  let momentumOffset: Double

  /// - Precondition: the spin pattern has period `cell` and N/cell ≤ 65535 (checked by the caller).
  public init(basis: SpinProductBasis, cell: Int, angle: Double) {
    precondition(basis.isPeriodic(cell: cell) && basis.siteCount / cell < 65_536)
    self.basis = basis
    self.cell = cell
    self.angle = angle
    let d = basis.dimension
    let unset = UInt64.max
    var table = [UInt64](repeating: unset, count: d)
    var reps: [Int] = [], periods: [Int] = [], mags: [Double] = []
    for s in 0..<d where table[s] == unset {
      let index = UInt64(reps.count) << 32
      var t = s, l = 0
      repeat {
        table[t] = index | UInt64(l)
        t = basis.translated(t, cell: cell)
        l += 1
      } while t != s
      // The period is known once the orbit closes: second pass over the orbit.
      for _ in 0..<l {
        table[t] |= UInt64(l) << 16
        t = basis.translated(t, cell: cell)
      }
      reps.append(s)
      periods.append(l)
      mags.append(basis.totalMagnetization(s))
    }
    representatives = reps
    self.periods = periods
    magnetizations = mags
    orbitOf = table
    // G^L = e^{−iNαS^z}: e^{2πiM} = (−1)^{2M} for the crown's α = −2π/N, 1 for α = 0 (unreduced).
    let phase = -Double(basis.siteCount) * angle * (mags.first ?? 0) / (2 * Double.pi)
    let offset = phase - phase.rounded(.down)
    momentumOffset = abs(offset - offset.rounded()) < 1e-9 ? 0 : offset
  }

  /// One symmetry sector: momentum index n and optionally a fixed total M.
  public struct Sector: Sendable {
    public let momentum: Int
    public let magnetization: Double?
    /// k_n = 2π(n + ν)/L (rad per cell).
    public let k: Double
    /// Representative indices (into `ScrewSectors/representatives`) spanning the sector.
    public let members: [Int]
    /// θ_r of each member.
    let thetas: [Double]
    public var dimension: Int { members.count }
  }

  /// The sector of momentum index n (0…L−1), restricted to total M = `magnetization` when given.
  public func sector(momentum n: Int, magnetization: Double? = nil) -> Sector {
    let l = Double(cellCount)
    let k = 2 * Double.pi * (Double(n) + momentumOffset) / l
    var members: [Int] = [], thetas: [Double] = []
    for r in representatives.indices {
      if let m = magnetization, magnetizations[r] != m { continue }
      let theta = k + Double(cell) * angle * magnetizations[r]
      let x = theta * Double(periods[r]) / (2 * Double.pi)
      if abs(x - x.rounded()) < 1e-9 {
        members.append(r)
        thetas.append(theta)
      }
    }
    return Sector(momentum: n, magnetization: magnetization, k: k, members: members, thetas: thetas)
  }

  /// All sectors: every momentum, split by total M when `bySz`; empty sectors dropped.
  func allSectors(bySz: Bool) -> [Sector] {
    let ms = bySz ? Array(Set(magnetizations)).sorted().map { Optional($0) } : [nil]
    return (0..<cellCount).flatMap { n in ms.map { sector(momentum: n, magnetization: $0) } }.filter {
      $0.dimension > 0
    }
  }

  /// Position of each representative within `sector` (−1 when absent).
  func positions(_ sector: Sector) -> [Int32] {
    var pos = [Int32](repeating: -1, count: representatives.count)
    for (a, r) in sector.members.enumerated() { pos[r] = Int32(a) }
    return pos
  }

  /// The matrix of a G-invariant operator in `sector` (D_k × D_k, Hermitian for Hermitian O).
  ///
  /// Precondition: O commutes with G (and with S^z_tot when the sector fixes M); otherwise the result
  /// is the projection of O, not O (`SpinOperatorSum/screwAveraged(sites:cell:angle:)` symmetrises).
  public func matrix(_ op: SpinOperatorSum, in sector: Sector) -> ComplexMatrix {
    let dk = sector.dimension
    var m = ComplexMatrix(rows: dk, columns: dk)
    forEachElement(of: op, in: sector, positions: positions(sector)) { row, col, value in
      m[row, col] = m[row, col] + value
    }
    return m
  }

  /// Calls `body(row, column, ⟨row|O|column⟩ contribution)` for every term of O acting on every
  /// member column of `sector` (columns with `skip(column)` true are left out). Duplicate
  /// (row, column) pairs come separately: callers sum them. The one place the matrix elements
  /// ⟨r′, n|O|r, n⟩ = √(p_r/p_r′) c_s e^{iθ_r′ l} are formed.
  @inline(__always)
  func forEachElement(
    of op: SpinOperatorSum, in sector: Sector, positions pos: [Int32], skip: (Int) -> Bool = { _ in false },
    _ body: (_ row: Int, _ column: Int, _ value: Complex<Double>) -> Void
  ) {
    for (col, r) in sector.members.enumerated() where !skip(col) {
      let pr = Double(periods[r])
      op.apply(to: representatives[r], in: basis) { s, c in
        let r2 = representativeIndex(s)
        let row = Int(pos[r2])
        guard row >= 0 else { return }
        let phase = sector.thetas[row] * Double(shift(s))
        let f = (pr / Double(periods[r2])).squareRoot()
        body(row, col, c * Complex(f * cos(phase), f * sin(phase)))
      }
    }
  }

  /// y = O x in `sector` without storing the matrix (for Krylov iterations); same preconditions.
  public func multiply(
    _ op: SpinOperatorSum, in sector: Sector, positions pos: [Int32], _ x: [Complex<Double>],
    into y: inout [Complex<Double>]
  ) {
    for a in y.indices { y[a] = .zero }
    forEachElement(of: op, in: sector, positions: pos, skip: { x[$0] == .zero }) { row, col, value in
      y[row] = y[row] + value * x[col]
    }
  }

  /// A sector matrix in compressed-row form (duplicates summed), for repeated products.
  struct SparseSectorMatrix: Sendable {
    let rowStart: [Int]
    let columns: [Int32]
    let values: [Complex<Double>]
    /// y = M x.
    public func multiply(_ x: [Complex<Double>], into y: inout [Complex<Double>]) {
      for r in 0..<(rowStart.count - 1) {
        var acc = Complex<Double>.zero
        for k in rowStart[r]..<rowStart[r + 1] { acc = acc + values[k] * x[Int(columns[k])] }
        y[r] = acc
      }
    }
    /// ⟨v_n|M|v_n⟩ = Re Σ_i v̄_in (M v_n)_i for the listed columns n of `vectors` (rows: the sector
    /// basis). O(nnz · columns) — the sparse replacement of the dense product M V. The listed columns
    /// are first copied row-major with real and imaginary parts apart, so that each stored element
    /// M_ik updates all columns in one contiguous (vectorisable) loop. M Hermitian: the imaginary
    /// part vanishes and is dropped.
    func diagonalExpectations(_ vectors: ComplexMatrix, columns wanted: [Int]) -> [Double] {
      let rows = vectors.rows, nc = wanted.count
      precondition(rows == rowStart.count - 1)
      var re = [Double](repeating: 0, count: rows * nc), im = re
      for (c, n) in wanted.enumerated() {
        for r in 0..<rows {
          let z = vectors.elements[n * rows + r]
          re[r * nc + c] = z.real
          im[r * nc + c] = z.imaginary
        }
      }
      var accRe = [Double](repeating: 0, count: nc), accIm = accRe, total = accRe
      re.withUnsafeBufferPointer { vr in
        im.withUnsafeBufferPointer { vi in
          accRe.withUnsafeMutableBufferPointer { ar in
            accIm.withUnsafeMutableBufferPointer { ai in
              total.withUnsafeMutableBufferPointer { t in
                for r in 0..<rows {
                  for c in 0..<nc {
                    ar[c] = 0
                    ai[c] = 0
                  }
                  for k in rowStart[r]..<rowStart[r + 1] {
                    let mr = values[k].real, mi = values[k].imaginary, base = Int(columns[k]) * nc
                    for c in 0..<nc {
                      let xr = vr[base + c], xi = vi[base + c]
                      ar[c] += mr * xr - mi * xi
                      ai[c] += mr * xi + mi * xr
                    }
                  }
                  let base = r * nc
                  for c in 0..<nc { t[c] += vr[base + c] * ar[c] + vi[base + c] * ai[c] }
                }
              }
            }
          }
        }
      }
      return total
    }
  }

  /// The matrix of a G-invariant operator in `sector`, stored sparsely (same elements as ``matrix(_:in:)``).
  func sparseMatrix(_ op: SpinOperatorSum, in sector: Sector) -> SparseSectorMatrix {
    var entries: [[(Int32, Complex<Double>)]] = Array(repeating: [], count: sector.dimension)
    forEachElement(of: op, in: sector, positions: positions(sector)) { row, col, value in
      entries[row].append((Int32(col), value))
    }
    var rowStart = [0], columns: [Int32] = [], values: [Complex<Double>] = []
    for var row in entries {
      // Stable sort: duplicates are summed in the order they were generated.
      row.sort { $0.0 < $1.0 }
      var i = 0
      while i < row.count {
        let c = row[i].0
        var v = row[i].1
        i += 1
        while i < row.count && row[i].0 == c {
          v = v + row[i].1
          i += 1
        }
        columns.append(c)
        values.append(v)
      }
      rowStart.append(columns.count)
    }
    return SparseSectorMatrix(rowStart: rowStart, columns: columns, values: values)
  }

  /// Bytes of the orbit tables for `dimension` product states.
  static func tableBytes(dimension: Double) -> Double { 8 * dimension + 24 * dimension / 2 }
}
