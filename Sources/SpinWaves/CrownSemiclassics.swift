import Diagnostics
import Foundation

/// Classical crown plus linear spin-wave theory for the z spin current of the uniform ring.
///
/// Leading orders of the 1/S expansion of the same observable as ED, jᶻ = −(1/N) ∂F/∂δ of
/// H(δ) = −J Σ S_i·R_z(δ)S_{i+1} − Σ h_i·S_i (K). For the crown (φ_i = −2πi/N) every bond of H(δ)
/// joins local frames rotated by Q = δ − 2π/N, so the classical texture stays a crown with latitude
/// ϑ_m(δ) minimising
///
///     E_cl/N = −JS²[cos²ϑ_m + sin²ϑ_m cos q] − S|h| cos(ϑ_m − ϑ),   q = 2π/N − δ,
///
/// and Holstein–Primakoff in the frames (ê¹ = φ̂, ê² = m̂ × ê¹) is translation invariant:
///
///     H₂ = Σ_k A_k b_k†b_k + ½ Σ_k B_k (b_k b_{−k} + h.c.),
///     A_k = λ − JS Re(a e^{ik}),  B_k = −JS b cos k,  λ = |h| cos(ϑ_m − ϑ) + 2JS(cos²ϑ_m + sin²ϑ_m cos q),
///     a = cos q (1 + cos²ϑ_m) + sin²ϑ_m − 2i cosϑ_m sin q,  b = −sin²ϑ_m (1 − cos q),
///
/// ε_k = A^a_k + √((A^s_k)² − B_k²) (A^s, A^a the parts even/odd in k), zero-point Σ_k ½(ω_k − A^s_k),
/// F₂ = Σ_k [½(ω_k − A^s_k) + T ln(1 − e^{−ε_k/T})]. The classical current is exact in closed form,
/// jᶻ_cl = J S² sin²ϑ_m sin(2π/N) (positive along i → i+1 for the clockwise numbering), and the LSWT part
/// is −(1/N) dF₂/dδ (5-point, step 1e-4; ϑ_m re-solved at every δ, which carries the O(S) canting shift).
/// `anomalous: false` sets B = 0 (the number-conserving truncation: no zero-point term, ε_k = A_k).
/// Preconditions: J > 0, uniform S, |h| > 0. Failure: an unstable texture (ε_k ≤ 0 or |B_k| ≥ A^s_k) throws
/// ``SpinWaveError/unstableTexture(_:)``.
public struct CrownSemiclassics: Sendable {
  public let spins: Int
  public let spin: Double
  public let exchange: Double
  public let zeeman: Double
  /// Field latitude ϑ (rad).
  public let fieldLatitude: Double

  public init(spins: Int, spin: Double, exchange: Double, zeeman: Double, fieldLatitude: Double) throws {
    try Require.atLeast(spins, 3, "spins")
    try Require.positive(spin, "spin")
    try Require.positive(exchange, "exchange_K")
    try Require.positive(zeeman, "field_T")
    try Require.finite(fieldLatitude, "latitude_deg")
    self.spins = spins
    self.spin = spin
    self.exchange = exchange
    self.zeeman = zeeman
    self.fieldLatitude = fieldLatitude
  }

  /// The crown latitude ϑ_m (rad) minimising E_cl for bond angle q (all stationary points bracketed
  /// on a 4000-point grid of [0, π], refined by bisection, lowest energy kept).
  public func latitude(bondAngle q: Double) -> Double {
    let j = exchange, s = spin, h = zeeman, th = fieldLatitude
    func energy(_ t: Double) -> Double {
      -j * s * s * (cos(t) * cos(t) + sin(t) * sin(t) * cos(q)) - s * h * cos(t - th)
    }
    func slope(_ t: Double) -> Double { j * s * s * sin(2 * t) * (1 - cos(q)) + s * h * sin(t - th) }
    var candidates = [0.0, Double.pi]
    let grid = 4000
    var a = 0.0, fa = slope(0)
    for i in 1...grid {
      let b = Double.pi * Double(i) / Double(grid), fb = slope(b)
      if fa * fb < 0 {
        var lo = a, hi = b, flo = fa
        for _ in 0..<200 {
          let mid = 0.5 * (lo + hi)
          if mid <= lo || mid >= hi { break }
          let fm = slope(mid)
          if (fm < 0) == (flo < 0) { lo = mid; flo = fm } else { hi = mid }
        }
        candidates.append(0.5 * (lo + hi))
      } else if fb == 0 {
        candidates.append(b)
      }
      a = b
      fa = fb
    }
    return candidates.min { energy($0) < energy($1) }!
  }

  var bondAngle: Double { 2 * Double.pi / Double(spins) }

  /// The crown latitude of the untwisted ring (rad).
  public var thetaM: Double { latitude(bondAngle: bondAngle) }

  /// Classical energy of the ring (K) at twist δ.
  public func classicalEnergy(twist delta: Double = 0) -> Double {
    let q = bondAngle - delta, t = latitude(bondAngle: q), s = spin
    return Double(spins)
      * (-exchange * s * s * (cos(t) * cos(t) + sin(t) * sin(t) * cos(q)) - s * zeeman * cos(t - fieldLatitude))
  }

  /// jᶻ_cl = J S² sin²ϑ_m sin(2π/N) (K).
  var classicalCurrent: Double { exchange * spin * spin * pow(sin(thetaM), 2) * sin(bondAngle) }

  /// Magnon energies ε_k (K), k = 2πn/N, n = 0…N−1, and the zero-point energy (K), at twist δ.
  public func magnons(twist delta: Double = 0, anomalous: Bool = true) throws -> (energies: [Double], zeroPoint: Double)
  {
    let q = bondAngle - delta, t = latitude(bondAngle: q)
    let js = exchange * spin, c = cos(t), s2 = sin(t) * sin(t)
    let lambda = zeeman * cos(t - fieldLatitude) + 2 * js * (c * c + s2 * cos(q))
    let aRe = cos(q) * (1 + c * c) + s2, aIm = -2 * c * sin(q)
    let b = -s2 * (1 - cos(q))
    var energies: [Double] = [], zeroPoint = 0.0
    for n in 0..<spins {
      let k = 2 * Double.pi * Double(n) / Double(spins)
      let aSym = lambda - js * aRe * cos(k), aAnti = js * aIm * sin(k)
      let bk = anomalous ? -js * b * cos(k) : 0
      let w2 = aSym * aSym - bk * bk
      guard aSym > 0, w2 > 0 else {
        throw SpinWaveError.unstableTexture("crown LSWT at k = \(k): A = \(aSym) K, |B| = \(abs(bk)) K")
      }
      let omega = w2.squareRoot(), e = omega + aAnti
      guard e > 0 else { throw SpinWaveError.unstableTexture("crown LSWT: ε(k = \(k)) = \(e) K ≤ 0") }
      energies.append(e)
      zeroPoint += 0.5 * (omega - aSym)
    }
    return (energies, zeroPoint)
  }

  /// F₂(δ) = zero-point + T Σ ln(1 − e^{−ε/T}) (K); `thermalOnly` drops the zero-point part.
  func spinWaveFreeEnergy(twist delta: Double, temperature t: Double, anomalous: Bool = true) throws -> Double {
    let m = try magnons(twist: delta, anomalous: anomalous)
    var f = m.zeroPoint
    if t > 0 { for e in m.energies { f += t * log(-expm1(-e / t)) } }
    return f
  }

  /// The O(S) (LSWT) part of jᶻ: −(1/N) dF₂/dδ at δ = 0 (K), 5-point stencil, step 1e-4 rad.
  func spinWaveCurrent(temperature t: Double, anomalous: Bool = true) throws -> Double {
    let h = 1e-4
    func f(_ d: Double) throws -> Double { try spinWaveFreeEnergy(twist: d, temperature: t, anomalous: anomalous) }
    return -(try TwistDerivative.centralDifference(step: h, f)) / Double(spins)
  }

  /// Classical + LSWT jᶻ (K) and its thermal part jᶻ(T) − jᶻ(0).
  public func current(temperature t: Double, anomalous: Bool = true) throws -> (total: Double, thermal: Double) {
    let lswt = try spinWaveCurrent(temperature: t, anomalous: anomalous)
    let zero = t > 0 ? try spinWaveCurrent(temperature: 0, anomalous: anomalous) : lswt
    return (classicalCurrent + lswt, lswt - zero)
  }

  /// The LSWT gap min_k ε_k (K) at δ = 0.
  public func gap(anomalous: Bool = true) throws -> Double { try magnons(anomalous: anomalous).energies.min()! }

  /// Classical + LSWT free energy (K) at δ = 0.
  public func freeEnergy(temperature t: Double, anomalous: Bool = true) throws -> Double {
    classicalEnergy() + (try spinWaveFreeEnergy(twist: 0, temperature: t, anomalous: anomalous))
  }
}
