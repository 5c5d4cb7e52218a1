import SpinTransport
import Numerics
@testable import Studies
@testable import TightBinding
import XCTest

/// The physics study models are wired to their libraries with the CLI's units, checked against an
/// independent route each.
final class PhysicsStudyModelTests: XCTestCase {
  private func defaults(_ model: any Computation) -> ParameterValues {
    ParameterValues(defaultsOf: model.parameters)
  }

  /// ring-currents (operator method, θ and ϕ in degrees) = derivative method on the same ring
  /// (θ, ϕ in radians): relative 1e−6, the agreement TightBindingTests establish away from
  /// level crossings at μ (μ = −0.63 eV lies inside a band, away from levels at these parameters).
  func testRingCurrentsMatchDerivativeMethod() throws {
    let model = RingCurrentsComputation()
    var p = defaults(model)
    p["cells"] = .number(10)
    p["theta_deg"] = .number(45)
    p["azimuth_deg"] = .number(30)
    p["mu_eV"] = .number(-0.63)
    p["aah_eV"] = .number(0.4)
    p["flux_phase_rad"] = .number(0.1)
    p["exchange_eV"] = .number(0.3)
    let row = try model.evaluate(p).numbers()
    XCTAssertEqual(row.count, model.outputs.count)
    let ring = HatanoNelsonRing(
      cells: 10, gamma: 0.5, t2: 1, fluxPhase: 0.1, exchange: 0.3, theta: Double.pi / 4, azimuth: Double.pi / 6,
      aah: 0.4)
    let d = try PersistentCurrents.compute(ring, mu: -0.63, method: .derivative).currents
    let reference = [d.charge.real, d.spin[0].real, d.spin[1].real, d.spin[2].real]
    let ours = [row[0], row[2], row[4], row[6]]
    for (a, b) in zip(ours, reference) {
      XCTAssertEqual(a, b, accuracy: 1e-6 * max(abs(b), 1e-30) + 1e-25)
    }
    XCTAssertGreaterThan(abs(row[6]), 1e-6, "a non-trivial spin current")
  }

  /// relaxation-rates (eigenvalues of Γ) = closed form Eq. 36 without lattice decay:
  /// γ± = ½[(1+q) ± √((1+q)² − 4ξq)], q = k²/k_M² (1e−12: a 2×2 eigenproblem, well separated).
  func testRelaxationRatesMatchEquation36() throws {
    let model = RelaxationRatesComputation()
    for (xi, q) in [(0.1, 0.5), (0.3, 2.0), (0.9, 7.0)] {
      var p = defaults(model)
      p["xi"] = .number(xi)
      p["k2_ratio"] = .number(q)
      let row = try model.evaluate(p).numbers()
      let root = ((1 + q) * (1 + q) - 4 * xi * q).squareRoot()
      XCTAssertEqual(row[0], 0.5 * (1 + q + root), accuracy: 1e-12)
      XCTAssertEqual(row[1], 0.5 * (1 + q - root), accuracy: 1e-12)
    }
  }

  /// magnon-formula against three independent facts about Eq. 15 and Eq. 16 (Δ = 0.2 K, |h| = Δ):
  /// - the classical limit: at T = 5Δ Eq. 16 is Eq. 15's zeroth Matsubara term; the first dropped
  ///   term is ≈ 2e^{−2π√(πT/Δ)}/e^{−2π√(|h|/Δ)} ≈ 1.6e−8 of it, so 1e−7 relative bounds the gap;
  /// - 2π-periodicity in Ω (I_s depends on Ω through n − Ω/2π only): Ω and Ω + 2π agree to 1e−12
  ///   relative (the reduction of Ω/2π to [−½, ½] rounds at 1e−16 of 1, times the derivative);
  /// - oddness in Ω (time reversal of the texture): I_s(−Ω) = −I_s(Ω) to 1e−12 relative, both routes.
  func testMagnonFormulaClassicalLimitPeriodicityAndOddness() throws {
    let model = MagnonFormulaComputation()
    let gap = 0.2
    func current(_ omega: Double, _ t: Double, _ method: String) throws -> Double {
      let table = try model.table(
        fixed: [
          "solid_angle": .number(omega), "gap_K": .number(gap), "zeeman_K": .number(gap), "temperature_K": .number(t),
          "method": .text(method),
        ])
      return try XCTUnwrap(table.numbers("longitudinal_spin_current_K")?.first)
    }
    let sum = try current(1.1, 5 * gap, "sum"), eq16 = try current(1.1, 5 * gap, "closed-form")
    XCTAssertNotEqual(sum, 0)
    XCTAssertEqual(eq16 / sum - 1, 0, accuracy: 1e-7)
    for method in ["sum", "closed-form"] {
      let i = try current(1.1, gap, method)
      XCTAssertEqual(try current(1.1 + 2 * Double.pi, gap, method) / i - 1, 0, accuracy: 1e-12, method)
      XCTAssertEqual(try current(-1.1, gap, method) / i + 1, 0, accuracy: 1e-12, method)
    }
  }

  func testRegistryNamesThePhysicsModels() {
    let names = Catalogue.standard.computations.map(\.name)
    for ring in ["ring-spectrum", "ring-bands", "ring-currents", "ring-states"] {
      XCTAssertTrue(names.contains(ring), ring)
    }
    XCTAssertTrue(names.contains("relaxation-rates"))
  }
}
