import Diagnostics
import Studies
import TightBinding

/// The parameters of every Hatano–Nelson figure, in one place (docs/model-reference.md): where the
/// paper does not state a value, it is chosen in the paper's regime.
///
/// - t₂ = 1 eV sets the energy scale; t₁ = 0 (the paper's anti-Hermitian intradimer case);
///   ε = 0 so the chiral-symmetry statements (zero spin current at μ = 0) apply.
/// - γ ∈ {0.5, 1.0, 1.5} eV: topological (γ < t₂), critical (γ = t₂), trivial (γ > t₂).
/// - h = 0.3 eV: spin splitting 2h = 0.6 eV, smaller than the band width (≈ 2 t₂) so the four
///   branches overlap in energy and spin currents do not cancel at a generic μ.
/// - N = 10 cells (40 states): large enough for smooth φ dependence, small enough that the
///   persistent currents (which decay with N) stay well above rounding.
/// - μ = −0.63 eV: inside a band in all three regimes (with h = 0.3 eV the s = −1 lower band
///   spans Re E ∈ [−0.70, −0.57] eV at γ = 0.5, [−0.7, 0.3] eV at γ = 1 and 1.5), so the Fermi
///   level cuts a band. (At μ = −0.9 eV the γ = 0.5 ring would have one filled spin band and
///   one empty: only the exponentially small filled-band current remains.)
/// - Fixed φ = 0.1 rad for the angle, μ, h and W figures: generic (not a symmetry point,
///   well inside the period 2π/N = 0.628 rad, away from the critical ring's exceptional
///   points at φ ≡ 0 mod π/N·…).
/// - Tilted moments θ = 45°, ϕ = 30°: all three spin components non-zero.
/// - Fig. 13 keeps the total flux Φ = Nφ = π/2 fixed while N varies (so every ring sits at
///   the same point of its period); Fig. 14 uses the dense path with W ∈ [0, 3] eV.
public enum Seed002Parameters {
  public static let t2 = 1.0
  public static let gammas = [0.5, 1.0, 1.5]
  public static let exchange = 0.3
  public static let cells = 10
  public static let mu = -0.63
  public static let fluxPhase = 0.1
  public static let thetaDegrees = 45.0
  public static let azimuthDegrees = 30.0
  public static let kPoints = 201
  public static let fluxPoints = 201
  public static let angleSteps = 73
  public static let muRange = (start: -2.5, stop: 2.5, count: 201)
  public static let exchangeRange = (start: 0.0, stop: 1.5, count: 76)
  public static let cellsRange = 10...60
  public static let totalFluxForSizeSweep = Double.pi / 2
  public static let aahRange = (start: 0.0, stop: 3.0, count: 61)

  /// The base point of regime γ for a ring catalogue entry (`ring-spectrum`, `ring-bands`,
  /// `ring-currents`): every parameter of `entry` at its default, then t₁ = 0, t₂, h, N, φ, θ,
  /// ϕ and μ as above (ids the entry does not take are left out).
  public static func values(
    _ entry: some Computation, gamma: Double, thetaDegrees: Double = thetaDegrees, mu: Double = mu
  ) -> ParameterValues {
    var v = ParameterValues(defaultsOf: entry.parameters)
    for (id, x) in fixed(entry, gamma: gamma, thetaDegrees: thetaDegrees, mu: mu) { v[id] = x }
    return v
  }

  /// The figure's choices of ``values(_:gamma:thetaDegrees:mu:)`` by id: those `entry` takes,
  /// without the ids in `except` (swept ones); `gamma` nil leaves γ out (a swept γ).
  static func fixed(
    _ entry: some Computation, gamma: Double?, thetaDegrees: Double = thetaDegrees, mu: Double = mu,
    except: Set<String> = []
  ) -> [String: ParameterValue] {
    typealias R = RingParameters
    let taken = Set(entry.parameters.map(\.id))
    var figure: [(Parameter, Double)] = [
      (R.cells, Double(cells)), (R.t1, 0), (R.t2, t2), (R.fluxPhase, fluxPhase),
      (R.exchange, exchange), (R.theta, thetaDegrees), (R.azimuth, azimuthDegrees), (R.onsite, 0), (R.aah, 0),
      (R.mu, mu),
    ]
    if let gamma { figure.append((R.gamma, gamma)) }
    var out: [String: ParameterValue] = [:]
    for (p, x) in figure where taken.contains(p.id) && !except.contains(p.id) { out[p.id] = .number(x) }
    return out
  }

  /// The base ring for regime γ: t₁ = 0, t₂, h, N, φ, θ, ϕ as above, ε = 0, W = 0.
  public static func ring(gamma: Double, thetaDegrees: Double = thetaDegrees) -> HatanoNelsonRing {
    HatanoNelsonRing(
      cells: cells, t1: 0, gamma: gamma, t2: t2, fluxPhase: fluxPhase, exchange: exchange,
      theta: thetaDegrees * .pi / 180, azimuth: azimuthDegrees * .pi / 180, onsite: 0, aah: 0)
  }
}
