/// The catalogue behind `spintransport reproduce`: every paper figure the project reproduces.
///
/// Each model contributes its figures from its own file (`<Model>Figures.swift`, an
/// `extension FigureCatalogue` with a static list) and one line in ``all``. ``planned`` lists
/// every figure the project reproduces, by id; an id in ``planned`` with no entry in ``all`` is
/// reported as missing (never faked). Captions name the paper's figure and cite the paper.
public enum FigureCatalogue {
  /// Every built figure, in paper order.
  public static var all: [Figure] {
    var figures: [Figure] = []
    figures += (seed000 + seed000Exact).map { $0.citing(.heisenbergRing) }
    figures += seed001.map { $0.citing(.spinCurrentDefinitions) }
    figures += seed002.map { $0.citing(.hatanoNelsonRing) }
    figures += seed003.map { $0.citing(.sdExchangeDiffusion) }
    figures += seed004.map { $0.citing(.longitudinalRelaxation) }
    return figures
  }

  /// The caption of figure `id` from ``planned``: the one lookup every figure uses (an id not in
  /// ``planned`` gets the id itself, which the figure-citation tests refuse).
  static func caption(_ id: String) -> String { planned.first { $0.id == id }?.caption ?? id }

  /// Every planned figure, by id, with its caption (built or not).
  public static let planned: [(id: String, caption: String)] = {
    let ring = Paper.heisenbergRing, definitions = Paper.spinCurrentDefinitions, hn = Paper.hatanoNelsonRing
    let sd = Paper.sdExchangeDiffusion, relaxation = Paper.longitudinalRelaxation
    /// Beyond the paper's figures: a computation on the paper's model.
    func model(_ p: Paper) -> String { "model of \(p.short)" }
    return [
      ("000-current-vs-omega", "Magnon spin current I_m versus solid angle Ω (sum, Eq. 16, LSWT); \(model(ring))"),
      ("000-current-vs-temperature", "Magnon current versus temperature, exact sum vs Eq. 16; \(model(ring))"),
      (
        "000-voltage",
        "The paper's estimate — Δ, field with gμ_B|B| = Δ, I_m at 60 K, voltage U at d = L = 100 nm; \(model(ring))"
      ),
      ("000-fig3", "Equipotentials of the electric field of a magnetization current, ϑ_m = 30° — \(ring.figure(3))"),
      (
        "000-exact-current-vs-temperature",
        "Exact diagonalisation: thermal jᶻ(T) − jᶻ(0), ED vs classical + LSWT vs Eq. 15; \(model(ring))"
      ),
      (
        "000-exact-current-vs-temperature-n8",
        "Exact diagonalisation: thermal jᶻ(T) − jᶻ(0) at N = 8, S = ½ … 2: ED (S ≤ 1) and FTLM (S ≥ 3/2, standard "
          + "errors in the err_* data columns, not drawn) vs classical + LSWT vs Eq. 15 (long figure); \(model(ring))"
      ),
      (
        "000-exact-gap-vs-inverse-spin",
        "Exact diagonalisation: ED − classical and ED − (classical + LSWT) versus 1/S; \(model(ring))"
      ),
      (
        "000-exact-deviation-vs-ring-size",
        "Exact diagonalisation: ED − classical and ED − (classical + LSWT) of jᶻ versus ring size N, S = ½; "
          + model(ring)
      ),
      (
        "000-exact-finite-size",
        "Exact diagonalisation: T = 0 jᶻ versus 1/N, the ground state by Lanczos ("
          + exactFiniteSizeCases.map { c in
            "S = \(c.spin == 0.5 ? "½" : String(format: "%g", c.spin)), N = \(c.sizes.first!) … \(c.sizes.last!)"
          }.joined(separator: "; ") + ") beside the classical and classical + LSWT currents (long figure); "
          + model(ring)
      ),
      (
        "000-exact-afm-current-vs-latitude",
        "Exact diagonalisation: T = 0 jᶻ of the antiferromagnetic ring versus field latitude: ED vs classical vs "
          + "classical + LSWT; \(model(ring))"
      ),
      (
        "001-definitions",
        "Bare, Shi et al. and label spin currents in eigenstates and in equilibrium (the paper has no numerical "
          + "figure); \(model(definitions))"
      ),
      (
        "002-fig02",
        "Spin-split complex bands Re/Im E(k), topological regime γ = 0.5 t₂ — \(hn.figure(4, panels: "a, b"))"
      ),
      ("002-fig03", "Spin-split complex bands Re/Im E(k), critical regime γ = t₂ — \(hn.figure(4, panels: "c, d"))"),
      ("002-fig04", "Spin-split complex bands Re/Im E(k), trivial regime γ = 1.5 t₂ — \(hn.figure(4, panels: "e, f"))"),
      ("002-fig05", "Re/Im spectrum versus flux phase φ — \(hn.figure(5))"),
      ("002-fig06", "Real and imaginary persistent charge current versus φ — \(hn.figure(6))"),
      ("002-fig07", "Spin current I_s^z versus φ for moments along z (θ = 0) — \(hn.figure(7))"),
      ("002-fig08", "Spin currents I_s^{x,y,z} versus φ for tilted moments — \(hn.figure(8))"),
      ("002-fig09", "Spin currents versus polar angle θ — \(hn.figure(9))"),
      ("002-fig10", "Spin currents versus azimuth ϕ — \(hn.figure(10))"),
      ("002-fig11", "Spin currents versus chemical potential μ — \(hn.figure(11))"),
      ("002-fig12", "Spin currents versus exchange h — \(hn.figure(12))"),
      ("002-fig13", "Currents versus ring size N (10…60 cells) — \(hn.figure(13))"),
      ("002-fig14", "Spin currents versus AAH disorder strength W — \(hn.figure(14))"),
      (
        "003-fig06",
        "Spin accumulation m_x, m_y, m_z across an interface, varying wall width w (L = 100 nm) — "
          + sd.figures(6, 7)
      ),
      (
        "003-fig07",
        "Spin accumulation m_x, m_y, m_z across an interface, varying wall width w (L = 10 nm) — "
          + sd.figures(6, 7)
      ),
      ("003-fig08", "Accumulation versus relative angle α (L = 100 nm) — \(sd.figure(8))"),
      ("003-fig09", "Accumulation versus relative angle α (L = 10 nm) — \(sd.figure(9))"),
      (
        "003-fig10",
        "Transverse accumulation m_x, m_y for orthogonal magnetizations (α = 90°), L = 100 nm — the components of "
          + sd.figures(10, 11)
      ),
      (
        "003-fig11",
        "Transverse accumulation m_x, m_y for orthogonal magnetizations (α = 90°), L = 10 nm — the components of "
          + sd.figures(10, 11)
      ),
      ("003-fig13", "Torus spin accumulation, side L = 10 nm — \(sd.figure(13))"),
      ("003-fig14", "Torus spin accumulation, side L = 100 nm — \(sd.figure(14))"),
      ("003-fig15", "Torus spin accumulation, side L = 1000 nm — \(sd.figure(15))"),
      ("004-fig01", "Space–time relaxation of a step in M + m — \(relaxation.figure(1))"),
      ("004-fig02", "Decay rates γ±/r versus k²/k_M² for ξ = 0.1, 0.3, 0.9 — \(relaxation.figure(2))"),
      ("004-fig03", "Decay rates with lattice decay w_m, w_M, ξ = 0.01 and 0.09 — \(relaxation.figures(3, 4))"),
      (
        "004-fig04",
        "Re k and Im k versus ω without lattice decay, Eq. 41 (the paper's text refers to it as Fig. 4; its printed "
          + "Fig. 4 shows rates); \(model(relaxation))"
      ),
      ("004-fig05", "Re k and Im k versus ω with lattice decay — \(relaxation.figure(5))"),
    ]
  }()
}
