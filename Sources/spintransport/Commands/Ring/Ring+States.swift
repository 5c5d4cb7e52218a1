import SpinTransport

extension SpinTransportCLI.Ring {
  /// `spintransport ring states`: the catalogue entry `ring-states`.
  typealias States = CatalogueCommand<StatesEntry>
  enum StatesEntry: CatalogueEntry { static var computation: any Computation { RingStatesComputation() } }
}
