import LinearAlgebra
import Diagnostics
import Foundation

/// The interface / domain-wall bilayer of Figs. 5–11 (docs/model-reference.md, geometry (i)).
///
/// x runs from −L/2 to +L/2 with the interface at 0. |M(x)| = M₀ tanh(|x|/w) rises from 0 at
/// the interface to M₀ over the wall width w (w = 0: a sharp step, |M| = M₀ for x ≠ 0). The
/// direction is n̂_L = ẑ for x < 0 and n̂_R = (sin α, 0, cos α) for x > 0 (components in the
/// left layer's frame; the right layer is rotated about y by the relative angle α). The
/// equilibrium accumulation is −n̂_L on the left and +n̂_R on the right ("−1 and +1 along the
/// local axis"); the ends are held at equilibrium (transverse m = 0 at the outer ends).
///
/// Reading of the paper: its Fig. 6 caption has M = −M₀ẑ on the left and +M₀ẑ on the right with
/// the accumulation −1/+1; the paper's M has the opposite sign to the usual one (after Eq. 9),
/// so we keep M along the local axis n̂ and put the sign in m_eq; α is the angle between n̂_L and n̂_R.
public struct InterfaceGeometry: Sendable {
  /// Total length L, m.
  public var length: Double
  /// Wall width w, m (0 = sharp interface).
  public var wallWidth: Double
  /// Relative angle α between the two magnetizations, radians.
  public var angle: Double
  /// Saturation magnetization M₀ (dimensionless; λM₀ is an energy).
  public var saturation: Double
  public var material: SpinDiffusionMaterial

  /// An interface or domain wall between two layers.
  ///
  /// - Parameters:
  ///   - length: total length L, m.
  ///   - wallWidth: wall width w, m (0 = sharp interface).
  ///   - angleDegrees: relative angle α between the two magnetizations, degrees.
  ///   - precessionRatio: a₀ = τλM₀/ħ (the paper's D_yx/D_xx = 100), fixes M₀.
  ///   - material: the spin-diffusion material (default: the paper's).
  public init(
    length: Double, wallWidth: Double, angleDegrees: Double, precessionRatio: Double = 100,
    material: SpinDiffusionMaterial = .paper
  ) {
    self.length = length
    self.wallWidth = wallWidth
    angle = angleDegrees * .pi / 180
    saturation = material.saturation(forPrecessionRatio: precessionRatio)
    self.material = material
  }

  /// Throws ``/Diagnostics/InvalidParameter`` for L ≤ 0, w < 0, non-finite α, bad material values, or a
  /// non-finite M₀ = a₀ħ/(τλ) (named `precession-ratio`, with τ and λ in the message: the
  /// material is checked first, so a finite τ, λ leaves a₀ as the cause).
  public func validate() throws {
    try Require.positive(length, "length_m")
    try Require.nonNegative(wallWidth, "wall_width_m")
    try Require.finite(angle, "angle_deg")
    try material.validate()
    try material.requireFiniteSaturation(saturation)
  }

  /// Left and right magnetization directions (left frame).
  public var directions: (left: Vector3, right: Vector3) {
    (Vector3(0, 0, 1), Vector3(sin(angle), 0, cos(angle)))
  }

  /// |M(x)|/M₀ = tanh(|x|/w).
  @inline(__always) public func profile(_ x: Double) -> Double {
    if x == 0 { return 0 }
    return wallWidth > 0 ? tanh(abs(x) / wallWidth) : 1
  }

  public var texture: SpinTexture {
    let (nl, nr) = directions
    let m0 = saturation
    let g = self
    return SpinTexture(
      magnetization: { x in (m0 * g.profile(x)) * (x < 0 ? nl : nr) },
      equilibrium: { x in x < 0 ? -nl : (x > 0 ? nr : 0.5 * (nr - nl)) })
  }

  /// Grid with `points` nodes on [−L/2, L/2], refined (1 + ratio)-fold within max(w, L/1000)
  /// of the interface. With an odd number of points and symmetric refinement a node sits at 0.
  /// `progress` receives node counts as they are placed.
  public func grid(points: Int, refinement ratio: Double = 4, progress: ((Int) -> Void)? = nil) throws -> SpinGrid {
    try validate()
    return try SpinGrid.refined(
      from: -length / 2, to: length / 2, points: points, centers: [0], width: max(wallWidth, length / 1000),
      ratio: ratio, progress: progress)
  }

  /// The steady problem on `grid`, ends at equilibrium.
  public func problem(on grid: SpinGrid) -> SteadySpinProblem {
    let (nl, nr) = directions
    return SteadySpinProblem(
      grid: grid, material: material, texture: texture, left: .dirichlet(-nl), right: .dirichlet(nr))
  }

  /// Steady accumulation on a refined grid of `points` nodes.
  ///
  /// `progress` receives node counts: `points` for the grid, then `2 × points` for the solve
  /// (see ``SteadySpinProblem/solve(progress:)``), 3 × `points` in all.
  public func solve(
    points: Int, refinement ratio: Double = 4, progress: ((Int) -> Void)? = nil
  ) throws -> SpinAccumulationProfile {
    try problem(on: grid(points: points, refinement: ratio, progress: progress)).solve(progress: progress)
  }
}
