import SpinTransport

extension SpinTransportCLI.Definitions {
  /// `spintransport definitions check`: the catalogue entry `definitions-check`.
  typealias Check = CatalogueCommand<CheckEntry>
  enum CheckEntry: CatalogueEntry { static var computation: any Computation { DefinitionsCheckComputation() } }
}
