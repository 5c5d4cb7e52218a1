import SpinTransport

extension SpinTransportCLI.Diffusion {
  /// `spintransport diffusion evolve`: the catalogue entry `diffusion-evolve` (streamed rows).
  typealias Evolve = CatalogueCommand<EvolveEntry>
  enum EvolveEntry: CatalogueEntry { static var computation: any Computation { DiffusionEvolveComputation() } }
}
