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
/// node at t = k·Δt for k = 0, every, 2·every, … and the last step. Default route: error-controlled
/// (``/SpinDiffusion/FrozenMagnetizationEvolution`` with M frozen,
/// ``/SpinDiffusion/CoupledMagnetizationEvolution`` when M moves); second route `fixed-step`: exact
/// LL rotation of M, then BDF2 for m (``/SpinDiffusion/SpinDynamics``). Rows: snapshots × points,
/// streamed on the command line (memory O(points)). Warnings: an explicit exchange step beyond
/// ħh²/J (fixed-step); a snapshot spacing beyond half the precession period π/|Ω| (aliasing), on
/// either route.
public struct DiffusionEvolveComputation: StreamingComputation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once.
  var compiledModel: CompiledModelFile<TextureModelFile>?
  public var name: String { "diffusion-evolve" }
  public var command: [String] { ["diffusion", "evolve"] }
  public var summary: String {
    "Time evolution of the accumulation m(x, t) coupled to Landau–Lifshitz for M, error-controlled, interface or torus"
  }
  public var paper: Paper? { .sdExchangeDiffusion }
  public var discussion: String {
    """
    Starts from m = 0 (or, on the interface, from the steady state of --from-angle: the right layer is switched to \
    --angle at t = 0) and writes snapshots at t = k·Δt every --every steps, t = 0 and the last step included (or, with the \
    adaptive method, at the --times given); keep \
    their spacing below half the precession period π/|Ω| = πτ/a₀ (0.31 ps for the default material), as the default \
    (3 × 0.1 ps) does. Torus: x from 0 to 4L, periodic. m is the accumulation in units of the local equilibrium one \
    (|m_eq| = 1); M is dimensionless (λM is an energy; in the built-in geometries |M| ≤ M₀ = a₀ħ/(τλ), 0.066 for \
    the paper's material at a₀ = 100, where τ = l²/D = 10 ps and λ = 0.1 eV: an sd splitting λM₀ = 6.6 meV, \
    precession at 10¹³ rad/s), and the M columns at t = 0 are the texture itself (M_z(0) = |M| cos θ, θ the angle of \
    M from z). M is frozen by default (the paper's steady-state picture); with --magnetization landau-lifshitz it moves by \
    Eq. 79 with the exchange stiffness J (default permalloy's, A = 1.3e-11 J/m, Ms = 8.6e5 A/m: spin-wave \
    stiffness 2gμ_B A/Ms = 3.5e-21 eV·m², J = 2·3.5e-21/M₀ = 1.06e-19 eV·m² at the default material) and the \
    accumulation's torque λρm (--accumulation-scale ρ, default 0). Eq. 79 has no anisotropy or damping, so no \
    wall is at rest in it: permalloy's exchange unwinds the default 0.6 nm wall at ~4×10¹³ rad/s (a warning gives \
    the rate), which the error-controlled run must resolve; --exchange-stiffness 0 keeps the texture rigid \
    against exchange and lets only the accumulation's torque move it. The default method \
    (adaptive) integrates m and M together with local error control (--scheme: an L-stable SDIRK of ARKODE by \
    default, or CVODE's BDF; --rtol, --atol, --max-steps; counters in the JSON metadata) and fails with exit status 2, naming the time reached, when it \
    cannot meet the tolerance; fixed-step is the Lie splitting of Hitchon, Parker and Rebei's equations (exact LL \
    rotation, BDF2 for m; first order in --time-step). With --model FILE the texture, grid and ends come from a \
    texture model file (docs/model-files.md) in place of the geometry options, and the evolution starts from m = 0.
    """
  }

  typealias P = SpinDiffusionParameters
  public var parameters: [Parameter] {
    [
      P.geometry, P.evolveLength, P.evolveWallWidth, P.angle, P.evolvePoints, P.evolveMethod, P.scheme, P.rtol, P.atol,
      P.maxSteps, P.maxOrder, P.timeStep, P.steps, P.every, P.times, P.fromAngle, P.magnetization, P.exchangeStiffness,
      P.accumulationScale,
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

  /// Whether M stays the frozen texture (`magnetization` = frozen).
  func isFrozen(_ v: ParameterValues) -> Bool { v.text(P.magnetization.id) == "frozen" }

  /// Whether the point runs on the adaptive (error-controlled) route.
  func isAdaptive(_ v: ParameterValues) -> Bool {
    v.text(P.evolveMethod.id) == "adaptive"
  }

  public func check(_ v: ParameterValues) throws {
    _ = try IntegrationTolerances(relative: v.number(P.rtol.id), absolute: v.number(P.atol.id))
    if let t = v[P.times.id], !isAdaptive(v) {
      throw P.times.invalid(
        t,
        allowed: "no value with method fixed-step (its snapshots are t = k·Δt: --\(P.timeStep.flag), "
          + "--\(P.steps.flag), --\(P.every.flag))")
    }
    if isFrozen(v) {
      // J and ρ act only on a moving M: a value for them with M frozen would be silently unused.
      let moving = "(--\(P.magnetization.flag) landau-lifshitz; study key \(P.magnetization.id))"
      if let rho = v[P.accumulationScale.id], v.number(P.accumulationScale.id) != 0 {
        throw P.accumulationScale.invalid(
          rho, allowed: "0 while M is frozen: ρ is the accumulation's torque on a moving M \(moving)")
      }
      if let j = v[P.exchangeStiffness.id], v.number(P.exchangeStiffness.id) != P.permalloyExchangeStiffness {
        throw P.exchangeStiffness.invalid(
          j, allowed: "the default while M is frozen: J acts on a moving M \(moving)")
      }
    }
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

  /// Snapshots written: the given times, or t = 0, every `every` steps, and the last step.
  func snapshotCount(_ v: ParameterValues) -> Int {
    if let times = v[P.times.id]?.numbers { return times.count }
    let steps = v.integer(P.steps.id), every = v.integer(P.every.id)
    return 1 + steps / every + (steps % every == 0 ? 0 : 1)
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    for p in points { try check(p) }
    guard let largest = points.map({ $0.integer(P.evolvePoints.id) }).max() else { return }
    let batch = min(points.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
    let perNode =
      points.contains { isAdaptive($0) && !isFrozen($0) }
      ? CoupledMagnetizationEvolution.bytesPerNode : SpinDiffusionMemory.dynamicsBytesPerNode
    try MemoryBudget.require(
      Double(batch) * Double(largest) * perNode, parameter: P.evolvePoints.id,
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
    let tolerances = try IntegrationTolerances(relative: v.number(P.rtol.id), absolute: v.number(P.atol.id))
    let times = snapshotTimes(v), nodes = problem.grid.nodes
    let maximumSteps = v.integer(P.maxSteps.id)
    let scheme = IntegrationScheme(named: v.text(P.scheme.id), maximumOrder: v.integer(P.maxOrder.id))
    func emit(_ t: Double, _ m: [Vector3], _ magnetization: [Vector3]) throws {
      for (i, x) in nodes.enumerated() {
        let mm = magnetization[i]
        let row: [Double] = [t, SweepRange.gridValue(x), m[i].x, m[i].y, m[i].z, mm.x, mm.y, mm.z]
        try sink(columns.map { .number(row[$0]) })
      }
    }
    let rate: Double, statistics: IntegrationStatistics, integrator: String
    var unwinding: NumericalWarning?
    if isFrozen(v) {
      let evolution = try FrozenMagnetizationEvolution(problem: problem)
      rate = evolution.largestPrecessionRate
      statistics = try evolution.evolve(
        from: initial, times: times, tolerances: tolerances, maximumSteps: maximumSteps, scheme: scheme
      ) { t, m in try emit(t, m, evolution.magnetization) }
      integrator = "adaptive \(scheme) (SUNDIALS) with local error control, M frozen"
    } else {
      let evolution = try CoupledMagnetizationEvolution(
        problem: problem, exchangeStiffness: v.number(P.exchangeStiffness.id),
        accumulationScale: v.number(P.accumulationScale.id))
      rate = evolution.largestPrecessionRate
      statistics = try evolution.evolve(
        from: initial, times: times, tolerances: tolerances, maximumSteps: maximumSteps, scheme: scheme,
        snapshot: emit)
      integrator = "adaptive \(scheme) (SUNDIALS) with local error control, m coupled to Landau–Lifshitz for M"
      unwinding = unwindingWarning(v, exchangeRate: evolution.initialExchangeRate, nodes: nodes)
    }
    let warnings = (aliasingWarning(v, largestPrecessionRate: rate).map { [$0] } ?? []) + (unwinding.map { [$0] } ?? [])
    return (
      warnings,
      [
        "integrator": .string(integrator),
        "integration": integrationMetadata(tolerances, scheme, statistics, timeUnitSuffix: "_s"),
      ]
    )
  }

  /// The snapshot times: those given (`times_s`), else k·Δt (k = 0, every, 2·every, …, steps), each
  /// read as the decimal meant (3e-12, not 2.9999999999999997e-12).
  func snapshotTimes(_ v: ParameterValues) -> [Double] {
    if let times = v[P.times.id]?.numbers { return times }
    let dt = v.number(P.timeStep.id), steps = v.integer(P.steps.id), every = v.integer(P.every.id)
    var ks = Array(stride(from: 0, through: steps, by: every))
    if ks.last != steps { ks.append(steps) }
    return ks.map { SweepRange.gridValue(Double($0) * dt) }
  }

  /// A warning when the largest snapshot spacing (every·Δt, or the widest gap of the given times)
  /// exceeds half the shortest precession period π/|Ω| (Ω = (B + λM)/ħ at the nodes, rad/s): the
  /// snapshots then alias the precession. Values to 3 significant digits; the remedy names the
  /// options (flags, and the study keys).
  func aliasingWarning(_ v: ParameterValues, largestPrecessionRate rate: Double) -> NumericalWarning? {
    let t = snapshotTimes(v), spacing = zip(t.dropFirst(), t).map { $0 - $1 }.max() ?? 0
    let halfPeriod = Double.pi / rate
    guard spacing > halfPeriod else { return nil }
    let limit = String(format: "%.3g", halfPeriod)
    let remedy =
      v[P.times.id] == nil
      ? "a smaller --\(P.every.flag) or --\(P.timeStep.flag); study keys \(P.every.id), \(P.timeStep.id)"
      : "more --\(P.times.flag); study key \(P.times.id)"
    return NumericalWarning(
      kind: "aliasing",
      message: "snapshot spacing \(String(format: "%.3g", spacing)) s exceeds half the precession period π/|Ω| = "
        + "\(limit) s, so the snapshots alias the precession: take them at most \(limit) s apart (\(remedy))",
      value: spacing / halfPeriod)
  }

  /// A warning when exchange alone turns M by more than a radian over the run (rate ω at t = 0,
  /// ``/SpinDiffusion/CoupledMagnetizationEvolution/initialExchangeRate``): Eq. 79 has no
  /// anisotropy or damping to hold a wall, so the texture unwinds into spin waves the run must
  /// resolve. Values to 3 significant digits.
  func unwindingWarning(
    _ v: ParameterValues, exchangeRate e: (rate: Double, node: Int), nodes: [Double]
  )
    -> NumericalWarning?
  {
    let duration = snapshotTimes(v).last ?? 0, turn = e.rate * duration
    guard turn > 1 else { return nil }
    func g(_ x: Double) -> String { String(format: "%.3g", x) }
    return NumericalWarning(
      kind: "unwinding-texture",
      message: "exchange (J = \(g(v.number(P.exchangeStiffness.id))) eV·m²) turns M at up to \(g(e.rate)) rad/s "
        + "(at x = \(g(nodes[e.node] * 1e9)) nm, t = 0), \(g(turn)) rad over the \(g(duration)) s run: nothing in the "
        + "Landau–Lifshitz equation (no anisotropy, no damping) holds this texture, so it unwinds into spin waves that "
        + "the time steps must resolve; exchange stiffness 0 (--\(P.exchangeStiffness.flag) 0) keeps the texture rigid "
        + "against exchange, and a wider wall turns more slowly (∝ 1/w²)",
      value: turn)
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
    let frozen = isFrozen(v)
    var dynamics = try SpinDynamics(
      problem: problem, exchangeStiffness: frozen ? 0 : v.number(P.exchangeStiffness.id),
      accumulationScale: frozen ? 0 : v.number(P.accumulationScale.id), initialAccumulation: initial)
    let dt = v.number(P.timeStep.id), steps = v.integer(P.steps.id), every = v.integer(P.every.id)
    let nodes = problem.grid.nodes, exchangeRate = dynamics.exchangeRate
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
    let unwinding = unwindingWarning(v, exchangeRate: exchangeRate, nodes: nodes)
    let rate = dynamics.magnetization.map { norm3(problem.material.precession(magnetization: $0)) }.max() ?? 0
    return (aliasingWarning(v, largestPrecessionRate: rate).map { [$0] } ?? []) + (unwinding.map { [$0] } ?? [])
      + dynamics.warnings
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let rows = Double(snapshotCount(v)) * v.number(P.evolvePoints.id)
    let blamed = snapshotParameter(v)
    try SpinDiffusionTables.requireTable(rows: rows, columns: outputs.count, parameter: blamed.id, value: blamed.value)
    var table: [[TableValue]] = []
    let run = try streamWithMetadata(v, columns: Array(outputs.indices)) { table.append($0) }
    var evaluation = StudyEvaluation(rows: table, warnings: run.warnings)
    evaluation.metadata = run.metadata
    return evaluation
  }

  public func rowBound(_ v: ParameterValues) -> RowBound? {
    let snapshots = snapshotCount(v), n = v.integer(P.evolvePoints.id), blamed = snapshotParameter(v)
    return RowBound(
      rows: Double(snapshots) * Double(n), parameter: blamed.id, value: blamed.value,
      what:
        "\(snapshots) snapshots × \(n) points (\(v[P.times.id] == nil ? "raise every" : "fewer times") or lower points)"
    )
  }

  /// The parameter that sets the snapshot count, and its value as shown: `times_s`, or `steps` with `every`.
  func snapshotParameter(_ v: ParameterValues) -> (id: String, value: String) {
    if let t = v[P.times.id] { return (P.times.id, t.description) }
    return (P.steps.id, "\(v.integer(P.steps.id)) (with every = \(v.integer(P.every.id)))")
  }
}

extension Parameter {
  /// The lower bound of an integer domain (0 for other domains).
  var minimumInteger: Int {
    if case .integer(let r) = domain { return r.lowerBound }
    return 0
  }
}
