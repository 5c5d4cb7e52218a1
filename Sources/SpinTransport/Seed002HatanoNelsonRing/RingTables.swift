import Diagnostics
import Foundation
import Numerics
import TightBinding

/// Result tables of the `ring` commands (seed 002), shared by the CLI and the figures.
///
/// Units: energies in eV, flux phase in rad, angles θ, ϕ in **degrees** (CLI convention),
/// charge current in A, spin currents in eV, temperature in K.
public enum RingTables {
  /// Names accepted by `ring sweep --vary NAME=…`.
  public static let sweepNames = ["flux-phase", "mu", "theta", "azimuth", "exchange", "cells", "aah", "gamma"]

  /// Columns of `ring currents`.
  public static let currentColumns = [
    "flux_phase", "mu", "re_charge", "im_charge", "re_spin_x", "im_spin_x", "re_spin_y", "im_spin_y",
    "re_spin_z", "im_spin_z",
  ]

  /// Model parameters as metadata (angles in degrees).
  public static func metadata(_ ring: HatanoNelsonRing, includeCells: Bool = true) -> [String: JSONValue] {
    var p: [String: JSONValue] = [
      "t1_eV": .number(ring.t1), "gamma_eV": .number(ring.gamma), "t2_eV": .number(ring.t2),
      "flux_phase_rad": .number(ring.fluxPhase), "exchange_eV": .number(ring.exchange),
      "theta_deg": .number(ring.theta * 180 / .pi), "azimuth_deg": .number(ring.azimuth * 180 / .pi),
      "onsite_eV": .number(ring.onsite), "aah_eV": .number(ring.aah),
    ]
    if includeCells { p["cells"] = .integer(ring.cells) }
    return ["model": "ferromagnetic Hatano–Nelson ring (MODELS.md §A)", "parameters": .object(p)]
  }

  /// `ring spectrum`: index, re_energy, im_energy (eV), sorted by Re E then Im E.
  public static func spectrum(
    _ ring: HatanoNelsonRing, path: RingSpectrum.Path = .automatic, progress: ProgressReporter? = nil
  ) throws -> ResultTable {
    let e = try RingSpectrum.eigenvalues(of: ring, path: path, progress: progress)
    var t = ResultTable(columns: ["index", "re_energy", "im_energy"], metadata: metadata(ring))
    t.metadata["path"] = .string(try pathName(path, ring))
    for (i, x) in e.enumerated() { t.append([.integer(i), .number(x.real), .number(x.imaginary)]) }
    t.warnings += nonFiniteWarnings(t)
    return t
  }

  /// `ring bands`: k (rad), band (up+, up-, down+, down-), re_energy, im_energy (eV).
  public static func bands(_ ring: HatanoNelsonRing, kPoints: Int) throws -> ResultTable {
    let b = try RingSpectrum.bands(of: ring, kPoints: kPoints)
    var t = ResultTable(
      columns: ["k", "band", "re_energy", "im_energy"], metadata: metadata(ring, includeCells: false))
    for x in b { t.append([.number(x.k), .text(x.band), .number(x.energy.real), .number(x.energy.imaginary)]) }
    t.warnings += nonFiniteWarnings(t)
    return t
  }

  /// One row of `ring currents` (values in the column order of ``currentColumns``).
  public static func currentRow(_ ring: HatanoNelsonRing, mu: Double, c: RingCurrents) -> [Double] {
    var row = [ring.fluxPhase, mu, c.charge.real, c.charge.imaginary]
    for s in c.spin { row += [s.real, s.imaginary] }
    return row
  }

  /// `ring currents`: one row at (ring, μ, T).
  public static func currents(
    _ ring: HatanoNelsonRing, mu: Double, temperature: Double = 0, method: CurrentMethod = .operator,
    path: RingSpectrum.Path = .automatic, progress: ProgressReporter? = nil
  ) throws -> ResultTable {
    let r = try PersistentCurrents.compute(
      ring, mu: mu, temperature: temperature, method: method, path: path, progress: progress)
    var t = ResultTable(columns: currentColumns, metadata: metadata(ring), warnings: r.warnings)
    t.metadata["method"] = .string(method.rawValue)
    t.metadata["temperature_K"] = .number(temperature)
    t.metadata["units"] = "charge in A, spin in eV"
    t.metadata["max_condition_number"] = .number(r.maxConditionNumber)
    t.metadata["path"] = .string(method == .derivative ? "dense" : try pathName(path, ring))
    t.append(currentRow(ring, mu: mu, c: r.currents))
    if r.warnings.isEmpty { t.warnings += nonFiniteWarnings(t) }
    return t
  }

  /// The ring and μ at one sweep value (`value` in CLI units: degrees for theta and azimuth).
  public static func point(
    _ ring: HatanoNelsonRing, mu: Double, name: String, value: Double
  ) throws -> (
    HatanoNelsonRing, Double
  ) {
    switch name {
    case "mu":
      try Require.finite(value, "vary")
      return (ring, value)
    case "theta", "azimuth": return (try ring.setting(name, to: value * .pi / 180), mu)
    default:
      guard sweepNames.contains(name) else {
        throw InvalidParameter("vary", name, allowed: "NAME one of \(sweepNames.joined(separator: ", "))")
      }
      return (try ring.setting(name, to: value), mu)
    }
  }

  /// `ring sweep`: the varied parameter (column named after it with `_` for `-`; omitted for
  /// flux-phase and mu, which are already columns) followed by the ``currentColumns``.
  /// Every point is validated before any is computed; points run on all cores in input order.
  public static func sweep(
    _ ring: HatanoNelsonRing, mu: Double, name: String, values: [Double], temperature: Double = 0,
    method: CurrentMethod = .operator, path: RingSpectrum.Path = .automatic,
    progress: (@Sendable (Int) -> Void)? = nil
  ) throws -> ResultTable {
    let points = try values.map { try point(ring, mu: mu, name: name, value: $0) }
    for (r, m) in points {
      try r.validate()
      try Require.finite(m, "mu")
      if method == .derivative, temperature > 0 {
        throw InvalidParameter("temperature", temperature, allowed: "0 with --method derivative")
      }
      _ = try RingSpectrum.concretePath(method == .derivative ? .dense : path, r)
    }
    try Require.nonNegative(temperature, "temperature")
    let results = try parallelMap(points, progress: progress) { p in
      try PersistentCurrents.compute(p.0, mu: p.1, temperature: temperature, method: method, path: path)
    }
    let extra = (name == "flux-phase" || name == "mu") ? [] : [name.replacingOccurrences(of: "-", with: "_")]
    var t = ResultTable(columns: extra + currentColumns, metadata: metadata(ring))
    t.metadata["method"] = .string(method.rawValue)
    t.metadata["temperature_K"] = .number(temperature)
    t.metadata["vary"] = .string(name)
    t.metadata["units"] = "charge in A, spin in eV; theta and azimuth in degrees"
    for (i, r) in results.enumerated() {
      let (ringI, muI) = points[i]
      t.append((extra.isEmpty ? [] : [values[i]]) + currentRow(ringI, mu: muI, c: r.currents))
      t.warnings += r.warnings.map {
        NumericalWarning(kind: $0.kind, message: "\(name) = \(values[i]): \($0.message)", value: $0.value)
      }
    }
    // Non-finite values at points without their own warning (never a silent NaN).
    var unexplained = ResultTable(columns: t.columns)
    for (i, r) in results.enumerated() where r.warnings.isEmpty { unexplained.append(t.rows[i]) }
    t.warnings += nonFiniteWarnings(unexplained)
    return t
  }

  /// Columns of `ring states`.
  public static let stateColumns = [
    "index", "k", "re_energy", "im_energy", "re_charge", "im_charge", "re_spin_x", "im_spin_x", "re_spin_y",
    "im_spin_y", "re_spin_z", "im_spin_z", "condition_number",
  ]

  /// `ring states`: every eigenstate's biorthogonal current values (charge A, spin eV; degenerate
  /// blocks biorthonormalised, so individual values inside a block depend on the basis), its
  /// Bloch momentum (empty on the dense path) and its eigenvalue condition number.
  public static func states(
    _ ring: HatanoNelsonRing, path: RingSpectrum.Path = .automatic, progress: ProgressReporter? = nil
  ) throws -> ResultTable {
    let states = try PersistentCurrents.states(ring, path: path, progress: progress)
    var t = ResultTable(columns: stateColumns, metadata: metadata(ring))
    t.metadata["units"] = "k in rad, energies in eV, charge in A, spin in eV"
    for (i, s) in states.enumerated() {
      var row: [TableValue] = [.integer(i), s.momentum.map(TableValue.number) ?? .text("")]
      row += [s.energy.real, s.energy.imaginary].map(TableValue.number)
      for c in s.currents.all { row += [.number(c.real), .number(c.imaginary)] }
      row.append(.number(s.conditionNumber))
      t.append(row)
    }
    let worst = states.map(\.conditionNumber).max() ?? 1
    let undefined = states.filter { !$0.currents.charge.isFinite }.count
    if undefined > 0 {
      t.warnings.append(
        NumericalWarning(
          kind: "exceptional-point",
          message: "\(undefined) state(s) at an exceptional point (eigenvalue condition number up to "
            + "\(String(format: "%.3g", worst)) ≥ \(String(format: "%.0g", PersistentCurrents.numericallyDefectiveCondition))): "
            + "their per-state currents diverge there and are reported as NaN; totals stay defined (ring currents)",
          value: worst))
    } else if worst > PersistentCurrents.conditionWarningThreshold {
      t.warnings.append(
        NumericalWarning(
          kind: "exceptional-point",
          message: "near an exceptional point: largest eigenvalue condition number \(String(format: "%.3g", worst)); "
            + "per-state values of the affected states are unreliable", value: worst))
    }
    t.warnings += nonFiniteWarnings(t, skipping: undefined > 0 ? Set(currentColumnsOfStates) : [])
    return t
  }

  /// Columns of `ring states` that hold currents (NaN at exceptional points, already explained).
  static let currentColumnsOfStates = Array(stateColumns[4..<12])

  /// A warning for every column holding non-finite numbers not already explained (README:
  /// never a silent NaN), with the count of such values.
  static func nonFiniteWarnings(_ t: ResultTable, skipping explained: Set<String> = []) -> [NumericalWarning] {
    var out: [NumericalWarning] = []
    for (j, column) in t.columns.enumerated() where !explained.contains(column) {
      let bad = t.rows.filter { row in
        if case .number(let x) = row[j] { return !x.isFinite }
        return false
      }.count
      if bad > 0 {
        out.append(
          NumericalWarning(
            kind: "non-finite",
            message: "\(bad) non-finite value(s) in column \(column) (overflow or an undefined limit)",
            value: Double(bad)))
      }
    }
    return out
  }

  static func pathName(_ path: RingSpectrum.Path, _ ring: HatanoNelsonRing) throws -> String {
    try RingSpectrum.concretePath(path, ring).rawValue
  }
}
