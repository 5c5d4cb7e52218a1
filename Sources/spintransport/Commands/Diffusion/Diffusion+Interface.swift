import SpinTransport

extension SpinTransportCLI.Diffusion {
  /// `spintransport diffusion interface`: the catalogue entry `diffusion-interface`.
  typealias Interface = CatalogueCommand<InterfaceEntry>
  enum InterfaceEntry: CatalogueEntry { static var computation: any Computation { DiffusionInterfaceComputation() } }
}
