@testable import LinearAlgebra
@testable import LongitudinalRelaxation
import Numerics
@testable import TimeIntegration
import XCTest

/// Relaxation from a user's sampled initial profile: the interpolation onto the grid, and
/// conservation of ∫(M + m)dx on both integrators.
final class SampledProfileRelaxationTests: XCTestCase {
  /// An asymmetric user profile sampled at irregular positions that do not coincide with the grid.
  func samples() throws -> SampledProfile {
    var rng = SplitMix64(seed: 3)
    var x = [-10.5]
    while x.last! < 10.5 { x.append(x.last! + 0.05 + 0.1 * rng.nextUnit()) }
    return try SampledProfile(
      positions: x, values: x.map { [Double.exp(-($0 - 2) * ($0 - 2)) + ($0 < -3 ? 0.5 : 0), 0.3 * Double.sin($0)] })
  }

  /// Grid values equal the samples' interpolation at the grid positions (the same function, evaluated
  /// independently here), and the initial total agrees with the trapezoid rule on the samples to the
  /// quadrature error of both rules (the step at x = −3 costs O(h·jump): 0.05 is ample for h ≈ 0.1).
  func testProfileIsTheSamplesInterpolation() throws {
    let s = try samples()
    let grid = try RelaxationGrid(length: 20, points: 200)
    let p = try RelaxationProfiles(grid: grid, samples: s)
    for (i, x) in grid.positions.enumerated() {
      let k = s.positions.lastIndex { $0 <= x }!
      let t = (x - s.positions[k]) / (s.positions[k + 1] - s.positions[k])
      XCTAssertEqual(p.dM[i], s.values[k][0] + t * (s.values[k + 1][0] - s.values[k][0]), accuracy: 1e-14)
      XCTAssertEqual(p.dm[i], s.values[k][1] + t * (s.values[k + 1][1] - s.values[k][1]), accuracy: 1e-14)
    }
    var trapezoid = 0.0
    for k in 0..<(s.positions.count - 1) where s.positions[k] >= -10 && s.positions[k + 1] <= 10 {
      let h = s.positions[k + 1] - s.positions[k]
      trapezoid += 0.5 * h * (s.values[k].reduce(0, +) + s.values[k + 1].reduce(0, +))
    }
    let total = RelaxationEvolution(model: try RelaxationModel(xi: 0.3), grid: grid).totalMagnetization(p)
    XCTAssertEqual(total, trapezoid, accuracy: 0.05)
  }

  /// Without lattice decay ∫(M + m)dx of the user profile is conserved: by TR-BDF2 to rounding
  /// (𝟙ᵀA = 0 at every stage; 1e−10 relative has ~10⁴ margin over 500 steps), by CVODE to its
  /// Newton and Jacobian tolerances (the update δ solves (𝟙 − γJ)δ = r with a difference-quotient
  /// band Jacobian whose column sums vanish only to ~√ε: 1e−6 relative at rtol 1e−8).
  func testTotalIsConservedForAUserProfile() throws {
    for boundary in RelaxationBoundary.allCases {
      let grid = try RelaxationGrid(length: 20, points: 200, boundary: boundary)
      let evolution = RelaxationEvolution(model: try RelaxationModel(xi: 0.3), grid: grid)
      let initial = try RelaxationProfiles(grid: grid, samples: samples())
      let total0 = evolution.totalMagnetization(initial)
      let fixed = try evolution.evolve(from: initial, times: [0, 1, 5], timeStep: 0.01)
      for snap in fixed.snapshots {
        XCTAssertEqual(
          evolution.totalMagnetization(snap.profiles), total0, accuracy: 1e-10 * abs(total0), "\(boundary)")
      }
      XCTAssertGreaterThan(abs(fixed.snapshots[2].profiles.dM[120] - initial.dM[120]), 1e-3, "the profile moved")
      var adaptive: [RelaxationSnapshot] = []
      _ = try evolution.evolveAdaptive(
        from: initial, times: [0, 1, 5], tolerances: try IntegrationTolerances(relative: 1e-8, absolute: 1e-10)
      ) { adaptive.append($0) }
      for snap in adaptive {
        XCTAssertEqual(evolution.totalMagnetization(snap.profiles), total0, accuracy: 1e-6 * abs(total0), "\(boundary)")
      }
    }
  }

  /// Samples whose values the evolution cannot take are refused, naming the sample.
  func testOutOfRangeSamplesAreRefused() throws {
    let grid = try RelaxationGrid(length: 2, points: 10)
    XCTAssertThrowsError(
      try RelaxationProfiles(grid: grid, samples: SampledProfile(positions: [0, 1], values: [[0, 0], [1e200, 0]]))
    ) { XCTAssertEqual(($0 as? SampledProfileError)?.row, 1) }
    XCTAssertThrowsError(
      try RelaxationProfiles(grid: grid, samples: SampledProfile(positions: [0, 1], values: [[0], [1]])))
  }
}
