import Studies

extension Catalogue {
  /// Every computation the tool ships, in seed order: what `spintransport models` lists, what a
  /// study file's `model =` may name, and what each CLI command runs.
  public static var standard: Catalogue {
    Catalogue(
      [
        MagnonGroundStateComputation(),  // seed 000
        MagnonCurrentComputation(),  // seed 000
        MagnonPotentialComputation(),  // seed 000
        MagnonExactComputation(),  // seed 000, issue 13
        DefinitionsCheckComputation(),  // seed 001
        RingSpectrumComputation(),  // seed 002
        RingBandsComputation(),  // seed 002
        RingCurrentsComputation(),  // seed 002
        RingStatesComputation(),  // seed 002
        DiffusionInterfaceComputation(),  // seed 003
        DiffusionTorusComputation(),  // seed 003
        DiffusionEvolveComputation(),  // seed 003
        RelaxationRatesComputation(),  // seed 004
        RelaxationWavevectorComputation(),  // seed 004
        RelaxationEvolveComputation(),  // seed 004
      ])
  }
}
