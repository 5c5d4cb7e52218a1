import Studies

extension Catalogue {
  /// Every computation the tool ships, in paper order (Papers.swift): what `spintransport models` lists, what a
  /// study file's `model =` may name, and what each CLI command runs.
  public static var standard: Catalogue {
    Catalogue(
      [
        MagnonGroundStateComputation(),
        MagnonCurrentComputation(),
        MagnonPotentialComputation(),
        MagnonExactComputation(),
        MagnonFormulaComputation(),
        DefinitionsCheckComputation(),
        RingSpectrumComputation(),
        RingBandsComputation(),
        RingCurrentsComputation(),
        RingStatesComputation(),
        RingBondCurrentsComputation(),
        DiffusionInterfaceComputation(),
        DiffusionTorusComputation(),
        DiffusionEvolveComputation(),
        RelaxationRatesComputation(),
        RelaxationWavevectorComputation(),
        RelaxationEvolveComputation(),
      ])
  }
}
