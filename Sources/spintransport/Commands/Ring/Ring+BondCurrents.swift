import SpinTransport

extension SpinTransportCLI.Ring {
  /// `spintransport ring bond-currents`: the catalogue entry `ring-bond-currents`.
  typealias BondCurrents = CatalogueCommand<BondCurrentsEntry>
  enum BondCurrentsEntry: CatalogueEntry {
    static var computation: any Computation { RingBondCurrentsComputation() }
  }
}
