import Diagnostics
import SpinCurrentDefinitions
import Studies
import TightBinding

/// `definitions check` / study model `definitions-check`: the paper's Eqs. 8–11 and the LSM
/// twist on a Rashba–Zeeman chain or patch (Bray-Ali and Nussinov; docs/model-reference.md).
///
/// Rows (one point = five rows): bare (j = ½{σ_z, v}), shi (J = i[H, σ_z X]), label
/// (𝒥 = j − ½{τ, X}, leading order), torque_position (½{τ, X}, τ = i[H, σ_z]) and twist_slope
/// (dE/dδP of e^{−iδP Σ xσ_z}|ψ⟩ = −⟨J⟩). max_eigenstate_abs = max over eigenstates |⟨n|O|n⟩|,
/// thermal_value = Σ f_n ⟨n|O|n⟩, both in eV·a (ħ = 1, σ_z in units of ħ/2). Expected: shi and
/// twist_slope ≈ 0; bare = −torque_position; label = −2 torque_position. Dense 2NW × 2NW
/// operators: memory is checked first (naming `sites`), a long run is announced.
public struct DefinitionsCheckComputation: Computation {
  public init() {}
  public var name: String { "definitions-check" }
  public var command: [String] { ["definitions", "check"] }
  public var summary: String {
    "Bare, Shi et al. and label spin currents (Eqs. 8–11) and the LSM twist on a Rashba chain or patch, eV·a"
  }
  public var paper: Paper? { .spinCurrentDefinitions }
  public var discussion: String {
    """
    Open chain (or N × W patch with --width) with hopping −t − iα σ_y along x (2D: −t + iα σ_x along y) and Zeeman term \
    B n̂·σ. Rows bare, shi, label, torque_position, twist_slope; max_eigenstate_abs = max_n |⟨n|O|n⟩|, thermal_value = \
    Σ f_n ⟨n|O|n⟩ (eV·a, ħ = 1). Expected: shi and twist_slope ≈ 0; bare = −torque_position; label = −2 torque_position. \
    The occupation is μ (default 0) or a fixed --particles.
    """
  }

  typealias P = DefinitionsParameters
  public var parameters: [Parameter] { P.all }
  public var outputs: [Column] {
    [
      Column("definition", kind: .text, "bare, shi, label, torque_position or twist_slope"),
      Column("max_eigenstate_abs_eVa", unit: "eV·a", "max over eigenstates |⟨n|O|n⟩|"),
      Column("thermal_value_eVa", unit: "eV·a", "thermal value Σ f_n ⟨n|O|n⟩"),
      Column("chemical_potential_eV", unit: "eV", "μ used (the given one, or the one fixing --particles)"),
      Column("particle_number", "Σ f_n at that μ"),
    ]
  }
  public func defaultColumns(for values: ParameterValues) -> [String] {
    ["definition", "max_eigenstate_abs_eVa", "thermal_value_eVa"]
  }
  public var columnSwitches: [ColumnSwitch] {
    [
      ColumnSwitch(
        flag: "occupation", columns: ["chemical_potential_eV", "particle_number"],
        help: "Also print the chemical potential used and the particle number.")
    ]
  }
  public var example: [String] { ["--sites", "8", "--rashba", "0.3", "--zeeman", "0.4", "--vary", "mu=-1:1:3"] }

  public func check(_ v: ParameterValues) throws {
    let lattice = try P.lattice(v)
    _ = try P.occupation(v, levelCount: 2 * lattice.siteCount)
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    var seconds = 0.0
    for p in points {
      try check(p)
      let lattice = try P.lattice(p)
      try DefinitionsCheck.requireMemory(lattice)
      if lattice.siteCount >= 100 { seconds += try DefinitionsCheck.estimatedSeconds(lattice) }
    }
    guard seconds >= 5, let largest = try points.map({ try P.lattice($0).siteCount }).max() else { return }
    let n = 2 * largest
    log(
      "definitions check: dense operators and eigenstates up to \(n)×\(n), \(RingResources.formatDuration(seconds)) "
        + "in all (a timed 256×256 zgeev scaled by n³); no progress can be shown within a point")
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let lattice = try P.lattice(v)
    let c = try DefinitionsCheck.run(lattice, occupation: try P.occupation(v, levelCount: 2 * lattice.siteCount))
    var warnings = c.warnings
    for r in c.rows where !(r.maxEigenstateAbs.isFinite && r.thermalValue.isFinite) {
      warnings.append(
        NumericalWarning(
          kind: "non-finite", message: "non-finite \(r.definition) value (\(r.maxEigenstateAbs), \(r.thermalValue))",
          value: r.thermalValue))
    }
    let rows: [[TableValue]] = c.rows.map {
      [
        .text($0.definition), .number($0.maxEigenstateAbs), .number($0.thermalValue), .number(c.mu),
        .number(c.particles),
      ]
    }
    return StudyEvaluation(rows: rows, warnings: warnings)
  }
}
