/// The catalogue behind `spintransport reproduce`: every paper figure the project reproduces.
///
/// Each model contributes its figures from its own file (`Figures/Seed<NNN>Figures.swift`,
/// `extension FigureCatalogue { static var seedNNN: [Figure] }`) and one line in ``all``.
/// ``planned`` lists every figure of `MODELS.md` by id; an id in ``planned`` with no entry in
/// ``all`` is reported as missing (never faked).
public enum FigureCatalogue {
  /// Every built figure, in seed order.
  public static var all: [Figure] {
    var figures: [Figure] = []
    // One line per seed module, e.g. `figures += seed002`.
    figures += seed000
    figures += seed000Exact
    figures += seed001
    figures += seed002
    figures += seed003
    figures += seed004
    return figures
  }

  /// Every figure of MODELS.md, by id, with its caption (built or not).
  public static let planned: [(id: String, caption: String)] = [
    ("000-current-vs-omega", "Seed 000: magnon spin current I_m versus solid angle Ω (sum, Eq. 16, LSWT)"),
    ("000-current-vs-temperature", "Seed 000: magnon current versus temperature, exact sum vs Eq. 16"),
    (
      "000-voltage",
      "Seed 000: the paper's estimate — Δ, field with gμ_B|B| = Δ, I_m at 60 K, voltage U at d = L = 100 nm"
    ),
    ("000-fig3", "Seed 000 Fig. 3: equipotentials of the electric field of a magnetization current, ϑ_m = 30°"),
    ("000-exact-current-vs-temperature", "Issue 13: thermal jᶻ(T) − jᶻ(0), ED vs classical + LSWT vs Eq. 15"),
    (
      "000-exact-current-vs-temperature-n8",
      "Issue 13: thermal jᶻ(T) − jᶻ(0) at N = 8, S = ½ … 2: ED (S ≤ 1) and FTLM (S ≥ 3/2, standard errors in the "
        + "err_* data columns, not drawn) vs classical + LSWT vs Eq. 15 (long figure)"
    ),
    ("000-exact-gap-vs-inverse-spin", "Issue 13: ED − classical and ED − (classical + LSWT) versus 1/S"),
    ("000-exact-deviation-vs-ring-size", "Issue 13: ED − classical and ED − (classical + LSWT) of jᶻ versus ring size N, S = ½"),
    ("000-exact-afm-current-vs-latitude", "Issue 13: T = 0 jᶻ of the antiferromagnetic ring versus field latitude: ED vs classical vs classical + LSWT"),
    ("001-definitions", "Seed 001: bare, Shi et al. and label spin currents in eigenstates and in equilibrium"),
    ("002-fig02", "Seed 002 Fig. 2: complex bands Re/Im E(k), topological regime γ = 0.5 t₂"),
    ("002-fig03", "Seed 002 Fig. 3: complex bands Re/Im E(k), critical regime γ = t₂"),
    ("002-fig04", "Seed 002 Fig. 4: complex bands Re/Im E(k), trivial regime γ = 1.5 t₂"),
    ("002-fig05", "Seed 002 Fig. 5: Re/Im spectrum versus flux phase φ"),
    ("002-fig06", "Seed 002 Fig. 6: real and imaginary persistent charge current versus φ"),
    ("002-fig07", "Seed 002 Fig. 7: spin current I_s^z versus φ for moments along z (θ = 0)"),
    ("002-fig08", "Seed 002 Fig. 8: spin currents I_s^{x,y,z} versus φ for tilted moments"),
    ("002-fig09", "Seed 002 Fig. 9: spin currents versus polar angle θ"),
    ("002-fig10", "Seed 002 Fig. 10: spin currents versus azimuth ϕ"),
    ("002-fig11", "Seed 002 Fig. 11: spin currents versus chemical potential μ"),
    ("002-fig12", "Seed 002 Fig. 12: spin currents versus exchange h"),
    ("002-fig13", "Seed 002 Fig. 13: currents versus ring size N (10…60 cells)"),
    ("002-fig14", "Seed 002 Fig. 14: spin currents versus AAH disorder strength W"),
    ("003-fig06", "Seed 003 Fig. 6: spin accumulation across an interface, varying wall width w (L = 100 nm)"),
    ("003-fig07", "Seed 003 Fig. 7: spin accumulation across an interface, varying wall width w (L = 10 nm)"),
    ("003-fig08", "Seed 003 Fig. 8: accumulation versus relative angle α (L = 100 nm)"),
    ("003-fig09", "Seed 003 Fig. 9: accumulation versus relative angle α (L = 10 nm)"),
    ("003-fig10", "Seed 003 Fig. 10: transverse accumulation for orthogonal magnetizations, L = 100 nm"),
    ("003-fig11", "Seed 003 Fig. 11: transverse accumulation for orthogonal magnetizations, L = 10 nm"),
    ("003-fig13", "Seed 003 Fig. 13: torus spin accumulation, side L = 10 nm"),
    ("003-fig14", "Seed 003 Fig. 14: torus spin accumulation, side L = 100 nm"),
    ("003-fig15", "Seed 003 Fig. 15: torus spin accumulation, side L = 1000 nm"),
    ("004-fig01", "Seed 004 Fig. 1: space–time relaxation of a step in M + m"),
    ("004-fig02", "Seed 004 Fig. 2: decay rates γ±/r versus k²/k_M² for ξ = 0.1, 0.3, 0.9"),
    ("004-fig03", "Seed 004 Fig. 3: decay rates with lattice decay w_m, w_M"),
    ("004-fig04", "Seed 004 Fig. 4: Re k and Im k versus ω without lattice decay"),
    ("004-fig05", "Seed 004 Fig. 5: Re k and Im k versus ω with lattice decay"),
  ]
}
