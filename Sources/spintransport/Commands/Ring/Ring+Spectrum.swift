import SpinTransport

extension SpinTransportCLI.Ring {
  /// `spintransport ring spectrum`: the catalogue entry `ring-spectrum`.
  typealias Spectrum = CatalogueCommand<SpectrumEntry>
  enum SpectrumEntry: CatalogueEntry { static var computation: any Computation { RingSpectrumComputation() } }
}
