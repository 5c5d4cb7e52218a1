import CLAPACK
import Numerics

/// Eigen-decomposition of a general complex matrix with left and right eigenvectors (`zgeev`).
///
///     A rₙ = λₙ rₙ,     lₙ† A = λₙ lₙ†
///
/// Columns of `right` and `left` are normalised to unit Euclidean norm (LAPACK's
/// convention); they are *not* biorthonormal: see ``BiorthogonalEigensystem`` for that.
/// Eigenvalues come in LAPACK's order (not sorted).
///
/// **Balancing.** By default `zgeev` permutes and scales A first (BALANC = 'B'), which helps
/// badly scaled matrices. `balance: false` calls `zgeevx` with BALANC = 'N' (no permutation, no
/// scaling; same Hessenberg–QR–back-substitution otherwise). docs/tight-binding.md compares the
/// two on the ring matrices (performance section).
public struct GeneralEigensystem: Sendable {
  /// Eigenvalues λₙ.
  public let values: [Complex<Double>]
  /// Right eigenvectors as columns (0×0 when not requested).
  public let right: ComplexMatrix
  /// Left eigenvectors as columns (0×0 when not requested).
  public let left: ComplexMatrix

  /// Diagonalises `a` with `zgeev` (or `zgeevx` without balancing); one copy of `a` is made
  /// (LAPACK overwrites its input).
  ///
  /// - Parameters:
  ///   - a: the square complex matrix.
  ///   - computeLeft: compute left eigenvectors (job flag JOBVL).
  ///   - computeRight: compute right eigenvectors (job flag JOBVR).
  ///   - balance: true → `zgeev` (balancing 'B'); false → `zgeevx` with BALANC = 'N'.
  ///   - workspace: LAPACK workspace reused between calls (hot loops of small matrices, sweeps);
  ///     nil allocates one for this call. One workspace per thread.
  /// - Throws: shape/finite errors before LAPACK; `info > 0` (the QR algorithm failed to
  ///   compute all eigenvalues) as ``LinearAlgebraError/failed(routine:info:meaning:)``.
  public init(
    _ a: ComplexMatrix, computeLeft: Bool = true, computeRight: Bool = true, balance: Bool = true,
    workspace: LAPACKWorkspace? = nil
  ) throws {
    let raw = try Self.decompose(
      a, computeLeft: computeLeft, computeRight: computeRight, balance: balance, workspace: workspace)
    let n = a.rows
    values = raw.values
    left = computeLeft ? try ComplexMatrix(rows: n, columns: n, elements: raw.left) : ComplexMatrix(rows: 0, columns: 0)
    right =
      computeRight ? try ComplexMatrix(rows: n, columns: n, elements: raw.right) : ComplexMatrix(rows: 0, columns: 0)
  }

  /// Eigenvalues only (faster: no eigenvectors).
  public static func eigenvalues(_ a: ComplexMatrix, workspace: LAPACKWorkspace? = nil) throws -> [Complex<Double>] {
    try decompose(a, computeLeft: false, computeRight: false, balance: true, workspace: workspace).values
  }

  /// The LAPACK call itself, returning the column-major arrays (no further copies):
  /// eigenvalues, left vectors (n² or 1 element), right vectors (n² or 1 element).
  static func decompose(
    _ a: ComplexMatrix, computeLeft: Bool, computeRight: Bool, balance: Bool, workspace: LAPACKWorkspace?
  ) throws -> (values: [Complex<Double>], left: [Complex<Double>], right: [Complex<Double>]) {
    try a.requireSquare()
    try a.requireFinite("zgeev input")
    let n = a.rows
    var work = guardedCopy(a.elements, fill: .zero, order: n)
    var w = guardedBuffer(count: n, fill: Complex<Double>.zero, order: n)
    var vl = guardedBuffer(count: computeLeft ? n * n : 1, fill: Complex<Double>.zero, order: n)
    var vr = guardedBuffer(count: computeRight ? n * n : 1, fill: Complex<Double>.zero, order: n)
    var rwork = guardedBuffer(count: max(1, 2 * n), fill: 0.0, order: n)
    let jobvl = flag(computeLeft ? "V" : "N"), jobvr = flag(computeRight ? "V" : "N")
    let ldvl = Int32(computeLeft ? n : 1), ldvr = Int32(computeRight ? n : 1)
    let jobs = (computeLeft ? "V" : "N") + (computeRight ? "V" : "N")
    let meaning = { (i: Int) in "the QR algorithm failed; eigenvalues \(i + 1)… converged, no eigenvectors computed" }
    if n > 0 {
      try work.withUnsafeMutableBufferPointer { pa in
        try w.withUnsafeMutableBufferPointer { pw in
          try vl.withUnsafeMutableBufferPointer { pl in
            try vr.withUnsafeMutableBufferPointer { pr in
              try rwork.withUnsafeMutableBufferPointer { prw in
                let (pa, pw, pl, pr, prw) = (
                  c(pa.baseAddress!), c(pw.baseAddress!), c(pl.baseAddress!), c(pr.baseAddress!), prw.baseAddress!
                )
                if balance {
                  try lapack(
                    "zgeev", queryWorkspace: true, order: n, workspace: workspace, jobs: jobs, meaning: meaning
                  ) { cw, lc, _, _, _, _ in
                    LAPACKE_zgeev_work(
                      columnMajor, jobvl, jobvr, Int32(n), pa, Int32(n), pw, pl, ldvl, pr, ldvr, cw, lc, prw)
                  }
                } else {
                  var ilo: Int32 = 0, ihi: Int32 = 0, abnrm = 0.0
                  var scale = [Double](repeating: 0, count: n), rconde = [0.0], rcondv = [0.0]
                  try lapack(
                    "zgeevx", queryWorkspace: true, order: n, workspace: workspace, jobs: "N" + jobs + "N",
                    meaning: meaning
                  ) { cw, lc, _, _, _, _ in
                    LAPACKE_zgeevx_work(
                      columnMajor, flag("N"), jobvl, jobvr, flag("N"), Int32(n), pa, Int32(n), pw, pl, ldvl, pr,
                      ldvr, &ilo, &ihi, &scale, &abnrm, &rconde, &rcondv, cw, lc, prw)
                  }
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
    return (w, vl, vr)
  }
}
