import SpinTransport

extension SpinTransportCLI.Ring {
  /// `spintransport ring bands`: the catalogue entry `ring-bands`.
  typealias Bands = CatalogueCommand<BandsEntry>
  enum BandsEntry: CatalogueEntry { static var computation: any Computation { RingBandsComputation() } }
}
