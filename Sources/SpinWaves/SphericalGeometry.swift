import LinearAlgebra
import Foundation

/// Geometry of a closed path of spin directions on the unit sphere: solid angle and parallel transport.
public enum SphericalGeometry {
  /// Signed solid angle Ω of the closed geodesic polygon m̂_0 → m̂_1 → … → m̂_{N−1} → m̂_0 (sr).
  ///
  /// Exact spherical-polygon area by fan triangulation from a reference point n̂ (Van Oosterom–
  /// Strackee): Ω = −Σ_i 2 atan2(n̂·(m̂_i × m̂_{i+1}), 1 + n̂·m̂_i + m̂_i·m̂_{i+1} + m̂_{i+1}·n̂).
  /// Orientation (chosen so that Ω equals the paper's anholonomy Σ[ω_{i→i+1} − ω_{i→i−1}] with
  /// right-handed frames, and Eq. 15 then gives the bond current I_{i→i+1} of Eq. 13 — both
  /// tested): Ω > 0 when the path runs CLOCKWISE around the counted region seen from outside the
  /// sphere (the region lies to the right of the path). The crown preset numbers its sites
  /// clockwise about +ẑ, so its texture at ϑ_m < 90° has Ω = +(cap area) ≈ 2π(1 − cosϑ_m).
  /// Ω is defined mod 4π; the returned branch is (−2π, 2π] (so a crown at ϑ_m > 90° gives
  /// 2π(1 − cosϑ_m) − 4π). The magnon current is 2π-periodic in Ω: the branch never changes it.
  /// Precondition: consecutive points not antipodal (the geodesic is then undefined).
  public static func solidAngle(_ m: [Vector3]) -> Double {
    let n = m.count
    guard n >= 3 else { return 0 }
    // Reference point: the normalised mean, or a vertex-free axis when the mean vanishes.
    var reference = m.reduce(Vector3(0, 0, 0), +)
    if reference.length < 1e-6 * Double(n) {
      reference = m[0].cross(m[1])
      if reference.length < 1e-12 { reference = m[0].tangentFrame.0 }
    }
    let r = reference.normalized
    var omega = 0.0
    for i in 0..<n {
      let a = m[i], b = m[(i + 1) % n]
      omega -= 2 * atan2(r.dot(a.cross(b)), 1 + r.dot(a) + a.dot(b) + b.dot(r))
    }
    return reducedToBranch(omega)
  }

  /// Ω reduced mod 4π to (−2π, 2π].
  static func reducedToBranch(_ omega: Double) -> Double {
    var w = omega.truncatingRemainder(dividingBy: 4 * Double.pi)
    if w > 2 * Double.pi { w -= 4 * Double.pi }
    if w <= -2 * Double.pi { w += 4 * Double.pi }
    return w
  }

  /// Parallel-transport angle ω_{i→j} of the paper (Fig. 2), for the bond frame with ẽ² = n̂.
  ///
  /// With local frames (ê¹_i, ê²_i) and ẽ² = `bondNormal` (the unit vector ∥ m̂_a × m̂_b of the
  /// bond, SHARED by both ends as Eq. 9 requires), ẽ¹_i = ẽ² × m̂_i and e^p_i = e^{ipω} ẽ^p_i, so
  /// ω_{i→j} = atan2(ẽ¹_i·ê²_i, ẽ¹_i·ê¹_i).
  static func transportAngle(direction m: Vector3, frame: (Vector3, Vector3), bondNormal n: Vector3) -> Double {
    let t1 = n.cross(m)
    return atan2(t1.dot(frame.1), t1.dot(frame.0))
  }

  /// Unit normal n̂ = m̂_a × m̂_b/|…| of the geodesic from m̂_a to m̂_b (nil when parallel/antiparallel).
  static func bondNormal(_ a: Vector3, _ b: Vector3) -> Vector3? {
    let c = a.cross(b)
    return c.length > 1e-14 ? c.normalized : nil
  }

  /// The anholonomy Σ_i [ω_{i→i+1} − ω_{i→i−1}] of a closed ring of directions, reduced to (−π, π].
  ///
  /// Bond (i, i+1) uses n̂ = m̂_i × m̂_{i+1} at both ends (ẽ²_i = ẽ²_{i+1}, Eq. 9). Frames are
  /// `Vector3.tangentFrame` (an extension of `SIMD3<Double>`) (right-handed, ê¹ × ê² = m̂); the sum is frame independent.
  /// With right-handed frames this sum equals Ω = ``solidAngle(_:)`` mod 2π (tested): the paper's
  /// "Ω = Σ[ω_{i→i+1} − ω_{i→i−1}]" fixes the orientation convention of ``solidAngle(_:)``.
  static func anholonomy(_ m: [Vector3]) -> Double {
    let n = m.count
    let frames = m.map(\.tangentFrame)
    var total = 0.0
    for i in 0..<n {
      let next = (i + 1) % n, prev = (i + n - 1) % n
      guard let forward = bondNormal(m[i], m[next]), let backward = bondNormal(m[prev], m[i]) else { continue }
      total += transportAngle(direction: m[i], frame: frames[i], bondNormal: forward)
      total -= transportAngle(direction: m[i], frame: frames[i], bondNormal: backward)
    }
    var w = total.truncatingRemainder(dividingBy: 2 * Double.pi)
    if w > Double.pi { w -= 2 * Double.pi }
    if w <= -Double.pi { w += 2 * Double.pi }
    return w
  }
}
