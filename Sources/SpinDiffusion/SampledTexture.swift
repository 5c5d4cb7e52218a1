import Diagnostics
import Foundation
import LinearAlgebra

/// A magnetization texture given by samples: the direction n̂(x), optionally the relative
/// magnitude f(x) = |M|/M₀ and the equilibrium accumulation m_eq(x), read back by interpolation.
///
///     M(x) = M₀ f(x) n̂(x),   n̂(x) = L[n](x) / |L[n](x)|,   f(x) = L[f](x),   m_eq(x) = L[m_eq](x)
///
/// L is the piecewise-linear interpolation of ``/LinearAlgebra/SampledProfile`` (constant beyond
/// the ends). The direction is interpolated component by component and renormalised (normalised
/// linear interpolation): exact at the samples, |n̂| = 1 everywhere, error ≤ h²/4 · max|n″| on a
/// sample interval of length h (twice the bound of linear interpolation, because renormalising
/// moves a point at most twice its distance from the unit sphere). Defaults: f = 1, m_eq = n̂ (the
/// accumulation at equilibrium along the local magnetization).
///
/// Sample layout (components per row): `n_x, n_y, n_z`, optionally `f`, optionally
/// `m_eq_x, m_eq_y, m_eq_z` (3, 4 or 7 components; with 7 the magnitude is required).
/// Failure modes (``/LinearAlgebra/SampledProfileError`` naming the sample): a zero direction, a
/// negative magnitude, two neighbouring directions more than 90° apart (their interpolation would
/// turn through a nearly vanishing vector: sample the rotation more finely, or place a jump
/// between two layers, see ``SpinTexture/layered(_:)``).
public struct SampledTexture: Sendable {
  public let samples: SampledProfile

  public init(_ samples: SampledProfile) throws {
    guard [3, 4, 7].contains(samples.components) else {
      throw SampledProfileError(
        row: nil,
        "\(samples.components) components per sample; expected n_x, n_y, n_z [, f [, m_eq_x, m_eq_y, m_eq_z]]")
    }
    var previous: Vector3?
    for (k, v) in samples.values.enumerated() {
      let n = Vector3(v[0], v[1], v[2])
      guard n.length > 0 else { throw SampledProfileError(row: k, "the direction (0, 0, 0) has no orientation") }
      if samples.components > 3, v[3] < 0 {
        throw SampledProfileError(row: k, "magnitude f = \(v[3]) is negative (f = |M|/M₀ ≥ 0)")
      }
      let unit = n.normalized
      if let p = previous, p.dot(unit) < 0 {
        let degrees = (Swift.min(1, Swift.max(-1, p.dot(unit)))).acosDegrees
        throw SampledProfileError(
          row: k,
          "the direction turns by \(Require.shown(degrees))° from the previous sample (at most 90° between "
            + "neighbouring samples: sample the rotation more finely, or put a jump between two regions)")
      }
      previous = unit
    }
    self.samples = samples
  }

  /// n̂(x): the interpolated direction, renormalised.
  public func direction(at x: Double) -> Vector3 {
    Vector3(samples.value(0, at: x), samples.value(1, at: x), samples.value(2, at: x)).normalized
  }

  /// f(x) = |M|/M₀ (1 without a magnitude column).
  public func magnitude(at x: Double) -> Double { samples.components > 3 ? samples.value(3, at: x) : 1 }

  /// m_eq(x) (n̂(x) without equilibrium columns).
  public func equilibrium(at x: Double) -> Vector3 {
    guard samples.components == 7 else { return direction(at: x) }
    return Vector3(samples.value(4, at: x), samples.value(5, at: x), samples.value(6, at: x))
  }

  /// The texture M = M₀ f n̂ with saturation M₀ (dimensionless, see ``SpinDiffusionMaterial``).
  public func texture(saturation m0: Double) -> SpinTexture {
    let t = self
    return SpinTexture(
      magnetization: { x in (m0 * t.magnitude(at: x)) * t.direction(at: x) }, equilibrium: { t.equilibrium(at: $0) })
  }
}

extension Double {
  /// arccos in degrees (argument in [−1, 1]).
  fileprivate var acosDegrees: Double { Foundation.acos(self) * 180 / .pi }
}

extension SpinTexture {
  /// Layers side by side: `layers[k]` holds on [start_k, start_{k+1}) (the last one beyond its
  /// start). Starts strictly increasing; a position below the first start takes the first layer.
  ///
  /// A jump between layers is fine: the steady and time-dependent schemes integrate the
  /// texture over half cells, so a jump on a node is treated exactly (see ``SpinTexture``).
  public static func layered(_ layers: [(start: Double, texture: SpinTexture)]) -> SpinTexture {
    precondition(!layers.isEmpty && zip(layers, layers.dropFirst()).allSatisfy { $0.start < $1.start })
    let starts = layers.map(\.start), pieces = layers.map(\.texture)
    @Sendable func piece(_ x: Double) -> SpinTexture {
      var k = 0
      while k + 1 < starts.count, x >= starts[k + 1] { k += 1 }
      return pieces[k]
    }
    return SpinTexture(
      magnetization: { x in piece(x).magnetization(x) }, equilibrium: { x in piece(x).equilibrium(x) })
  }

  /// This texture repeated with period P from `start`: x is first brought into [start, start + P).
  /// For periodic grids, whose half cells reach below the first node.
  public func periodic(start: Double, period p: Double) -> SpinTexture {
    let t = self
    @Sendable func wrap(_ x: Double) -> Double {
      let y = x - p * ((x - start) / p).rounded(.down)
      return y < start + p ? y : start
    }
    return SpinTexture(magnetization: { t.magnetization(wrap($0)) }, equilibrium: { t.equilibrium(wrap($0)) })
  }
}
