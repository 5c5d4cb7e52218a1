import CLAPACK
/// Dense solves, inverses and Cholesky (LAPACK ?getrf/?getrs, ?potrf).
extension Matrix {
  /// Solves A X = B by LU with partial pivoting (`?getrf` + `?getrs`).
  ///
  /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)``, ``LinearAlgebraError/dimensionMismatch(_:)``,
  ///   ``LinearAlgebraError/nonFinite(_:)`` before LAPACK; ``LinearAlgebraError/failed(routine:info:meaning:)``
  ///   naming `?getrf` when U(info, info) is exactly zero (A singular).
  @inlinable public static func solve(_ a: Matrix, _ b: Matrix) throws -> Matrix {
    try a.requireSquare()
    guard b.rows == a.rows else {
      throw LinearAlgebraError.dimensionMismatch("solve: A is \(a.rows)×\(a.columns), B has \(b.rows) rows")
    }
    try a.requireFinite("solve: A")
    try b.requireFinite("solve: B")
    let n = a.rows
    guard n > 0, b.columns > 0 else { return b }
    var lu = guardedCopy(a.elements, fill: .zero, order: n)
    var x = guardedCopy(b.elements, fill: .zero, order: n)
    var ipiv = [Int32](repeating: 0, count: n)
    let routine = Element.blasPrefix + "getrf"
    try lapack(routine, meaning: { "U(\($0),\($0)) is exactly zero: the matrix is singular" }) { _, _, _, _, _, _ in
      lu.withUnsafeMutableBufferPointer { pa in
        ipiv.withUnsafeMutableBufferPointer { Element.getrf(n: n, a: pa.baseAddress!, lda: n, ipiv: $0.baseAddress!) }
      }
    }
    try lapack(Element.blasPrefix + "getrs") { _, _, _, _, _, _ in
      lu.withUnsafeBufferPointer { pa in
        ipiv.withUnsafeBufferPointer { pp in
          x.withUnsafeMutableBufferPointer { px in
            Element.getrs(
              n: n, nrhs: b.columns, a: pa.baseAddress!, lda: n, ipiv: pp.baseAddress!, b: px.baseAddress!, ldb: n)
          }
        }
      }
    }
    removeGuard(&x, keeping: n * b.columns)
    return try Matrix(rows: b.rows, columns: b.columns, elements: x)
  }

  /// Solves A x = b for one right-hand side.
  public static func solve(_ a: Matrix, _ b: [Element]) throws -> [Element] {
    try solve(a, Matrix(rows: b.count, columns: 1, elements: b)).elements
  }

  /// A⁻¹ (via ``solve(_:_:)->Matrix<Element>`` with the identity); throws when singular.
  @inlinable public func inverse() throws -> Matrix { try Matrix.solve(self, .identity(rows)) }

  /// Upper Cholesky factor U with A = U†U (`?potrf`), for Hermitian positive-definite A.
  ///
  /// Only the upper triangle of A is read.
  /// - Throws: ``LinearAlgebraError/failed(routine:info:meaning:)`` naming `?potrf` when the
  ///   leading minor of order `info` is not positive (A is not positive definite).
  @inlinable public func choleskyUpper() throws -> Matrix {
    try requireSquare()
    try requireFinite("cholesky")
    let n = rows
    var u = guardedCopy(elements, fill: .zero, order: n)
    try lapack(
      Element.blasPrefix + "potrf",
      meaning: { "the leading minor of order \($0) is not positive: the matrix is not positive definite" }
    ) { _, _, _, _, _, _ in
      u.withUnsafeMutableBufferPointer { Element.potrf(n: n, a: $0.baseAddress!, lda: max(1, n)) }
    }
    removeGuard(&u, keeping: n * n)
    var m = try Matrix(rows: n, columns: n, elements: u)
    for j in 0..<n { for i in (j + 1)..<max(j + 1, n) { m[i, j] = .zero } }
    return m
  }
}
