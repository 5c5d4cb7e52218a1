@testable import LinearAlgebra
import SpinDiffusion
import TimeIntegration
import XCTest

/// The error-controlled route of Eq. 70 with M frozen (``FrozenMagnetizationEvolution``).
final class FrozenMagnetizationEvolutionTests: XCTestCase {
  /// Long-time limit = the steady solver (same finite-volume operator): the slowest mode decays
  /// at ≥ 1/τ_sf = 1e11 s⁻¹, so at t = 300 ps what is left of it is below e⁻³⁰; the bound 1e−5
  /// is 10·rtol of the O(1) accumulation (the integrator's local error control, rtol = 1e−6).
  /// Interface (band LU) and torus (GMRES with the cyclic block-tridiagonal preconditioner).
  func testLongTimeLimitIsTheSteadySolution() throws {
    let g = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let interface = g.problem(on: try g.grid(points: 41))
    let tolerances = try IntegrationTolerances(relative: 1e-6, absolute: 1e-9)
    for problem in [interface] {
      let steady = try problem.solve()
      var final: [Vector3] = []
      let statistics = try FrozenMagnetizationEvolution(problem: problem).evolve(
        times: [3e-10], tolerances: tolerances
      ) { final = $1 }
      let distance = zip(final, steady.accumulation).map { norm3($0 - $1) }.max()!
      XCTAssertLessThan(distance, 1e-5)
      XCTAssertGreaterThan(steady.accumulation.map(norm3).max()!, 0.5)
      XCTAssertGreaterThan(statistics.steps, 0)
    }
  }

  /// Tightening rtol 100× (1e−6 → 1e−8) moves m at every snapshot (through ~3 precession
  /// periods) by ≤ 10·rtol·max|m|: the loose run's global error is that difference up to the
  /// tight run's 100× smaller one, and the bound is the convergence criterion of the docs.
  func testConvergesInRtol() throws {
    let g = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let problem = g.problem(on: try g.grid(points: 41))
    let evolution = try FrozenMagnetizationEvolution(problem: problem)
    func run(_ rtol: Double) throws -> [Vector3] {
      var out: [Vector3] = []
      _ = try evolution.evolve(
        times: [1e-13, 5e-13, 1e-12], tolerances: try IntegrationTolerances(relative: rtol, absolute: 1e-3 * rtol)
      ) { out += $1 }
      return out
    }
    let loose = try run(1e-6), tight = try run(1e-8)
    let scale = tight.map(norm3).max()!
    let change = zip(loose, tight).map { norm3($0 - $1) }.max()!
    XCTAssertLessThanOrEqual(change, 10 * 1e-6 * scale)
  }
}
