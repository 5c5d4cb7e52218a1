@testable import SpinDiffusion
import XCTest

/// Time-dependent Eq. 70 with the Landau–Lifshitz Eq. 79.
final class DynamicsTests: XCTestCase {
  /// With M frozen (no LL coupling) BDF2 relaxes from m = 0 to the steady solution. The
  /// slowest mode decays at ≥ 1/τ_sf = 1e11 s⁻¹; after 300 ps it is below e⁻³⁰, so the
  /// distance to the discrete steady state must be at rounding level: 1e−9.
  func testRelaxesToSteadySolution() throws {
    let g = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let problem = g.problem(on: try g.grid(points: 401))
    let steady = try problem.solve()
    var dynamics = try SpinDynamics(problem: problem)
    for _ in 0..<300 { try dynamics.step(1e-12) }
    let distance = zip(dynamics.accumulation, steady.accumulation).map { norm3($0 - $1) }.max()!
    XCTAssertLessThan(distance, 1e-9)
    XCTAssertGreaterThan(steady.accumulation.map(norm3).max()!, 0.5)
  }

  /// Early times: far from the ends and the interface, one backward-Euler step Δt = 1 fs from
  /// m = 0 gives m = (Δt/τ_sf) m_eq/(1 + Δt/τ_sf) ≈ 1e−4 m_eq (diffusion reaches only
  /// √(DΔt) ≈ 1 nm). Checked at x = ±L/4 to 1 % — the accumulation builds up at the rate 1/τ_sf.
  func testAccumulationBuildsUpAtTheSpinFlipRate() throws {
    let g = InterfaceGeometry(length: 100e-9, wallWidth: 2e-9, angleDegrees: 90)
    let problem = g.problem(on: try g.grid(points: 801))
    var dynamics = try SpinDynamics(problem: problem)
    let dt = 1e-15, tau = g.material.spinFlipTime.z
    try dynamics.step(dt)
    let expected = (dt / tau) / (1 + dt / tau)
    for x in [-25e-9, 25e-9] {
      let i = problem.grid.nodes.firstIndex { $0 >= x }!
      let m = dynamics.accumulation[i], eq = g.texture.equilibrium(problem.grid.nodes[i])
      XCTAssertEqual(norm3(m), expected, accuracy: 0.01 * expected)
      XCTAssertGreaterThan(dot3(m, eq), 0.99 * expected)
    }
  }

  /// LL with exchange and the accumulation field: |M| is kept to 1e−10 (relative to M₀) per
  /// step at every node (the exact rotation preserves it to rounding, ~1e−16), while M does move.
  func testLandauLifshitzPreservesMagnetizationLength() throws {
    let g = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let problem = g.problem(on: try g.grid(points: 201))
    var dynamics = try SpinDynamics(problem: problem, exchangeStiffness: 1e-22, accumulationScale: 0.05)
    let start = dynamics.magnetization
    for _ in 0..<200 {
      let before = dynamics.magnetization
      try dynamics.step(2e-15)
      for (a, b) in zip(before, dynamics.magnetization) {
        XCTAssertEqual(norm3(a), norm3(b), accuracy: 1e-10 * g.saturation)
      }
    }
    let moved = zip(start, dynamics.magnetization).map { norm3($0 - $1) }.max()!
    XCTAssertGreaterThan(moved, 1e-4 * g.saturation)
    XCTAssertTrue(dynamics.warnings.isEmpty, "\(dynamics.warnings)")
  }
}
