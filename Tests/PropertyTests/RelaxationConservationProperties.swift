@testable import LongitudinalRelaxation
import PropertyBased
import Testing

/// ∫(dM + dm) dx is conserved by the M–m evolution without lattice decay, for any model and profile.
///
/// Inputs: ξ ∈ [0, 1], r ∈ [0.05, 20], k_M ∈ [0.1, 10] (so D_m = r/k_M² spans 5e−4…2e3),
/// L ∈ [1, 50], N = 3…60 points (half the profile array's length), no-flux or periodic ends, arbitrary profiles dM_i, dm_i ∈ [−1, 1],
/// 1…40 TR-BDF2 steps of size τ ∈ [1e−3, 2]/r (stiff and non-stiff steps alike).
/// Both stages solve (𝟙 − cτA)u = b with 𝟙ᵀA = 0 (no-flux Laplacian rows sum to zero, the 2×2
/// exchange block conserves M + m), so Σ(dM + dm) changes only by rounding of two solves per
/// step: ≤ 1e−11·h·Σ(|dM| + |dm|)₀·(steps + 1) leaves ≥ 1e2 margin on the drift seen (~1e−15
/// relative per step), while w_m = 1e−3·r (lattice decay; see the negative control) already
/// changes the total by ~1e−3·rτ per step.
@Suite("Relaxation conservation properties")
struct RelaxationConservationProperties {
  static let maximumPoints = 60

  @Test func totalMagnetizationIsConservedWithoutLatticeDecay() async throws {
    let model = zip(Gen.double(in: 0...1), Gen.double(in: 0.05...20), Gen.double(in: 0.1...10))
    let grid = zip(Gen.double(in: 1...50), Gen.bool)
    // dM_0, dm_0… interleaved would couple N to the layout; the first half is dM, the second dm,
    // so N = count/2 shrinks together with the array.
    let profile = Gen.double(in: -1...1).array(of: 6...(2 * Self.maximumPoints))
    let steps = zip(Gen.int(in: 1...40), Gen.double(in: 1e-3...2))
    await propertyCheck(count: 80, input: model, grid, profile, steps) { model, grid, profile, steps in
      let (drift, bound) = try Self.drift(model: model, grid: grid, profile: profile, steps: steps, wm: 0)
      #expect(
        drift <= bound, "ξ, r, k_M = \(model); L, periodic = \(grid); N = \(profile.count / 2); steps, rτ = \(steps)")
    }
  }

  /// Negative control: with lattice decay w_m = w_M = 0.05·r the same check fails for a profile
  /// with a non-zero total (so the conservation test can detect a leak of that size).
  @Test func latticeDecayBreaksConservation() throws {
    let profile = (0..<(2 * Self.maximumPoints)).map { Double($0 % 7) / 7 }
    let (drift, bound) = try Self.drift(
      model: (0.3, 1, 1), grid: (20, false), profile: profile, steps: (20, 0.1), wm: 0.05)
    #expect(drift > 1e3 * bound)
  }

  /// |Σ(dM + dm)(T) − Σ(dM + dm)(0)|·h and its rounding bound 1e−11·h·Σ(|dM| + |dm|)₀·(steps + 1).
  ///
  /// N = ⌊count/2⌋ points: dM from the first N values of `profile`, dm from the next N. The
  /// magnitude has a floor of 1e−250 (a relative bound underflows for subnormal profiles, which
  /// shrinking reaches: its first counterexample was a drift of 5e−324 against a bound of 0).
  static func drift(
    model p: (Double, Double, Double), grid g: (Double, Bool), profile: [Double], steps: (Int, Double),
    wm: Double
  ) throws -> (drift: Double, bound: Double) {
    let model = try RelaxationModel(
      xi: p.0, exchangeRate: p.1, exchangeWavevector: p.2, wm: wm * p.1, wM: wm * p.1)
    let n = profile.count / 2
    let grid = try RelaxationGrid(length: g.0, points: n, boundary: g.1 ? .periodic : .noFlux)
    let evolution = RelaxationEvolution(model: model, grid: grid)
    let initial = RelaxationProfiles(dM: Array(profile[0..<n]), dm: Array(profile[n..<(2 * n)]))
    let tau = steps.1 / p.1
    let run = try evolution.evolve(from: initial, times: [0, Double(steps.0) * tau], timeStep: tau)
    let total0 = evolution.totalMagnetization(initial)
    let total1 = evolution.totalMagnetization(run.snapshots.last!.profiles)
    let magnitude = zip(initial.dM, initial.dm).map { abs($0) + abs($1) }.reduce(0, +) * grid.spacing
    return (abs(total1 - total0), 1e-11 * Swift.max(magnitude, 1e-250) * Double(steps.0 + 1))
  }
}
