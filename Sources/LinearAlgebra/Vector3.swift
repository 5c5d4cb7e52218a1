import Foundation

/// A real 3-vector (spin direction, field, position); SIMD3 with the few operations the physics needs.
public typealias Vector3 = SIMD3<Double>

extension SIMD3 where Scalar == Double {
  /// Scalar product a·b.
  @inlinable public func dot(_ b: Vector3) -> Double { x * b.x + y * b.y + z * b.z }
  /// Vector product a × b.
  @inlinable public func cross(_ b: Vector3) -> Vector3 {
    Vector3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x)
  }
  /// Euclidean length |a|.
  @inlinable public var length: Double { dot(self).squareRoot() }
  /// a/|a| (precondition: |a| > 0).
  @inlinable public var normalized: Vector3 { self / length }

  /// A right-handed orthonormal tangent pair (ê¹, ê²) with ê¹ × ê² = self, for a unit vector.
  ///
  /// ê¹ = normalize(ẑ × m̂) away from the poles (so for a crown texture ê¹ is the azimuthal
  /// direction), normalize(x̂ × m̂) near them. Any fixed rule is fine: the physics is gauge invariant.
  public var tangentFrame: (Vector3, Vector3) {
    let reference = abs(z) < 0.9 ? Vector3(0, 0, 1) : Vector3(1, 0, 0)
    let e1 = reference.cross(self).normalized
    let e2 = cross(e1)
    return (e1, e2)
  }

  /// Unit vector at polar angle `theta` and azimuth `phi` (radians).
  public static func spherical(theta: Double, phi: Double) -> Vector3 {
    Vector3(
      Foundation.sin(theta) * Foundation.cos(phi), Foundation.sin(theta) * Foundation.sin(phi), Foundation.cos(theta))
  }
}
