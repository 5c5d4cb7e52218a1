import LinearAlgebra
import Foundation

/// The radial (crown) classical texture and its closed-form latitude, Eq. 14.
///
///     sin(ϑ_m − ϑ) = −(JS/|h|) [1 − cos(2π/N)] sin(2ϑ_m)
///
/// This is exactly the stationarity condition of the classical energy restricted to radial
/// textures m̂_i = (sinϑ_m cosφ_i, sinϑ_m sinφ_i, cosϑ_m). Several roots may exist; the one of
/// lowest radial energy E(ϑ_m)/N = −JS²[sin²ϑ_m cos(2π/N) + cos²ϑ_m] − S|h| cos(ϑ_m − ϑ) is returned.
/// Whether it is the true minimum is decided by the general solver (``ClassicalGroundState``).
enum CrownTexture {
  /// ϑ_m (radians) solving Eq. 14 with the lowest radial energy.
  static func latitude(_ p: CrownRing) -> Double {
    let c = p.exchange * p.spinLength / p.zeemanKelvin * (1 - cos(2 * Double.pi / Double(p.spins)))
    let theta = p.latitude
    func f(_ t: Double) -> Double { sin(t - theta) + c * sin(2 * t) }
    func energy(_ t: Double) -> Double {
      let s = p.spinLength
      return -p.exchange * s * s * (sin(t) * sin(t) * cos(2 * Double.pi / Double(p.spins)) + cos(t) * cos(t))
        - s * p.zeemanKelvin * cos(t - theta)
    }
    // Bracket every sign change of f on [0, π] and refine by bisection to machine precision.
    let grid = 4000
    var roots: [Double] = []
    var a = 0.0, fa = f(0)
    if fa == 0 { roots.append(0) }
    for k in 1...grid {
      let b = Double.pi * Double(k) / Double(grid), fb = f(b)
      if fb == 0 {
        roots.append(b)
      } else if fa * fb < 0 {
        var lo = a, hi = b, flo = fa
        for _ in 0..<200 {
          let mid = 0.5 * (lo + hi)
          if mid <= lo || mid >= hi { break }
          let fm = f(mid)
          if fm == 0 { lo = mid; hi = mid; break }
          if (fm < 0) == (flo < 0) { lo = mid; flo = fm } else { hi = mid }
        }
        roots.append(0.5 * (lo + hi))
      }
      a = b
      fa = fb
    }
    return roots.min(by: { energy($0) < energy($1) }) ?? theta
  }

  /// The radial directions at latitude `thetaM` (radians), azimuths φ_i = −2πi/N (clockwise about +z).
  static func directions(spins: Int, latitude thetaM: Double) -> [Vector3] {
    (0..<spins).map { Vector3.spherical(theta: thetaM, phi: -2 * Double.pi * Double($0) / Double(spins)) }
  }

  /// The continuum cap value Ω ≈ 2π(1 − cosϑ_m) (leading order in 1/N).
  static func capSolidAngle(latitude thetaM: Double) -> Double { 2 * Double.pi * (1 - cos(thetaM)) }
}
