import SpinTransport

extension SpinTransportCLI.Relaxation {
  /// `spintransport relaxation evolve`: the catalogue entry `relaxation-evolve`.
  typealias Evolve = CatalogueCommand<EvolveEntry>
  enum EvolveEntry: CatalogueEntry { static var computation: any Computation { RelaxationEvolveComputation() } }
}
