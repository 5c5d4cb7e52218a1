import Diagnostics
import SpinDiffusion

/// Result tables of the spin-diffusion commands and figures (seed 003).
///
/// Columns: `x_m, m_x, m_y, m_z` (m normalised to the equilibrium accumulation, components in
/// the problem's frame), optionally preceded by the varied parameter's column; the evolution
/// table adds `time_s` first and the magnetization `M_x, M_y, M_z` (dimensionless) last.
public enum SpinDiffusionTables {
  /// Column name of a varied parameter (`wall-width` → `wall_width_m`, `angle` → `angle_deg`).
  public static func column(forVaried name: String) -> String {
    switch name {
    case "angle": return "angle_deg"
    default: return name.replacingOccurrences(of: "-", with: "_") + "_m"
    }
  }

  /// One table from profiles, each tagged with the varied value (or none).
  public static func profiles(
    _ profiles: [(value: Double?, profile: SpinAccumulationProfile)], varied: String?, metadata: [String: JSONValue]
  ) -> ResultTable {
    var columns = ["x_m", "m_x", "m_y", "m_z"]
    if let v = varied { columns.insert(column(forVaried: v), at: 0) }
    var table = ResultTable(columns: columns, metadata: metadata)
    var warnings: [NumericalWarning] = []
    for (value, p) in profiles {
      for (x, m) in zip(p.positions, p.accumulation) {
        var row = [x, m.x, m.y, m.z]
        if let value { row.insert(value, at: 0) }
        table.append(row)
      }
      warnings += p.warnings
    }
    table.warnings = warnings
    return table
  }

  /// Metadata common to the commands: the material in SI units.
  public static func materialMetadata(_ m: SpinDiffusionMaterial, precessionRatio: Double) -> [String: JSONValue] {
    [
      "diffusivity_m2_per_s": .number(m.diffusivity.z), "spin_flip_time_s": .number(m.spinFlipTime.z),
      "diffusion_length_m": .number(m.diffusionLength), "sd_coupling_eV": .number(m.sdCoupling),
      "precession_ratio": .number(precessionRatio),
      "convention": "D_xy = +D a/(1+a^2) (MODELS.md §D; the paper's Eq. 92 prints the opposite sign)",
    ]
  }
}
