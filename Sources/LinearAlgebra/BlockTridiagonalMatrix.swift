/// A block-tridiagonal matrix (optionally cyclic) with square blocks of size b, solved in
/// O(n·b³) through LAPACK's banded LU (`?gbtrf`/`?gbtrs`); the cyclic corners are added by
/// the Woodbury identity (one extra 2b×2b dense solve).
///
/// Block row i reads  Lᵢ x_{i−1} + Dᵢ xᵢ + Uᵢ x_{i+1} = fᵢ.  In the open case L₀ and U_{n−1}
/// are ignored; in the periodic case L₀ couples block 0 to block n−1 and U_{n−1} couples
/// block n−1 to block 0 (needs n ≥ 3). Storage is flat: block i of each diagonal occupies
/// entries `i*b*b ..< (i+1)*b*b`, column-major inside the block.
public struct BlockTridiagonalMatrix<Element: LinearAlgebraScalar>: Sendable {
  public let blockSize: Int
  public let blockCount: Int
  public let isPeriodic: Bool
  /// Sub-diagonal blocks Lᵢ (coupling to block i−1).
  public var lower: [Element]
  /// Diagonal blocks Dᵢ.
  public var diagonal: [Element]
  /// Super-diagonal blocks Uᵢ (coupling to block i+1).
  public var upper: [Element]

  /// A zero matrix with `blockCount` blocks of size `blockSize`.
  @_specialize(where Element == Double)
  public init(blockSize: Int, blockCount: Int, periodic: Bool = false) throws {
    try Self.validate(blockSize: blockSize, blockCount: blockCount, periodic: periodic)
    self.blockSize = blockSize
    self.blockCount = blockCount
    isPeriodic = periodic
    let count = blockSize * blockSize * blockCount
    // Three separate buffers: sharing one would make the first write to each a full copy.
    lower = Array(repeating: .zero, count: count)
    diagonal = Array(repeating: .zero, count: count)
    upper = Array(repeating: .zero, count: count)
  }

  /// A matrix whose blocks `initialize` writes straight into fresh storage (lower, diagonal,
  /// upper; b²·n entries each, laid out as ``index(block:row:column:)``), with no zero fill
  /// first: for large assemblies that write every entry anyway.
  ///
  /// Precondition: `initialize` assigns every entry of the three buffers, the blocks an open
  /// matrix ignores (L₀, Uₙ₋₁) included; an entry it skips is left undefined.
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` as ``init(blockSize:blockCount:periodic:)``,
  ///   and whatever `initialize` throws.
  @_specialize(where Element == Double)
  public init(
    blockSize: Int, blockCount: Int, periodic: Bool = false,
    initializingBlocks initialize: (
      _ lower: UnsafeMutableBufferPointer<Element>, _ diagonal: UnsafeMutableBufferPointer<Element>,
      _ upper: UnsafeMutableBufferPointer<Element>
    ) throws -> Void
  ) throws {
    try Self.validate(blockSize: blockSize, blockCount: blockCount, periodic: periodic)
    self.blockSize = blockSize
    self.blockCount = blockCount
    isPeriodic = periodic
    let count = blockSize * blockSize * blockCount
    var diagonalBlocks: [Element] = [], upperBlocks: [Element] = []
    lower = try Array(unsafeUninitializedCapacity: count) { lo, loCount in
      diagonalBlocks = try Array(unsafeUninitializedCapacity: count) { di, diCount in
        upperBlocks = try Array(unsafeUninitializedCapacity: count) { up, upCount in
          try initialize(lo, di, up)
          upCount = count
        }
        diCount = count
      }
      loCount = count
    }
    diagonal = diagonalBlocks
    upper = upperBlocks
  }

  private static func validate(blockSize: Int, blockCount: Int, periodic: Bool) throws {
    guard blockSize >= 1, blockCount >= 1 else {
      throw LinearAlgebraError.dimensionMismatch("block size \(blockSize), block count \(blockCount)")
    }
    guard !periodic || blockCount >= 3 else {
      throw LinearAlgebraError.dimensionMismatch(
        "a periodic block-tridiagonal matrix needs ≥ 3 blocks, got \(blockCount)")
    }
  }

  /// Index into `lower`/`diagonal`/`upper` of entry (r, c) of block i.
  @inlinable public func index(block i: Int, row r: Int, column c: Int) -> Int {
    i * blockSize * blockSize + r + c * blockSize
  }

  /// Total dimension n·b.
  public var dimension: Int { blockSize * blockCount }

  /// The dense matrix (for tests and small problems).
  public var dense: Matrix<Element> {
    let b = blockSize, n = blockCount
    var m = Matrix<Element>(rows: b * n, columns: b * n)
    for i in 0..<n {
      for r in 0..<b {
        for c in 0..<b {
          m[i * b + r, i * b + c] += diagonal[index(block: i, row: r, column: c)]
          if i > 0 || isPeriodic {
            m[i * b + r, ((i - 1 + n) % n) * b + c] += lower[index(block: i, row: r, column: c)]
          }
          if i < n - 1 || isPeriodic {
            m[i * b + r, ((i + 1) % n) * b + c] += upper[index(block: i, row: r, column: c)]
          }
        }
      }
    }
    return m
  }

  /// Solves A x = f (f has n·b entries, block-major).
  ///
  /// First tries block LU elimination without pivoting across blocks (one LAPACK `?gesv` per
  /// block: O(n·b³) work and no band storage) and accepts its answer when the backward error
  /// ‖A x − f‖∞ / (‖A‖∞‖x‖∞ + ‖f‖∞) is below `blockEliminationTolerance`; otherwise (a
  /// singular pivot block, or growth) it solves again with the banded LU with partial pivoting,
  /// so results and failure modes are those of `?gbtrf`.
  ///
  /// - Throws: ``LinearAlgebraError/nonFinite(_:)`` for non-finite input,
  ///   ``LinearAlgebraError/failed(routine:info:meaning:)`` naming `?gbtrf` (or `?getrf` for the
  ///   cyclic correction) when the matrix is singular.
  @_specialize(where Element == Double)
  public func solve(_ f: [Element]) throws -> [Element] {
    try solveWithBackwardError(f).solution
  }

  /// ``solve(_:)`` that also returns the normwise backward error of the answer
  /// (‖A x − f‖∞ / (‖A‖∞‖x‖∞ + ‖f‖∞), computed once, O(n·b²)).
  @_specialize(where Element == Double)
  public func solveWithBackwardError(_ f: [Element]) throws -> (solution: [Element], backwardError: Double) {
    let size = blockSize * blockCount
    guard f.count == size else {
      throw LinearAlgebraError.dimensionMismatch("right-hand side has \(f.count) entries, expected \(size)")
    }
    guard Self.allFinite(f) else { throw LinearAlgebraError.nonFinite("block-tridiagonal right-hand side") }
    guard Self.allFinite(diagonal), Self.allFinite(lower), Self.allFinite(upper)
    else { throw LinearAlgebraError.nonFinite("block-tridiagonal matrix") }
    if let x = try? solveByBlockElimination(f), Self.allFinite(x) {
      let error = backwardError(x, f)
      if error <= Self.blockEliminationTolerance { return (x, error) }
    }
    let x = try solveBanded(f)
    return (x, backwardError(x, f))
  }

  /// True when no entry is NaN or ±∞ (a plain loop: specialised, no key paths).
  @_specialize(where Element == Double)
  static func allFinite(_ values: [Element]) -> Bool {
    values.withUnsafeBufferPointer { p in
      for v in p where !v.isFiniteScalar { return false }
      return true
    }
  }

  /// Largest backward error accepted from the block elimination before falling back to the
  /// pivoted banded LU. Stable eliminations give ~1e−16; 1e−11 only rejects real growth.
  static var blockEliminationTolerance: Double { 1e-11 }

  /// The banded-LU path (`?gbtrf`/`?gbtrs`, Woodbury for the cyclic corners), through a one-off
  /// ``BlockTridiagonalFactorization`` (the one implementation of that path); input validated.
  func solveBanded(_ f: [Element]) throws -> [Element] {
    try BlockTridiagonalFactorization(self).solve(f)
  }

  /// The cyclic solution from the open solve: given the columns [y, Z] = T⁻¹[f, U] (1 + 2b
  /// columns of n·b entries), returns x = y − Z (𝟙 + VᵀZ)⁻¹ Vᵀ y.
  func woodburyCorrection(_ rhs: [Element]) throws -> [Element] {
    let b = blockSize, n = blockCount, size = b * n
    // A = T + U Vᵀ, U = [E₀, E_{n−1}], Vᵀ rows: block 0 row ← L₀ at block column n−1; block n−1 row ← U_{n−1} at column 0.
    // x = y − Z (𝟙 + VᵀZ)⁻¹ Vᵀ y with y = T⁻¹f, Z = T⁻¹U.
    func applyVT(_ column: Int) -> [Element] {
      var out = [Element](repeating: .zero, count: 2 * b)
      let base = column * size
      for r in 0..<b {
        var s0 = Element.zero, s1 = Element.zero
        for c in 0..<b {
          s0 += lower[index(block: 0, row: r, column: c)] * rhs[base + (n - 1) * b + c]
          s1 += upper[index(block: n - 1, row: r, column: c)] * rhs[base + c]
        }
        out[r] = s0
        out[b + r] = s1
      }
      return out
    }
    var capacitance = Matrix<Element>.identity(2 * b)
    for k in 0..<(2 * b) {
      let v = applyVT(1 + k)
      for r in 0..<(2 * b) { capacitance[r, k] += v[r] }
    }
    let w = try Matrix<Element>.solve(capacitance, applyVT(0))
    var x = Array(rhs[0..<size])
    for k in 0..<(2 * b) where w[k] != .zero {
      let base = (1 + k) * size
      for i in 0..<size { x[i] -= rhs[base + i] * w[k] }
    }
    return x
  }
}
