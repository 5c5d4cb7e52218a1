import SpinTransport

extension SpinTransportCLI.Relaxation {
  /// `spintransport relaxation rates`: the catalogue entry `relaxation-rates`.
  typealias Rates = CatalogueCommand<RatesEntry>
  enum RatesEntry: CatalogueEntry { static var computation: any Computation { RelaxationRatesComputation() } }
}
