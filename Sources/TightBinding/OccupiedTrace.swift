import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// Occupation of biorthogonal eigenstates at chemical potential μ: the T = 0 selection
/// (Re E ≤ μ, whole degenerate clusters by their mean Re E) or Fermi weights f((Re E − μ)/kT)
/// shared within clusters, plus conditioning of the occupied and boundary states.
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

  init(_ eig: BiorthogonalEigensystem, mu: Double, kT: Double) throws {
    let n = eig.values.count
    weights = Array(repeating: 0, count: n)
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
      }
    }
    selection.sort()
    occupation = weights.reduce(0, +)
  }

  func warnings(context: @autoclosure () -> String) -> [NumericalWarning] {
    guard maxCondition > PersistentCurrents.conditionWarningThreshold else { return [] }
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
