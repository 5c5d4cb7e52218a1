import Diagnostics
import Foundation
import LinearAlgebra
import LongitudinalRelaxation
import ModelFiles
import TimeIntegration

/// Result tables of the longitudinal-relaxation model (`spintransport relaxation …` and its figures).
///
/// All in the reduced units of the paper: rates and ω in units of r, wavevectors in units of
/// k_M, lengths in 1/k_M, times in 1/r (docs/model-reference.md; docs/longitudinal-relaxation.md).
public enum RelaxationTables {
  /// Largest sweep count accepted (a guard against typos such as 0:1:1e9).
  public static let maximumCount = 1_000_000

  /// Validates a parsed `START:STOP:COUNT` sweep (count cap, optional lower bound on values).
  ///
  /// `allowedText` explains a violated `minimum`. With `bounds`, START and STOP must lie in it
  /// (the message gives the range with `unit`); with `columns`, the table of COUNT rows is checked against the memory
  /// (``/Diagnostics/MemoryBudget``) and the output size at `outputPath` (``OutputBudget``, nil = stdout)
  /// before the values are allocated.
  public static func sweepValues(
    _ text: String, option: String, minimum: Double? = nil, allowedText: String = "",
    bounds: ClosedRange<Double>? = nil, unit: String = "", columns: Int? = nil, outputPath: String? = nil
  ) throws -> [Double] {
    let range = try SweepRange.parseRange(text, option: option)
    guard range.count <= maximumCount else {
      throw InvalidParameter(option, text, allowed: "COUNT ≤ \(maximumCount)")
    }
    if let minimum, min(range.start, range.stop) < minimum {
      throw InvalidParameter(option, text, allowed: allowedText)
    }
    if let bounds, !(bounds.contains(range.start) && bounds.contains(range.stop)) {
      throw InvalidParameter(
        option, text,
        allowed: "START and STOP in the range [\(RelaxationRanges.shown(bounds.lowerBound)), "
          + "\(RelaxationRanges.shown(bounds.upperBound))]\(unit.isEmpty ? "" : " \(unit)")")
    }
    if let columns {
      let rows = Double(range.count)
      try MemoryBudget.require(
        OutputBudget.tableMemoryEstimate(rows: rows, columns: columns), parameter: option, value: text,
        what: "a table of \(range.count) rows × \(columns) columns")
      try OutputBudget.require(
        OutputBudget.estimate(rows: rows, columns: columns), path: outputPath, parameter: option, value: text,
        what: "\(range.count) rows × \(columns) columns")
    }
    return SweepRange(name: option, start: range.start, stop: range.stop, count: range.count).values
  }

  /// A warning for the first non-finite number of a computed row (the table keeps it: never a
  /// silent NaN/inf), naming the input that produced it.
  static func nonFiniteWarning(_ row: [Double], input: String) -> NumericalWarning? {
    guard let bad = row.first(where: { !$0.isFinite }) else { return nil }
    return NumericalWarning(kind: "non-finite", message: "non-finite result \(bad) at \(input) (overflow)", value: bad)
  }

  /// Columns `k2_ratio, gamma_plus, gamma_minus`: γ±/r versus k²/k_M²; with `modes`, also
  /// `ratio_plus, ratio_minus` = dm/dM of each eigenmode.
  public static func rates(
    model: RelaxationModel, k2Ratios: [Double], method: RateMethod, modes: Bool = false
  ) throws -> ResultTable {
    for k2 in k2Ratios where !(k2.isFinite && k2 >= 0) {
      throw InvalidParameter("k2-ratio", k2, allowed: "k²/k_M² ≥ 0 (a real wavevector)")
    }
    var columns = ["k2_ratio", "gamma_plus", "gamma_minus"]
    if modes { columns += ["ratio_plus", "ratio_minus"] }
    var table = ResultTable(columns: columns, metadata: metadata(model))
    table.metadata["method"] = .string(method.rawValue)
    table.metadata["units"] =
      "k2_ratio = k²/k_M²; gamma_plus, gamma_minus = γ±/r (decay rates, e^{−γt+ikx}); ratio_± = dm/dM of each mode"
    for k2 in k2Ratios {
      let r = try model.reducedRates(k2Ratio: k2, method: method)
      let row = modes ? [k2, r.gammaPlus, r.gammaMinus, r.ratioPlus, r.ratioMinus] : [k2, r.gammaPlus, r.gammaMinus]
      table.append(row)
      table.warnings += r.warnings
      // One warning of each kind per table (the first row that shows it).
      if !table.warnings.contains(where: { $0.kind == "non-finite" }),
        let w = nonFiniteWarning(Array(row.prefix(3)), input: "k²/k_M² = \(k2)")
      {
        table.warnings.append(w)
      }
      // dm/dM is ±inf for a mode with dM = 0 (a pure-m mode, e.g. w_M = r): physics, but never silent.
      if modes, !table.warnings.contains(where: { $0.kind == "pure-m-mode" }),
        let bad = [r.ratioPlus, r.ratioMinus].first(where: { !$0.isFinite })
      {
        table.warnings.append(
          NumericalWarning(
            kind: "pure-m-mode", message: "mode ratio dm/dM = \(bad) at k²/k_M² = \(k2): the mode has dM = 0",
            value: bad))
      }
    }
    return table
  }

  /// Columns `omega, re_k, im_k`: the root k/k_M with Im k ≥ 0 at real ω/r (e^{−iωt}).
  public static func wavevectors(model: RelaxationModel, omegas: [Double]) throws -> ResultTable {
    for w in omegas { try model.checkFrequency(w) }
    var table = ResultTable(columns: ["omega", "re_k", "im_k"], metadata: metadata(model))
    table.metadata["units"] = .string(
      "omega = ω/r; re_k, im_k = k/k_M, time dependence e^{−iωt} (Eq. 44 with i → −i), "
        + "root with Im k ≥ 0; the other root is −k")
    for w in omegas {
      let k = try model.wavevector(omega: w).kRatio
      table.append([w, k.real, k.imaginary])
      if table.warnings.isEmpty, let warning = nonFiniteWarning([k.real, k.imaginary], input: "ω/r = \(w)") {
        table.warnings.append(warning)
      }
    }
    return table
  }

  /// The rows `t, x, dM, dm` of an evolution (long format: every output time × every grid point) handed to `row` snapshot by snapshot: memory O(points) whatever the number
  /// of output times. `method` picks the adaptive integrator (with `tolerances` and `scheme`) or the
  /// fixed-step one (with `timeStep`; `progress` then receives its step counts, total
  /// ``/LongitudinalRelaxation/RelaxationEvolution/stepCount(times:timeStep:)``).
  /// Returns the metadata (grid, integrator and its statistics, ∫(M + m)dx at the first and
  /// last time) and warnings.
  /// - Throws: `IntegrationFailure` when the adaptive integrator cannot meet
  ///   its tolerance; parameter errors before any row.
  public static func streamEvolution(
    model: RelaxationModel, grid: RelaxationGrid, initial: RelaxationProfiles, times: [Double],
    method: RelaxationIntegrator, timeStep: Double, tolerances: IntegrationTolerances,
    scheme: IntegrationScheme = .sdirk(.ark548), maximumSteps: Int = 100_000,
    row: ([Double]) throws -> Void, progress: ((Int) -> Void)? = nil
  ) throws -> (metadata: [String: JSONValue], warnings: [NumericalWarning]) {
    let evolution = RelaxationEvolution(model: model, grid: grid)
    let x = grid.positions
    var first: Double?, last = 0.0
    let emit: (RelaxationSnapshot) throws -> Void = { snap in
      let total = evolution.totalMagnetization(snap.profiles)
      if first == nil { first = total }
      last = total
      for i in 0..<grid.points { try row([snap.time, x[i], snap.profiles.dM[i], snap.profiles.dm[i]]) }
    }
    var meta = metadata(model)
    meta["units"] = "t in 1/r, x in 1/k_M; dM, dm in the units of the initial profile"
    meta["grid"] = .object([
      "length": .number(grid.length), "points": .integer(grid.points), "boundary": .string(grid.boundary.rawValue),
    ])
    let warnings: [NumericalWarning]
    switch method {
    case .fixedStep:
      warnings = try evolution.evolve(
        from: initial, times: times, timeStep: timeStep, progress: progress, snapshot: emit)
      meta["time_step"] = .number(timeStep)
      meta["integrator"] = "method of lines, three-point Laplacian, fixed-step TR-BDF2 (L-stable, 2nd order)"
    case .adaptive:
      let run = try evolution.evolveAdaptive(
        from: initial, times: times, tolerances: tolerances, scheme: scheme, maximumSteps: maximumSteps,
        snapshot: emit)
      warnings = run.warnings
      meta["integrator"] =
        .string("method of lines, three-point Laplacian, adaptive \(scheme) (SUNDIALS) with local error control")
      meta["integration"] = integrationMetadata(tolerances, scheme, run.statistics)
    }
    if let first {
      meta["integral_M_plus_m_first"] = .number(first)
      meta["integral_M_plus_m_last"] = .number(last)
    }
    return (meta, warnings)
  }

  /// Reads initial profiles from a CSV file with a header naming columns `x`, `dM`, `dm`.
  ///
  /// x is in 1/k_M and strictly increasing; the profiles are interpolated linearly onto the grid
  /// (constant beyond the ends). The file is read by ``CSVInput`` (RFC 4180; blank lines and
  /// records whose first field starts with `#` are skipped). Errors are ``/Diagnostics/InvalidParameter``
  /// named `profile`, with the file's line number where one applies.
  public static func profile(fromCSV path: String, grid: RelaxationGrid) throws -> RelaxationProfiles {
    // The bytes, the parsed fields and the columns: ~8 bytes of memory per byte of file.
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber {
      try MemoryBudget.require(
        8 * size.doubleValue, parameter: "profile", value: path, what: "reading a \(size) B profile")
    }
    // The table reader and the interpolation of profile model files (`table = …`), other columns ignored.
    do {
      let (samples, table) = try ProfileModelFile.samples(
        path: path, shown: path, reference: SourceLocation(file: path, line: 1, column: 1), ignoringOtherColumns: true)
      do {
        return try RelaxationProfiles(grid: grid, samples: samples)
      } catch let error as SampledProfileError {
        throw table.error(error)
      }
    } catch let error as ModelFileError {
      let unreadable = error.message.hasPrefix("cannot read")
      let place = unreadable ? path : "\(path) line \(error.location.line)"
      let reason = unreadable ? "a readable CSV file" : error.message
      throw InvalidParameter("profile", place, allowed: "a CSV file with columns x, dM, dm; found: \(reason)")
    }
  }

  private static func metadata(_ model: RelaxationModel) -> [String: JSONValue] {
    [
      "model": "two-variable (M, m) longitudinal relaxation of Saslow, Sun and Xu, reduced units r = k_M = 1",
      "xi": .number(model.xi), "wm_over_r": .number(model.spinLatticeRate / model.exchangeRate),
      "wM_over_r": .number(model.magnetizationLatticeRate / model.exchangeRate),
    ]
  }
}
