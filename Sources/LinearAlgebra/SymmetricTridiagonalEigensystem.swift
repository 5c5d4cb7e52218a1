import CLAPACK

/// Eigenvalues (and optionally eigenvectors) of a real symmetric tridiagonal matrix, LAPACK `dstev`.
///
/// T has diagonal `diagonal` (n entries) and off-diagonal `offDiagonal` (n − 1 entries). Used by
/// Krylov (Lanczos) iterations for their small projected problem. O(n²) for values, O(n³) with vectors.
public struct SymmetricTridiagonalEigensystem: Sendable {
  /// Eigenvalues, ascending.
  public let values: [Double]
  /// Orthonormal eigenvectors as columns (0×0 when not requested).
  public let vectors: RealMatrix

  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the off-diagonal does not have n − 1
  ///   entries, ``LinearAlgebraError/nonFinite(_:)`` for NaN/∞ input, `dstev` failure (`info > 0`:
  ///   the QL/QR iteration did not converge) as ``LinearAlgebraError/failed(routine:info:meaning:)``.
  public init(diagonal: [Double], offDiagonal: [Double], computeVectors: Bool = true) throws {
    let n = diagonal.count
    guard offDiagonal.count == max(n - 1, 0) else {
      throw LinearAlgebraError.dimensionMismatch("\(offDiagonal.count) off-diagonal entries for order \(n)")
    }
    guard diagonal.allSatisfy(\.isFinite), offDiagonal.allSatisfy(\.isFinite) else {
      throw LinearAlgebraError.nonFinite("dstev input")
    }
    var d = guardedCopy(diagonal, fill: 0.0, order: n)
    var e = guardedCopy(offDiagonal + [0], fill: 0.0, order: n)
    var z = guardedBuffer(count: computeVectors ? n * n : 1, fill: 0.0, order: n)
    var work = guardedBuffer(count: max(1, 2 * n - 2), fill: 0.0, order: n)
    if n > 0 {
      try lapack("dstev", order: n, meaning: { "\($0) off-diagonal elements did not converge to zero" }) {
        _, _, _, _, _, _ in
        d.withUnsafeMutableBufferPointer { pd in
          e.withUnsafeMutableBufferPointer { pe in
            z.withUnsafeMutableBufferPointer { pz in
              work.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dstev_work(
                  columnMajor, flag(computeVectors ? "V" : "N"), Int32(n), pd.baseAddress!, pe.baseAddress!,
                  pz.baseAddress!, Int32(max(n, 1)), pw.baseAddress!)
              }
            }
          }
        }
      }
    }
    values = Array(d[0..<n])
    vectors =
      computeVectors
      ? try RealMatrix(rows: n, columns: n, elements: Array(z[0..<(n * n)])) : RealMatrix(rows: 0, columns: 0)
  }
}
