import Diagnostics
import Foundation
import SpinDiffusion
import Studies

/// Rows and resource checks shared by the spin-diffusion entries (Hitchon, Parker and Rebei).
///
/// Columns: `x_m, m_x, m_y, m_z` (m normalised to the equilibrium accumulation, components in
/// the problem's frame); the evolution adds `time_s` first and the magnetization `M_x, M_y, M_z`
/// (dimensionless; λM is an energy) last.
public enum SpinDiffusionTables {
  /// Columns of a steady profile.
  static let profileColumns: [Column] = [
    Column("x_m", unit: "m", "position x"),
    Column("m_x", "accumulation m_x (normalised to the equilibrium accumulation)"),
    Column("m_y", "accumulation m_y"),
    Column("m_z", "accumulation m_z"),
  ]

  /// Columns of the evolution.
  static let evolutionColumns: [Column] =
    [Column("time_s", unit: "s", "time t (t = 0 is the first snapshot)")] + profileColumns + [
      Column("M_x", "magnetization M_x (dimensionless; λM is an energy)"),
      Column("M_y", "magnetization M_y"),
      Column("M_z", "magnetization M_z"),
    ]

  /// A node position as printed: the decimal it means (3e-07, not 2.9999999999999997e-07; see
  /// ``/Studies/SweepRange/gridValue(_:digits:tolerance:)``, which moves no value by more than 1e-13 of it).
  static func position(_ x: Double) -> TableValue { .number(SweepRange.gridValue(x)) }

  /// One row per node of a steady profile.
  static func rows(_ p: SpinAccumulationProfile) -> [[TableValue]] {
    zip(p.positions, p.accumulation).map { x, m in [position(x), .number(m.x), .number(m.y), .number(m.z)] }
  }

  /// Streams a steady profile's rows (restricted to `columns`) into `sink`.
  static func stream(_ p: SpinAccumulationProfile, columns: [Int], into sink: ([TableValue]) throws -> Void) throws {
    for (x, m) in zip(p.positions, p.accumulation) {
      let row: [TableValue] = [position(x), .number(m.x), .number(m.y), .number(m.z)]
      try sink(columns.map { row[$0] })
    }
  }

  /// Memory of the steady solves of a study (one per core at a time, on the largest grid) and,
  /// for a sweep, of the table held until the end; each point checked first.
  static func prepareSteady(
    _ points: [ParameterValues], pointsID: String, check: (ParameterValues) throws -> Void
  ) throws {
    for p in points { try check(p) }
    guard let largest = points.map({ $0.integer(pointsID) }).max() else { return }
    let batch = min(points.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
    try MemoryBudget.require(
      Double(batch) * Double(largest) * SpinDiffusionMemory.steadyBytesPerNode, parameter: pointsID, value: largest,
      what: "\(batch) steady solve\(batch > 1 ? "s" : "") at a time on \(largest) nodes")
    try requireSweepTable(
      points, rows: { Double($0.integer(pointsID)) }, columns: profileColumns.count, what: "profiles")
  }

  /// A sweep holds every row until it ends: the table's memory, named `vary`.
  static func requireSweepTable(
    _ points: [ParameterValues], rows: (ParameterValues) -> Double, columns: Int, what: String
  ) throws {
    guard points.count > 1 else { return }
    let total = points.reduce(0.0) { $0 + rows($1) }
    try MemoryBudget.require(
      OutputBudget.tableMemoryEstimate(rows: total, columns: columns + 2), parameter: "vary",
      value: "\(points.count) points",
      what: "\(points.count) \(what) (\(Int(total)) rows) held as a table")
  }

  /// The table of one point held in memory (the non-streamed route): refused before it is built.
  static func requireTable(rows: Double, columns: Int, parameter: String, value: Any) throws {
    try MemoryBudget.require(
      OutputBudget.tableMemoryEstimate(rows: rows, columns: columns), parameter: parameter, value: value,
      what: "a table of \(Int(rows)) rows")
  }

  /// Metadata common to the figures: the material in SI units.
  public static func materialMetadata(_ m: SpinDiffusionMaterial, precessionRatio: Double) -> [String: JSONValue] {
    [
      "diffusivity_m2_per_s": .number(m.diffusivity.z), "spin_flip_time_s": .number(m.spinFlipTime.z),
      "diffusion_length_m": .number(m.diffusionLength), "sd_coupling_eV": .number(m.sdCoupling),
      "precession_ratio": .number(precessionRatio),
      "convention": "D_xy = +D a/(1+a^2) (the sign of Eq. 73; the paper's Eq. 92 prints the opposite sign)",
    ]
  }
}
