import ArgumentParser
import Diagnostics
import Foundation
import SpinWaves
import Studies

extension ExactCrownTable.Method: ExpressibleByArgument {}

extension SpinTransportCLI.Magnon {
  struct Exact: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Exact quantum spin currents of a spin-S crown ring (symmetry-reduced ED) vs classical + LSWT.",
      discussion: """
        H = −J Σ S_i·S_{i+1} − Σ h_i·S_i (J in K; J < 0 antiferromagnet; --spin-b ≠ --spin: two-sublattice
        ferrimagnet, N even). Columns (K unless noted): spin_current_z_K = −J⟨(S_0 × S_1)ᶻ⟩ (ED operator),
        spin_current_z_twist_K (−(1/N)∂F/∂δ, second route), thermal_spin_current_z_K = jᶻ(T) − jᶻ(0),
        spin_current_radial_K / _azimuthal_K (bond 0, frame of site 0), longitudinal_spin_current_K
        (−J⟨m̂_0·(S_0^⊥ × S_1^⊥)⟩ along the CLASSICAL axes: axis-dependent), classical_spin_current_z_K,
        lswt_* (classical + LSWT with the anomalous terms, Colpa), nc_lswt_* (number-conserving LSWT),
        lswt_longitudinal_spin_current_K, eq15_spin_current_K (thermal magnons, Eq. 15), energy_K,
        free_energy_K, specific_heat (k_B), gap_K (E_1 − E_0), lswt_gap_K, spin_a_*/spin_b_* (⟨S_0⟩, ⟨S_1⟩:
        radial, azimuthal, z), theta_m_deg (classical). Full ED keeps every screw sector; --method lanczos
        gives the T = 0 ground state at larger N. The Hilbert space is checked against memory first.
        """)

    @Option(name: .long, help: "Number of spins N (integer ≥ 3; Π(2S+1) states must fit).")
    var spins: Int = 8
    @Option(name: .long, help: "Spin S (sublattice A), a multiple of 1/2 from 0.5 to 1000.")
    var spin: Double = 0.5
    @Option(name: .customLong("spin-b"), help: "Spin S_B of the odd sites (ferrimagnet; default --spin).")
    var spinB: Double?
    @Option(name: .long, help: "Exchange J in kelvin, 1e-6 ≤ |J| ≤ 1e5; negative (--exchange=-1) is antiferromagnetic.")
    var exchange: Double = 100
    @Option(name: .long, help: "Field |B| in tesla, 0 or 1e-12 to 1e4; required unless swept.")
    var field: Double?
    @Option(name: .long, help: "g factor, 0.01 to 30.")
    var g: Double = 2
    @Option(name: .long, help: "Field polar angle ϑ in degrees, [0, 180]; required unless swept.")
    var latitude: Double?
    @Option(name: .long, help: "Temperature T in kelvin, 0 to 1e4 (default 0); or --vary temperature=….")
    var temperature: Double = 0
    @Option(name: .long, help: "full (every eigenstate, any T) or lanczos (ground state, T = 0, larger N).")
    var method: ExactCrownTable.Method = .full
    @Flag(name: .long, help: "Only temperature, ED jᶻ, energy, free energy, specific heat, gap (the benchmark's work).")
    var minimal = false
    @Option(name: .long, help: "Sweep NAME=START:STOP:COUNT, NAME ∈ temperature, field, latitude.")
    var vary: String?
    @OptionGroup var output: OutputOptions

    func crown(field f: Double? = nil, latitude l: Double? = nil) -> ExactCrownParameters {
      ExactCrownParameters(
        spins: spins, spinA: spin, spinB: spinB, exchange: exchange, fieldTesla: f ?? field ?? 0, g: g,
        latitudeDegrees: l ?? latitude ?? 0)
    }

    /// Every point's parameters (validated, memory checked) before anything is computed.
    func points() throws -> (sweep: MagnonSweep?, values: [Double], parameters: [ExactCrownTable.Parameters]) {
      let sweep = try vary.map { try MagnonSweep($0, allowed: ["temperature", "field", "latitude"]) }
      if field == nil && sweep?.range.name != "field" { throw ValidationError("Missing --field (tesla).") }
      if latitude == nil && sweep?.range.name != "latitude" { throw ValidationError("Missing --latitude (degrees).") }
      guard let sweep else {
        return (nil, [], [.init(crown: crown(), temperatures: [temperature], method: method, minimal: minimal)])
      }
      try MemoryBudget.require(
        Double(sweep.range.count) * 2048, parameter: "vary", value: vary ?? "", what: "\(sweep.range.count) table rows")
      let values = try sweep.values()
      if sweep.range.name == "temperature" {
        return (sweep, values, [.init(crown: crown(), temperatures: values, method: method, minimal: minimal)])
      }
      let list = values.map { x in
        ExactCrownTable.Parameters(
          crown: sweep.range.name == "field" ? crown(field: x) : crown(latitude: x), temperatures: [temperature],
          method: method, minimal: minimal)
      }
      return (sweep, values, list)
    }

    func validate() throws {
      try asValidationError {
        let (sweep, values, list) = try points()
        for (k, p) in list.enumerated() {
          do {
            try ExactCrownTable.validate(p)
          } catch let invalid as InvalidParameter where sweep != nil && invalid.name == sweep!.range.name {
            throw InvalidParameter(
              "vary", "\(sweep!.range.name)=\(values.isEmpty ? 0 : values[min(k, values.count - 1)])",
              allowed: invalid.allowed)
          }
        }
      }
    }

    func run() throws {
      let (sweep, values, list) = try points()
      let reporter = output.reporter("magnon exact (N = \(spins))", total: list.count)
      var tables: [ResultTable] = []
      for p in list {
        tables.append(try ExactCrownTable.rows(p))
        reporter?.update(done: tables.count)
      }
      var table: ResultTable
      if let sweep, sweep.range.name != "temperature" {
        table = ResultTable(columns: [sweep.column] + tables[0].columns)
        for (x, t) in zip(values, tables) {
          table.rows.append([.number(x)] + t.rows[0])
          table.warnings += t.warnings
        }
        table.warnings = table.warnings.deduplicated()
      } else {
        table = tables[0]
      }
      table.metadata = tables[0].metadata
      table.metadata["spins"] = .integer(spins)
      table.metadata["spin"] = .number(spin)
      table.metadata["spin_b"] = .number(spinB ?? spin)
      table.metadata["exchange_K"] = .number(exchange)
      table.metadata["g"] = .number(g)
      if sweep?.range.name != "field" { table.metadata["field_T"] = .number(field ?? 0) }
      if sweep?.range.name != "latitude" { table.metadata["latitude_deg"] = .number(latitude ?? 0) }
      if let vary { table.metadata["vary"] = .string(vary) }
      try output.emit(table.withNonFiniteWarnings())
    }
  }
}
