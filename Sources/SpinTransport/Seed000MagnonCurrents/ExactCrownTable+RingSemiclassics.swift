import Diagnostics
import Foundation
import LinearAlgebra
import SpinWaves

extension ExactCrownTable {
  /// The LSWT columns of one temperature (K): Colpa total and thermal, number-conserving total and thermal.
  struct SpinWaveColumns {
    var full = Double.nan, fullThermal = Double.nan, conserving = Double.nan, conservingThermal = Double.nan
  }

  /// Classical + LSWT jᶻ of the antiferromagnet and the ferrimagnet by the general route (``/SpinWaves/RingSemiclassics``):
  /// from the classical ground-state directions `axes` (of `classical(_:_:)`), one entry per temperature, the
  /// Colpa gap (K), and the warnings (`lswt-unstable` with M's eigenvalue
  /// when a Colpa matrix is not positive definite; then those columns are nan: "LSWT where stable").
  static func ringSemiclassics(
    _ model: ExactRingModel, groundState axes: [Vector3], temperatures: [Double]
  ) -> (columns: [SpinWaveColumns], gap: Double, warnings: [NumericalWarning]) {
    var columns = Array(repeating: SpinWaveColumns(), count: temperatures.count)
    var warnings: [NumericalWarning] = [], gap = Double.nan
    func unstable(_ e: Error, _ what: String) {
      var value = Double.nan
      if case SpinWaveError.unstableMode(_, let eigenvalue) = e { value = eigenvalue }
      warnings.append(
        NumericalWarning(kind: "lswt-unstable", message: "\(what): \(e); its columns are nan", value: value))
    }
    let semi: RingSemiclassics
    do {
      semi = try RingSemiclassics(model: model, groundState: axes)
    } catch {
      unstable(error, "classical ground state for LSWT")
      return (columns, gap, warnings)
    }
    if !semi.isStableMinimum {
      let lowest = (try? HermitianEigensystem(semi.texture.tangentHessian, computeVectors: false).values.first) ?? .nan
      warnings.append(
        NumericalWarning(
          kind: "lswt-unstable",
          message: "the classical ground state is not a strict minimum (smallest tangent-Hessian "
            + "eigenvalue \(String(format: "%.3g", lowest)) K)", value: lowest))
    }
    do {
      let full = try semi.currents(temperatures: temperatures, anomalous: true)
      for k in columns.indices { (columns[k].full, columns[k].fullThermal) = full[k] }
      gap = try semi.gap(anomalous: true)
    } catch { unstable(error, "LSWT (Colpa)") }
    do {
      let nc = try semi.currents(temperatures: temperatures, anomalous: false)
      for k in columns.indices { (columns[k].conserving, columns[k].conservingThermal) = nc[k] }
    } catch { unstable(error, "number-conserving LSWT") }
    warnings.append(
      NumericalWarning(
        kind: "eq15-ferromagnet-only",
        message: "eq15_spin_current_K is nan: Eq. 15 is the uniform ferromagnet's formula (J > 0, one spin length)",
        value: model.exchange ?? .nan))
    return (columns, gap, warnings)
  }
}
