@testable import Diagnostics
@testable import LongitudinalRelaxation
import Numerics
import XCTest

/// The 1D method-of-lines evolution (Eqs. 28–29, TR-BDF2): conservation, single Fourier modes,
/// and the Fig. 1 relaxation of a step.
final class EvolutionTests: XCTestCase {
  /// Without lattice decay and with no-flux (or periodic) ends, ∫(M + m)dx is conserved by the
  /// scheme exactly (𝟙ᵀA = 0 at every stage); only rounding of 2 solves per step is left, so
  /// 1e−10 relative over 1000 steps has ~10⁴ margin.
  func testTotalMagnetizationIsConserved() throws {
    for boundary in RelaxationBoundary.allCases {
      let model = try RelaxationModel(xi: 0.3)
      let grid = try RelaxationGrid(length: 20, points: 100, boundary: boundary)
      let evolution = RelaxationEvolution(model: model, grid: grid)
      let initial = RelaxationProfiles(
        grid: grid, dM: { $0 < 0 ? 1 : 0.2 * Double.sin($0) }, dm: { Double.exp(-$0 * $0) })
      let total0 = evolution.totalMagnetization(initial)
      let run = try evolution.evolve(from: initial, times: [0, 1, 10], timeStep: 0.01)
      for snap in run.snapshots {
        XCTAssertEqual(
          evolution.totalMagnetization(snap.profiles), total0, accuracy: 1e-10 * abs(total0), "\(boundary)")
      }
      // The profile did change (the check above is not vacuous).
      XCTAssertGreaterThan(abs(run.snapshots[2].profiles.dm[50] - initial.dm[50]), 1e-3)
    }
    // With lattice decay the total decays.
    let lossy = RelaxationEvolution(
      model: try RelaxationModel(xi: 0.3, wm: 0.05, wM: 0.01), grid: try RelaxationGrid(length: 20, points: 100))
    let step = RelaxationProfiles.step(grid: lossy.grid)
    let out = try lossy.evolve(from: step, times: [5], timeStep: 0.01)
    XCTAssertLessThan(lossy.totalMagnetization(out.snapshots[0].profiles), lossy.totalMagnetization(step) * 0.99)
  }

  /// A single Fourier mode cos(kx) on a periodic grid stays a single mode (it is an exact
  /// eigenvector of the three-point Laplacian, eigenvalue −k̃², k̃² = (4/h²)sin²(kh/2)) and its
  /// amplitude is a sum of two exponentials with rates γ±(k̃). The rates are recovered without
  /// using Γ's eigenvectors: Prony's method on four equally spaced samples y_n of the dM
  /// amplitude, y_{n+2} = p y_{n+1} − q y_n, z² − pz + q = 0, γ = −ln z/Δ.
  ///
  /// Tolerance 1e−6 relative. Time-step error: TR-BDF2 changes a rate γ by ≈ 0.0404(γτ)²
  /// relative; γ⁺τ ≤ 2.2·5e−4 here, i.e. ≤ 5e−8. Spatial error: none against γ±(k̃) (the
  /// semi-discrete rates are exactly γ±(k̃)); against the continuum γ±(k) the grid error is
  /// (kh)²/12 in k², tested separately below.
  func testSingleFourierModeDecaysWithTheTwoRates() throws {
    for (xi, wm, wM) in [(0.3, 0.0, 0.0), (0.1, 0.05, 0.2), (0.9, 0.0, 0.0)] {
      let model = try RelaxationModel(xi: xi, wm: wm, wM: wM)
      let grid = try RelaxationGrid(length: 2 * Double.pi, points: 32, boundary: .periodic)
      let k = 1.0  // one wavelength on the ring, k = k_M
      let run = try RelaxationEvolution(model: model, grid: grid).evolve(
        from: RelaxationProfiles(grid: grid, dM: { Double.cos(k * $0) }, dm: { 0.4 * Double.cos(k * $0) }),
        times: [0, 0.5, 1.0, 1.5], timeStep: 5e-4)
      let x = grid.positions
      let y = run.snapshots.map { snap in
        zip(x, snap.profiles.dM).reduce(0.0) { $0 + Double.cos(k * $1.0) * $1.1 } * 2 / Double(grid.points)
      }
      // Prony: [y1 −y0; y2 −y1] (p, q) = (y2, y3).
      let det = y[1] * (-y[1]) - (-y[0]) * y[2]
      let p = (y[2] * (-y[1]) - (-y[0]) * y[3]) / det
      let q = (y[1] * y[3] - y[2] * y[2]) / det
      let disc = (p * p - 4 * q).squareRoot()
      let zFast = (p - disc) / 2, zSlow = (p + disc) / 2
      let measuredPlus = -Double.log(zFast) / 0.5, measuredMinus = -Double.log(zSlow) / 0.5
      let expected = try model.eigenRates(wavevectorSquared: grid.discreteWavevectorSquared(k))
      XCTAssertEqual(measuredPlus / expected.gammaPlus, 1, accuracy: 1e-6, "ξ=\(xi)")
      XCTAssertEqual(measuredMinus / expected.gammaMinus, 1, accuracy: 1e-6, "ξ=\(xi)")
    }
  }

  /// The semi-discrete rates γ±(k̃) approach the continuum γ±(k): k̃² = k²[1 − (kh)²/12 + …]
  /// and |d ln γ±/d ln k²| ≤ 1 (γ grows at most linearly in k²), so with 2048 nodes per
  /// wavelength the relative difference is ≤ (kh)²/12 ≈ 7.8e−7.
  func testDiscreteWavevectorConvergesToK() throws {
    let grid = try RelaxationGrid(length: 2 * Double.pi, points: 2048, boundary: .periodic)
    let bound = grid.spacing * grid.spacing / 12
    let kt2 = grid.discreteWavevectorSquared(1)
    XCTAssertLessThanOrEqual(1 - kt2, bound)
    XCTAssertGreaterThan(1 - kt2, 0.99 * bound)
    for xi in [0.1, 0.3, 0.9] {
      let model = try RelaxationModel(xi: xi)
      let a = try model.eigenRates(wavevectorSquared: kt2), b = try model.eigenRates(wavevectorSquared: 1)
      XCTAssertLessThanOrEqual(abs(a.gammaPlus / b.gammaPlus - 1), bound)
      XCTAssertLessThanOrEqual(abs(a.gammaMinus / b.gammaMinus - 1), bound)
    }
  }
}
