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
    /// Smallest tangent-Hessian eigenvalue (K): always on the dense route; on the block route only
    /// for the winner of ``search(_:extraStarts:randomStarts:seed:route:progress:)`` (`dsbevx` is
    /// O(N²), see `maximumBandEigenvalueOrder`), nil otherwise.
    public let smallestHessianEigenvalue: Double?
    /// The tangent Hessian is positive definite (Cholesky succeeds: `dpbtrf` on the block route,
    /// the smallest eigenvalue > 0 on the dense route).
    public let isPositiveDefinite: Bool
    let newtonIterations: Int
    /// Residual below tolerance and Hessian positive definite.
    public var isStableMinimum: Bool { converged && isPositiveDefinite }
    public let converged: Bool

    /// The candidate with its smallest Hessian eigenvalue filled in.
    func withEigenvalue(_ value: Double) -> Candidate {
      Candidate(
        start: start, texture: texture, energy: energy, residual: residual, smallestHessianEigenvalue: value,
        isPositiveDefinite: isPositiveDefinite, newtonIterations: newtonIterations, converged: converged)
    }
  }

  /// Largest Hessian order 2N for which the block route computes the smallest eigenvalue.
  ///
  /// `dsbevx` reduces the band to tridiagonal form by Givens bulge chasing (`dsbtrd`), which costs
  /// ≈ 6·(2N)²·kd flops — O(N²), not O(N): measured 10 s at 2N = 20 000 (kd = 5) on this project's
  /// machine, so 2N = 40 000 is ≈ 40 s. Larger rings report stability from `dpbtrf` alone and a
  /// `"hessian-eigenvalue-skipped"` warning.
  static let maximumBandEigenvalueOrder = 40_000

  /// Result of a search: the best stable candidate and all candidates (for energy comparison).
  public struct Result: Sendable {
    public let best: Candidate
    public let candidates: [Candidate]
    public let warnings: [NumericalWarning]
  }

  /// Relaxes `start` to a stationary point of the classical energy.
  ///
  /// - Parameters:
  ///   - ring: the Heisenberg ring (couplings and fields).
  ///   - start: initial unit vectors, one per site.
  ///   - label: name of this start in reports ("radial", "random-1", …).
  ///   - precessionSteps: damped-precession steps before Newton (bring a far start near a minimum).
  ///   - tolerance: residual max|m̂ × h^eff| (relative to the largest |h^eff|) below which the
  ///     result counts as converged; Newton runs on to rounding level regardless.
  ///   - maxNewton: Newton iteration cap (each step also backtracks at most 40 times and raises the
  ///     Levenberg shift at most ``maximumShiftIncreases`` times, so the work is bounded for any input).
  ///   - route: how the tangent Hessian is stored and solved (``HessianRoute``); the default is the
  ///     O(N) block-tridiagonal route for nearest-neighbour rings.
  static func relax(
    _ ring: HeisenbergRing, from start: [Vector3], label: String = "start", tolerance: Double = 1e-13,
    precessionSteps: Int = 200, maxNewton: Int = 100, route: HessianRoute = .automatic
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
    var residual = texture.residual  // energy and residual are O(N) passes: computed once per texture
    for iteration in 0..<maxNewton {
      iterations = iteration
      let heff = texture.effectiveFields
      let scale = max(heff.map(\.length).max() ?? 1, .leastNormalMagnitude)
      // Iterate to rounding: stop at 1e-16 relative, or when a step no longer reduces the residual.
      if residual <= 1e-16 * scale { break }
      let frames = texture.frames
      var gradient = [Double](repeating: 0, count: 2 * n)
      for i in 0..<n {
        gradient[2 * i] = -s * frames[i].0.dot(heff[i])
        gradient[2 * i + 1] = -s * frames[i].1.dot(heff[i])
      }
      guard let step = try newtonStep(texture, gradient: gradient, scale: scale, route: route) else { break }
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
        let energy = candidate.energy
        let flat = energy <= e0 + 1e-12 * max(abs(e0), 1)
        if energy < e0 || flat {
          let trialResidual = candidate.residual
          if energy < e0 && trialResidual < 1e3 * residual + 1e-9 * scale || flat && trialResidual < residual {
            texture = candidate
            residual = trialResidual
            accepted = true
            break
          }
        }
        alpha *= 0.5
      }
      if !accepted { break }
    }
    let heff = texture.effectiveFields
    let scale = max(heff.map(\.length).max() ?? 1, .leastNormalMagnitude)
    // Non-finite numbers (|h_eff|² overflowing for absurd fields) never count as converged.
    converged = residual.isFinite && scale.isFinite && texture.residual <= tolerance * scale
    let lowest: Double?, positiveDefinite: Bool
    if route.usesBlocks(ring) {
      lowest = nil
      positiveDefinite = (try? texture.tangentHessianBlocks.isSymmetricPositiveDefinite()) == true
    } else {
      let value = try texture.smallestHessianEigenvalue(route: route)
      (lowest, positiveDefinite) = (value, value > 0)
    }
    return Candidate(
      start: label, texture: texture, energy: texture.energy, residual: texture.residual,
      smallestHessianEigenvalue: lowest, isPositiveDefinite: positiveDefinite, newtonIterations: iterations,
      converged: converged)
  }

  /// Most times the Levenberg shift μ is raised per Newton step: μ ∈ {0, 1e-3, 1e-2, …, 1e12}·S·max|h^eff|.
  static let maximumShiftIncreases = 16

  /// The Newton step t solving (H + μ) t = −g, or nil when no shift in the ladder makes H + μ
  /// positive definite (non-finite or absurdly ill-scaled input; the caller stops iterating).
  ///
  /// μ is the smallest of {0, 1e-3, 1e-2, …}·S·`scale` with H + μ positive definite (Cholesky as the
  /// test, no eigen-decomposition per step). Block route: `dpbtrf` on the band form of
  /// `ClassicalTexture/tangentHessianBlocks` and the cyclic block-tridiagonal solve
  /// (``BlockTridiagonalFactorization``: banded LU `dgbtrf` plus the Woodbury corner correction),
  /// O(N); dense route: `dpotrf` and `dgesv` on the 2N×2N matrix.
  static func newtonStep(
    _ texture: ClassicalTexture, gradient: [Double], scale: Double, route: HessianRoute
  ) throws -> [Double]? {
    let n2 = 2 * texture.ring.siteCount, s = texture.ring.spinLength
    let rhs = gradient.map { -$0 }
    if route.usesBlocks(texture.ring) {
      var shifted = try texture.tangentHessianBlocks
      var shift = 0.0
      for attempt in 0...maximumShiftIncreases {
        // A numerically singular H (the exact zero mode of a U(1)-symmetric field) can pass Cholesky and fail
        // the LU solve: then shift it like an indefinite one.
        if (try? shifted.isSymmetricPositiveDefinite()) == true, let x = try? shifted.factorized().solve(rhs) {
          return x
        }
        guard attempt < maximumShiftIncreases else { break }
        let next = shift == 0 ? 1e-3 * s * scale : 10 * shift
        guard next.isFinite else { break }
        for k in 0..<n2 { shifted.diagonal[shifted.index(block: k / 2, row: k % 2, column: k % 2)] += next - shift }
        shift = next
      }
      return nil
    }
    var shifted = texture.tangentHessian
    var shift = 0.0
    for attempt in 0...maximumShiftIncreases {
      if (try? shifted.choleskyUpper()) != nil, let x = try? RealMatrix.solve(shifted, rhs) { return x }
      guard attempt < maximumShiftIncreases else { break }
      let next = shift == 0 ? 1e-3 * s * scale : 10 * shift
      guard next.isFinite else { break }
      for k in 0..<n2 { shifted[k, k] += next - shift }
      shift = next
    }
    return nil
  }

  /// Bytes one `relax(_:from:label:tolerance:precessionSteps:maxNewton:route:)` needs for `spins` = N.
  ///
  /// Block route: ≈ 1.2 kB per spin — textures and fields (a few copies of N Vector3, 24 B each),
  /// the 2×2-block Hessian (3·4 doubles per spin), its band form for `dpbtrf`/`dsbevx` (6 doubles
  /// per row, 2 rows per spin, plus 12 more for `dsbevx`'s workspaces), the banded LU of the
  /// cyclic solve (10 doubles per row) and its corner correction (4 columns): 8·(12 + 2·(6 + 12 + 10 + 4))
  /// = 608 B, doubled for copies and padding. Dense route: five 2N×2N double matrices (H, H + μ, its
  /// Cholesky factor, the LU copy, the eigenvalue copy).
  public static func estimatedBytes(
    spins n: Int, route: HessianRoute = .automatic, nearestNeighbour: Bool = true
  )
    -> Double
  {
    let perSpin = 1200.0 * Double(n)
    if route == .automatic && nearestNeighbour { return perSpin }
    return perSpin + 5 * 8 * pow(2 * Double(n), 2)
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
  ///
  /// - Parameters:
  ///   - ring: the Heisenberg ring (couplings and fields).
  ///   - extraStarts: labelled initial textures tried besides the built-in starts.
  ///   - randomStarts: random initial textures (uniform on the sphere) tried as well.
  ///   - seed: seed of the random starts (the same seed gives the same starts).
  ///   - route: Hessian representation (see `relax(_:from:label:tolerance:precessionSteps:maxNewton:route:)`).
  ///   - progress: called with the number of starts finished (for progress lines on long runs).
  public static func search(
    _ ring: HeisenbergRing, extraStarts: [(String, [Vector3])] = [], randomStarts: Int = 3, seed: UInt64 = 1,
    route: HessianRoute = .automatic, progress: ((Int) -> Void)? = nil
  ) throws -> Result {
    let list = starts(for: ring, extra: extraStarts, randomStarts: randomStarts, seed: seed)
    var candidates: [Candidate] = []
    for (label, start) in list {
      candidates.append(try relax(ring, from: start, label: label, route: route))
      progress?(candidates.count)
    }
    var warnings: [NumericalWarning] = []
    let stable = candidates.filter(\.isStableMinimum)
    var best: Candidate
    if let b = stable.min(by: { $0.energy < $1.energy }) {
      best = b
    } else {
      best = candidates.min(by: { $0.energy < $1.energy })!
    }
    if best.smallestHessianEigenvalue == nil {
      if 2 * ring.siteCount <= maximumBandEigenvalueOrder {
        best = best.withEigenvalue(try best.texture.smallestHessianEigenvalue(route: route))
      } else {
        warnings.append(
          NumericalWarning(
            kind: "hessian-eigenvalue-skipped",
            message: "smallest Hessian eigenvalue not computed for N = \(ring.siteCount) (dsbevx is O(N²); "
              + "limit 2N ≤ \(maximumBandEigenvalueOrder)): hessian_min_K is nan; the Hessian is "
              + (best.isPositiveDefinite ? "positive definite" : "not positive definite") + " (Cholesky, dpbtrf)",
            value: Double(ring.siteCount)))
      }
    }
    if stable.isEmpty {
      let lowest = best.smallestHessianEigenvalue.map { "\($0) K" } ?? "not computed"
      warnings.append(
        NumericalWarning(
          kind: "not-converged",
          message: "no start reached a stable classical minimum: best residual \(best.residual) K, "
            + "smallest Hessian eigenvalue \(lowest)", value: best.residual))
    }
    return Result(best: best, candidates: candidates, warnings: warnings)
  }
}
