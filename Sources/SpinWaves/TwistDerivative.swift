/// The one twist stencil of the spin-wave and exact routes: f′(0) by the 5-point central difference.
///
///     f′(0) ≈ (f(−2h) − 8 f(−h) + 8 f(h) − f(2h)) / (12 h)
///
/// Truncation O(h⁴ f⁽⁵⁾), rounding ≈ 1e-15·|f|/h. Used for jᶻ = −(1/N) ∂F/∂δ with F(δ) the free
/// energy (or E_0) of the ring with every bond twisted by δ about z. `f` is called at −2h, −h, h, 2h
/// in that order; its errors propagate.
enum TwistDerivative {
  static func centralDifference(step h: Double, _ f: (Double) throws -> Double) rethrows -> Double {
    let values = try [-2 * h, -h, h, 2 * h].map(f)
    return combine(values, step: h)
  }

  /// The stencil applied to precomputed values f(−2h), f(−h), f(h), f(2h).
  public static func combine(_ f: [Double], step h: Double) -> Double {
    precondition(f.count == 4)
    return (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h)
  }
}
