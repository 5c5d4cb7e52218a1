import ArgumentParser
import Diagnostics
import Foundation
import SpinCurrentDefinitions
import SpinTransport
import Studies

extension SpinTransportCLI {
  /// `spintransport definitions …`: spin-current definitions under spin–orbit coupling (seed 001).
  struct Definitions: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bare, Shi et al. and label spin currents on a Rashba chain or patch (seed 001).",
      discussion: """
        Open chain (or L × W patch with --width) with hopping −t − iα σ_y along x (2D: −t + iα σ_x
        along y) and Zeeman term B n̂·σ. Energies in eV, temperature in K, Zeeman angles in degrees.
        Currents in eV·a (ħ = 1). Negative values may follow the option directly (--mu -0.5).
        """,
      subcommands: [Check.self])
  }
}

extension SpinTransportCLI.Definitions {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Eqs. 8–11 and the LSM twist at a glance. Columns: definition, max_eigenstate_abs, thermal_value.",
      discussion: """
        Rows: bare (j = ½{σ_z, v}), shi (J = i[H, σ_z X]), label (𝒥 = j − ½{τ, X}),
        torque_position (½{τ, X}, τ = i[H, σ_z]) and twist_slope (dE/dδP of e^{−iδP Σ xσ_z}|ψ⟩,
        = −⟨J⟩). max_eigenstate_abs = max over eigenstates |⟨n|O|n⟩|; thermal_value = Σ f_n ⟨n|O|n⟩.
        Expected: shi and twist_slope ≈ 0 in both columns; bare = −torque_position; label = −2 torque_position.
        """)
    @Option(
      help: ArgumentHelp(
        "Number of sites N along x (2…\(SpinOrbitLattice.maximumSites); "
          + "N × width ≤ \(SpinOrbitLattice.maximumSites))."))
    var sites: Int
    @Option(parsing: .unconditional, help: "Rashba coupling α (eV).")
    var rashba: Double
    @Option(parsing: .unconditional, help: "Zeeman energy B (eV): on-site B n̂·σ.")
    var zeeman: Double
    @Option(parsing: .unconditional, help: "Temperature T (K, ≥ 0).")
    var temperature: Double = 0
    @Option(parsing: .unconditional, help: "Chemical potential μ (eV); default 0. Not with --particles.")
    var mu: Double?
    @Option(help: "Fixed particle number instead of μ (0…2·N·width).")
    var particles: Int?
    @Option(parsing: .unconditional, help: "Hopping t (eV).")
    var hopping: Double = 1
    @Option(help: "Width W of a 2D Rashba patch (1 = chain).")
    var width: Int = 1
    @Option(name: .customLong("zeeman-polar"), parsing: .unconditional, help: "Polar angle of n̂ from z (degrees).")
    var zeemanPolar: Double = 45
    @Option(
      name: .customLong("zeeman-azimuth"), parsing: .unconditional, help: "Azimuth of n̂ from x toward y (degrees).")
    var zeemanAzimuth: Double = 90
    @OptionGroup var output: OutputOptions

    func validate() throws {
      if mu != nil, particles != nil {
        throw ValidationError("--mu and --particles exclude each other: give one")
      }
    }

    func run() throws {
      let geometry: SpinOrbitLattice.Geometry = width == 1 ? .chain(sites: sites) : .patch(length: sites, width: width)
      let lattice = SpinOrbitLattice(
        geometry: geometry, hopping: hopping, rashba: rashba, zeeman: zeeman,
        zeemanPolar: zeemanPolar * .pi / 180, zeemanAzimuth: zeemanAzimuth * .pi / 180)
      try lattice.validate()
      let occupation: Occupation =
        particles.map { .fixedCount(particles: $0, temperature: temperature) }
        ?? .grandCanonical(mu: mu ?? 0, temperature: temperature)
      try occupation.validate(levelCount: 2 * lattice.siteCount)
      try DefinitionsTables.prepareCheck(lattice, quiet: output.quiet, sink: output.progress)
      try output.emit(try DefinitionsTables.check(lattice, occupation: occupation))
    }
  }
}
