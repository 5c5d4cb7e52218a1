@testable import Diagnostics
@testable import LongitudinalRelaxation
import XCTest

/// Own (material) parameters ↔ reduced parameters, and the constraint errors.
final class ParameterTests: XCTestCase {
  func testMaterialParametersGiveRAndXi() throws {
    // χ_M = 2, χ_m = 0.5 → ξ = 0.25; τ_mM = 1 ps → τ_Mm = τ_mM/ξ = 4 ps; r = 1/τ_mM − 1/τ_Mm = 0.75e12 /s.
    let m = try RelaxationModel(chiM: 2, chim: 0.5, taumM: 1e-12, tauML: 1e-9, taumL: 2e-10, diffusivity: 1e-3)
    XCTAssertEqual(m.xi, 0.25, accuracy: 1e-15)
    XCTAssertEqual(m.exchangeRate, 0.75e12, accuracy: 1e-3)
    XCTAssertEqual(m.magnetizationLatticeRate, 1e9, accuracy: 1e-6)
    XCTAssertEqual(m.spinLatticeRate, 5e9, accuracy: 1e-6)
    XCTAssertEqual(m.exchangeWavevector, (0.75e12 / 1e-3).squareRoot(), accuracy: 1e-3)
    // Giving τ_Mm consistently with Onsager is the same model.
    let same = try RelaxationModel(
      chiM: 2, chim: 0.5, tauMm: 4e-12, taumM: 1e-12, tauML: 1e-9, taumL: 2e-10, diffusivity: 1e-3)
    XCTAssertEqual(same.exchangeRate, m.exchangeRate, accuracy: 1e-3)
    // The same physics in reduced form: rates scale by r.
    let reduced = try RelaxationModel(xi: 0.25, wm: 5e9 / 0.75e12, wM: 1e9 / 0.75e12)
    let k2 = 0.7 * m.exchangeWavevector * m.exchangeWavevector
    let a = try m.eigenRates(wavevectorSquared: k2), b = try reduced.eigenRates(wavevectorSquared: 0.7)
    XCTAssertEqual(a.gammaPlus / m.exchangeRate, b.gammaPlus, accuracy: 1e-12)
    XCTAssertEqual(a.gammaMinus / m.exchangeRate, b.gammaMinus, accuracy: 1e-12)
  }

  func testConstraintViolationsNameTheConstraint() {
    func check(_ name: String, _ text: String, _ body: () throws -> RelaxationModel) {
      XCTAssertThrowsError(try body()) { error in
        guard let e = error as? InvalidParameter else { return XCTFail("\(error)") }
        XCTAssertEqual(e.name, name)
        XCTAssertTrue(e.allowed.contains(text), e.description)
      }
    }
    check("xi", "ξ = χ_m/χ_M") { try RelaxationModel(xi: 1.2) }
    check("xi", "0 ≤ ξ ≤ 1") { try RelaxationModel(xi: -0.1) }
    check("r", "r ≥ 0") { try RelaxationModel(xi: 0.3, exchangeRate: -1) }
    check("wm", "≥ 0") { try RelaxationModel(xi: 0.3, wm: -0.01) }
    check("wM", "≥ 0") { try RelaxationModel(xi: 0.3, wM: .nan) }
    check("chi_m", "ξ = χ_m/χ_M ≤ 1") { try RelaxationModel(chiM: 1, chim: 2, taumM: 1, diffusivity: 1) }
    check("tau_Mm", "Onsager") { try RelaxationModel(chiM: 2, chim: 0.5, tauMm: 3e-12, taumM: 1e-12, diffusivity: 1) }
    check("diffusivity", "> 0") { try RelaxationModel(chiM: 2, chim: 0.5, taumM: 1e-12, diffusivity: 0) }
  }
}
