import Diagnostics
import Foundation
import Numerics

extension MagnonCurrent {
  /// Eq. 15 by Matsubara resummation (a second route to `latticeSum(omega:gap:zeeman:temperature:tolerance:)`), in kelvin.
  ///
  /// Poisson summation over n, then the Bose factor as a sum over bosonic Matsubara frequencies
  /// ω_m = 2πmT (poles of n_B), gives exactly
  ///
  ///     I_s = −T Σ_{m∈ℤ} sinΩ / (cosh(2π b_m) − cosΩ),   b_m = √((|h| − iω_m)/Δ),  Re b_m > 0.
  ///
  /// m = 0 is Eq. 16; |term_m| ~ e^{−2π√(π|m|T/Δ)}, so it is fast for T ≳ Δ and slow (and
  /// cancelling) for T ≪ Δ — use `latticeSum(omega:gap:zeeman:temperature:tolerance:)` there. Terms m and −m are complex conjugates.
  /// Stops when a term is below `tolerance` × |partial sum| (terms decrease monotonically in |m|).
  public static func matsubara(
    omega: Double, gap: Double, zeeman: Double, temperature: Double, tolerance: Double = 1e-15
  )
    throws -> Sum
  {
    try validate(gap: gap, zeeman: zeeman, temperature: temperature, omega: omega)
    guard temperature > 0 else { return Sum(spinCurrent: 0, terms: 0) }
    // 1/(cosh z − cosΩ) = 2e^{−z}/(1 + e^{−2z} − 2cosΩ e^{−z}), Re z > 0: overflow-safe.
    func kernel(_ m: Int) -> Complex<Double> {
      let w = 2 * Double.pi * Double(m) * temperature
      let b = Complex.sqrt(Complex(zeeman, -w) / Complex(gap, 0))
      let z = Complex(2 * Double.pi, 0) * b
      let q = Complex.exp(-z)
      // 1 + q² − 2cosΩ q = (1 − q)² + 4q sin²(Ω/2), 1 − q = −expm1(−z): no cancellation as z, Ω → 0.
      let oneMinusQ = -Complex.expMinusOne(-z), halfSine = sin(omega / 2)
      return Complex(2, 0) * q / (oneMinusQ * oneMinusQ + Complex(4 * halfSine * halfSine, 0) * q)
    }
    let k0 = kernel(0).real
    guard k0.isFinite else { throw zeroEnergyMagnon(zeeman) }
    var total = k0
    var m = 1
    while m < 10_000_000 {
      let term = 2 * kernel(m).real
      total += term
      if abs(term) <= tolerance * abs(total) { break }
      m += 1
    }
    return Sum(spinCurrent: -temperature * sin(omega) * total, terms: m + 1)
  }
}
