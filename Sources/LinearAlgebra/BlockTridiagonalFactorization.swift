/// A block-tridiagonal matrix factorised once for many right-hand sides.
///
/// Same algorithm and result as ``BlockTridiagonalMatrix/solve(_:)`` (banded LU by `?gbtrf`;
/// for the cyclic case the Woodbury identity with Z = T⁻¹U and the 2b×2b capacitance
/// 𝟙 + VᵀZ), but the factorisation, Z and the capacitance are computed once in `init`, so each
/// `solve(_:)` costs one `?gbtrs` plus O(n·b) work. Use it for time stepping with a fixed
/// implicit matrix.
public struct BlockTridiagonalFactorization<Element: LinearAlgebraScalar>: Sendable {
  public let blockSize: Int
  public let blockCount: Int
  public let isPeriodic: Bool
  private let bandLU: [Element]
  private let pivots: [Int32]
  /// Z = T⁻¹U, `dimension` × 2b column-major (periodic only).
  private let correction: [Element]
  /// 𝟙 + VᵀZ (periodic only).
  private let capacitance: Matrix<Element>
  /// L₀ and U_{n−1} (the cyclic corner blocks), b×b column-major.
  private let cornerLower: [Element]
  private let cornerUpper: [Element]

  /// Factorises `matrix`.
  /// - Throws: ``LinearAlgebraError/nonFinite(_:)`` for non-finite entries,
  ///   ``LinearAlgebraError/failed(routine:info:meaning:)`` naming `?gbtrf` when singular.
  public init(_ matrix: BlockTridiagonalMatrix<Element>) throws {
    let b = matrix.blockSize, n = matrix.blockCount, size = b * n
    blockSize = b
    blockCount = n
    isPeriodic = matrix.isPeriodic
    for storage in [matrix.diagonal, matrix.lower, matrix.upper] {
      for v in storage where !v.isFiniteScalar { throw LinearAlgebraError.nonFinite("block-tridiagonal matrix") }
    }
    let kl = 2 * b - 1, ku = kl, ldab = 2 * kl + ku + 1
    var ab = guardedBuffer(count: ldab * size, fill: Element.zero, order: ldab)
    for blk in 0..<n {
      for c in 0..<b {
        for r in 0..<b {
          let k = matrix.index(block: blk, row: r, column: c)
          let i = blk * b + r, j = blk * b + c
          ab[kl + ku + i - j + j * ldab] = matrix.diagonal[k]
          if blk > 0 { ab[kl + ku + i - (j - b) + (j - b) * ldab] = matrix.lower[k] }
          if blk < n - 1 { ab[kl + ku + i - (j + b) + (j + b) * ldab] = matrix.upper[k] }
        }
      }
    }
    var ipiv = [Int32](repeating: 0, count: size)
    try lapack(
      Element.blasPrefix + "gbtrf",
      meaning: { "U(\($0),\($0)) is exactly zero: the block-tridiagonal matrix is singular" }
    ) { _, _, _, _, _, _ in
      ab.withUnsafeMutableBufferPointer { pab in
        ipiv.withUnsafeMutableBufferPointer {
          Element.gbtrf(n: size, kl: kl, ku: ku, ab: pab.baseAddress!, ldab: ldab, ipiv: $0.baseAddress!)
        }
      }
    }
    bandLU = ab
    pivots = ipiv
    var lower0 = [Element](repeating: .zero, count: b * b), upperLast = lower0
    if matrix.isPeriodic {
      for c in 0..<b {
        for r in 0..<b {
          lower0[r + c * b] = matrix.lower[matrix.index(block: 0, row: r, column: c)]
          upperLast[r + c * b] = matrix.upper[matrix.index(block: n - 1, row: r, column: c)]
        }
      }
    }
    cornerLower = lower0
    cornerUpper = upperLast
    guard matrix.isPeriodic else {
      correction = []
      capacitance = Matrix<Element>(rows: 0, columns: 0)
      return
    }
    // Z = T⁻¹U with U = [E₀, E_{n−1}] (unit vectors of blocks 0 and n−1).
    var z = guardedBuffer(count: size * 2 * b, fill: Element.zero, order: size)
    for r in 0..<b {
      z[size * r + r] = .one
      z[size * (b + r) + (n - 1) * b + r] = .one
    }
    try Self.bandSolve(ab, ipiv, &z, size: size, blockSize: b, columns: 2 * b)
    correction = z
    var cap = Matrix<Element>.identity(2 * b)
    for k in 0..<(2 * b) {
      let v = Self.applyVT(z, column: k, size: size, blockSize: b, blockCount: n, lower0: lower0, upperLast: upperLast)
      for r in 0..<(2 * b) { cap[r, k] += v[r] }
    }
    capacitance = cap
  }

  /// Solves A x = f (f has n·b entries, block-major).
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)``, ``LinearAlgebraError/nonFinite(_:)``.
  public func solve(_ f: [Element]) throws -> [Element] { try solveAny(f) }

  /// The body of ``solve(_:)`` (the `Double` overload calls it specialised).
  func solveAny(_ f: [Element]) throws -> [Element] {
    let b = blockSize, n = blockCount, size = b * n
    guard f.count == size else {
      throw LinearAlgebraError.dimensionMismatch("right-hand side has \(f.count) entries, expected \(size)")
    }
    for v in f where !v.isFiniteScalar { throw LinearAlgebraError.nonFinite("block-tridiagonal right-hand side") }
    var x = guardedCopy(f, fill: .zero, order: size)
    try Self.bandSolve(bandLU, pivots, &x, size: size, blockSize: b, columns: 1)
    removeGuard(&x, keeping: size)
    guard isPeriodic else { return x }
    let w = try Matrix<Element>.solve(
      capacitance,
      Self.applyVT(x, column: 0, size: size, blockSize: b, blockCount: n, lower0: cornerLower, upperLast: cornerUpper))
    for k in 0..<(2 * b) where w[k] != .zero {
      let base = k * size
      for i in 0..<size { x[i] -= correction[base + i] * w[k] }
    }
    return x
  }

  private static func bandSolve(
    _ ab: [Element], _ ipiv: [Int32], _ rhs: inout [Element], size: Int, blockSize b: Int, columns: Int
  ) throws {
    let kl = 2 * b - 1, ku = kl, ldab = 2 * kl + ku + 1
    try lapack(Element.blasPrefix + "gbtrs") { _, _, _, _, _, _ in
      ab.withUnsafeBufferPointer { pab in
        ipiv.withUnsafeBufferPointer { pp in
          rhs.withUnsafeMutableBufferPointer { pr in
            Element.gbtrs(
              n: size, kl: kl, ku: ku, nrhs: columns, ab: pab.baseAddress!, ldab: ldab, ipiv: pp.baseAddress!,
              b: pr.baseAddress!, ldb: size)
          }
        }
      }
    }
  }

  /// Vᵀ applied to column `column` of `v`: block 0 row ← L₀·(block n−1), block n−1 row ← U_{n−1}·(block 0).
  private static func applyVT(
    _ v: [Element], column: Int, size: Int, blockSize b: Int, blockCount n: Int, lower0: [Element],
    upperLast: [Element]
  ) -> [Element] {
    var out = [Element](repeating: .zero, count: 2 * b)
    let base = column * size
    for r in 0..<b {
      var s0 = Element.zero, s1 = Element.zero
      for c in 0..<b {
        s0 += lower0[r + c * b] * v[base + (n - 1) * b + c]
        s1 += upperLast[r + c * b] * v[base + c]
      }
      out[r] = s0
      out[b + r] = s1
    }
    return out
  }
}

extension BlockTridiagonalMatrix {
  /// The factorisation of this matrix for repeated solves (see ``BlockTridiagonalFactorization``).
  public func factorized() throws -> BlockTridiagonalFactorization<Element> { try BlockTridiagonalFactorization(self) }
}

// Real overloads, compiled specialised in this module. Callers in other modules (the classical
// ground-state Newton solver calls these once per step) would otherwise run the generic bodies
// unspecialised, element by element through witness tables: measured 15 % of
// `reproduce --figure 000-current-vs-omega`. Same arithmetic, same results.
extension BlockTridiagonalMatrix where Element == Double {
  /// ``factorized()`` for real matrices (specialised).
  public func factorized() throws -> BlockTridiagonalFactorization<Double> { try BlockTridiagonalFactorization(self) }
}

extension BlockTridiagonalFactorization where Element == Double {
  /// ``solve(_:)`` for real matrices (specialised).
  public func solve(_ f: [Double]) throws -> [Double] { try solveAny(f) }
}
