import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// Occupation of biorthogonal eigenstates at chemical potential μ: the T = 0 selection
/// (Re E ≤ μ, whole degenerate clusters by their mean Re E) or Fermi weights f((Re E − μ)/kT)
/// shared within clusters, plus conditioning of the occupied and boundary states.
///
/// **Exceptional points.** A state is *numerically defective* when its cluster has no
/// biorthonormal basis or κ ≥ ``PersistentCurrents/numericallyDefectiveCondition``. At T = 0
/// such a state is harmless unless its Re E lies within ``PersistentCurrents/fermiLevelWindow(scale:)``
/// of μ: then its Jordan block straddles μ, the occupied projector does not exist and
/// ``undefinedAt`` is set (the caller returns NaN with a warning). Otherwise the occupied
/// projector is the Riesz projector of the whole occupied spectrum, finite at the EP; when a
/// numerically defective state is occupied, ``needsSchur`` says to form it from the Schur form.
/// At T > 0 a numerically defective state with a Fermi weight above 1e−12 makes the totals
/// undefined (per-state values diverge there).
struct OccupiedTrace {
  /// Occupied state indices (T = 0).
  var selection: [Int] = []
  /// Occupation weight per state (0/1 at T = 0).
  var weights: [Double]
  /// Σ weights.
  var occupation: Double
  /// Largest κ among states with weight > 1e−12 or within 1e−9 eV of μ.
  var maxCondition: Double = 1
  /// The energy of that state.
  var worstEnergy: Complex<Double> = .zero
  /// A numerically defective state that makes the totals undefined (energy, κ), if any.
  var undefinedAt: (energy: Complex<Double>, condition: Double)?
  /// True when a numerically defective state is occupied (T = 0): use the Schur projector.
  var needsSchur = false

  init(_ eig: BiorthogonalEigensystem, mu: Double, kT: Double) throws {
    let n = eig.values.count
    weights = Array(repeating: 0, count: n)
    let scale = eig.values.reduce(1.0) { max($0, $1.length) }
    let window = PersistentCurrents.fermiLevelWindow(scale: scale)
    for cluster in eig.clusters {
      let re = cluster.reduce(0.0) { $0 + eig.values[$1].real } / Double(cluster.count)
      let w: Double
      if kT == 0 { w = re <= mu ? 1 : 0 } else { w = 1 / (1 + Foundation.exp((re - mu) / kT)) }
      for j in cluster {
        weights[j] = w
        if w > 0.5 && kT == 0 { selection.append(j) }
        if w > 1e-12 || abs(re - mu) < 1e-9, eig.conditionNumbers[j] > maxCondition {
          maxCondition = eig.conditionNumbers[j]
          worstEnergy = eig.values[j]
        }
        let kappa = eig.conditionNumbers[j]
        if eig.isDefective[j] || kappa >= PersistentCurrents.numericallyDefectiveCondition {
          let straddles = kT == 0 ? abs(eig.values[j].real - mu) <= window || abs(re - mu) <= window : w > 1e-12
          if straddles, kappa > (undefinedAt?.condition ?? 0) { undefinedAt = (eig.values[j], kappa) }
          if kT == 0, w > 0.5 { needsSchur = true }
        }
      }
    }
    selection.sort()
    occupation = weights.reduce(0, +)
  }

  /// The warning for undefined totals (NaN), with the condition number.
  func undefinedWarning(context: String, kT: Double) -> NumericalWarning? {
    guard let u = undefinedAt else { return nil }
    let e = String(format: "%.6g%+.6gi", u.energy.real, u.energy.imaginary)
    let why =
      kT == 0
      ? "its Jordan block straddles μ, so the occupied projector does not exist"
      : "T > 0 gives it a Fermi weight, and per-state values diverge there"
    return NumericalWarning(
      kind: "exceptional-point",
      message:
        "exceptional point\(context) at E = \(e) eV (eigenvalue condition number \(String(format: "%.3g", u.condition))): "
        + "\(why); currents undefined (NaN)",
      value: u.condition)
  }

  func warnings(context: @autoclosure () -> String) -> [NumericalWarning] {
    guard maxCondition > PersistentCurrents.conditionWarningThreshold else { return [] }
    if needsSchur {
      let e = String(format: "%.6g%+.6gi", worstEnergy.real, worstEnergy.imaginary)
      return [
        NumericalWarning(
          kind: "exceptional-point",
          message:
            "exceptional point among the occupied states\(context()): eigenvalue condition number "
            + "\(String(format: "%.3g", maxCondition)) at E = \(e) eV; totals taken from the Schur spectral "
            + "projector of the occupied spectrum (finite there)",
          value: maxCondition)
      ]
    }
    let e = String(format: "%.6g%+.6gi", worstEnergy.real, worstEnergy.imaginary)
    return [
      NumericalWarning(
        kind: "exceptional-point",
        message:
          "near an exceptional point\(context()): eigenvalue condition number \(String(format: "%.3g", maxCondition)) "
          + "at E = \(e) eV (occupied or at μ); currents lose about \(Int(log10(maxCondition))) digits",
        value: maxCondition)
    ]
  }
}
