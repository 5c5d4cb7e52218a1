import LinearAlgebra
import Diagnostics
import Foundation
import PhysicalConstants

/// Electric potential of a magnetization current on a circular ring (Eq. 17, SI units).
///
///     φ(r) = (μ₀/4π) I_m ∮ (dr′ × m̂(r′)) · (r − r′)/|r − r′|³          (V)
///
/// The ring has radius R (m) in the plane z = 0, centre at the origin; the path runs CLOCKWISE
/// seen from +ẑ, r′(t) = R(cos t, −sin t, 0), t ∈ [0, 2π), matching the crown preset's site
/// numbering (site i at t_i = 2πi/N): I_m > 0 flows i → i+1. m̂(r′) along the path is either the
/// analytic crown m̂(φ) = (sinϑ_m cosφ, sinϑ_m sinφ, cosϑ_m) (a smooth texture, as in the paper's
/// Fig. 3), or — for a general texture — the geodesic (slerp) interpolation between consecutive
/// site directions m̂_i → m̂_{i+1} (a smooth interpolation, not discrete dipoles).
/// Quadrature: 8-point Gauss–Legendre on every inter-site segment, each split into
/// ⌈8·(segment length)/(distance to the ring)⌉ pieces, so points close to the wire stay accurate.
/// Far field: φ → p·r/(4πε₀ r³) with p = (I_m/c²) ∮ dr′ × m̂ (C·m); for the clockwise crown
/// p = +ẑ (I_m/c²) L sinϑ_m (the paper's −ẑ is for a counter-clockwise current).
public struct MagnetizationCurrentLoop: Sendable {
  /// How m̂ varies along the ring.
  public enum Texture: Sendable {
    /// Analytic crown at latitude ϑ_m (radians).
    case crown(latitude: Double)
    /// Site directions m̂_i at t_i = 2πi/N, slerp-interpolated between sites.
    case sites([Vector3])
  }

  public let radius: Double
  public let texture: Texture
  /// I_m in A·m²/s, positive along i → i+1 (clockwise about +ẑ).
  public let magnetizationCurrent: Double

  /// - Throws: ``/Diagnostics/InvalidParameter`` for R ≤ 0 or a non-finite current.
  public init(radius: Double, texture: Texture, magnetizationCurrent: Double) throws {
    try Require.positive(radius, "radius_m")
    try Require.finite(magnetizationCurrent, "magnetization_current_Am2_per_s")
    self.radius = radius
    self.texture = texture
    self.magnetizationCurrent = magnetizationCurrent
  }

  var segmentCount: Int {
    switch texture {
    case .crown: return 64
    case .sites(let m): return m.count
    }
  }

  /// m̂ at path parameter t inside segment `k` (fraction `f` ∈ [0, 1] along it).
  func direction(segment k: Int, fraction f: Double, t: Double) -> Vector3 {
    switch texture {
    case .crown(let thetaM):
      return Vector3.spherical(theta: thetaM, phi: -t)
    case .sites(let m):
      let a = m[k], b = m[(k + 1) % m.count]
      let angle = acos(max(-1, min(1, a.dot(b))))
      if angle < 1e-12 { return a }
      let sa = sin((1 - f) * angle) / sin(angle), sb = sin(f * angle) / sin(angle)
      return (sa * a + sb * b).normalized
    }
  }

  private static let gaussNodes = [
    -0.960_289_856_497_536_3, -0.796_666_477_413_626_7, -0.525_532_409_916_329_0, -0.183_434_642_495_649_8,
    0.183_434_642_495_649_8, 0.525_532_409_916_329_0, 0.796_666_477_413_626_7, 0.960_289_856_497_536_3,
  ]
  private static let gaussWeights = [
    0.101_228_536_290_376_3, 0.222_381_034_453_374_5, 0.313_706_645_877_887_3, 0.362_683_783_378_362_0,
    0.362_683_783_378_362_0, 0.313_706_645_877_887_3, 0.222_381_034_453_374_5, 0.101_228_536_290_376_3,
  ]

  /// φ(r) in volts (Eq. 17).
  public func potential(at r: Vector3) -> Double {
    let segment = 2 * Double.pi * radius / Double(segmentCount)
    let n = segmentCount
    let dt = 2 * Double.pi / Double(n)
    var total = 0.0
    // sin ϑ_m, cos ϑ_m of the crown once, and sin t, cos t once per node: the same values
    // `direction` and the two vectors below would compute (5 of 9 calls per node saved).
    var crown: (sin: Double, cos: Double)?
    if case .crown(let thetaM) = texture { crown = (sin(thetaM), cos(thetaM)) }
    for k in 0..<n {
      let t0 = Double(k) * dt
      let mid = radius * Vector3(cos(t0 + dt / 2), -sin(t0 + dt / 2), 0)
      let distance = max((r - mid).length - segment / 2, 1e-300)
      let pieces = min(100_000, max(1, Int((8 * segment / distance).rounded(.up))))
      let h = dt / Double(pieces)
      for piece in 0..<pieces {
        let a = t0 + Double(piece) * h
        for (x, w) in zip(Self.gaussNodes, Self.gaussWeights) {
          let t = a + 0.5 * h * (x + 1)
          let ct = cos(t), st = sin(t)
          let rPrime = radius * Vector3(ct, -st, 0)
          let tangent = radius * Vector3(-st, -ct, 0)
          // = direction(segment:fraction:t:) (for the crown: Vector3.spherical(theta: ϑ_m, phi: −t)).
          let m =
            crown.map { Vector3($0.sin * cos(-t), $0.sin * sin(-t), $0.cos) }
            ?? direction(segment: k, fraction: (t - t0) / dt, t: t)
          let d = r - rPrime
          let len = d.length
          total += 0.5 * h * w * tangent.cross(m).dot(d) / (len * len * len)
        }
      }
    }
    return PhysicalConstants.vacuumPermeability / (4 * Double.pi) * magnetizationCurrent * total
  }

  /// Electric dipole moment p = (I_m/c²) ∮ dr′ × m̂ (C·m).
  public var dipoleMoment: Vector3 {
    let n = segmentCount
    let dt = 2 * Double.pi / Double(n)
    var total = Vector3(0, 0, 0)
    for k in 0..<n {
      let t0 = Double(k) * dt
      for (x, w) in zip(Self.gaussNodes, Self.gaussWeights) {
        let t = t0 + 0.5 * dt * (x + 1)
        let tangent = radius * Vector3(-sin(t), -cos(t), 0)
        total += 0.5 * dt * w * tangent.cross(direction(segment: k, fraction: (t - t0) / dt, t: t))
      }
    }
    let c = PhysicalConstants.speedOfLight
    return magnetizationCurrent / (c * c) * total
  }

  /// Dipole potential p·r/(4πε₀ r³) (V).
  public func dipolePotential(at r: Vector3) -> Double {
    let len = r.length
    return dipoleMoment.dot(r) / (4 * Double.pi * PhysicalConstants.vacuumPermittivity * len * len * len)
  }

  /// Voltage U = φ(+d ẑ) − φ(−d ẑ) between two points on the axis: (Eq. 17 integral, dipole approximation) in V.
  public func axialVoltage(distance d: Double) throws -> (exact: Double, dipole: Double) {
    try Require.positive(d, "distance_m")
    let up = Vector3(0, 0, d), down = Vector3(0, 0, -d)
    return (potential(at: up) - potential(at: down), dipolePotential(at: up) - dipolePotential(at: down))
  }
}
