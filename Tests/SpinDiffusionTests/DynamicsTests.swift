import PhysicalConstants
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

  /// The exchange rate ω = max|M̂ × h^ex|/ħ against the turn of M in one short Lie step of the
  /// fixed-step route (B = 0, ρ = 0, so h is the exchange field alone; the step rotates Mᵢ by the
  /// exact angle |h|Δt/ħ, turning its direction by |M̂ × h|Δt/ħ to first order). Δt is chosen so
  /// ωΔt = 1e−6: the second-order remainder is then ~1e−6 of the turn, and the tolerance 1e−5
  /// relative holds for any rounding. Collinear layers (α = 0) are a stationary texture: ω = 0.
  func testExchangeRateIsTheTurnOfOneShortStep() throws {
    let g = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 90)
    let problem = g.problem(on: try g.grid(points: 201))
    var dynamics = try SpinDynamics(problem: problem, exchangeStiffness: 1.06e-19)
    let e = dynamics.exchangeRate
    XCTAssertGreaterThan(e.rate, 1e12)
    let before = dynamics.magnetization
    let dt = 1e-6 / e.rate
    try dynamics.step(dt)
    let turns = zip(before, dynamics.magnetization).map { a, b -> Double in
      norm3(a) > 0 ? norm3(cross3(a, b)) / (norm3(a) * norm3(b)) / dt : 0
    }
    XCTAssertEqual(turns.max()!, e.rate, accuracy: 1e-5 * e.rate)
    XCTAssertEqual(turns.indices.max { turns[$0] < turns[$1] }, e.node)

    let collinear = InterfaceGeometry(length: 20e-9, wallWidth: 2e-9, angleDegrees: 0)
    let rest = try SpinDynamics(
      problem: collinear.problem(on: try collinear.grid(points: 201)), exchangeStiffness: 1.06e-19)
    XCTAssertEqual(rest.exchangeRate.rate, 0)
  }

  /// The default exchange stiffness is permalloy's at the default material, J = 4gμ_B A/(M_s M₀)
  /// (A = 1.3e−11 J/m, M_s = 8.6e5 A/m, g = 2), to the three digits those constants carry
  /// (the default is stated to three: tolerance half a unit of the third digit, 5e−22 eV·m²).
  func testDefaultExchangeStiffnessIsPermalloys() throws {
    let m0 = SpinDiffusionMaterial.paper.saturation(forPrecessionRatio: 100)
    let j = 4 * 2 * PhysicalConstants.bohrMagneton * 1.3e-11 / (8.6e5 * m0) / PhysicalConstants.elementaryCharge
    XCTAssertEqual(SpinDiffusionParameters.permalloyExchangeStiffness, j, accuracy: 5e-22)
    XCTAssertEqual(try XCTUnwrap(SpinDiffusionParameters.exchangeStiffness.defaultValue?.number), j, accuracy: 5e-22)
  }
}
