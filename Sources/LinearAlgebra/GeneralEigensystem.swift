import CLAPACK
import Numerics

/// Eigen-decomposition of a general complex matrix with left and right eigenvectors (`zgeev`).
///
///     A rₙ = λₙ rₙ,     lₙ† A = λₙ lₙ†
///
/// Columns of `right` and `left` are normalised to unit Euclidean norm (LAPACK's
/// convention); they are *not* biorthonormal: see ``BiorthogonalEigensystem`` for that.
/// Eigenvalues come in LAPACK's order (not sorted).
public struct GeneralEigensystem: Sendable {
  /// Eigenvalues λₙ.
  public let values: [Complex<Double>]
  /// Right eigenvectors as columns (0×0 when not requested).
  public let right: ComplexMatrix
  /// Left eigenvectors as columns (0×0 when not requested).
  public let left: ComplexMatrix

  /// Diagonalises `a` with `zgeev`; one copy of `a` is made (LAPACK overwrites its input).
  ///
  /// - Parameters:
  ///   - a: the square complex matrix.
  ///   - computeLeft: compute left eigenvectors (job flag JOBVL).
  ///   - computeRight: compute right eigenvectors (job flag JOBVR).
  /// - Throws: shape/finite errors before LAPACK; `zgeev` `info > 0` (the QR algorithm failed
  ///   to compute all eigenvalues) as ``LinearAlgebraError/failed(routine:info:meaning:)``.
  public init(_ a: ComplexMatrix, computeLeft: Bool = true, computeRight: Bool = true) throws {
    try a.requireSquare()
    try a.requireFinite("zgeev input")
    let n = a.rows
    var work = guardedCopy(a.elements, fill: .zero, order: n)
    var w = guardedBuffer(count: n, fill: Complex<Double>.zero, order: n)
    var vl = guardedBuffer(count: computeLeft ? n * n : 1, fill: Complex<Double>.zero, order: n)
    var vr = guardedBuffer(count: computeRight ? n * n : 1, fill: Complex<Double>.zero, order: n)
    var rwork = guardedBuffer(count: max(1, 2 * n), fill: 0.0, order: n)
    if n > 0 {
      try lapack(
        "zgeev", queryWorkspace: true, order: n,
        meaning: { "the QR algorithm failed; eigenvalues \($0 + 1)… converged, no eigenvectors computed" }
      ) { cw, lc, _, _, _, _ in
        work.withUnsafeMutableBufferPointer { pa in
          w.withUnsafeMutableBufferPointer { pw in
            vl.withUnsafeMutableBufferPointer { pl in
              vr.withUnsafeMutableBufferPointer { pr in
                rwork.withUnsafeMutableBufferPointer { prw in
                  LAPACKE_zgeev_work(
                    columnMajor, flag(computeLeft ? "V" : "N"), flag(computeRight ? "V" : "N"), Int32(n),
                    c(pa.baseAddress!), Int32(n), c(pw.baseAddress!), c(pl.baseAddress!),
                    Int32(computeLeft ? n : 1), c(pr.baseAddress!), Int32(computeRight ? n : 1), cw, lc,
                    prw.baseAddress!)
                }
              }
            }
          }
        }
      }
    }
    removeGuard(&w, keeping: n)
    removeGuard(&vl, keeping: computeLeft ? n * n : 1)
    removeGuard(&vr, keeping: computeRight ? n * n : 1)
    values = w
    left = computeLeft ? try ComplexMatrix(rows: n, columns: n, elements: vl) : ComplexMatrix(rows: 0, columns: 0)
    right = computeRight ? try ComplexMatrix(rows: n, columns: n, elements: vr) : ComplexMatrix(rows: 0, columns: 0)
  }

  /// Eigenvalues only (faster: no eigenvectors).
  public static func eigenvalues(_ a: ComplexMatrix) throws -> [Complex<Double>] {
    try GeneralEigensystem(a, computeLeft: false, computeRight: false).values
  }
}
