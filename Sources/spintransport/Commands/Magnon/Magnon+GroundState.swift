import SpinTransport

extension SpinTransportCLI.Magnon {
  /// `spintransport magnon ground-state`: the catalogue entry `magnon-ground-state`.
  typealias GroundState = CatalogueCommand<GroundStateEntry>
  enum GroundStateEntry: CatalogueEntry { static var computation: any Computation { MagnonGroundStateComputation() } }
}
