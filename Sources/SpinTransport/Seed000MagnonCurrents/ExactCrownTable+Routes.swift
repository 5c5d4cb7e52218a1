import Diagnostics
import Foundation
import LinearAlgebra
import SpinWaves
import Studies

/// The exact columns of `magnon exact`, one dictionary of named cells per temperature, by route.
///
/// Every route evaluates the operator entries of ``/SpinWaves/ExactObservable/all`` by name; a
/// column the route does not support (its `routes` lack it) is left out, so the table shows nan
/// there, and a warning names it.
extension ExactCrownTable {
  /// Operators the routes evaluate (all operator entries of the observable table, axes given).
  static let operatorCount = ExactObservable.all.filter(\.isOperator).count

  static let jz = "spin_current_z_K"

  /// Warnings for the observables `route` does not support (nan in the table); `explanations` by name.
  static func unsupported(
    _ route: ExactObservable.Route, explanations: [String: (kind: String, message: String)]
  ) -> [NumericalWarning] {
    ExactObservable.all.filter { !$0.routes.contains(route) }.map { o in
      let e =
        explanations[o.name] ?? ("\(route.rawValue)-unsupported", "\(o.name) is nan with method = \(route.rawValue)")
      return NumericalWarning(kind: e.kind, message: e.message, value: .nan)
    }
  }

  /// Full ED: every temperature and every operator (the twist derivative's Hellmann–Feynman operator
  /// among them) from one spectrum.
  static func fullCells(
    _ p: Request, model: ExactRingModel, axes: [Vector3], table: inout ResultTable,
    warnings: inout [NumericalWarning]
  ) throws -> [[String: Double]] {
    let ed = try ExactSpectrum(sizeChecked: model, progress: p.progress)
    let temps = Array(Set(p.temperatures + [0])).sorted()
    let obs = try ed.observables(temperatures: temps, axes: axes)
    let zero = obs.first { $0.temperature == 0 }!.values[jz]!
    if p.temperatures.contains(0), ed.groundDegeneracy > 1 { warnings.append(degenerateGround(ed.groundDegeneracy)) }
    table.metadata["ground_degeneracy"] = .integer(ed.groundDegeneracy)
    table.metadata["sectors"] = .integer(ed.blocks.count)
    return p.temperatures.map { t in
      let o = obs.first { $0.temperature == t }!
      return o.values.merging([
        "thermal_spin_current_z_K": o.values[jz]! - zero, "energy_K": o.energy,
        "free_energy_K": o.freeEnergy, "specific_heat": o.specificHeat, "gap_K": ed.gap,
        "spin_current_z_stderr_K": 0,
      ]) { a, _ in a }
    }
  }

  /// The T = 0 warning of a degenerate ground manifold: the operator columns average it with equal
  /// weights (the T → 0⁺ limit), while dE_0/dδ would follow one branch.
  static func degenerateGround(_ degeneracy: Int) -> NumericalWarning {
    NumericalWarning(
      kind: "degenerate-ground-state",
      message: "the T = 0 ground state is \(degeneracy)-fold degenerate: the T = 0 row averages the ground "
        + "manifold with equal weights (the T → 0⁺ limit); the twist derivative of E_0 alone would follow one branch",
      value: Double(degeneracy))
  }

  /// Ground-state Lanczos (T = 0): every operator, the twist derivative's Hellmann–Feynman operator
  /// among them, on the one ground vector. H is applied matrix-free in all screw momenta at once (faster
  /// than the stored sector matrices at every size measured, S = ½ N = 14–20 and S = 1 N = 12, and far
  /// leaner); the stored route stays the second route of the tests.
  static func lanczosCells(
    model: ExactRingModel, axes: [Vector3], table: inout ResultTable, warnings: inout [NumericalWarning],
    progress: PointProgress? = nil
  ) throws -> [[String: Double]] {
    let (g, sectors) = try LanczosGroundState.groundState(
      model: model, computeVector: true, matrixFree: true, progress: progress)
    if let w = g.warning { warnings.append(w) }
    var cells: [String: Double] = [:]
    for (o, op) in ExactObservable.operators(for: model, axes: axes) {
      cells[o.name] = LanczosGroundState.expectation(op, in: sectors, sector: g.sector, vector: g.vector)
    }
    cells.merge([
      "thermal_spin_current_z_K": 0,
      "energy_K": g.energy, "free_energy_K": g.energy, "specific_heat": 0, "spin_current_z_stderr_K": 0,
    ]) { a, _ in a }
    warnings += unsupported(
      .lanczos,
      explanations: [
        "gap_K": ("lanczos-gap", "gap_K is nan with method = lanczos (the ground state only; method = full gives it)")
      ])
    table.metadata["lanczos_storage"] = .string("matrix-free")
    table.metadata["lanczos_iterations"] = .integer(g.iterations)
    table.metadata["lanczos_residual_K"] = .number(g.residual)
    // The screw sector of the ground state: momentum index n and k_n = 2π(n + ν)/L per cell.
    table.metadata["ground_momentum_index"] = .integer(g.sector.momentum)
    table.metadata["ground_momentum_rad"] = .number(g.sector.k)
    return [cells]
  }

  /// FTLM (``/SpinWaves/FiniteTemperatureLanczos``): every operator, the twist derivative's
  /// Hellmann–Feynman operator among them, from one sampling of all temperatures,
  /// `spin_current_z_stderr_K` the jackknife standard error of jᶻ.
  static func ftlmCells(
    _ p: Request, model: ExactRingModel, axes: [Vector3], table: inout ResultTable,
    warnings: inout [NumericalWarning]
  ) throws -> [[String: Double]] {
    let ops = ExactObservable.operators(for: model, axes: axes)
    precondition(ops.count == operatorCount)
    // Under mpirun (one point), the sectors are spread over the ranks (ItemExecution).
    let ftlm = try FiniteTemperatureLanczos(
      model: model, operators: ops.map(\.operator), settings: p.ftlm, progress: p.progress,
      distribute: ItemExecution.current.map { executor in { try executor.map(count: $0, $1) } })
    warnings += ftlm.warnings
    let k = ops.firstIndex { $0.observable.name == jz }!
    let zero = ftlm.thermal(temperature: 0).expectations[k]
    let cells = p.temperatures.map { t -> [String: Double] in
      let f = ftlm.thermal(temperature: t)
      var c = Dictionary(uniqueKeysWithValues: zip(ops.map(\.observable.name), f.expectations))
      c.merge([
        "thermal_spin_current_z_K": f.expectations[k] - zero, "energy_K": f.energy, "free_energy_K": f.freeEnergy,
        "specific_heat": f.specificHeat, "gap_K": ftlm.gap, "spin_current_z_stderr_K": f.expectationErrors[k],
      ]) { a, _ in a }
      return c
    }
    warnings += unsupported(.ftlm, explanations: [:])
    table.metadata["ftlm_random_vectors"] = .integer(p.ftlm.randomVectors)
    table.metadata["ftlm_lanczos_steps"] = .integer(p.ftlm.lanczosSteps)
    table.metadata["ftlm_exact_states_per_sector"] = .integer(p.ftlm.exactStates)
    table.metadata["ftlm_seed"] = .integer(Int(p.ftlm.seed))
    table.metadata["ground_energy_K"] = .number(ftlm.groundEnergy)
    return cells
  }
}
