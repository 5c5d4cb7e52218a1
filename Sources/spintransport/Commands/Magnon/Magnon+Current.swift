import SpinTransport

extension SpinTransportCLI.Magnon {
  /// `spintransport magnon current`: the catalogue entry `magnon-current`.
  typealias Current = CatalogueCommand<CurrentEntry>
  enum CurrentEntry: CatalogueEntry { static var computation: any Computation { MagnonCurrentComputation() } }
}
