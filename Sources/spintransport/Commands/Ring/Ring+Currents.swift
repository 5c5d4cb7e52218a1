import SpinTransport

extension SpinTransportCLI.Ring {
  /// `spintransport ring currents`: the catalogue entry `ring-currents`.
  typealias Currents = CatalogueCommand<CurrentsEntry>
  enum CurrentsEntry: CatalogueEntry { static var computation: any Computation { RingCurrentsComputation() } }
}
