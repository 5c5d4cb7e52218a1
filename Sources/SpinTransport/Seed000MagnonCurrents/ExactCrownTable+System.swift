import Diagnostics
import Foundation
import LinearAlgebra
import SpinWaves
import Studies

extension ExactCrownTable {
  /// The table of a system of the user's own (``Request/system``): the exact routes as for the crown,
  /// the classical ground state by the general search (``/SpinWaves/RingTexture/groundState(of:randomStarts:seed:)``),
  /// classical + LSWT jᶻ by the twist route (``/SpinWaves/RingSemiclassics``). The crown's closed forms
  /// (Eq. 15, the longitudinal LSWT current of the uniform crown) are nan with a warning naming them.
  /// The exact current columns are those of bond 0 (its first site's frame is x̂, ŷ, ẑ); jᶻ by the twist
  /// route is the average over all bonds.
  static func systemRows(_ p: Request, model: ExactRingModel) throws -> ResultTable {
    var warnings: [NumericalWarning] = []
    let ground = try RingTexture.groundState(of: model)
    warnings += ground.warnings
    let axes = ground.texture.directions
    let thetaM = acos(max(-1, min(1, axes[0].z))) * 180 / Double.pi
    let ringTemps = p.method == .lanczos ? [0] : p.temperatures
    let ring = ringSemiclassics(model, groundState: axes, temperatures: ringTemps)
    warnings += ring.warnings
    warnings.append(
      NumericalWarning(
        kind: "crown-only-columns",
        message: "lswt_longitudinal_spin_current_K is the uniform crown's closed form: nan for a model file",
        value: .nan))
    var table = ResultTable(columns: columns)
    let exact: [[String: Double]]
    switch p.method {
    case .ftlm: exact = try ftlmCells(p, model: model, axes: axes, table: &table, warnings: &warnings)
    case .full: exact = try fullCells(p, model: model, axes: axes, table: &table, warnings: &warnings)
    case .lanczos:
      exact = try lanczosCells(model: model, axes: axes, table: &table, warnings: &warnings, progress: p.progress)
    case .semiclassical: exact = p.temperatures.map { _ in [:] }
    }
    for (k, (t, cells)) in zip(ringTemps, exact).enumerated() {
      let sw = ring.columns[k]
      let named: [String: Double] = [
        "temperature_K": t, "classical_spin_current_z_K": ground.texture.hellmannFeynmanCurrent,
        "lswt_spin_current_z_K": sw.full, "lswt_thermal_spin_current_z_K": sw.fullThermal,
        "nc_lswt_spin_current_z_K": sw.conserving, "nc_lswt_thermal_spin_current_z_K": sw.conservingThermal,
        "lswt_gap_K": ring.gap, "theta_m_deg": thetaM,
      ].merging(cells) { a, _ in a }
      table.append(columns.map { named[$0] ?? .nan })
    }
    table.warnings = warnings.deduplicated()
    table.metadata["method"] = .string(p.method.rawValue)
    table.metadata["classical_energy_K"] = .number(ground.texture.energy)
    table.metadata["sites"] = .integer(model.siteCount)
    table.metadata["bonds"] = .integer(model.bondCount)
    table.metadata["screw_cell"] = .integer(model.screw.cell)
    table.metadata["screw_angle_rad"] = .number(model.screw.angle)
    table.metadata["momentum_sectors"] = .integer(model.siteCount / model.screw.cell)
    table.metadata["sz_conserved"] = .bool(model.hamiltonian.conservesTotalSz)
    table.metadata["longitudinal_axes"] = .string("classical ground-state directions m̂_i (axis-dependent)")
    table.metadata["current_sign"] = .string("bond 0's current flows from its first site into its second")
    return table
  }
}
