import Studies

/// The five papers whose models the catalogue computes and whose figures `reproduce` draws.
extension Paper {
  /// Magnon persistent spin current of a Heisenberg ring in a crown-shaped field (`magnon …`).
  public static let heisenbergRing = Paper(
    authors: ["F. Schütz", "M. Kollar", "P. Kopietz"], title: "Persistent Spin Currents in Mesoscopic Heisenberg Rings",
    journal: "Phys. Rev. Lett. 91, 017205", year: 2003, doi: "10.1103/PhysRevLett.91.017205")

  /// Bare, Shi et al. and label spin currents with spin–orbit coupling (`definitions …`).
  public static let spinCurrentDefinitions = Paper(
    authors: ["N. Bray-Ali", "Z. Nussinov"],
    title: "Conservation and persistence of spin currents and their relation to the Lieb-Schulz-Mattis twist operators",
    year: 2008, arXiv: "0803.0984")

  /// Persistent charge and spin currents of the ferromagnetic Hatano–Nelson ring (`ring …`).
  public static let hatanoNelsonRing = Paper(
    authors: ["S. Karmakar", "S. Ganguly", "S. K. Maiti"],
    title: "Persistent Charge and Spin Currents in a Ferromagnetic Hatano-Nelson Ring", year: 2025, arXiv: "2509.06109")

  /// Spin accumulation with sd exchange in nonuniform ferromagnets (`diffusion …`).
  public static let sdExchangeDiffusion = Paper(
    authors: ["W. N. G. Hitchon", "G. J. Parker", "A. Rebei"],
    title: "sd-type Exchange Interactions in Nonhomogeneous Ferromagnets", year: 2004, arXiv: "cond-mat/0407150")

  /// Two-variable (M, m) longitudinal relaxation (`relaxation …`).
  public static let longitudinalRelaxation = Paper(
    authors: ["W. M. Saslow", "C. Sun", "S. Xu"], title: "Spin Accumulation and Longitudinal Spin Diffusion of Magnets",
    year: 2021, arXiv: "2112.01291")

  /// All five, in the order of the catalogue.
  public static let implemented: [Paper] = [
    heisenbergRing, spinCurrentDefinitions, hatanoNelsonRing, sdExchangeDiffusion, longitudinalRelaxation,
  ]
}
