import SpinTransport

extension SpinTransportCLI.Diffusion {
  /// `spintransport diffusion torus`: the catalogue entry `diffusion-torus`.
  typealias Torus = CatalogueCommand<TorusEntry>
  enum TorusEntry: CatalogueEntry { static var computation: any Computation { DiffusionTorusComputation() } }
}
