import Diagnostics
import LinearAlgebra
import Numerics

/// The T = 0 dense totals from the matrix sign function: the occupied projector
/// P = ½(𝟙 − sign(H − μ𝟙)) without eigenvalues or eigenvectors (``/LinearAlgebra/MatrixSignProjection``).
///
/// Tr(P O) is the same number the eigenvector route sums state by state (P is the Riesz
/// projector onto Re E < μ either way), at about half the cost for the rings here: ≈ 10 LU
/// inversions against one `zgeev` with both eigenvector sets. It needs no biorthonormalisation,
/// so degenerate clusters and exceptional points *away from μ* need no special care and cost no
/// digits. What it cannot give is per-state information (eigenvalue condition numbers).
///
/// **When it steps aside.** The eigenvector route (with the full exceptional-point policy of
/// `PersistentCurrents+ExceptionalPoints.swift`) takes over, for that point only, when
///  - the iteration does not converge or meets a singular iterate (an eigenvalue on, or within
///    ≈ 10⁻⁷ of the spread of, the line Re E = μ);
///  - ‖P‖₂ exceeds ``PersistentCurrents/conditionWarningThreshold`` (occupied and empty
///    eigenvalues nearly meet at μ: the totals are ill-conditioned and deserve the full policy);
///  - Tr P is not within 10⁻⁶ of an integer (a splitting the iteration did not resolve);
///  - ‖HP − PH‖₁/(‖H‖₁‖P‖₁) > ``PersistentCurrents/commutatorTolerance`` (an unstable LU step
///    left P not a function of H: `MatrixSignProjection` explains the case that was found).
/// So every warning and every NaN at μ comes as on the eigenvector route; an EP among the
/// occupied states away from μ (finite, exact totals) is not reported by this path —
/// `ring states` lists the condition numbers.
extension PersistentCurrents {
  /// How the dense path forms the occupied projector at T = 0.
  public enum DenseProjector: String, Sendable, CaseIterable {
    /// Matrix sign function (Newton), eigenvector route only where it steps aside.
    case matrixSign = "matrix-sign"
    /// Biorthogonal eigenvectors from `zgeev` (per-state condition numbers, EP warnings).
    case eigenvectors
  }

  /// Largest relative commutator ‖HP − PH‖₁/(‖H‖₁‖P‖₁) accepted from the matrix-sign route:
  /// rounding gives ≲ 1e−13 (observed on the rings here); an error of size e in P gives ≈ e, so
  /// the accepted totals are good to about 1e−10 relative, the tests' tolerance for path agreement.
  static let commutatorTolerance = 1e-10

  /// Tr(P O) for each operator from the matrix-sign projector, or nil when it steps aside (see above).
  static func matrixSignTraces(
    _ h: ComplexMatrix, operators ops: [SparseMatrix<Complex<Double>>], mu: Double
  ) throws -> (raw: [Complex<Double>], occupation: Double, maxConditionNumber: Double, warnings: [NumericalWarning])? {
    let sign: MatrixSignProjection
    do {
      sign = try MatrixSignProjection(h, splitAt: mu)
    } catch is MatrixSignProjection.Failure {
      return nil
    }
    let count = sign.trace
    let occupation = count.real.rounded()
    guard sign.projectorNorm <= conditionWarningThreshold, sign.commutatorResidual <= commutatorTolerance,
      abs(count.real - occupation) <= 1e-6,
      abs(count.imaginary) <= 1e-6
    else { return nil }
    return (sign.traces(of: ops), occupation, sign.projectorNorm, [])
  }
}
