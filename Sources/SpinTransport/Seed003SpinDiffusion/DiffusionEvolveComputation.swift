import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import SpinDiffusion
import Studies
import TimeIntegration

/// `diffusion evolve` / study model `diffusion-evolve`: the spin accumulation in time (Eq. 70)
/// coupled to Landau–Lifshitz (Eq. 79), on the interface or on the torus.
///
/// Starts from m = 0 (ends of the interface at equilibrium), or on the interface from the
/// steady state at `from_angle_deg` (the right layer switched to α at t = 0), and writes every
/// node at t = 0, every `every` steps and after the last step. One step: exact LL rotation of
/// M, then BDF2 for m (``/SpinDiffusion/SpinDynamics``). Rows: snapshots × points, streamed on
/// the command line (memory O(points)). Warnings: an explicit exchange step beyond ħh²/J;
/// a snapshot spacing beyond half the precession period π/|Ω| (aliasing), on either route.
public struct DiffusionEvolveComputation: StreamingComputation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once.
  var compiledModel: CompiledModelFile<TextureModelFile>?
  public var name: String { "diffusion-evolve" }
  public var command: [String] { ["diffusion", "evolve"] }
  public var summary: String {
    "Time evolution of the accumulation m(x, t) (BDF2) coupled to Landau–Lifshitz, interface or torus"
  }
  public var paper: Paper? { .sdExchangeDiffusion }
  public var discussion: String {
    """
    Starts from m = 0 (or, on the interface, from the steady state of --from-angle: the right layer is switched to \
    --angle at t = 0) and writes snapshots every --every steps, t = 0 and the last step included. Torus: x from 0 to \
    4L, periodic. m is the accumulation in units of the local equilibrium one (|m_eq| = 1); M is dimensionless \
    (λM is an energy; in the built-in geometries |M| ≤ M₀ = a₀ħ/(τλ), 0.066 for the paper's material at a₀ = 100), \
    and the M columns at t = 0 are the texture itself (M_z(0) = |M| cos θ, θ the angle of M from z). M moves only with --accumulation-scale or \
    --exchange-stiffness. \
    With --model FILE the texture, grid and ends come from a texture model file (docs/model-files.md) in place of the \
    geometry options, and the evolution starts from m = 0.
    """
  }

  typealias P = SpinDiffusionParameters
  public var parameters: [Parameter] {
    [
      P.geometry, P.evolveLength, P.evolveWallWidth, P.angle, P.evolvePoints, P.evolveMethod, P.scheme, P.rtol, P.atol,
      P.maxSteps, P.maxOrder, P.timeStep, P.steps, P.every, P.fromAngle, P.exchangeStiffness, P.accumulationScale,
    ] + P.material + [TextureModelFile.modelParameter]
  }
  public var outputs: [Column] { SpinDiffusionTables.evolutionColumns }
  public var example: [String] {
    ["--length", "1e-8", "--points", "21", "--steps", "4", "--every", "2", "--vary", "geometry=interface,torus"]
  }

  /// Whether the point is on the torus.
  func isTorus(_ v: ParameterValues) -> Bool { v[P.geometry.id]?.text == "torus" }

  /// The built-in geometry's parameters, which a texture model file (`--model`) replaces (the
  /// evolution then starts from m = 0 on the file's texture).
  var geometryParameters: [Parameter] { [P.geometry, P.evolveLength, P.evolveWallWidth, P.angle, P.fromAngle] }

  /// With a texture model file: the file's `[params]` in place of the built-in geometry.
  public func specialized(modelFile: URL) throws -> any Computation {
    try TextureModelFile.specialize(self, modelFile: modelFile, removing: geometryParameters, points: P.evolvePoints)
  }

  /// Whether M stays frozen (no Landau–Lifshitz coupling: ρ = 0 and J = 0).
  func isFrozen(_ v: ParameterValues) -> Bool {
    v.number(P.accumulationScale.id) == 0 && v.number(P.exchangeStiffness.id) == 0
  }

  /// Whether the point runs on the adaptive (error-controlled) route.
  func isAdaptive(_ v: ParameterValues) -> Bool {
    v.text(P.evolveMethod.id) == "adaptive"
  }

  public func check(_ v: ParameterValues) throws {
    if v.text(P.evolveMethod.id) == "adaptive", !isFrozen(v) {
      throw P.evolveMethod.invalid(
        .text("adaptive"),
        allowed: "fixed-step while M moves (accumulation_scale or exchange_stiffness_eV_m2 ≠ 0): the "
          + "error-controlled route integrates the accumulation with M frozen")
    }
    _ = try IntegrationTolerances(relative: v.number(P.rtol.id), absolute: v.number(P.atol.id))
    if isTorus(v) {
      if let a = v[P.fromAngle.id] {
        throw P.fromAngle.invalid(a, allowed: "no value with geometry torus (the torus starts from m = 0)")
      }
      let n = v.integer(P.evolvePoints.id)
      if n < P.torusPoints.minimumInteger {
        throw P.evolvePoints.invalid(
          .number(Double(n)), allowed: "an integer ≥ \(P.torusPoints.minimumInteger) on the torus")
      }
    }
    _ = try problem(v, grid: false)
  }

  /// Snapshots written: t = 0, every `every` steps, and the last step.
  func snapshotCount(_ v: ParameterValues) -> Int {
    let steps = v.integer(P.steps.id), every = v.integer(P.every.id)
    return 1 + steps / every + (steps % every == 0 ? 0 : 1)
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    for p in points { try check(p) }
    guard let largest = points.map({ $0.integer(P.evolvePoints.id) }).max() else { return }
    let batch = min(points.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
    try MemoryBudget.require(
      Double(batch) * Double(largest) * SpinDiffusionMemory.dynamicsBytesPerNode, parameter: P.evolvePoints.id,
      value: largest,
      what:
        "\(batch == 1 ? "the evolution" : "\(batch) evolutions at a time") on \(largest) nodes (snapshots are streamed)"
    )
    try SpinDiffusionTables.requireSweepTable(
      points, rows: { Double(snapshotCount($0)) * $0.number(P.evolvePoints.id) }, columns: outputs.count,
      what: "evolutions")
  }

  /// The steady problem at t = 0 and the initial accumulation (nil: m = 0); with `grid: false`
  /// only the geometry is built and validated.
  func problem(_ v: ParameterValues, grid: Bool = true) throws -> (SteadySpinProblem, [Vector3]?)? {
    let points = v.integer(P.evolvePoints.id)
    if let model = try TextureModelFile.named(in: v, by: self, removing: geometryParameters, compiled: compiledModel) {
      // The texture is checked on the grid it will run on, so `grid: false` builds it too.
      let problem = try model.problem(v, points: points)
      return grid ? (problem, nil) : nil
    }
    let w = v.optionalNumber(P.evolveWallWidth.id)
    if isTorus(v) {
      let t = try P.torus(v, sideID: P.evolveLength.id, cornerWidth: w ?? P.cornerWidth.defaultValue!.number!)
      guard grid else { return nil }
      return (t.problem(on: try t.grid(points: points)), nil)
    }
    let wall = w ?? P.wallWidth.defaultValue!.number!
    let g = try P.interface(v, wallWidth: wall)
    let before = try v.optionalNumber(P.fromAngle.id).map { try P.interface(v, angle: $0, wallWidth: wall) }
    guard grid else { return nil }
    let nodes = try g.grid(points: points)
    return (g.problem(on: nodes), try before?.problem(on: nodes).solve().accumulation)
  }

  public func stream(
    _ v: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws
    -> [NumericalWarning]
  {
    try streamWithMetadata(v, columns: columns, into: sink).warnings
  }

  /// Snapshot rows on either route; the adaptive one adds `integration` (tolerances, the integrator's
  /// counters) to the metadata and warns when the snapshot spacing aliases the precession.
  public func streamWithMetadata(
    _ v: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  )
    throws -> (warnings: [NumericalWarning], metadata: [String: JSONValue])
  {
    guard isAdaptive(v) else {
      let warnings = try streamFixedStep(v, columns: columns, into: sink)
      return (warnings, ["integrator": "exact Landau–Lifshitz rotation + BDF2 (fixed step)"])
    }
    SingleThreadedBLAS.enter()
    defer { SingleThreadedBLAS.leave() }
    let (problem, initial) = try self.problem(v)!
    let evolution = try FrozenMagnetizationEvolution(problem: problem)
    let tolerances = try IntegrationTolerances(relative: v.number(P.rtol.id), absolute: v.number(P.atol.id))
    let scheme = IntegrationScheme(named: v.text(P.scheme.id), maximumOrder: v.integer(P.maxOrder.id))
    let dt = v.number(P.timeStep.id), steps = v.integer(P.steps.id), every = v.integer(P.every.id)
    var ks = Array(stride(from: 0, through: steps, by: every))
    if ks.last != steps { ks.append(steps) }
    // k·Δt read as the decimal meant (3e-12, not 2.9999999999999997e-12).
    let times = ks.map { SweepRange.gridValue(Double($0) * dt) }
    let warnings = aliasingWarning(v, largestPrecessionRate: evolution.largestPrecessionRate).map { [$0] } ?? []
    let nodes = problem.grid.nodes, frozenM = evolution.magnetization
    let statistics = try evolution.evolve(
      from: initial, times: times, tolerances: tolerances, maximumSteps: v.integer(P.maxSteps.id),
      scheme: scheme
    ) { t, m in
      for (i, x) in nodes.enumerated() {
        let mm = frozenM[i]
        let row: [Double] = [t, SweepRange.gridValue(x), m[i].x, m[i].y, m[i].z, mm.x, mm.y, mm.z]
        try sink(columns.map { .number(row[$0]) })
      }
    }
    let metadata: [String: JSONValue] = [
      "integrator": .string("adaptive \(scheme) (SUNDIALS) with local error control, M frozen"),
      "integration": integrationMetadata(tolerances, scheme, statistics, timeUnitSuffix: "_s"),
    ]
    return (warnings, metadata)
  }

  /// A warning when the snapshot spacing exceeds half the shortest precession period π/|Ω|
  /// (Ω = (B + λM)/ħ at the nodes, rad/s): the snapshots then alias the precession.
  func aliasingWarning(_ v: ParameterValues, largestPrecessionRate rate: Double) -> NumericalWarning? {
    let dt = v.number(P.timeStep.id), spacing = Double(min(v.integer(P.every.id), v.integer(P.steps.id))) * dt
    let halfPeriod = Double.pi / rate
    guard spacing > halfPeriod else { return nil }
    return NumericalWarning(
      kind: "aliasing",
      message: "snapshot spacing \(spacing) s exceeds half the precession period π/|Ω| = \(halfPeriod) s: "
        + "the snapshots alias the precession (lower every or time_step_s)",
      value: spacing / halfPeriod)
  }

  /// The fixed-step route (``/SpinDiffusion/SpinDynamics``): Δt = `time_step_s`, `steps` steps.
  func streamFixedStep(
    _ v: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws
    -> [NumericalWarning]
  {
    // One O(n) solve of 3×3 blocks per step: BLAS threads would only spin.
    SingleThreadedBLAS.enter()
    defer { SingleThreadedBLAS.leave() }
    let (problem, initial) = try self.problem(v)!
    var dynamics = try SpinDynamics(
      problem: problem, exchangeStiffness: v.number(P.exchangeStiffness.id),
      accumulationScale: v.number(P.accumulationScale.id), initialAccumulation: initial)
    let dt = v.number(P.timeStep.id), steps = v.integer(P.steps.id), every = v.integer(P.every.id)
    let nodes = problem.grid.nodes
    // The time of step k is k·Δt read as the decimal meant, as on the adaptive route.
    func snapshot(_ k: Int) throws {
      let t = SweepRange.gridValue(Double(k) * dt)
      for (i, x) in nodes.enumerated() {
        let m = dynamics.accumulation[i], mm = dynamics.magnetization[i]
        let row: [Double] = [t, SweepRange.gridValue(x), m.x, m.y, m.z, mm.x, mm.y, mm.z]
        try sink(columns.map { .number(row[$0]) })
      }
    }
    try snapshot(0)
    for k in 1...steps {
      try dynamics.step(dt)
      if k % every == 0 || k == steps { try snapshot(k) }
    }
    // |M| is kept by Landau–Lifshitz, so the t = 0 rates bound |Ω| throughout when B = 0.
    let rate = dynamics.magnetization.map { norm3(problem.material.precession(magnetization: $0)) }.max() ?? 0
    return (aliasingWarning(v, largestPrecessionRate: rate).map { [$0] } ?? []) + dynamics.warnings
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let rows = Double(snapshotCount(v)) * v.number(P.evolvePoints.id)
    try SpinDiffusionTables.requireTable(
      rows: rows, columns: outputs.count, parameter: P.steps.id,
      value: "\(v.integer(P.steps.id)) (with every = \(v.integer(P.every.id)))")
    var table: [[TableValue]] = []
    let run = try streamWithMetadata(v, columns: Array(outputs.indices)) { table.append($0) }
    var evaluation = StudyEvaluation(rows: table, warnings: run.warnings)
    evaluation.metadata = run.metadata
    return evaluation
  }

  public func rowBound(_ v: ParameterValues) -> RowBound? {
    let snapshots = snapshotCount(v), n = v.integer(P.evolvePoints.id)
    return RowBound(
      rows: Double(snapshots) * Double(n), parameter: P.steps.id,
      value: "\(v.integer(P.steps.id)) (with every = \(v.integer(P.every.id)))",
      what: "\(snapshots) snapshots × \(n) points (raise every or lower points)")
  }
}

extension Parameter {
  /// The lower bound of an integer domain (0 for other domains).
  var minimumInteger: Int {
    if case .integer(let r) = domain { return r.lowerBound }
    return 0
  }
}
