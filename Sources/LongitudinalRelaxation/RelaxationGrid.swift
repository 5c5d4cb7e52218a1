import Diagnostics
import Numerics

/// End conditions of the 1D evolution.
public enum RelaxationBoundary: String, Sendable, CaseIterable {
  /// No spin current through the ends: j_m = −D_m ∂_x δm = 0 (finite volumes, mirror ghost cells).
  case noFlux = "no-flux"
  /// Periodic ends (a ring of circumference L).
  case periodic
}

/// The 1D grid of the method of lines on x ∈ [−L/2, L/2].
///
/// No-flux ends: N finite-volume cells of width h = L/N centred at x_i = −L/2 + (i + ½)h.
/// Periodic ends: N nodes x_i = −L/2 + i h, h = L/N, with x_N ≡ x_0.
/// The Laplacian is the three-point (δ_{i−1} − 2δ_i + δ_{i+1})/h²; with no-flux ends the
/// missing neighbour is replaced by the cell itself (zero flux through the end face), so
/// Σ_i h ∇²δ_i = 0 exactly and ∫(M + m)dx is conserved without lattice decay.
public struct RelaxationGrid: Sendable, Equatable {
  /// Length L (model length unit, e.g. m or 1/k_M).
  public let length: Double
  /// Number of cells / nodes N.
  public let points: Int
  public let boundary: RelaxationBoundary

  /// - Throws: ``/Diagnostics/InvalidParameter`` named `length` (L > 0) or `points` (N ≥ 3).
  public init(length: Double, points: Int, boundary: RelaxationBoundary = .noFlux) throws {
    try Require.positive(length, "length_kM")
    try Require.inRange(points, 3...1_000_000, "points")
    self.length = length
    self.points = points
    self.boundary = boundary
  }

  /// Grid spacing h = L/N.
  public var spacing: Double { length / Double(points) }

  /// Positions x_i (cell centres for no-flux ends, nodes for periodic ends).
  public var positions: [Double] {
    let h = spacing, offset = boundary == .noFlux ? 0.5 : 0
    return (0..<points).map { -length / 2 + (Double($0) + offset) * h }
  }

  /// The eigenvalue −k̃² of the three-point Laplacian for the periodic Fourier mode e^{ikx}:
  /// k̃² = (4/h²) sin²(kh/2) = k²[1 − (kh)²/12 + …]. The method of lines decays that mode with
  /// γ±(k̃) exactly (up to time-stepping error).
  func discreteWavevectorSquared(_ k: Double) -> Double {
    let h = spacing, s = Double.sin(k * h / 2)
    return 4 * s * s / (h * h)
  }
}
