import Foundation

/// The fraction done of one Lanczos run, estimated for a progress line from its residual.
///
/// The Ritz residual r_j falls about geometrically, so the fraction is
/// f = ln(r_first/r_j) / ln(r_first/tolerance), clamped to [0, 1], or the steps taken of
/// `maxIterations` when that is larger (a slowly converging run still advances). Before the first
/// residual is known (r = ∞) only the step count counts. An estimate for the time left, not a bound.
final class ResidualFraction {
  private let tolerance: Double
  private let maxIterations: Int
  private var first: Double?

  init(tolerance: Double, maxIterations: Int) {
    self.tolerance = tolerance
    self.maxIterations = max(maxIterations, 1)
  }

  /// f after `steps` steps at residual `residual` (K).
  func fraction(steps: Int, residual: Double) -> Double {
    let bySteps = min(1, Double(steps) / Double(maxIterations))
    guard residual.isFinite else { return bySteps }
    guard residual > tolerance else { return 1 }
    let r0 = first ?? residual
    first = r0
    guard r0 > tolerance, r0 > residual else { return bySteps }
    return max(bySteps, min(1, log(r0 / residual) / log(r0 / tolerance)))
  }

  /// "Lanczos step s, residual r K" (the residual left out before it is known).
  static func detail(steps: Int, residual: Double) -> String {
    "Lanczos step \(steps)" + (residual.isFinite ? ", residual \(String(format: "%.2g", residual)) K" : "")
  }
}
