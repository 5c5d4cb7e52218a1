import Diagnostics
import LinearAlgebra
import Numerics

/// The exceptional-point policy shared by every path (dense, Bloch, spin-resolved) and both
/// methods (operator, derivative), so that all give the same answer at an EP.
///
/// At an exceptional point two (or more) eigenstates coalesce: no biorthonormal basis exists
/// and per-state values ⟨L|O|R⟩/⟨L|R⟩ diverge. The T = 0 totals Tr(P_occ O) need only the
/// Riesz projector P_occ onto the eigenvalues with Re E ≤ μ, which is analytic in the
/// parameters as long as no eigenvalue of the coalescing block lies at μ. Hence:
///
/// - EP away from μ (|Re E − μ| > ``fermiLevelWindow(scale:)``): the totals are finite and
///   equal to their limit from either side. When the EP is occupied, P_occ comes from an
///   ordered Schur form (``SchurSpectralProjection``), which needs no eigenvectors; when it is
///   unoccupied it does not enter P_occ at all.
/// - EP at μ (T = 0), or any Fermi weight on it (T > 0): the totals are undefined; every path
///   returns NaN with an `exceptional-point` warning carrying the condition number.
///
/// "Numerically defective" means κ ≥ 1e7 or no biorthonormal basis at all: a Jordan pair
/// perturbed by rounding (ε‖H‖) splits into eigenvalues ~√(ε‖H‖) apart with κ ~ 1/√(ε‖H‖)
/// (measured 6e7…3e8 for the critical ring at φ = 0), so at double precision such a state
/// cannot be told from an exact EP; its per-state values have lost at least 7 of 16 digits.
extension PersistentCurrents {
  /// Condition number from which a state counts as numerically at an exceptional point.
  public static let numericallyDefectiveCondition = 1e7

  /// Half-width (eV) of the energy window around μ in which a numerically defective state
  /// makes the T = 0 totals undefined: 1e−7 · max(1, max|E|), above the rounding split
  /// √(ε‖H‖) ≈ 3e−8 of a Jordan pair for the energies here (‖H‖ of a few eV).
  static func fermiLevelWindow(scale: Double) -> Double { 1e-7 * max(1, scale) }

  /// Totals of one eigenproblem (the dense H, one Bloch block or the orbital H) under the
  /// policy above. The caller has already returned NaN when `occupancy.undefinedAt` is set.
  ///
  /// - Parameters:
  ///   - h: the matrix diagonalised (for the Schur form when needed).
  ///   - direct: Tr(P O) per operator from the biorthonormal vectors for a selection (T = 0).
  ///   - perState: per operator, the per-state values (L†OR)ₙₙ (T > 0).
  ///   - schur: Tr(P O) per operator from a Schur spectral projection.
  /// - Returns: raw traces and warnings (a projector norm above the warning threshold).
  static func occupiedTotals(
    _ h: ComplexMatrix, eig: BiorthogonalEigensystem, occupancy t: OccupiedTrace, mu: Double, kT: Double,
    direct: ([Int]) throws -> [Complex<Double>], perState: () throws -> [[Complex<Double>]],
    schur: (SchurSpectralProjection) throws -> [Complex<Double>]
  ) throws -> (raw: [Complex<Double>], warnings: [NumericalWarning]) {
    if kT > 0 {
      let values = try perState()
      let raw = values.map { v in
        v.indices.reduce(Complex<Double>.zero) {
          eig.isDefective[$1] ? $0 : $0 + Complex(t.weights[$1], 0) * v[$1]
        }
      }
      return (raw, [])
    }
    guard t.needsSchur else { return (try direct(t.selection), []) }
    let projection = try occupiedProjection(h, mu: mu, clusterTolerance: eig.clusterTolerance)
    let raw = try schur(projection)
    guard projection.projectorNorm > conditionWarningThreshold else { return (raw, []) }
    let w = NumericalWarning(
      kind: "exceptional-point",
      message:
        "occupied spectral projector norm \(String(format: "%.3g", projection.projectorNorm)) "
        + "(occupied and empty eigenvalues nearly meet at μ)"
        + (projection.projectorNorm.isFinite ? "" : "; currents undefined (NaN)"),
      value: projection.projectorNorm.isFinite ? projection.projectorNorm : 1 / Double.ulpOfOne)
    return (raw, [w])
  }

  /// The Schur spectral projection onto the occupied clusters (mean Re E ≤ μ), clusters formed
  /// exactly as in ``BiorthogonalEigensystem``.
  static func occupiedProjection(
    _ h: ComplexMatrix, mu: Double, clusterTolerance: Double
  ) throws -> SchurSpectralProjection {
    try SchurSpectralProjection(h) { values in
      var flags = [Bool](repeating: false, count: values.count)
      for cluster in BiorthogonalEigensystem.cluster(values, tolerance: clusterTolerance) {
        let re = cluster.reduce(0.0) { $0 + values[$1].real } / Double(cluster.count)
        for j in cluster { flags[j] = re <= mu }
      }
      return flags
    }
  }

  /// NaN totals with the warning that says why (occupation and condition number kept).
  static func undefinedResult(_ warning: NumericalWarning, occupation: Double) -> PersistentCurrentResult {
    PersistentCurrentResult(
      currents: .undefined, occupation: occupation, maxConditionNumber: warning.value, warnings: [warning])
  }
}
