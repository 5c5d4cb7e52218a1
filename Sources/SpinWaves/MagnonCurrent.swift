import Diagnostics
import Foundation
import Numerics
import PhysicalConstants

/// Continuum-magnon persistent spin current of the ring (Eqs. 15–16), in kelvin.
///
/// Spin current I_s (energy, K) with I_s = −∂F/∂Ω; magnetization current I_m = (gμ_B/ħ) I_s.
/// With x = Ω/2π, Δ = JS(2π/N)², E_n = Δ(n − x)² + |h|, Eq. 15 becomes
///
///     I_s = (Δ/π) Σ_n (n − x) n_B(E_n),     n_B(E) = 1/(e^{E/T} − 1).
///
/// Eq. 16 (the classical n_B → T/E limit, exact Poisson resummation of that limit):
///
///     I_s = T sinΩ / (cosΩ − cosh(2π√(|h|/Δ)))
///
/// The exact sum is the reference; ``matsubara(omega:gap:zeeman:temperature:tolerance:)`` is a
/// second route (Eq. 16 is its m = 0 term). Inputs: Δ, |h|, T in kelvin, Ω in radians.
public enum MagnonCurrent {
  /// Result of a summation: the value and how many terms it took.
  public struct Sum: Sendable {
    /// I_s in kelvin.
    public let spinCurrent: Double
    public let terms: Int
    /// Rounding-error estimate of ``spinCurrent`` (K): 4ε Σ|term_n|(2 + E_n/T) for the lattice sum. The lattice
    /// sum cancels when T ≫ Δ and |h| ≫ Δ (result ~ T e^{−2π√(|h|/Δ)}, terms ~ T): there the
    /// estimate shows the loss and ``matsubara(omega:gap:zeeman:temperature:tolerance:)`` is accurate.
    let roundingError: Double

    public init(spinCurrent: Double, terms: Int, roundingError: Double = 0) {
      self.spinCurrent = spinCurrent
      self.terms = terms
      self.roundingError = roundingError
    }
  }

  /// Checks the inputs common to all routes.
  ///
  /// Errors name the CLI option the quantity comes from and show the derived quantity itself in
  /// kelvin: |h| = gμ_B|B|/k_B under `--field`, Δ = JS(2π/N)² under `--exchange`.
  static func validate(gap: Double, zeeman: Double, temperature: Double, omega: Double) throws {
    guard gap.isFinite, gap > 0 else {
      throw InvalidParameter("exchange_K", "gap Δ = JS(2π/N)² = \(gap) K", allowed: "a finite gap Δ > 0 K")
    }
    guard zeeman.isFinite, zeeman >= 0 else {
      throw InvalidParameter(
        "field_T", "Zeeman energy |h| = gμ_B|B|/k_B = \(zeeman) K", allowed: "a finite |h| ≥ 0 K")
    }
    try Require.nonNegative(temperature, "temperature_K")
    try Require.finite(omega, "solid_angle")
  }

  /// The zero-energy-magnon error: |h| = 0 with Ω a multiple of 2π leaves a mode at E = 0.
  static func zeroEnergyMagnon(_ zeeman: Double) -> InvalidParameter {
    InvalidParameter(
      "field_T", "Zeeman energy |h| = gμ_B|B|/k_B = \(zeeman) K",
      allowed: "|h| > 0 when Ω is a multiple of 2π (zero-energy magnon)")
  }

  /// Most momenta `latticeSum(omega:gap:zeeman:temperature:tolerance:)` will sum (≈ 1 s of work).
  static let maximumLatticeTerms = 100_000_000

  /// Estimated number of momenta the lattice sum needs: |u| up to U with ΔU² + |h| ≈ 50 T
  /// (there e^{−E/T} ≈ 2e−22, below the 1e−14 relative tolerance for any realistic prefactor).
  static func estimatedLatticeTerms(gap: Double, zeeman: Double, temperature: Double) -> Double {
    2 * ((max(0, 50 * temperature - zeeman) / gap).squareRoot() + 1)
  }

  /// Overflow-safe Bose factor n_B = e^{−E/T}/(1 − e^{−E/T}) for E > 0, T ≥ 0 (0 at T = 0).
  @inlinable static func bose(_ energy: Double, temperature: Double) -> Double {
    guard temperature > 0 else { return 0 }
    let q = energy / temperature
    return q > 745 ? 0 : 1 / expm1(q)
  }

  /// Eq. 15 summed over the lattice momenta outward from the band minimum until a rigorous tail
  /// bound falls below `tolerance` × |result| (or below the rounding floor ε Σ|terms| when the sum cancels).
  ///
  /// Tail bound for |u| ≥ U (u = n − x) once ΔU² + |h| > T·ln 2: Σ |u| n_B ≤ 2 e^{−(ΔU²+|h|)/T}(U + T/2Δ) per side.
  /// - Throws: ``/Diagnostics/InvalidParameter`` for bad input or a zero-energy mode (|h| = 0 and Ω ∈ 2πℤ).
  static func latticeSum(
    omega: Double, gap: Double, zeeman: Double, temperature: Double, tolerance: Double = 1e-14
  )
    throws -> Sum
  {
    try validate(gap: gap, zeeman: zeeman, temperature: temperature, omega: omega)
    var x = omega / (2 * Double.pi)
    x -= x.rounded()  // I_s is 2π-periodic in Ω: shift to x ∈ [−½, ½]
    if zeeman == 0 && x == 0 { throw zeroEnergyMagnon(zeeman) }
    guard temperature > 0 else { return Sum(spinCurrent: 0, terms: 0) }
    let needed = estimatedLatticeTerms(gap: gap, zeeman: zeeman, temperature: temperature)
    guard needed <= Double(maximumLatticeTerms) else {
      throw InvalidParameter(
        "temperature_K", temperature,
        allowed: "T/Δ small enough for the lattice sum (≈ \(String(format: "%.3g", needed)) momenta needed, at most "
          + "\(maximumLatticeTerms)); exactSum switches to the Matsubara route there")
    }
    var total = 0.0, scale = 0.0, magnitude = 0.0, terms = 0
    var k = 0
    while true {
      // Terms with u = k − x and u = −(k + 1) − x ... visit n = k and n = −k − 1 (covers ℤ).
      for n in [k, -k - 1] {
        let u = Double(n) - x
        let e = gap * u * u + zeeman
        let t = u * bose(e, temperature: temperature)
        total += t
        magnitude += abs(t)
        scale += abs(t) * (2 + e / temperature)  // exp(E/T) amplifies the rounding of E/T
        terms += 1
      }
      let uMin = Double(k) + 0.5  // every remaining |u| ≥ k + ½
      let eMin = gap * uMin * uMin + zeeman
      if eMin > temperature * log(2.0) {
        let bound = 4 * exp(-eMin / temperature) * (uMin + temperature / (2 * gap))
        // Stop when the tail is below `tolerance` relative to the result, or below 1 % of the
        // rounding floor of the cancelling sum (more terms cannot improve it then).
        if bound <= max(tolerance * abs(total), 0.01 * Double.ulpOfOne * magnitude) || bound == 0 { break }
      }
      k += 1
      if 2 * k > maximumLatticeTerms { break }  // unreachable after the estimate above; bounds the work
    }
    return Sum(
      spinCurrent: gap / Double.pi * total, terms: terms, roundingError: 4 * Double.ulpOfOne * gap / Double.pi * scale)
  }

  /// Eq. 15 by the more accurate exact route: the lattice sum, or the Matsubara resummation when
  /// the lattice sum's rounding estimate exceeds `1e-11` relative and T ≥ Δ/2 (where it converges fast),
  /// or when the lattice sum would need more than `maximumLatticeTerms` momenta (T ≫ Δ: there the
  /// Matsubara series needs a handful of terms).
  /// - Returns: the value and the route used ("lattice-sum" or "matsubara").
  public static func exactSum(
    omega: Double, gap: Double, zeeman: Double, temperature: Double
  ) throws
    -> (sum: Sum, route: String)
  {
    try validate(gap: gap, zeeman: zeeman, temperature: temperature, omega: omega)
    let needed = estimatedLatticeTerms(gap: gap, zeeman: zeeman, temperature: temperature)
    if needed > Double(maximumLatticeTerms) && temperature >= 0.5 * gap {
      return (try matsubara(omega: omega, gap: gap, zeeman: zeeman, temperature: temperature), "matsubara")
    }
    let direct = try latticeSum(omega: omega, gap: gap, zeeman: zeeman, temperature: temperature)
    if direct.roundingError > 1e-11 * abs(direct.spinCurrent) && temperature >= 0.5 * gap {
      return (try matsubara(omega: omega, gap: gap, zeeman: zeeman, temperature: temperature), "matsubara")
    }
    return (direct, "lattice-sum")
  }

  /// Eq. 16: I_s = T sinΩ/(cosΩ − cosh(2π√(|h|/Δ))), the classical (Rayleigh–Jeans) limit (K).
  ///
  /// Accurate for Δ ≪ T ≪ JS; at T ~ Δ it misses the quantum (m ≠ 0 Matsubara) terms.
  public static func closedForm(omega: Double, gap: Double, zeeman: Double, temperature: Double) throws -> Double {
    try validate(gap: gap, zeeman: zeeman, temperature: temperature, omega: omega)
    let z = 2 * Double.pi * (zeeman / gap).squareRoot()
    // sinΩ/(cosΩ − cosh z) = −2 sinΩ e^{−z}/(1 + e^{−2z} − 2 cosΩ e^{−z}): no overflow at large z.
    // The denominator as (1 − q)² + 4q sin²(Ω/2) with 1 − q = −expm1(−z): no cancellation when
    // |h| ≪ Δ and Ω → 0 (the naive form rounds to 0 there and reports a zero-energy magnon).
    let q = exp(-z)
    let oneMinusQ = -expm1(-z), halfSine = sin(omega / 2)
    let denominator = oneMinusQ * oneMinusQ + 4 * q * halfSine * halfSine
    if denominator == 0 { throw zeroEnergyMagnon(zeeman) }
    return -temperature * 2 * sin(omega) * q / denominator
  }

  /// Magnetization current I_m = (gμ_B/ħ) I_s in A·m²/s for a spin current in kelvin.
  public static func magnetizationCurrent(spinCurrentKelvin: Double, g: Double) -> Double {
    g * PhysicalConstants.bohrMagneton * PhysicalConstants.angularFrequencyPerKelvin * spinCurrentKelvin
  }
}
