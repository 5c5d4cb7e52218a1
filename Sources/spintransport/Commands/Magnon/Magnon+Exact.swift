import SpinTransport

extension SpinTransportCLI.Magnon {
  /// `spintransport magnon exact`: the catalogue entry `magnon-exact`.
  typealias Exact = CatalogueCommand<ExactEntry>
  enum ExactEntry: CatalogueEntry { static var computation: any Computation { MagnonExactComputation() } }
}
