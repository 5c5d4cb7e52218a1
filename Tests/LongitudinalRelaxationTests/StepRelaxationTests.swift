@testable import LongitudinalRelaxation
import XCTest

/// Fig. 1: a step in M + m relaxes by decay of M into m at the interface, diffusion of m
/// across it, and decay of m back into M on the other side; at late times the total spreads
/// like diffusion with D = ξ D_m (the slow mode of Eq. 37).
final class StepRelaxationTests: XCTestCase {
  // Reduced units r = k_M = 1.
  let xi = 0.3

  func run(
    _ times: [Double], length: Double = 40, points: Int = 400, timeStep: Double = 0.01
  ) throws -> (
    RelaxationGrid, [RelaxationSnapshot]
  ) {
    let grid = try RelaxationGrid(length: length, points: points)
    let out = try RelaxationEvolution(model: try RelaxationModel(xi: xi), grid: grid)
      .evolve(from: .step(grid: grid), times: times, timeStep: timeStep)
    XCTAssertTrue(out.warnings.isEmpty)
    return (grid, out.snapshots)
  }

  /// At t = 1/r: m < 0 on the high side and m > 0 on the low side, largest next to the
  /// interface (within one 1/k_M), antisymmetric (the step minus its mean is odd; rounding
  /// 1e−12); M has decayed on the high side and grown on the low side; 10/k_M away nothing has
  /// happened yet (|ΔM|, |m| < 1e−9: the disturbance spreads from the interface as
  /// e^{−k_M|x|}-like tails, e^{−10} times a small amplitude).
  func testEarlyStagesDecayDiffuseDecayBack() throws {
    let (grid, snaps) = try run([1])
    let x = grid.positions, p = snaps[0].profiles, n = grid.points
    for i in 0..<n {
      XCTAssertEqual(p.dm[i], -p.dm[n - 1 - i], accuracy: 1e-12)
      if abs(x[i]) < 5 { XCTAssertTrue(x[i] < 0 ? p.dm[i] < 0 : p.dm[i] > 0, "x=\(x[i]) dm=\(p.dm[i])") }
      if abs(x[i]) > 10 {
        XCTAssertEqual(p.dM[i], x[i] < 0 ? 1 : 0, accuracy: 1e-9)
        XCTAssertEqual(p.dm[i], 0, accuracy: 1e-9)
      }
    }
    let iMin = p.dm.indices.min { p.dm[$0] < p.dm[$1] }!
    XCTAssertLessThan(abs(x[iMin]), 1)
    XCTAssertLessThan(p.dm[iMin], -0.05)  // a sizeable accumulation, not rounding
    XCTAssertLessThan(p.dM[n / 2 - 1], 0.95)  // M decayed next to the interface (high side)
    XCTAssertGreaterThan(p.dM[n / 2], 0.05)  // and grew on the low side (decay back)
  }

  /// Late times: the variance of the interface profile g = −∂_x(M + m) grows as 2ξD_m t.
  /// For the lattice system the second cumulant is −∂²_k ln G at k = 0, where only the slow
  /// rate γ⁻ = ξD_m k² + O(k⁴) and the t-independent initial amplitude enter (k̃² = k² + O(k⁴),
  /// TR-BDF2's error is O((γτ)²) = O(k⁴), so even a coarse step 0.05/r is exact here); the fast
  /// mode adds O(e^{−rt}) ≈ 5e−5 at t = 10/r, and the no-flux walls at ±40/k_M are > 9σ away
  /// (at ±20/k_M their reflection already shifts the slope by 3e−3, so the box must be wide).
  /// So σ²(30) − σ²(10) = 2ξD_m·20 to 1e−4 relative (observed ~1e−9).
  func testLateTimesSpreadWithDiffusionConstantXiDm() throws {
    let (grid, snaps) = try run([10, 30], length: 80, points: 400, timeStep: 0.05)
    let x = grid.positions
    func variance(_ p: RelaxationProfiles) -> Double {
      var s0 = 0.0, s2 = 0.0
      for i in 0..<(grid.points - 1) {
        let g = (p.dM[i] + p.dm[i]) - (p.dM[i + 1] + p.dm[i + 1]), mid = (x[i] + x[i + 1]) / 2
        s0 += g
        s2 += g * mid * mid
      }
      return s2 / s0
    }
    let slope = (variance(snaps[1].profiles) - variance(snaps[0].profiles)) / 20
    XCTAssertEqual(slope / (2 * xi), 1, accuracy: 1e-4)
  }
}
