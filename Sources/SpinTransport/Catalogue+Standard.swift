import Studies

extension Catalogue {
  /// Every computation the tool ships, in seed order: what `spintransport models` lists, what a
  /// study file's `model =` may name, and what each CLI command runs.
  public static var standard: Catalogue {
    Catalogue(
      [
        RingSpectrumComputation(),  // seed 002
        RingBandsComputation(),  // seed 002
        RingCurrentsComputation(),  // seed 002
        RingStatesComputation(),  // seed 002
        RelaxationRatesComputation(),  // seed 004
      ])
  }
}
