import ArgumentParser
import Diagnostics
import Foundation
import SpinWaves
import Studies

extension SpinTransportCLI {
  /// `spintransport magnon …`: the Heisenberg ring in a crown field (seed 000, MODELS.md §B).
  struct Magnon: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Magnon persistent spin current of a ferromagnetic Heisenberg ring in a crown field (seed 000).",
      discussion: """
        Units: J and T in kelvin, |B| in tesla, latitude in degrees, lengths in metres. Sites are
        numbered clockwise seen from +z; a positive current flows i -> i+1 (see docs/spin-waves.md).
        Physical ranges (outside them the command refuses with exit status 2): S 0.5–1000,
        J 1e-6–1e5 K, |B| 1e-12–1e4 T, g 0.01–30, latitude 0–180 degrees, T 0–1e4 K. N (and sweep
        COUNT, grid POINTS) are limited by memory: the estimate is checked before anything is
        allocated (SPINTRANSPORT_MEMORY_LIMIT=bytes|K|M|G overrides the available memory).
        """,
      subcommands: [GroundState.self, Current.self, Potential.self, Exact.self])
  }
}

/// The crown-ring model options shared by every `magnon` subcommand.
struct CrownOptions: ParsableArguments {
  @Option(name: .customLong("spins"), help: "Number of spins N (integer ≥ 3; the largest N is set by memory).")
  var spins: Int = 100
  @Option(name: .customLong("spin"), help: "Spin length S, from 0.5 to 1000.")
  var spin: Double = 0.5
  @Option(
    name: .customLong("exchange"), help: "Ferromagnetic exchange J in kelvin, 1e-6 to 1e5; H = −J Σ S_i·S_{i+1}.")
  var exchange: Double = 100
  @Option(name: .customLong("field"), help: "Field magnitude |B| in tesla, 1e-12 to 1e4; required unless swept.")
  var field: Double?
  @Option(name: .customLong("g"), help: "g factor, 0.01 to 30.")
  var g: Double = 2
  @Option(name: .customLong("latitude"), help: "Field polar angle ϑ in degrees, [0, 180]; required unless swept.")
  var latitude: Double?

  /// The model (a swept field/latitude is filled in per point by ``MagnonSweep``).
  var parameters: CrownParameters {
    CrownParameters(
      spins: spins, spinLength: spin, exchange: exchange, fieldTesla: field ?? 1, g: g, latitudeDegrees: latitude ?? 0)
  }

  /// Checks presence (unless `swept` names the option) and ranges of every model option.
  func check(sweeping swept: String?) throws {
    if field == nil && swept != "field" { throw ValidationError("Missing --field (tesla).") }
    if latitude == nil && swept != "latitude" { throw ValidationError("Missing --latitude (degrees).") }
    try asValidationError { try parameters.validate() }
  }
}

extension CrownOptions {
  /// Refuses N whose ground state (and, for `method` lswt, spin-wave spectrum) does not fit in memory.
  func requireMemory(method: CrownStudy.CurrentMethod? = nil, route: HessianRoute = .automatic) throws {
    try MemoryBudget.require(
      CrownStudy.groundStateBytes(spins: spins, route: route), parameter: "spins", value: spins,
      what: route == .dense
        ? "the classical ground state (--hessian dense: 2N×2N matrices)"
        : "the classical ground state (O(N) block-tridiagonal Hessian)")
    if method == .lswt {
      try MemoryBudget.require(
        CrownStudy.lswtBytes(spins: spins), parameter: "spins", value: spins,
        what: "linear spin-wave theory (--method lswt: dense 2N×2N complex matrices)")
    }
  }

  /// The ground state of the model, with progress lines (per start) on stderr unless `--quiet`.
  func groundState(_ output: OutputOptions, route: HessianRoute = .automatic) throws -> CrownStudy.GroundState {
    let reporter = output.reporter(
      "magnon ground state (N = \(spins))", total: CrownStudy.groundStateStarts(), unit: "starts")
    return try CrownStudy.groundState(parameters, route: route, progress: reporter.doneCallback)
  }
}

extension OutputOptions {
  /// A progress reporter on stderr (silent for the first 2 s), or nil with `--quiet`.
  func reporter(_ label: String, total: Int, unit: String = "points") -> ProgressReporter? {
    quiet ? nil : ProgressReporter(label, total: total, unit: unit)
  }
}

extension Optional where Wrapped == ProgressReporter {
  /// `update(done:)` of the reporter as a callback (nil without a reporter).
  var doneCallback: (@Sendable (Int) -> Void)? {
    map { reporter in { @Sendable done in reporter.update(done: done) } }
  }
}

extension ResultTable {
  /// The table with a warning for every column holding NaN or ±∞ that no warning explains yet
  /// (README: never a silent non-finite number): names the column, the count and the first row.
  func withNonFiniteWarnings() -> ResultTable {
    var table = self
    let explaining: Set = ["on-wire", "hessian-eigenvalue-skipped"]  // library warnings that name their NaN
    guard warnings.allSatisfy({ !explaining.contains($0.kind) }) else { return table }
    for (c, name) in columns.enumerated() {
      let bad = rows.enumerated().filter { _, row in
        if case .number(let x) = row[c] { return !x.isFinite } else { return false }
      }
      guard let first = bad.first else { continue }
      table.warnings.append(
        NumericalWarning(
          kind: "non-finite",
          message:
            "\(bad.count) non-finite value(s) in column \(name), first \(first.element[c]) in row \(first.offset + 1)",
          value: Double(bad.count)))
    }
    return table
  }
}

/// Runs `body`, turning an ``/Diagnostics/InvalidParameter`` into argument-parser's `ValidationError` (same one-line
/// text): errors thrown from `validate()` reach `main()` wrapped, and only validation errors map to exit 2.
func asValidationError(_ body: () throws -> Void) throws {
  do { try body() } catch let invalid as InvalidParameter { throw ValidationError(invalid.description) }
}

/// `--vary NAME=START:STOP:COUNT` over temperature, field, latitude or spins (N).
struct MagnonSweep {
  let range: SweepRange

  init(_ text: String, allowed: [String]) throws {
    var r = try SweepRange(parsing: text, allowedNames: allowed + (allowed.contains("spins") ? ["N"] : []))
    if r.name == "N" { r = SweepRange(name: "spins", start: r.start, stop: r.stop, count: r.count) }
    range = r
  }

  var column: String {
    switch range.name {
    case "temperature": return "temperature_K"
    case "field": return "field_T"
    case "latitude": return "latitude_deg"
    default: return "spins"
    }
  }

  /// Values, with N rounded to integers (and rejected unless integral). Call
  /// ``requireMemory(_:method:)`` first: COUNT values are allocated here.
  func values() throws -> [Double] {
    let v = range.values
    if range.name == "spins" {
      for x in v where x.rounded() != x || x < 3 {
        throw InvalidParameter("vary", "spins=\(x)", allowed: "integer N ≥ 3 at every point (choose COUNT accordingly)")
      }
    }
    return v
  }

  /// The largest N of the sweep (the base N unless N is swept; rejected when not a valid count).
  func largestSpins(_ base: CrownParameters) throws -> Int {
    guard range.name == "spins" else { return base.spins }
    let top = max(range.start, range.stop)
    guard top.isFinite, top >= 3, top < 1e15 else {
      throw InvalidParameter("vary", "spins=\(top)", allowed: "integer N ≥ 3 at every point (choose COUNT accordingly)")
    }
    return Int(top)
  }

  /// Refuses a sweep whose memory estimate does not fit, before any value is allocated: COUNT
  /// results (a texture of N directions and a table row each) plus one ground-state search (and,
  /// for LSWT, one spectrum) per core running at once, all at the sweep's largest N.
  func requireMemory(
    _ base: CrownParameters, method: CrownStudy.CurrentMethod? = nil, route: HessianRoute = .automatic
  ) throws {
    let n = try largestSpins(base)
    let count = Double(range.count)
    let concurrent = min(count, Double(ProcessInfo.processInfo.activeProcessorCount))
    var perSolve = CrownStudy.groundStateBytes(spins: n, route: route)
    if method == .lswt { perSolve += CrownStudy.lswtBytes(spins: n) }
    let bytes = count * (24 * Double(n) + 2048) + concurrent * perSolve
    try MemoryBudget.require(
      bytes, parameter: "vary", value: "\(range.name)=\(range.start):\(range.stop):\(range.count)",
      what: "\(range.count) points at N ≤ \(n)\(method == .lswt ? " with LSWT" : "")")
  }

  /// The model at sweep value `x` (validated).
  func parameters(_ base: CrownParameters, _ x: Double) throws -> CrownParameters {
    var p = base
    switch range.name {
    case "field": p.fieldTesla = x
    case "latitude": p.latitudeDegrees = x
    case "spins": p.spins = Int(x)
    default: break
    }
    do {
      try p.validate()
    } catch let invalid as InvalidParameter where invalid.name == range.name {
      throw InvalidParameter("vary", "\(range.name)=\(x)", allowed: invalid.allowed)
    }
    return p
  }
}

/// `--hessian block|dense` of `magnon ground-state`.
enum HessianChoice: String, ExpressibleByArgument, CaseIterable {
  case block, dense
  var route: HessianRoute { self == .block ? .automatic : .dense }
}

extension CrownStudy.GroundState {
  /// Row of `magnon ground-state`.
  var row: [Double] {
    [
      thetaMDegrees, solidAngle, parameters.gapKelvin, parameters.zeemanKelvin, parameters.paperRadialCondition ? 1 : 0,
      residual, thetaMEq14Degrees, capSolidAngle, smallestHessianEigenvalue, isStableMinimum ? 1 : 0, isRadial ? 1 : 0,
      energy, otherStartsLowestEnergy, magnonGapOnTexture, parameters.fieldForZeemanEqualToGap,
    ]
  }

  static let columns = [
    "theta_m_deg", "solid_angle", "gap_K", "zeeman_K", "radial_valid", "residual", "theta_m_eq14_deg",
    "cap_solid_angle", "hessian_min_K", "stable_minimum", "is_radial", "energy_K", "other_starts_min_energy_K",
    "magnon_gap_on_texture_K", "field_for_gap_T",
  ]
}

func parameterMetadata(_ p: CrownParameters, sweep: String? = nil) -> [String: JSONValue] {
  var meta: [String: JSONValue] = [
    "spins": .integer(p.spins), "spin": .number(p.spinLength), "exchange_K": .number(p.exchange),
    "field_T": .number(p.fieldTesla), "g": .number(p.g), "latitude_deg": .number(p.latitudeDegrees),
    "convention": .string("sites clockwise about +z; Omega = exact geodesic solid angle, branch (-2pi, 2pi]"),
  ]
  if let sweep {  // the swept parameter's fixed value is meaningless: record the sweep instead
    let r = try? SweepRange(parsing: sweep)
    let key = [
      "field": "field_T", "latitude": "latitude_deg", "spins": "spins", "N": "spins", "temperature": "temperature_K",
    ]
    if let r, let k = key[r.name] { meta[k] = .string("swept \(r.start):\(r.stop):\(r.count)") }
  }
  return meta
}

extension SpinTransportCLI.Magnon {
  struct GroundState: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ground-state",
      abstract: "Classical ground state (general solver), Ω, gap Δ and Zeeman |h| in K, residual and Hessian.",
      discussion: """
        Columns: theta_m_deg, solid_angle, gap_K, zeeman_K, radial_valid (paper's |h| ≥ Δ),
        residual (max|m×h_eff|, K), theta_m_eq14_deg, cap_solid_angle, hessian_min_K, stable_minimum,
        is_radial, energy_K, other_starts_min_energy_K, magnon_gap_on_texture_K (LSWT band bottom h*),
        field_for_gap_T (|B| with gμ_B|B| = Δ). With --vary the varied
        parameter is the first column.
        """)

    @OptionGroup var model: CrownOptions
    @Option(name: .long, help: "Sweep NAME=START:STOP:COUNT, NAME ∈ field, latitude, spins.")
    var vary: String?
    @Option(
      name: .long,
      help: """
        Hessian of the Newton solver: block (cyclic block-tridiagonal, O(N) time per step and memory) \
        or dense (the former 2N×2N route, O(N³) time, 160·N² bytes; for comparisons).
        """)
    var hessian: HessianChoice = .block
    @OptionGroup var output: OutputOptions

    func validate() throws {
      var swept: String?
      try asValidationError {
        if let vary {
          let sweep = try MagnonSweep(vary, allowed: ["field", "latitude", "spins"])
          swept = sweep.range.name
          try sweep.requireMemory(model.parameters, route: hessian.route)
          for x in try sweep.values() { _ = try sweep.parameters(model.parameters, x) }
        }
      }
      try model.check(sweeping: swept)
      if swept == nil { try asValidationError { try model.requireMemory(route: hessian.route) } }
    }

    func run() throws {
      var table: ResultTable
      if let vary {
        let sweep = try MagnonSweep(vary, allowed: ["field", "latitude", "spins"])
        let values = try sweep.values()
        let base = model.parameters
        let reporter = output.reporter("magnon ground-state --vary", total: values.count)
        let route = hessian.route
        let results = try parallelMap(values, progress: reporter.doneCallback) { x in
          try CrownStudy.groundState(try sweep.parameters(base, x), route: route)
        }
        table = ResultTable(columns: [sweep.column] + CrownStudy.GroundState.columns)
        for (x, r) in zip(values, results) {
          table.append([x] + r.row)
          table.warnings += r.warnings
        }
      } else {
        let r = try model.groundState(output, route: hessian.route)
        table = ResultTable(columns: CrownStudy.GroundState.columns)
        table.append(r.row)
        table.warnings = r.warnings
      }
      table.metadata = parameterMetadata(model.parameters, sweep: vary)
      try output.emit(table.withNonFiniteWarnings())
    }
  }
}
