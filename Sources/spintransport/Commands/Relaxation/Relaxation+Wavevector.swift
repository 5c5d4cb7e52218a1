import SpinTransport

extension SpinTransportCLI.Relaxation {
  /// `spintransport relaxation wavevector`: the catalogue entry `relaxation-wavevector`.
  typealias Wavevector = CatalogueCommand<WavevectorEntry>
  enum WavevectorEntry: CatalogueEntry { static var computation: any Computation { RelaxationWavevectorComputation() } }
}
