import Diagnostics
import Foundation
import LinearAlgebra
import SpinWaves
import Studies

extension ExactCrownTable {
  /// Operators sampled by `method = ftlm`: bond current (radial, azimuthal, z), ⟨S_0⟩ and ⟨S_1⟩ in
  /// their cylinder frames, and the longitudinal current along the classical axes.
  static let ftlmOperatorCount = 10

  /// Rows of `method = ftlm` (``/SpinWaves/FiniteTemperatureLanczos``): every ED column from one
  /// sampling of all temperatures, `spin_current_z_stderr_K` its jackknife standard error. The twist
  /// route is nan (a warning names it): F(δ) differences of 1e-3 rad are far below the statistical
  /// error of F. `semiclassics(T)` gives the six LSWT/Eq. 15 cells (lswt, lswt thermal, nc, nc
  /// thermal, lswt longitudinal, eq15) computed as for the other methods.
  static func appendFTLMRows(
    to table: inout ResultTable, _ p: Parameters, model: ExactRingModel, axes: [Vector3], classicalCurrent: Double,
    thetaM: Double, lswtGap: Double, warnings: inout [NumericalWarning], semiclassics: (Double) -> [Double]
  ) throws {
    let ops = model.observableOperators(longitudinalAxes: axes)
    precondition(ops.count == ftlmOperatorCount)
    let ftlm = try FiniteTemperatureLanczos(model: model, operators: ops, settings: p.ftlm)
    warnings += ftlm.warnings
    let zero = ftlm.thermal(temperature: 0).expectations[2]
    for t in p.temperatures {
      let f = ftlm.thermal(temperature: t), o = f.expectations
      let semi = semiclassics(t)
      table.append(
        [t, o[2], .nan, o[2] - zero, o[0], o[1], o[9], classicalCurrent] + semi + [
          f.energy, f.freeEnergy, f.specificHeat, ftlm.gap, lswtGap, o[3], o[4], o[5], o[6], o[7], o[8], thetaM,
          f.expectationErrors[2],
        ])
    }
    warnings.append(
      NumericalWarning(
        kind: "ftlm-twist",
        message: "spin_current_z_twist_K is nan with --method ftlm (the twist derivative of a sampled F is "
          + "swamped by its statistical error; the operator route spin_current_z_K has spin_current_z_stderr_K)",
        value: .nan))
    table.metadata["ftlm_random_vectors"] = .integer(p.ftlm.randomVectors)
    table.metadata["ftlm_lanczos_steps"] = .integer(p.ftlm.lanczosSteps)
    table.metadata["ftlm_exact_states_per_sector"] = .integer(p.ftlm.exactStates)
    table.metadata["ftlm_seed"] = .integer(Int(p.ftlm.seed))
    table.metadata["ground_energy_K"] = .number(ftlm.groundEnergy)
  }
}
