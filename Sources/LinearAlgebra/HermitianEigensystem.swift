import CLAPACK
import Numerics

/// Eigen-decomposition of a Hermitian (or real symmetric) matrix: A = V Λ V†.
///
/// Eigenvalues are real and ascending; columns of `vectors` are orthonormal eigenvectors.
/// Complex input uses `zheevd`, real input `dsyevd` (divide and conquer). Only the upper
/// triangle is read; Hermiticity is not checked beyond that (pass a Hermitian matrix).
public struct HermitianEigensystem<Element: LinearAlgebraScalar>: Sendable {
  /// Eigenvalues, ascending.
  public let values: [Double]
  /// Orthonormal eigenvectors as columns (empty 0×0 matrix when not requested).
  public let vectors: Matrix<Element>
}

extension HermitianEigensystem where Element == Complex<Double> {
  /// Diagonalises a Hermitian complex matrix with `zheevd`.
  ///
  /// - Parameters:
  ///   - a: the square Hermitian matrix.
  ///   - computeVectors: false computes eigenvalues only.
  /// - Throws: shape/finite errors before LAPACK; `zheevd` failure (`info > 0`: the algorithm
  ///   failed to converge) as ``LinearAlgebraError/failed(routine:info:meaning:)``.
  public init(_ a: ComplexMatrix, computeVectors: Bool = true) throws {
    try a.requireSquare()
    try a.requireFinite("zheevd input")
    let n = a.rows
    var work = guardedCopy(a.elements, fill: .zero, order: n)
    var w = guardedBuffer(count: n, fill: 0.0, order: n)
    if n > 0 {
      try work.withUnsafeMutableBufferPointer { pa in
        try w.withUnsafeMutableBufferPointer { pw in
          try Self.zheevd(n: n, a: pa.baseAddress!, values: pw.baseAddress!, computeVectors: computeVectors)
        }
      }
    }
    removeGuard(&work, keeping: n * n)
    removeGuard(&w, keeping: n)
    values = w
    vectors =
      computeVectors ? try ComplexMatrix(rows: n, columns: n, elements: work) : ComplexMatrix(rows: 0, columns: 0)
  }

  /// `zheevd` in place on caller-owned storage (n > 0): `a` (n × n, column-major, lda = n) is
  /// overwritten by the eigenvectors, `values` (n) receives the eigenvalues ascending.
  ///
  /// Precondition: the storage after `a[n*n − 1]` holds at least
  /// `openBLASOverReadPadding(leadingDimension: n)` elements the caller owns (OpenBLAS may read them).
  static func zheevd(
    n: Int, a: UnsafeMutablePointer<Complex<Double>>, values: UnsafeMutablePointer<Double>, computeVectors: Bool
  ) throws {
    try lapack(
      "zheevd", queryWorkspace: true, order: n, meaning: { "\($0) off-diagonal elements did not converge to zero" }
    ) { cw, lc, rw, lr, iw, li in
      LAPACKE_zheevd_work(
        columnMajor, flag(computeVectors ? "V" : "N"), flag("U"), Int32(n), c(a), Int32(n), values, cw, lc, rw, lr,
        iw, li)
    }
  }
}

extension HermitianEigensystem where Element == Double {
  /// Diagonalises a real symmetric matrix with `dsyevd`.
  ///
  /// - Throws: as the complex initialiser, naming `dsyevd`.
  public init(_ a: RealMatrix, computeVectors: Bool = true) throws {
    try a.requireSquare()
    try a.requireFinite("dsyevd input")
    let n = a.rows
    var work = guardedCopy(a.elements, fill: .zero, order: n)
    var w = guardedBuffer(count: n, fill: 0.0, order: n)
    if n > 0 {
      try lapack(
        "dsyevd", queryWorkspace: true, order: n, meaning: { "\($0) off-diagonal elements did not converge to zero" }
      ) { _, _, rw, lr, iw, li in
        work.withUnsafeMutableBufferPointer { pa in
          w.withUnsafeMutableBufferPointer { pw in
            LAPACKE_dsyevd_work(
              columnMajor, flag(computeVectors ? "V" : "N"), flag("U"), Int32(n), pa.baseAddress!, Int32(n),
              pw.baseAddress!, rw, lr, iw, li)
          }
        }
      }
    }
    removeGuard(&work, keeping: n * n)
    removeGuard(&w, keeping: n)
    values = w
    vectors = computeVectors ? try RealMatrix(rows: n, columns: n, elements: work) : RealMatrix(rows: 0, columns: 0)
  }
}
