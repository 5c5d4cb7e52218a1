import Foundation
import LongitudinalRelaxation
import ModelFiles
import Studies
import TimeIntegration

/// `relaxation evolve` / study model `relaxation-evolve`: space–time relaxation of dM, dm
/// (Eqs. 28–29) by the method of lines: adaptive SDIRK or BDF with local error control (default) or the
/// fixed-step TR-BDF2 route (docs/model-reference.md).
///
/// Long format: one row per output time × grid point, `t_r, x_kM, dM, dm` (t in 1/r, x in 1/k_M,
/// dM and dm in the units of the initial profile). Memory is O(points): the rows are produced
/// snapshot by snapshot through ``run(_:row:progress:)``, which the CLI streams to its output.
public struct RelaxationEvolveComputation: StreamingComputation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once.
  var compiledModel: CompiledModelFile<ProfileModelFile>?
  public var name: String { "relaxation-evolve" }
  public var command: [String] { ["relaxation", "evolve"] }
  public var summary: String {
    "Space–time relaxation of dM(x, t), dm(x, t) (method of lines, error-controlled SDIRK or BDF)"
  }
  public var paper: Paper? { .longitudinalRelaxation }
  public var discussion: String {
    "The default initial condition is the step of Fig. 1 (dM = height for x < position, dm = 0). dM and dm "
      + "are deviations of the magnetization M and of the accumulation m from equilibrium, both in the units of "
      + "the initial profile (the step height is 1 by default); t in 1/r, x in 1/k_M. The adaptive method keeps "
      + "each step's local error within rtol·|u| + atol·max|u(0)| and reports its steps and error estimate in the metadata. "
      + "With --model FILE the initial profile comes from a profile model file (formulas or a table, "
      + "docs/model-files.md) in place of --initial; --initial file --profile FILE.csv is its shorthand for a table."
  }
  public var example: [String] { ["--points", "41", "--times", "0,1", "--vary", "xi=0.3,0.9"] }

  typealias P = RelaxationParameters
  typealias E = RelaxationEvolveParameters
  public var parameters: [Parameter] {
    [
      P.xi, P.wm, P.wM, E.length, E.points, E.boundary, E.method, E.scheme, E.rtol, E.atol, E.maxSteps, E.timeStep,
      E.times,
      E.initial, E.stepHeight, E.stepPosition,
      E.mode, E.profile, ProfileModelFile.modelParameter,
    ]
  }

  /// The built-in initial profiles' parameters, which a profile model file (`--model`) replaces.
  var initialParameters: [Parameter] { [E.initial, E.stepHeight, E.stepPosition, E.mode, E.profile] }

  /// With a profile model file: the file's `[params]` in place of the built-in initial profiles.
  public func specialized(modelFile: URL) throws -> any Computation {
    try ProfileModelFile.specialize(self, modelFile: modelFile, removing: initialParameters)
  }

  /// The profile model file the point names (`model`), nil for the built-in initial profiles.
  func profileModel(_ v: ParameterValues) throws -> ProfileModelFile? {
    try ProfileModelFile.named(in: v, by: self, removing: initialParameters, compiled: compiledModel)
  }
  public var outputs: [Column] {
    [
      Column("t_r", unit: "1/r", "time"), Column("x_kM", unit: "1/k_M", "position"),
      Column("dM", "deviation of the magnetization M"), Column("dm", "deviation of the accumulation m"),
    ]
  }

  /// Everything of one run, checked: model, grid, initial profile, times, step.
  struct Setup {
    let model: RelaxationModel
    let grid: RelaxationGrid
    let times: [Double]
    let timeStep: Double
    let stepCount: Double
    let method: RelaxationIntegrator
    let tolerances: IntegrationTolerances
    let scheme: IntegrationScheme
  }

  func setup(_ v: ParameterValues) throws -> Setup {
    let model = try P.model(v)
    let grid = try RelaxationGrid(
      length: v.number(E.length.id), points: v.integer(E.points.id),
      boundary: RelaxationBoundary(rawValue: v.text(E.boundary.id))!)
    let method = RelaxationIntegrator(rawValue: v.text(E.method.id))!
    if method == .adaptive, let given = v[E.timeStep.id] {
      throw E.timeStep.invalid(
        given, allowed: "only with method = fixed-step (the adaptive method chooses its own steps: set rtol, atol)")
    }
    let times = v.numbers(E.times.id), step = v.optionalNumber(E.timeStep.id) ?? E.defaultTimeStep
    let tolerances = try IntegrationTolerances(relative: v.number(E.rtol.id), absolute: v.number(E.atol.id))
    let stepCount = RelaxationEvolution.stepCount(times: times, timeStep: step)
    guard method == .adaptive || stepCount <= RelaxationRanges.maximumSteps else {
      // A joint limit of the times and the step: both are named, whichever the user changed.
      throw E.times.invalid(
        v[E.times.id]!,
        allowed: "at most 1e7 steps in all: a last output time ≤ \(RelaxationRanges.maximumSteps * step) "
          + "at time step \(step), or a larger time step (this needs \(stepCount) steps)")
    }
    let file = v[E.profile.id]?.text
    if file != nil, v[E.initial.id]?.text != "file" {
      throw E.profile.invalid(v[E.profile.id]!, allowed: "only with initial = file")
    }
    if file == nil, v[E.initial.id]?.text == "file" {
      throw E.profile.invalid(.text("(missing)"), allowed: "a CSV file with initial = file")
    }
    return Setup(
      model: model, grid: grid, times: times, timeStep: step, stepCount: stepCount, method: method,
      tolerances: tolerances, scheme: IntegrationScheme(named: v.text(E.scheme.id), maximumOrder: 5))
  }

  /// ``setup(_:)``, and with `initial = file` the profile is read: a missing or malformed file
  /// is refused before any output exists.
  public func check(_ v: ParameterValues) throws {
    let s = try setup(v)
    if let model = try profileModel(v) {
      _ = try model.profiles(v, grid: s.grid)
    } else if v.text(E.initial.id) == "file" {
      _ = try RelaxationTables.profile(fromCSV: v.text(E.profile.id), grid: s.grid)
    }
  }

  /// Output times × grid points rows, set by the output times.
  public func rowBound(_ v: ParameterValues) -> RowBound? {
    let times = v[E.times.id]?.numbers?.count ?? 1, points = v[E.points.id]?.number ?? 1
    return RowBound(
      rows: Double(times) * points, parameter: E.times.id, value: v[E.times.id]?.description ?? "",
      what: "\(times) output times × \(Int(points)) points")
  }

  public func stream(
    _ v: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws
    -> [NumericalWarning]
  {
    try streamWithMetadata(v, columns: columns, into: sink).warnings
  }

  public func streamWithMetadata(
    _ v: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  )
    throws -> (warnings: [NumericalWarning], metadata: [String: JSONValue])
  {
    let r = try run(v, row: { r in try sink(columns.map { .number(r[$0]) }) })
    return (r.warnings, r.metadata)
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    for v in points {
      try check(v)
      let s = try setup(v)
      try MemoryBudget.require(
        Double(s.grid.points) * RelaxationEvolution.bytesPerPoint, parameter: E.points.id, value: s.grid.points,
        what: "the evolution on \(s.grid.points) points (snapshots are streamed)")
    }
  }

  /// Runs the evolution of one point, handing each row `[t, x, dM, dm]` to `row` as it is made.
  /// Returns the metadata (grid, step, ∫(M + m)dx at the first and last time) and warnings.
  public func run(
    _ v: ParameterValues, row: ([Double]) throws -> Void, progress: ((Int) -> Void)? = nil
  ) throws -> (metadata: [String: JSONValue], warnings: [NumericalWarning]) {
    let s = try setup(v)
    let start: RelaxationProfiles
    switch try profileModel(v).map({ _ in "model" }) ?? v.text(E.initial.id) {
    case "model": start = try profileModel(v)!.profiles(v, grid: s.grid)
    case "cosine": start = .cosine(grid: s.grid, mode: v.integer(E.mode.id))
    case "file": start = try RelaxationTables.profile(fromCSV: v.text(E.profile.id), grid: s.grid)
    default:
      start = .step(grid: s.grid, height: v.number(E.stepHeight.id), position: v.number(E.stepPosition.id))
    }
    return try RelaxationTables.streamEvolution(
      model: s.model, grid: s.grid, initial: start, times: s.times, method: s.method, timeStep: s.timeStep,
      tolerances: s.tolerances, scheme: s.scheme, maximumSteps: v.integer(E.maxSteps.id), row: row, progress: progress)
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    var rows: [[Double]] = []
    let (metadata, warnings) = try run(v, row: { rows.append($0) })
    var evaluation = StudyEvaluation(numberRows: rows, warnings: warnings)
    evaluation.metadata = metadata
    return evaluation
  }
}
