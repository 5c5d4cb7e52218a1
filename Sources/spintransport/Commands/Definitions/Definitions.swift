import ArgumentParser
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport definitions …`: spin-current definitions under spin–orbit coupling (Bray-Ali and Nussinov).
  struct Definitions: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bare, Shi et al. and label spin currents on a Rashba chain or patch "
        + "(\(Paper.spinCurrentDefinitions.short)).",
      discussion: """
        Open chain (or L × W patch with --width) with hopping −t − iα σ_y along x (2D: −t + iα σ_x \
        along y) and Zeeman term B n̂·σ. Energies in eV, temperature in K, Zeeman angles in degrees.
        Currents in eV·a (ħ = 1). Negative values may follow the option directly (--mu -0.5).
        """,
      subcommands: [Check.self])
  }
}
