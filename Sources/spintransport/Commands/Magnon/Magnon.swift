import ArgumentParser
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport magnon …`: the Heisenberg ring in a crown field (docs/model-reference.md).
  struct Magnon: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Magnon persistent spin current of a ferromagnetic Heisenberg ring in a crown field "
        + "(\(Paper.heisenbergRing.short)).",
      discussion: """
        Units: exchange J and temperature T in kelvin, field |B| in tesla, latitude in degrees, \
        lengths in metres. Sites are numbered clockwise seen from +z; a positive current flows i -> i+1 (see docs/spin-waves.md).
        Parameters, ranges and columns: spintransport magnon <subcommand> --help, or spintransport models.
        N (and sweep COUNT, grid POINTS) are limited by memory: the estimate is checked before anything \
        is allocated (SPINTRANSPORT_MEMORY_LIMIT=bytes|K|M|G overrides the available memory).
        """,
      subcommands: [
        GroundState.self,
        Current.self,
        Potential.self,
        Exact.self,
      ])
  }
}
