import Studies

extension CommandGroup {
  /// The words around the shipped command groups (`spintransport ring --help`), in paper order;
  /// the subcommands themselves come from `Catalogue.standard`.
  public static var standard: [CommandGroup] {
    [
      CommandGroup(
        name: "magnon",
        abstract: "Magnon persistent spin current of a ferromagnetic Heisenberg ring in a crown field "
          + "(\(Paper.heisenbergRing.short)).",
        discussion: """
          Units: exchange J and temperature T in kelvin, field |B| in tesla, latitude in degrees, \
          lengths in metres. Spin currents (columns ending _K) are in kelvin (k_B = ħ = 1): in SI, \
          \(SIUnits.kelvin). Sites are numbered clockwise seen from +z; a positive current flows i -> i+1 (see docs/spin-waves.md).
          Parameters, ranges and columns: spintransport magnon <subcommand> --help, or spintransport models.
          N (and sweep COUNT, grid POINTS) are limited by memory: the estimate is checked before anything \
          is allocated (SPINTRANSPORT_MEMORY_LIMIT=bytes|K|M|G overrides the available memory).
          """),
      CommandGroup(
        name: "definitions",
        abstract: "Bare, Shi et al. and label spin currents on a Rashba chain or patch "
          + "(\(Paper.spinCurrentDefinitions.short)).",
        discussion: """
          Open chain (or L × W patch with --width) with hopping −t − iα σ_y along x (2D: −t + iα σ_x \
          along y) and Zeeman term B n̂·σ. Energies in eV, temperature in K, Zeeman angles in degrees.
          Currents in eV·a (ħ = 1): in SI, \(SIUnits.electronVoltLattice). Negative values may follow the option directly (--mu -0.5).
          """),
      CommandGroup(
        name: "ring",
        abstract: "Ferromagnetic Hatano–Nelson ring: complex spectrum, bands, persistent charge and spin currents "
          + "(\(Paper.hatanoNelsonRing.short)).",
        discussion: """
          Energies in eV, flux phase φ per cell in rad, angles θ (polar) and ϕ (azimuth) of the \
          moments in degrees, temperature in K. Charge current in A, spin currents in eV (ħ = 1): in SI, \
          \(SIUnits.electronVolt).
          Negative values may follow the option directly (--mu -0.5).
          Clean rings (--aah 0) use the Bloch path (N blocks of 4×4); disordered rings the dense path.
          Every subcommand takes --vary NAME=START:STOP:COUNT; `ring sweep` is `ring currents` with a required --vary.
          """,
        aliases: [CommandAlias(name: "sweep", command: ["ring", "currents"], requiresSweep: true)]),
      CommandGroup(
        name: "diffusion",
        abstract: "Spin accumulation in nonuniform ferromagnets with sd exchange (\(Paper.sdExchangeDiffusion.short)).",
        discussion: """
          Steady state of ∂x[𝔇(x)∂x m] = (m − m_eq)/τ_sf + λ M × m with the full tensor of Eqs. 72–73 \
          (D_xy = +D a/(1+a²), docs/model-reference.md), and its time evolution coupled to Landau–Lifshitz.
          Lengths in metres, angles in degrees, times in seconds. Columns: x_m, m_x, m_y, m_z.
          """),
      CommandGroup(
        name: "relaxation",
        abstract: "Longitudinal relaxation of magnetization M and spin accumulation m "
          + "(\(Paper.longitudinalRelaxation.short)).",
        discussion: """
          Reduced units: rates and ω in units of the exchange rate r = 1/τ_mM − 1/τ_Mm, wavevectors in \
          units of k_M = √(r/D_m), lengths in 1/k_M, times in 1/r. Time dependence e^{−iωt}.
          """),
    ]
  }
}
