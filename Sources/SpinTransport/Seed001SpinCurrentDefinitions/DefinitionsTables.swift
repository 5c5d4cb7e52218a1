import Diagnostics
import SpinCurrentDefinitions
import TightBinding

/// Result tables of the `definitions` commands (seed 001), shared by the CLI and the figures.
///
/// Units: energies (t, α, B, μ) in eV, temperature in K, Zeeman angles in **degrees** (CLI
/// convention), currents and ½{τ, X} in eV·a (ħ = 1, spin in units of ħ/2).
public enum DefinitionsTables {
  /// Columns of `definitions check`.
  public static let checkColumns = ["definition", "max_eigenstate_abs", "thermal_value"]

  /// Model parameters as metadata (angles in degrees).
  public static func metadata(_ lattice: SpinOrbitLattice) -> [String: JSONValue] {
    var p: [String: JSONValue] = [
      "hopping_eV": .number(lattice.hopping), "rashba_eV": .number(lattice.rashba),
      "zeeman_eV": .number(lattice.zeeman), "zeeman_polar_deg": .number(lattice.zeemanPolar * 180 / .pi),
      "zeeman_azimuth_deg": .number(lattice.zeemanAzimuth * 180 / .pi),
    ]
    switch lattice.geometry {
    case .chain(let n): p["sites"] = .integer(n)
    case .patch(let l, let w):
      p["sites"] = .integer(l)
      p["width"] = .integer(w)
    case .ring(let n, let flux):
      p["sites"] = .integer(n)
      p["flux_rad"] = .number(flux)
    }
    return ["model": "Rashba–Zeeman tight-binding lattice (MODELS.md §C)", "parameters": .object(p)]
  }

  /// `definitions check`: rows bare, shi, label, torque_position, twist_slope.
  public static func check(_ lattice: SpinOrbitLattice, occupation: Occupation) throws -> ResultTable {
    let c = try DefinitionsCheck.run(lattice, occupation: occupation)
    var t = ResultTable(columns: checkColumns, metadata: metadata(lattice), warnings: c.warnings)
    switch occupation {
    case .grandCanonical(_, let temperature): t.metadata["temperature_K"] = .number(temperature)
    case .fixedCount(let n, let temperature):
      t.metadata["temperature_K"] = .number(temperature)
      t.metadata["particles_requested"] = .integer(n)
    }
    t.metadata["mu_eV"] = .number(c.mu)
    t.metadata["particles"] = .number(c.particles)
    t.metadata["units"] = "eV·a (ħ = 1, σ_z in units of ħ/2)"
    t.metadata["definitions"] = .object([
      "bare": "j = ½{σ_z, v} (Eq. 3)", "shi": "J = i[H, σ_z X] (Eq. 2)",
      "label": "𝒥 = j − ½{τ, X}, leading order in SOC (Eq. 5)", "torque_position": "½{τ, X}, τ = i[H, σ_z]",
      "twist_slope": "dE/dδP at 0 for e^{−iδP Σ xσ_z}|ψ⟩ (finite difference) = −⟨J⟩",
    ])
    for r in c.rows { t.append([.text(r.definition), .number(r.maxEigenstateAbs), .number(r.thermalValue)]) }
    t.warnings += RingTables.nonFiniteWarnings(t)
    return t
  }

  /// Checks the memory of `definitions check` and, unless `quiet`, announces a run estimated
  /// at 5 s or more on `sink` (one line; the dense work cannot report progress).
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming `--sites` when the estimate does not fit.
  public static func prepareCheck(_ lattice: SpinOrbitLattice, quiet: Bool, sink: (String) -> Void) throws {
    try lattice.validate()
    try DefinitionsCheck.requireMemory(lattice)
    guard !quiet, lattice.siteCount >= 100 else { return }
    let seconds = try DefinitionsCheck.estimatedSeconds(lattice)
    guard seconds >= 5 else { return }
    let n = 2 * lattice.siteCount
    sink(
      "definitions check: dense \(n)×\(n) operators and eigenstates, \(RingResources.formatDuration(seconds)) "
        + "(a timed 256×256 zgeev scaled by n³); no progress can be shown until it ends")
  }
}
