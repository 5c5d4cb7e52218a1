import Diagnostics

/// The two-variable longitudinal model of Saslow, Sun and Xu: magnetization M,
/// which only decays, and spin accumulation m, which decays and diffuses (docs/model-reference.md).
///
/// Deviations dM, dm from equilibrium obey (Eqs. 28–29 with Eqs. 8–9, 27, 31, 38)
///
///     ∂_t dM = −w_M dM + (r − w_M) dm
///     ∂_t dm = D_m ∇²(dm + ξ dM) − ξ w_m dM − (r + w_m) dm
///
/// with ξ = χ_m/χ_M, the exchange-driven rate r = 1/τ_mM − 1/τ_Mm, the lattice decay rates
/// w_M = 1/τ_ML, w_m = 1/τ_mL and k_M² = r/D_m. The model stores (ξ, r, D_m, w_m, w_M) in any
/// consistent units (rates in 1/s and D_m in m²/s, or the reduced units r = k_M = 1).
///
/// Constraints (checked by every initializer; a violation is an ``/Diagnostics/InvalidParameter`` that names
/// the constraint): 0 ≤ ξ ≤ 1 (thermodynamic stability χ_m ≤ χ_M, Sect. II), r ≥ 0 (Eq. 31;
/// r > 0 for the reduced form, whose unit it is), w_m, w_M ≥ 0, D_m > 0, and with material
/// parameters the Onsager relation χ_m/τ_mM = χ_M/τ_Mm (Eq. 27).
public struct RelaxationModel: Sendable, Equatable {
  /// Susceptibility ratio ξ = χ_m/χ_M (dimensionless, 0 ≤ ξ ≤ 1).
  public let xi: Double
  /// Exchange-driven rate r = 1/τ_mM − 1/τ_Mm (rate unit, ≥ 0).
  public let exchangeRate: Double
  /// Spin-accumulation diffusion constant D_m (length²/time, > 0).
  public let diffusivity: Double
  /// Lattice decay rate of m, w_m = 1/τ_mL (rate unit, ≥ 0).
  public let spinLatticeRate: Double
  /// Lattice decay rate of M, w_M = 1/τ_ML (rate unit, ≥ 0).
  public let magnetizationLatticeRate: Double

  /// The model in the paper's reduced parameters (r, k_M, ξ, w_m, w_M).
  ///
  /// - Parameters:
  ///   - xi: ξ = χ_m/χ_M, 0 ≤ ξ ≤ 1.
  ///   - r: r > 0, the exchange rate (rate unit of the reduced form; default 1).
  ///   - kM: k_M > 0, the exchange wavevector (inverse-length unit; default 1); D_m = r/k_M².
  ///   - wm: w_m ≥ 0, in the same rate unit as r.
  ///   - wM: w_M ≥ 0, in the same rate unit as r.
  /// - Throws: ``/Diagnostics/InvalidParameter`` named `xi`, `r`, `k-M`, `wm` or `wM`.
  public init(
    xi: Double, exchangeRate r: Double = 1, exchangeWavevector kM: Double = 1, wm: Double = 0, wM: Double = 0
  )
    throws
  {
    try Self.checkXi(xi, name: "xi")
    guard r.isFinite, r > 0 else {
      throw InvalidParameter(
        "r", r, allowed: "r > 0 (thermodynamics requires r ≥ 0, Eq. 31; r = 0 leaves no rate unit for the reduced form)"
      )
    }
    try Require.positive(kM, "k_M")
    try Self.checkLatticeRate(wm, name: "wm")
    try Self.checkLatticeRate(wM, name: "wM")
    self.init(unchecked: xi, r, r / (kM * kM), wm, wM)
  }

  /// The model in its own (material) parameters, SI units.
  ///
  /// - Parameters:
  ///   - chiM: χ_M > 0 (dimensionless susceptibility of M).
  ///   - chim: χ_m ≥ 0 (dimensionless susceptibility of m); ξ = χ_m/χ_M must be ≤ 1.
  ///   - tauMm: τ_Mm in s (M → m); nil derives it from the Onsager relation τ_Mm = τ_mM χ_M/χ_m.
  ///     When given it must satisfy χ_m/τ_mM = χ_M/τ_Mm to relative 1e−9 (Eq. 27).
  ///   - taumM: τ_mM in s (m → M), > 0.
  ///   - tauML: τ_ML in s (M → lattice), > 0; `.infinity` for no lattice decay.
  ///   - taumL: τ_mL in s (m → lattice), > 0; `.infinity` for no lattice decay.
  ///   - diffusivity: D_m in m²/s, > 0.
  /// - Throws: ``/Diagnostics/InvalidParameter`` named `chi-M`, `chi-m`, `tau-Mm`, `tau-mM`, `tau-ML`, `tau-mL`
  ///   or `diffusivity`, naming the violated constraint.
  public init(
    chiM: Double, chim: Double, tauMm: Double? = nil, taumM: Double, tauML: Double = .infinity,
    taumL: Double = .infinity, diffusivity: Double
  ) throws {
    try Require.positive(chiM, "chi_M")
    try Require.nonNegative(chim, "chi_m")
    guard chim <= chiM else {
      throw InvalidParameter(
        "chi_m", chim, allowed: "χ_m ≤ χ_M = \(chiM) (thermodynamic stability: ξ = χ_m/χ_M ≤ 1, Sect. II)")
    }
    try Require.positive(taumM, "tau_mM")
    let xi = chim / chiM
    let inverseTauMm: Double
    if let tauMm {
      guard tauMm > 0, !tauMm.isNaN else { throw InvalidParameter("tau_Mm", tauMm, allowed: "a number > 0 (s)") }
      let lhs = chim / taumM, rhs = chiM / tauMm
      guard abs(lhs - rhs) <= 1e-9 * max(abs(lhs), abs(rhs)) else {
        throw InvalidParameter(
          "tau_Mm", tauMm,
          allowed: "τ_Mm = τ_mM·χ_M/χ_m = \(taumM * chiM / chim) s (Onsager relation χ_m/τ_mM = χ_M/τ_Mm, Eq. 27)")
      }
      inverseTauMm = 1 / tauMm
    } else {
      inverseTauMm = xi / taumM
    }
    let r = 1 / taumM - inverseTauMm
    guard r >= 0 else {
      throw InvalidParameter("tau_mM", taumM, allowed: "r = 1/τ_mM − 1/τ_Mm ≥ 0, i.e. τ_mM ≤ τ_Mm (Eq. 31)")
    }
    guard tauML > 0, !tauML.isNaN else { throw InvalidParameter("tau_ML", tauML, allowed: "a number > 0 (s) or inf") }
    guard taumL > 0, !taumL.isNaN else { throw InvalidParameter("tau_mL", taumL, allowed: "a number > 0 (s) or inf") }
    try Require.positive(diffusivity, "diffusivity")
    self.init(unchecked: xi, r, diffusivity, 1 / taumL, 1 / tauML)
  }

  init(unchecked xi: Double, _ r: Double, _ d: Double, _ wm: Double = 0, _ wM: Double = 0) {
    self.xi = xi
    exchangeRate = r
    diffusivity = d
    spinLatticeRate = wm
    magnetizationLatticeRate = wM
  }

  private static func checkXi(_ xi: Double, name: String) throws {
    guard xi.isFinite, xi >= 0, xi <= 1 else {
      throw InvalidParameter(
        name, xi, allowed: "0 ≤ ξ ≤ 1 (ξ = χ_m/χ_M; thermodynamic stability requires χ_m ≤ χ_M, Sect. II)")
    }
  }

  private static func checkLatticeRate(_ w: Double, name: String) throws {
    guard w.isFinite, w >= 0 else {
      throw InvalidParameter(name, w, allowed: "a finite lattice decay rate ≥ 0 (units of r)")
    }
  }

  /// k_M = √(r/D_m) (inverse length; Eq. 31). Zero when r = 0.
  var exchangeWavevector: Double { (exchangeRate / diffusivity).squareRoot() }

  /// The rate matrix Γ(k) of Eq. 33 for a real wavevector k (∂_t (dM, dm) = Γ (dM, dm)):
  ///
  ///     Γ = [[−w_M, r − w_M], [−ξ(w_m + D_m k²), −r − (w_m + D_m k²)]]
  ///
  /// Entries in the rate unit; `k` in inverse length. Row-major nested array.
  func rateMatrix(wavevectorSquared k2: Double) -> [[Double]] {
    let q = spinLatticeRate + diffusivity * k2
    return [
      [-magnetizationLatticeRate, exchangeRate - magnetizationLatticeRate],
      [-xi * q, -exchangeRate - q],
    ]
  }
}
