import SpinTransport

extension SpinTransportCLI.Magnon {
  /// `spintransport magnon potential`: the catalogue entry `magnon-potential`.
  typealias Potential = CatalogueCommand<PotentialEntry>
  enum PotentialEntry: CatalogueEntry { static var computation: any Computation { MagnonPotentialComputation() } }
}
