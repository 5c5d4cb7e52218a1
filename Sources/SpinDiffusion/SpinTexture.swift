import LinearAlgebra
import Diagnostics

/// A magnetization texture M(x) (dimensionless, gμ_B = 1 units) and the equilibrium spin
/// accumulation m_eq(x) (normalised) it imposes, as functions of position x (m).
///
/// Both may jump at isolated points (an interface); the discretisation integrates them over
/// half cells, so a jump placed on a node is treated exactly.
public struct SpinTexture: Sendable {
  public var magnetization: @Sendable (Double) -> Vector3
  public var equilibrium: @Sendable (Double) -> Vector3

  public init(
    magnetization: @escaping @Sendable (Double) -> Vector3, equilibrium: @escaping @Sendable (Double) -> Vector3
  ) {
    self.magnetization = magnetization
    self.equilibrium = equilibrium
  }

  /// Uniform M and m_eq.
  public static func uniform(magnetization m: Vector3, equilibrium e: Vector3) -> SpinTexture {
    SpinTexture(magnetization: { _ in m }, equilibrium: { _ in e })
  }
}

/// Boundary condition at an open end of the grid.
public enum SpinBoundaryCondition: Sendable, Equatable {
  /// m prescribed (normalised accumulation).
  case dirichlet(Vector3)
  /// Spin current j = −𝔇 ∂ₓm prescribed at the end (m/s, positive along +x); `.flux(.zero)` is
  /// the no-flux (Neumann) end.
  case flux(Vector3)
}

/// The steady problem of Eq. 75 in 1D: ∂ₓ[𝔇 ∂ₓ m] = diag(1/τ_k)(m − m_eq) + Ω × m, Ω = (B + λM)/ħ.
public struct SteadySpinProblem: Sendable {
  public var grid: SpinGrid
  public var material: SpinDiffusionMaterial
  public var texture: SpinTexture
  /// End conditions (ignored for a periodic grid).
  public var left: SpinBoundaryCondition
  public var right: SpinBoundaryCondition

  public init(
    grid: SpinGrid, material: SpinDiffusionMaterial, texture: SpinTexture,
    left: SpinBoundaryCondition = .flux(.zero), right: SpinBoundaryCondition = .flux(.zero)
  ) {
    self.grid = grid
    self.material = material
    self.texture = texture
    self.left = left
    self.right = right
  }
}

/// A computed accumulation profile m(x) on the grid nodes.
public struct SpinAccumulationProfile: Sendable {
  /// Node positions, m.
  public var positions: [Double]
  /// m at each node (normalised accumulation, components in the problem's frame).
  public var accumulation: [Vector3]
  /// Backward error of the linear solve (‖K m − s‖∞ relative; ~1e−16 when well posed).
  public var backwardError: Double
  /// Numerical warnings (an under-resolved precession wavelength, a large backward error).
  public var warnings: [NumericalWarning]

  public init(positions: [Double], accumulation: [Vector3], backwardError: Double, warnings: [NumericalWarning] = []) {
    self.positions = positions
    self.accumulation = accumulation
    self.backwardError = backwardError
    self.warnings = warnings
  }
}
