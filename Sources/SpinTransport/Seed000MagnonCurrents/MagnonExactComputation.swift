import Diagnostics
import Foundation
import ModelFiles
import SpinWaves
import Studies

/// `magnon exact` / study model `magnon-exact`: exact quantum spin currents of a spin-S
/// crown ring by symmetry-reduced exact diagonalisation, beside the classical crown, LSWT (Colpa and
/// number-conserving) and Eq. 15 — one row per temperature.
///
/// H = −J Σ Sᵢ·Sᵢ₊₁ − Σ hᵢ·Sᵢ (J in K, J < 0 antiferromagnet; `spin_b` ≠ `spin`: two-sublattice
/// ferrimagnet, N even). jᶻ = −J⟨(S₀ × S₁)ᶻ⟩ of bond 0 and −(1/N)∂F/∂δ (the bond average by Hellmann–Feynman). Full ED keeps every
/// screw sector (any T); `method = lanczos` gives the T = 0 ground state at larger N; `method = ftlm`
/// samples thermal averages (``/SpinWaves/FiniteTemperatureLanczos``: `ftlm_vectors` random vectors of
/// `ftlm_steps` Lanczos steps per sector, exact low states) with a standard error for jᶻ. The Hilbert
/// space is checked against memory before anything is allocated. A temperature sweep diagonalises
/// (or samples) once for all its temperatures (`ExactCrownTableMemory`).
public struct MagnonExactComputation: Computation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once (``MagnonModelFiles/specialize(_:modelFile:)``).
  var compiledModel: CompiledModelFile<SpinModelFile>?
  /// The shared temperature tables of the study this value runs (``ExactCrownTableMemory``): a
  /// cache that lives with this value — the runner's model — and changes no number.
  let memory = ExactCrownTableMemory()
  public var name: String { "magnon-exact" }
  public var command: [String] { ["magnon", "exact"] }
  public var summary: String {
    "Exact (ED) bond spin current jᶻ along the fixed z axis (K; not the longitudinal I_s of `magnon current`) of a "
      + "spin-S crown ring vs classical + LSWT vs Eq. 15"
  }
  public var paper: Paper? { .heisenbergRing }
  public var discussion: String {
    "spin_current_z_K = −J⟨(S₀×S₁)ᶻ⟩ (bond 0), spin_current_z_twist_K = −(1/N)∂F/∂δ of every bond twisted by δ, "
      + "evaluated as the bond average of ⟨jᶻ⟩ (Hellmann–Feynman), "
      + "thermal_spin_current_z_K = jᶻ(T) − jᶻ(0); longitudinal_spin_current_K is along the CLASSICAL axes "
      + "(axis-dependent); lswt_* with the anomalous terms (Colpa), nc_lswt_* number-conserving; eq15_* thermal "
      + "magnons of Eq. 15. Currents positive along i → i+1 (clockwise seen from +z)."
  }
  public var example: [String] {
    [
      "--spins", "4", "--spin", "0.5", "--exchange", "10", "--field", "2", "--latitude", "45", "--vary",
      "temperature=0,2",
    ]
  }

  typealias C = CrownRingParameters
  static let spins = Parameter.integer(
    "spins", flag: "spins", symbol: "N", default: 8, range: 3...Int.max,
    help: "Number of spins N (Π(2S+1) states must fit in memory).")
  static let spinB = Parameter.real(
    "spin_b", flag: "spin-b", symbol: "S_B", default: nil, range: 0.5...1000, requirement: .optional,
    help: "Spin S_B of the odd sites (ferrimagnet; default: spin).")
  static let exchange = Parameter.real(
    "exchange_K", flag: "exchange", symbol: "J", unit: "K", default: 100, range: -1e5...1e5,
    help: "Exchange J in kelvin, 1e-6 ≤ |J| ≤ 1e5; negative is antiferromagnetic.")
  static let field = Parameter.real(
    "field_T", flag: "field", symbol: "|B|", unit: "T", default: nil, range: 0...1e4,
    help: "Field magnitude |B| in tesla (0 allowed here).")
  static let temperature = Parameter.real(
    "temperature_K", flag: "temperature", symbol: "T", unit: "K", default: 0,
    range: CrownRingParameters.temperature.realRange!, help: "Temperature T in kelvin (0: ground state).")
  static let method = Parameter.choice(
    "method", flag: "method", choices: ExactCrownTable.Method.allCases.map(\.rawValue), default: "full",
    help: "full (every eigenstate, any T), lanczos (ground state, T = 0, larger N), ftlm (finite-temperature "
      + "Lanczos: any T at larger N, with a standard error) or semiclassical (no exact columns: "
      + "classical + LSWT only, any T, N beyond exact diagonalisation).")
  static let ftlmVectors = Parameter.integer(
    "ftlm_vectors", flag: "ftlm-vectors", symbol: "R", default: 10, range: 2...100_000,
    help: "FTLM: random vectors per screw sector (errors ∝ 1/√R).")
  static let ftlmSteps = Parameter.integer(
    "ftlm_steps", flag: "ftlm-steps", symbol: "M", default: 100, range: 2...5_000,
    help: "FTLM: Lanczos steps per random vector (exact for T ≳ ‖H‖/M).")
  static let table = Parameter.choice(
    "table", flag: "table", choices: ["full", "minimal"], default: "full",
    help: "minimal: only jᶻ, energy, free energy, specific heat and gap (the benchmark's work).")

  public var parameters: [Parameter] {
    [
      Self.spins, C.spin, Self.spinB, Self.exchange, Self.field, C.g, C.latitude, Self.temperature, Self.method,
      Self.ftlmVectors, Self.ftlmSteps, Self.table, MagnonModelFiles.parameter,
    ]
  }

  /// With `--model FILE`: the file's parameters in place of the crown's spin, exchange, field, g and latitude.
  public func specialized(modelFile: URL) throws -> any Computation {
    try MagnonModelFiles.specialize(self, modelFile: modelFile)
  }
  public var flagAliases: [String: [String]] { ["minimal": ["--table", "minimal"]] }

  public var outputs: [Column] {
    ExactCrownTable.columns.dropFirst().map { name in
      // The exact columns from the observable table, the semiclassical ones from theirs.
      if let o = ExactObservable.named(name) { return Column(name, unit: o.unit, o.meaning) }
      return Column(name, unit: name.hasSuffix("_deg") ? "deg" : "K", Self.semiclassicalMeanings[name]!)
    }
  }

  /// What each column beside the exact ones holds: jᶻ along z, or the longitudinal I_s of Eq. 15.
  static let semiclassicalMeanings: [String: String] = [
    "classical_spin_current_z_K": "jᶻ of the classical ground state, −(1/N) Σ J S_i S_{i+1} (m̂_i × m̂_{i+1})ᶻ",
    "lswt_spin_current_z_K": "jᶻ, classical + LSWT (Colpa, with the anomalous terms), zero-point and thermal",
    "lswt_thermal_spin_current_z_K": "jᶻ(T) − jᶻ(0) of LSWT (Colpa)",
    "nc_lswt_spin_current_z_K": "jᶻ, classical + number-conserving LSWT (no anomalous terms)",
    "nc_lswt_thermal_spin_current_z_K": "jᶻ(T) − jᶻ(0) of number-conserving LSWT",
    "lswt_longitudinal_spin_current_K":
      "longitudinal I_s along the classical axes by LSWT (not jᶻ; magnon current's lswt route)",
    "eq15_spin_current_K": "longitudinal I_s of the thermal magnons, Eq. 15 (not jᶻ; uniform ferromagnetic crown)",
    "lswt_gap_K": "lowest LSWT magnon energy min_k ε_k",
    "theta_m_deg": "polar angle ϑ_m of the classical m̂_0",
  ]

  public func defaultColumns(for v: ParameterValues) -> [String] {
    if v[Self.table.id]?.text == "minimal" { return Array(ExactCrownTable.minimalColumns.dropFirst()) }
    let skipped = uncomputedColumns(for: v)?.columns ?? []
    return outputNames.filter { !skipped.contains($0) }
  }

  func tableRequest(_ v: ParameterValues) throws -> ExactCrownTable.Request {
    if let system = try MagnonModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      // The crown is not used with a system of one's own (ExactCrownTable.Request.system).
      let method = ExactCrownTable.Method(rawValue: v.text(Self.method.id))!
      return ExactCrownTable.Request(
        crown: ExactCrownRing(
          spins: system.siteCount, spinA: 0.5, exchange: 1, fieldTesla: 0, latitudeDegrees: 0),
        temperatures: [v.number(Self.temperature.id)], method: method, minimal: v.text(Self.table.id) == "minimal",
        ftlm: .init(randomVectors: v.integer(Self.ftlmVectors.id), lanczosSteps: v.integer(Self.ftlmSteps.id)),
        system: try method == .semiclassical ? system.semiclassicalModel() : system.exactModel())
    }
    let crown = ExactCrownRing(
      spins: v.integer(Self.spins.id), spinA: v.number(C.spin.id), spinB: v.optionalNumber(Self.spinB.id),
      exchange: v.number(Self.exchange.id), fieldTesla: v.number(Self.field.id), g: v.number(C.g.id),
      latitudeDegrees: v.number(C.latitude.id))
    return ExactCrownTable.Request(
      crown: crown, temperatures: [v.number(Self.temperature.id)],
      method: ExactCrownTable.Method(rawValue: v.text(Self.method.id))!, minimal: v.text(Self.table.id) == "minimal",
      ftlm: .init(randomVectors: v.integer(Self.ftlmVectors.id), lanczosSteps: v.integer(Self.ftlmSteps.id)))
  }

  public func check(_ v: ParameterValues) throws { try ExactCrownTable.validate(try tableRequest(v)) }

  /// With `table = minimal` only the minimal table's columns are computed; with `method =
  /// semiclassical` none of the exact ones.
  public func uncomputedColumns(for v: ParameterValues) -> (columns: Set<String>, reason: String)? {
    if v[Self.method.id]?.text == ExactCrownTable.Method.semiclassical.rawValue {
      return (Set(ExactObservable.all.map(\.name)), "with method = semiclassical (no exact diagonalisation)")
    }
    guard v[Self.table.id]?.text == "minimal" else { return nil }
    return (Set(outputNames).subtracting(ExactCrownTable.minimalColumns), "with table = minimal")
  }

  /// Checks every point, then records the study's temperatures per ring so that each ring is
  /// diagonalised once for all of them (`ExactCrownTableMemory`).
  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    for point in points { try check(point) }
    memory.plan(points, temperatureID: Self.temperature.id)
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation { try evaluate(v, progress: nil) }

  /// The point's row; `progress` hears the exact route (sectors diagonalised or sampled, Lanczos steps).
  public func evaluate(_ v: ParameterValues, progress: PointProgress?) throws -> StudyEvaluation {
    let temperature = v.number(Self.temperature.id)
    let t = try memory.table(
      for: v, temperatureID: Self.temperature.id, temperature: temperature
    ) { temperatures in
      var p = try tableRequest(v)
      p.temperatures = temperatures
      p.progress = progress
      return try ExactCrownTable.checkedRows(p)
    }
    // This point's row: the table's columns mapped by name (columns a minimal table does not compute are NaN).
    let index = t.columns.firstIndex(of: "temperature_K")!
    guard let mine = t.rows.first(where: { $0[index] == .number(temperature) }) else {
      preconditionFailure("the shared table lacks T = \(temperature)")
    }
    let row: [TableValue] = outputNames.map { name in
      t.columns.firstIndex(of: name).map { mine[$0] } ?? .number(.nan)
    }
    return StudyEvaluation(rows: [row], warnings: t.warnings, metadata: t.metadata)
  }
}
