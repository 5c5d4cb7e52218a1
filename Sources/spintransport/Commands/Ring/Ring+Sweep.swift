import SpinTransport

extension SpinTransportCLI.Ring {
  /// `spintransport ring sweep`: an alias of `ring currents` (entry `ring-currents`) that requires
  /// a sweep, kept so existing scripts (`--vary flux-phase=…`, `theta=…`, `cells=…`) keep working.
  typealias Sweep = CatalogueCommand<SweepEntry>
  enum SweepEntry: CatalogueEntry {
    static var computation: any Computation { RingCurrentsComputation() }
    static var commandName: String? { "sweep" }
    static var requiresSweep: Bool { true }
  }
}
