import Diagnostics
import LinearAlgebra
import Numerics
import PhysicalConstants

extension PersistentCurrents {
  /// Derivative-method totals (T = 0), dense path, independent of the current operators.
  ///
  /// Biorthogonal Hellmann–Feynman on the occupied eigenvalue sum S(λ) = Σ_{Re E ≤ μ} E(λ):
  ///
  ///     ⟨v⟩ = dS/dλ            (charge twist T_ij → T_ij e^{−iλ d_ij}; equals −(M/N) dS/dφ)
  ///     ⟨{σ_α, v}⟩/2 = −dS/dθ_α  (SU(2) twist T_ij → e^{iθσ_α d_ij/2} T_ij e^{iθσ_α d_ij/2})
  ///
  /// Five-point central differences with step δ = 0.002/M (total twist 0.002 rad around the
  /// ring): truncation ~ (δ|v|/Δ)⁴ relative, Δ the smallest splitting between states the twist
  /// couples across μ (e.g. 2h for the spin twist), rounding ~ ε·Σ|E|/δ ≈ 1e−10. Requires no
  /// level within ~|v|δ of μ (else the occupied set changes inside the stencil). At an
  /// exceptional point the shared policy applies (`PersistentCurrents+ExceptionalPoints.swift`):
  /// an EP at μ gives NaN with a warning; an EP away from μ is harmless, because the occupied
  /// eigenvalue *sum* is analytic even where single eigenvalues are not (a split Jordan pair
  /// λ ± √δ sums to 2λ + O(δ)); an occupied EP is reported with its condition number. 16 eigenvalue-only
  /// `zgeev` calls plus one with vectors for the check.
  static func derivativeTotals(_ ring: HatanoNelsonRing, mu: Double) throws -> PersistentCurrentResult {
    try ring.validate()
    return try checkedDerivativeTotals(ring, mu: mu)
  }

  /// ``derivativeTotals(_:mu:)`` of a ring already validated (precondition).
  static func checkedDerivativeTotals(_ ring: HatanoNelsonRing, mu: Double) throws -> PersistentCurrentResult {
    try derivativeTotals(try ring.assembledSystem(), sites: ring.siteCount, mu: mu)
  }

  /// ``derivativeTotals(_:mu:)`` for any ring-like lattice of `sites` sites (circumference M a):
  /// the twists act on every hopping by its displacement, so the lattice's own bonds define
  /// the currents, as the operators do on the operator route.
  static func derivativeTotals(
    _ system: TightBindingSystem, sites m: Int, mu: Double
  ) throws -> PersistentCurrentResult {
    let delta = 0.002 / Double(m)
    var occupation = 0.0
    func occupiedSum(_ twist: BondTwist) throws -> Complex<Double> {
      let e = try GeneralEigensystem.eigenvalues(system.hamiltonian(twist: twist))
      let occupied = e.filter { $0.real <= mu }
      if twist == .none { occupation = Double(occupied.count) }
      return occupied.reduce(.zero, +)
    }
    func derivative(_ make: (Double) -> BondTwist) throws -> Complex<Double> {
      let f1 = try occupiedSum(make(delta)) - occupiedSum(make(-delta))
      let f2 = try occupiedSum(make(2 * delta)) - occupiedSum(make(-2 * delta))
      return Complex(1 / (12 * delta), 0) * (Complex(8, 0) * f1 - f2)
    }
    // Conditioning of the occupied and boundary states (one zgeev with vectors): near an
    // exceptional point E(λ) is not differentiable and the stencil is meaningless.
    let conditioning = try OccupiedTrace(
      try BiorthogonalEigensystem(system.hamiltonian(), allowDefective: true), mu: mu, kT: 0)
    if let w = conditioning.undefinedWarning(context: " (derivative method)", kT: 0) {
      return undefinedResult(w, occupation: conditioning.occupation)
    }
    _ = try occupiedSum(.none)
    var raw = [try derivative { .charge($0) }]
    for alpha in 0..<3 { raw.append(-(try derivative { .spin(axis: alpha, angle: $0) })) }
    return PersistentCurrentResult(
      currents: RingCurrents(rawTraces: raw, sites: m), occupation: occupation,
      maxConditionNumber: conditioning.maxCondition, warnings: conditioning.warnings(context: " (derivative method)"))
  }

  /// Charge current from the flux-phase derivative of the occupied eigenvalue sum,
  /// I = −(e/ħ) dS/dΦ with Φ = Nφ (docs/model-reference.md), in ampere: a second derivative route that
  /// varies the preset's φ itself rather than a bond twist. T = 0, dense.
  public static func chargeFromFluxDerivative(_ ring: HatanoNelsonRing, mu: Double) throws -> Complex<Double> {
    let delta = 0.01 / Double(ring.cells)
    func s(_ dphi: Double) throws -> Complex<Double> {
      var r = ring
      r.fluxPhase += dphi
      return try GeneralEigensystem.eigenvalues(try r.system().hamiltonian()).filter { $0.real <= mu }.reduce(.zero, +)
    }
    let dSdPhi =
      Complex(1 / (12 * delta), 0) * (Complex(8, 0) * (try s(delta) - s(-delta)) - (try s(2 * delta) - s(-2 * delta)))
    // dS/dΦ = (1/N) dS/dφ; I = −(e/ħ) dS/dΦ, e·eV/ħ = amperePerElectronVoltHopping.
    return Complex(-PhysicalConstants.amperePerElectronVoltHopping / Double(ring.cells), 0) * dSdPhi
  }
}
