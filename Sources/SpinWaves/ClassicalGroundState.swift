import Diagnostics
import Foundation
import LinearAlgebra

/// Classical ground state of a ``HeisenbergRing`` (Eq. 7) for any field texture.
///
/// Method: damped precession (pure Landau–Lifshitz damping, m̂ ← normalize(m̂ + η P_⊥ h^eff))
/// brings a start near a minimum; projected Newton on the sphere then converges quadratically:
/// solve (H + μ) t = −g in the tangent frames (g_(ia) = −S ê^a_i·h_i^eff, H = ``ClassicalTexture/tangentHessian``,
/// μ ≥ 0 a Levenberg shift used only while H is not positive definite), retract
/// m̂_i ← normalize(m̂_i + Σ_a t_ia ê^a_i), backtrack until the energy decreases.
/// Several starts are run (field direction, the uniform states ±ẑ, seeded random ones) and the one
/// with the lowest energy among those that are minima (positive Hessian) wins; all are reported.
public enum ClassicalGroundState {
  /// One converged (or not) start.
  public struct Candidate: Sendable {
    public let start: String
    public let texture: ClassicalTexture
    /// Classical energy (K).
    public let energy: Double
    /// max|m̂ × h^eff| (K).
    public let residual: Double
    /// Smallest tangent-Hessian eigenvalue (K).
    public let smallestHessianEigenvalue: Double
    public let newtonIterations: Int
    /// Residual below tolerance and Hessian positive definite.
    public var isStableMinimum: Bool { converged && smallestHessianEigenvalue > 0 }
    public let converged: Bool
  }

  /// Result of a search: the best stable candidate and all candidates (for energy comparison).
  public struct Result: Sendable {
    public let best: Candidate
    public let candidates: [Candidate]
    public let warnings: [NumericalWarning]
  }

  /// Relaxes `start` to a stationary point of the classical energy.
  ///
  /// - Parameters:
  ///   - ring: the Heisenberg ring (J_ij, fields h_i in K).
  ///   - start: initial unit directions m̂_i, one per site.
  ///   - label: a name for the start, kept in the candidate (e.g. "eq14-crown").
  ///   - tolerance: residual max|m̂ × h^eff| (relative to the largest |h^eff|) below which the
  ///     result counts as converged; Newton runs on to rounding level regardless.
  ///   - precessionSteps: damped-precession steps before Newton.
  ///   - maxNewton: Newton iteration cap.
  public static func relax(
    _ ring: HeisenbergRing, from start: [Vector3], label: String = "start", tolerance: Double = 1e-13,
    precessionSteps: Int = 200, maxNewton: Int = 100
  ) throws -> Candidate {
    let n = ring.siteCount, s = ring.spinLength
    var m = start.map(\.normalized)
    // Damped precession start: a gradient flow on the sphere with step η ≈ 0.5/max|h^eff|.
    for _ in 0..<precessionSteps {
      let t = ClassicalTexture(ring: ring, directions: m)
      let heff = t.effectiveFields
      let scale = heff.map(\.length).max() ?? 1
      guard scale > 0 else { break }
      let eta = 0.5 / scale
      var largestTorque = 0.0
      for i in 0..<n {
        let torque: Vector3 = heff[i] - m[i].dot(heff[i]) * m[i]
        largestTorque = max(largestTorque, torque.length)
        m[i] = (m[i] + eta * torque).normalized
      }
      if largestTorque < 1e-2 * scale { break }  // close enough: Newton takes over
    }
    var texture = ClassicalTexture(ring: ring, directions: m)
    var iterations = 0
    var converged: Bool
    for iteration in 0..<maxNewton {
      iterations = iteration
      let heff = texture.effectiveFields
      let scale = max(heff.map(\.length).max() ?? 1, .leastNormalMagnitude)
      // Iterate to rounding: stop at 1e-16 relative, or when a step no longer reduces the residual.
      if texture.residual <= 1e-16 * scale { break }
      let frames = texture.frames
      var gradient = [Double](repeating: 0, count: 2 * n)
      for i in 0..<n {
        gradient[2 * i] = -s * frames[i].0.dot(heff[i])
        gradient[2 * i + 1] = -s * frames[i].1.dot(heff[i])
      }
      let hessian = texture.tangentHessian
      // Levenberg shift: the smallest μ ∈ {0, 1e-3, 1e-2, …}·S·max|h^eff| with H + μ positive definite
      // (Cholesky as the test: no eigen-decomposition per step).
      var shifted = hessian
      var shift = 0.0
      while (try? shifted.choleskyUpper()) == nil {
        let next = shift == 0 ? 1e-3 * s * scale : 10 * shift
        for k in 0..<(2 * n) { shifted[k, k] += next - shift }
        shift = next
        if shift > 1e12 * s * scale { break }
      }
      let step = try RealMatrix.solve(shifted, gradient.map { -$0 })
      var alpha = 1.0
      let e0 = texture.energy
      var accepted = false
      for _ in 0..<40 {
        var trial = texture.directions
        for i in 0..<n {
          let displacement: Vector3 = step[2 * i] * frames[i].0 + step[2 * i + 1] * frames[i].1
          trial[i] = (trial[i] + alpha * displacement).normalized
        }
        let candidate = ClassicalTexture(ring: ring, directions: trial)
        // Accept decrease, or (near convergence, energy flat to rounding) a smaller residual.
        let flat = candidate.energy <= e0 + 1e-12 * max(abs(e0), 1)
        if candidate.energy < e0 && candidate.residual < 1e3 * texture.residual + 1e-9 * scale
          || flat && candidate.residual < texture.residual
        {
          texture = candidate
          accepted = true
          break
        }
        alpha *= 0.5
      }
      if !accepted { break }
    }
    let heff = texture.effectiveFields
    let scale = max(heff.map(\.length).max() ?? 1, .leastNormalMagnitude)
    converged = texture.residual <= tolerance * scale
    return Candidate(
      start: label, texture: texture, energy: texture.energy, residual: texture.residual,
      smallestHessianEigenvalue: try texture.smallestHessianEigenvalue(), newtonIterations: iterations,
      converged: converged)
  }

  /// Named starting configurations: along the local field, uniform ±ẑ, `randomStarts` seeded random ones.
  public static func starts(
    for ring: HeisenbergRing, extra: [(String, [Vector3])] = [], randomStarts: Int = 3, seed: UInt64 = 1
  )
    -> [(String, [Vector3])]
  {
    var list: [(String, [Vector3])] = extra
    list.append(("field-direction", ring.fields.map { $0.length > 0 ? $0.normalized : Vector3(0, 0, 1) }))
    list.append(("uniform+z", Array(repeating: Vector3(0, 0.01, 1), count: ring.siteCount)))
    list.append(("uniform-z", Array(repeating: Vector3(0.01, 0, -1), count: ring.siteCount)))
    var generator = SplitMix64(seed: seed)
    for r in 0..<randomStarts {
      let m = (0..<ring.siteCount).map { _ in
        Vector3.spherical(theta: acos(2 * generator.nextUnit() - 1), phi: 2 * Double.pi * generator.nextUnit())
      }
      list.append(("random-\(r + 1)", m))
    }
    return list
  }

  /// Runs every start and picks the lowest-energy stable minimum.
  ///
  /// - Returns: the best candidate; a warning when no start reached a stable minimum (then the
  ///   lowest-energy candidate is returned) or when another start found a lower-energy non-minimum.
  public static func search(
    _ ring: HeisenbergRing, extraStarts: [(String, [Vector3])] = [], randomStarts: Int = 3, seed: UInt64 = 1
  ) throws -> Result {
    let list = starts(for: ring, extra: extraStarts, randomStarts: randomStarts, seed: seed)
    let candidates = try list.map { try relax(ring, from: $0.1, label: $0.0) }
    var warnings: [NumericalWarning] = []
    let stable = candidates.filter(\.isStableMinimum)
    let best: Candidate
    if let b = stable.min(by: { $0.energy < $1.energy }) {
      best = b
    } else {
      best = candidates.min(by: { $0.energy < $1.energy })!
      warnings.append(
        NumericalWarning(
          kind: "not-converged",
          message: "no start reached a stable classical minimum: best residual \(best.residual) K, "
            + "smallest Hessian eigenvalue \(best.smallestHessianEigenvalue) K", value: best.residual))
    }
    return Result(best: best, candidates: candidates, warnings: warnings)
  }
}

/// Deterministic 64-bit generator (SplitMix64) so random starts are reproducible.
public struct SplitMix64: Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in [0, 1).
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
