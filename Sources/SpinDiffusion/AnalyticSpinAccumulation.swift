import Foundation
import Numerics

/// Closed-form solutions of the 1D model used as references (tests, figure comparisons).
public enum AnalyticSpinAccumulation {
  /// The decoupled longitudinal profile of the collinear bilayer (Eq. 89, D m_z″ = (m_z − m_eq)/τ_sf,
  /// m_eq = sgn x, ends held at ∓1):  m_z(x) = sgn(x) [1 − sinh((L/2 − |x|)/l) / sinh(L/2l)].
  static func collinearBilayer(x: Double, length: Double, diffusionLength l: Double) -> Double {
    let s: Double = x < 0 ? -1 : (x > 0 ? 1 : 0)
    return s * (1 - sinh((length / 2 - abs(x)) / l) / sinh(length / (2 * l)))
  }

  /// Transverse accumulation m₊ = m_x + i m_y for uniform M = M ẑ, m_eq ∥ ẑ, τ = τ_sf:
  /// m₊″ = k² m₊ with k = (1 + ia)/l (docs/model-reference.md), given m₊ at x₀ and x₁:
  /// m₊(x) = [m₊(x₀) sinh k(x₁ − x) + m₊(x₁) sinh k(x − x₀)] / sinh k(x₁ − x₀).
  static func uniformTransverse(
    x: Double, a: Double, diffusionLength l: Double, from x0: Double, _ m0: Complex<Double>, to x1: Double,
    _ m1: Complex<Double>
  ) -> Complex<Double> {
    let k = Complex(1, a) / Complex(l, 0)
    func sh(_ z: Complex<Double>) -> Complex<Double> { (Complex.exp(z) - Complex.exp(-z)) / Complex(2, 0) }
    return (m0 * sh(k * Complex(x1 - x, 0)) + m1 * sh(k * Complex(x - x0, 0))) / sh(k * Complex(x1 - x0, 0))
  }
}
