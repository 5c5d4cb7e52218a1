import ArgumentParser
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport ring …`: the ferromagnetic Hatano–Nelson ring (docs/model-reference.md).
  struct Ring: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Ferromagnetic Hatano–Nelson ring: complex spectrum, bands, persistent charge and spin currents "
        + "(\(Paper.hatanoNelsonRing.short)).",
      discussion: """
        Energies in eV, flux phase φ per cell in rad, angles θ (polar) and ϕ (azimuth) of the \
        moments in degrees, temperature in K. Charge current in A, spin currents in eV.
        Negative values may follow the option directly (--mu -0.5).
        Clean rings (--aah 0) use the Bloch path (N blocks of 4×4); disordered rings the dense path.
        Every subcommand takes --vary NAME=START:STOP:COUNT; `ring sweep` is `ring currents` with a required --vary.
        """,
      subcommands: [Spectrum.self, Bands.self, Currents.self, Sweep.self, States.self, BondCurrents.self])
  }
}
