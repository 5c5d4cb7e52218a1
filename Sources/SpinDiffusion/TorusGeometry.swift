import LinearAlgebra
import Diagnostics
import Foundation

/// The "torus" (square ring) of Figs. 12–15 (docs/model-reference.md, geometry (ii)).
///
/// Four equal sides of length L on the periodic coordinate x ∈ [0, 4L). On side k (x from kL to
/// (k+1)L, s = x − kL) M points along n̂_k = (0, sin kπ/2, cos kπ/2) — in the yz plane, turning
/// 90° from side to side — with magnitude M₀ f(s), f(s) = tanh(s/w) tanh((L − s)/w) / tanh²(L/2w):
/// zero at the corners, M₀ in the middle of each side (w = 0: uniform M₀). The equilibrium
/// accumulation is +n̂_k (magnitude 1 along the local M). Fig. 12's profile is not given in
/// numbers; this shape (vanishing at the corners over the corner width w) is our reading.
public struct TorusGeometry: Sendable {
  /// Side length L, m.
  public var side: Double
  /// Corner width w, m.
  public var cornerWidth: Double
  /// Saturation M₀ (dimensionless).
  public var saturation: Double
  public var material: SpinDiffusionMaterial

  public init(
    side: Double, cornerWidth: Double = 1e-9, precessionRatio: Double = 100, material: SpinDiffusionMaterial = .paper
  ) {
    self.side = side
    self.cornerWidth = cornerWidth
    saturation = material.saturation(forPrecessionRatio: precessionRatio)
    self.material = material
  }

  /// Throws ``/Diagnostics/InvalidParameter`` for L ≤ 0, w < 0, bad material values, or a non-finite
  /// M₀ (named `precession-ratio`; the material is checked first).
  public func validate() throws {
    try Require.positive(side, "side_m")
    try Require.nonNegative(cornerWidth, "wall_width_m")
    try material.validate()
    try material.requireFiniteSaturation(saturation)
  }

  /// Direction of side k (mod 4).
  public static func direction(side k: Int) -> Vector3 {
    switch ((k % 4) + 4) % 4 {
    case 0: return Vector3(0, 0, 1)
    case 1: return Vector3(0, 1, 0)
    case 2: return Vector3(0, 0, -1)
    default: return Vector3(0, -1, 0)
    }
  }

  /// (side index, f(s)) at x (any real x; wraps with period 4L).
  func sideAndProfile(_ x: Double) -> (Int, Double) {
    let period = 4 * side
    let y = x - period * (x / period).rounded(.down)
    let k = min(3, Int(y / side))
    let s = y - Double(k) * side
    guard cornerWidth > 0 else { return (k, s == 0 ? 0 : 1) }
    let peak = tanh(side / (2 * cornerWidth))
    return (k, tanh(s / cornerWidth) * tanh((side - s) / cornerWidth) / (peak * peak))
  }

  public var texture: SpinTexture {
    let g = self
    return SpinTexture(
      magnetization: { x in
        let (k, f) = g.sideAndProfile(x)
        return (g.saturation * f) * TorusGeometry.direction(side: k)
      },
      equilibrium: { x in TorusGeometry.direction(side: g.sideAndProfile(x).0) })
  }

  /// Periodic grid of `points` nodes on [0, 4L), refined around the four corners.
  /// `progress` receives node counts as they are placed.
  public func grid(points: Int, refinement ratio: Double = 4, progress: ((Int) -> Void)? = nil) throws -> SpinGrid {
    try validate()
    try Require.atLeast(points, 8, "points")
    return try SpinGrid.periodic(
      period: 4 * side, points: points, centers: [0, side, 2 * side, 3 * side],
      width: max(cornerWidth, side / 1000), ratio: ratio, progress: progress)
  }

  public func problem(on grid: SpinGrid) -> SteadySpinProblem {
    SteadySpinProblem(grid: grid, material: material, texture: texture)
  }

  /// Steady accumulation on `points` nodes; `progress` as in ``InterfaceGeometry/solve(points:refinement:progress:)``.
  public func solve(
    points: Int, refinement ratio: Double = 4, progress: ((Int) -> Void)? = nil
  ) throws -> SpinAccumulationProfile {
    try problem(on: grid(points: points, refinement: ratio, progress: progress)).solve(progress: progress)
  }
}
