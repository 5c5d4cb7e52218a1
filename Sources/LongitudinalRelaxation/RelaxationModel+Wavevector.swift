import Diagnostics
import Numerics

/// The complex wavevector pair ±k at a fixed real frequency ω (time dependence e^{−iωt}).
public struct RelaxationWavevector: Sendable, Equatable {
  /// k²/k_M² (dimensionless, complex).
  public let k2Ratio: Complex<Double>
  /// The root k/k_M with Im k ≥ 0 (decaying towards +x for e^{ikx}); the other root is −k.
  /// Re k is the oscillation, Im k the decay.
  public let kRatio: Complex<Double>
}

extension RelaxationModel {
  /// k²/k_M² at real frequency ω from the dispersion det(Γ(k) + iω𝟙) = 0, e^{−iωt} convention.
  ///
  /// Eq. 44 **with i → −i** (the printed Eq. 44 solves det(Γ − iω𝟙) = 0, i.e. e^{+iωt}; see
  /// docs/model-reference.md):
  ///
  ///     k²/k_M² = −w_m/r − (r − iω)(w_M − iω) / [r(−iω + w_M − ξ w_M + ξ r)]
  ///
  /// At w_m = w_M = 0 it is Eq. 41, k²/k_M² = i(ω/r)(ω + ir)/(ω + iξr). `omega` is in the
  /// rate unit (rad per time unit).
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`omega`) at ω = 0 when ξ = 0 and w_M = 0: the dispersion
  ///   is then 0 = 0 and every k solves it.
  public func wavevectorSquaredRatio(omega: Double) throws -> Complex<Double> {
    try checkFrequency(omega)
    let r = exchangeRate, wm = spinLatticeRate, wM = magnetizationLatticeRate
    let iw = Complex<Double>(0, omega)
    let numerator = (Complex(r) - iw) * (Complex(wM) - iw)
    let denominator = Complex(r) * (Complex(wM - xi * wM + xi * r) - iw)
    return Complex(-wm / r) - numerator / denominator
  }

  /// Eq. 44 exactly as printed (e^{+iωt} convention): its value is the complex conjugate of
  /// ``wavevectorSquaredRatio(omega:)``. Kept only to document and test the correction.
  public func printedEquation44(omega: Double) -> Complex<Double> {
    let r = exchangeRate, wm = spinLatticeRate, wM = magnetizationLatticeRate
    let iw = Complex<Double>(0, omega)
    return Complex(-wm / r) - (iw + Complex(r)) * (iw + Complex(wM))
      / (Complex(r) * (iw + Complex(wM - xi * wM + xi * r)))
  }

  /// Eq. 41 (no lattice decay; w_m, w_M ignored): k²/k_M² = i(ω/r)(ω + ir)/(ω + iξr).
  func wavevectorSquaredRatioWithoutLatticeDecay(omega: Double) -> Complex<Double> {
    let r = exchangeRate
    return Complex(0, omega / r) * Complex(omega, r) / Complex(omega, xi * r)
  }

  /// Eq. 42, the low-frequency limit ω ≪ ξr: k²/k_M² → iω/(ξr) (diffusion with D = ξD_m).
  public func lowFrequencyLimit(omega: Double) -> Complex<Double> { Complex(0, omega / (xi * exchangeRate)) }

  /// Eq. 43, the high-frequency limit ω ≫ r: k²/k_M² → iω/r (diffusion with D = D_m).
  public func highFrequencyLimit(omega: Double) -> Complex<Double> { Complex(0, omega / exchangeRate) }

  /// Both roots ±k of the dispersion at real ω, reported as the root with Im k ≥ 0 (for a real
  /// k, Im k = 0, the root with Re k ≥ 0), in units of k_M.
  public func wavevector(omega: Double) throws -> RelaxationWavevector {
    let ratio = try wavevectorSquaredRatio(omega: omega)
    var k = Complex.sqrt(ratio)
    if k.imaginary < 0 || (k.imaginary == 0 && k.real < 0) { k = -k }
    return RelaxationWavevector(k2Ratio: ratio, kRatio: k)
  }

  /// det(Γ(k) + iω𝟙) divided by (|r| + |w_m| + |w_M| + |D_m k²| + |ω|)², for a complex k²
  /// (inverse length²): zero at a root of the e^{−iωt} dispersion. Used to check roots.
  func scaledDispersionResidual(wavevectorSquared k2: Complex<Double>, omega: Double) -> Double {
    let r = exchangeRate, wm = spinLatticeRate, wM = magnetizationLatticeRate
    let q = Complex(wm) + Complex(diffusivity) * k2
    let iw = Complex<Double>(0, omega)
    let a = Complex(-wM) + iw, b = Complex(r - wM)
    let c = -Complex(xi) * q, d = -Complex(r) - q + iw
    let det = a * d - b * c
    let scale = abs(r) + wm + wM + (Complex(diffusivity) * k2).length + abs(omega)
    return det.length / (scale * scale)
  }

  /// Validates a frequency: finite, and not the degenerate point ω = 0 with ξ = 0, w_M = 0.
  public func checkFrequency(_ omega: Double) throws {
    try Require.finite(omega, "omega_r")
    if omega == 0 && magnetizationLatticeRate * (1 - xi) + xi * exchangeRate == 0 {
      throw InvalidParameter(
        "omega_r", omega, allowed: "ω ≠ 0 when ξ = 0 and w_M = 0 (there every k solves the dispersion)")
    }
  }
}
