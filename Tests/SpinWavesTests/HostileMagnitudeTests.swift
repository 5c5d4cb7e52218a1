@testable import LinearAlgebra
@testable import Diagnostics
import Foundation
import XCTest

@testable import SpinWaves

/// Library behaviour at and beyond the physical ranges: bounded work, named errors, finite numbers.
final class HostileMagnitudeTests: XCTestCase {
  let crown = CrownRing(spins: 40, spinLength: 0.5, exchange: 100, fieldTesla: 1, g: 2, latitudeDegrees: 45)

  /// Range errors carry the schema id of ``CrownRingParameters`` (the CLI shows its flag) and the unit.
  func testBoundsNameTheParameterAndItsUnit() {
    var p = crown
    p.fieldTesla = 1e300
    XCTAssertThrowsError(try p.validate()) { error in
      let e = error as! InvalidParameter
      XCTAssertEqual(e.name, "field_T")
      XCTAssertTrue(e.allowed.contains("10000] T"), e.allowed)
    }
    p = crown
    p.exchange = 1e30
    XCTAssertThrowsError(try p.ring()) { XCTAssertEqual(($0 as! InvalidParameter).name, "exchange_K") }
    XCTAssertThrowsError(
      try CrownStudy.current(try CrownStudy.groundState(crown), temperature: 1e308, method: .sum)
    ) { XCTAssertEqual(($0 as! InvalidParameter).name, "temperature_K") }
  }

  /// `--field` is in tesla; the continuum formulas take |h| in kelvin: their errors say so.
  func testZeemanErrorsNameTheDerivedQuantity() {
    XCTAssertThrowsError(try MagnonCurrent.closedForm(omega: 1, gap: 1, zeeman: -1, temperature: 1)) { error in
      let e = error as! InvalidParameter
      XCTAssertEqual(e.name, "field_T")
      XCTAssertTrue(e.value.contains("|h| = gμ_B|B|/k_B = -1.0 K"), e.value)
    }
    XCTAssertThrowsError(try MagnonCurrent.latticeSum(omega: 0, gap: 1, zeeman: 0, temperature: 1)) { error in
      XCTAssertTrue((error as! InvalidParameter).value.contains("K"), "\(error)")
    }
  }

  /// T/Δ = 1e16 (N ~ 10⁷ spins at 10⁴ K) would need ~10⁹ lattice momenta: the exact sum takes the
  /// Matsubara route (a few terms), finite, and equal to the classical Eq. 16 there (T ≫ Δ: the
  /// m ≠ 0 terms are ~e^{−2π√(π T/Δ)} = 0). Tolerance 1e-12 relative: rounding of a 2-term sum.
  func testHugeTemperatureOverGapUsesMatsubaraRoute() throws {
    let gap = 1e-12, zeeman = 3e-12, t = 1e4, omega = 1.2
    XCTAssertGreaterThan(
      MagnonCurrent.estimatedLatticeTerms(gap: gap, zeeman: zeeman, temperature: t),
      Double(MagnonCurrent.maximumLatticeTerms))
    let r = try MagnonCurrent.exactSum(omega: omega, gap: gap, zeeman: zeeman, temperature: t)
    XCTAssertEqual(r.route, "matsubara")
    XCTAssertTrue(r.sum.spinCurrent.isFinite)
    let classical = try MagnonCurrent.closedForm(omega: omega, gap: gap, zeeman: zeeman, temperature: t)
    XCTAssertEqual(r.sum.spinCurrent, classical, accuracy: 1e-12 * abs(classical))
    // The lattice sum alone refuses instead of summing for minutes.
    XCTAssertThrowsError(try MagnonCurrent.latticeSum(omega: omega, gap: gap, zeeman: zeeman, temperature: t)) {
      XCTAssertEqual(($0 as! InvalidParameter).name, "temperature_K")
    }
  }

  /// |h| ≪ Δ with Ω → 0 (S = 1000, J = 1e5 K, N = 7, |B| = 1e-12 T): Eq. 16's denominator
  /// 1 + q² − 2cosΩ q used to cancel to exactly 0 and be reported as a zero-energy magnon. Written as
  /// (1 − q)² + 4q sin²(Ω/2) it is finite and equals the exact sum: only n = 0 contributes, with
  /// E ≪ T, where n_B = T/E − ½ + … and the −½ term is weighted by u ~ 1e-20 — so 1e-9 relative is generous.
  func testEq16HasNoCancellationAtTinyFieldAndSolidAngle() throws {
    let gap = 1e5 * 1000 * pow(2 * Double.pi / 7, 2), zeeman = 1.343e-12, omega = -2.16e-19
    let closed = try MagnonCurrent.closedForm(omega: omega, gap: gap, zeeman: zeeman, temperature: 1)
    let exact = try MagnonCurrent.latticeSum(omega: omega, gap: gap, zeeman: zeeman, temperature: 1)
    XCTAssertTrue(closed.isFinite)
    XCTAssertEqual(closed, exact.spinCurrent, accuracy: 1e-9 * abs(exact.spinCurrent))
    let matsubara = try MagnonCurrent.matsubara(omega: omega, gap: gap, zeeman: zeeman, temperature: 1)
    XCTAssertTrue(matsubara.spinCurrent.isFinite)
  }

  /// A ring built directly with absurd fields (no CLI bounds) still returns in bounded time: the
  /// Levenberg ladder stops at a finite shift instead of looping on inf − inf = NaN.
  func testAbsurdFieldsTerminate() throws {
    let fields = (0..<8).map { 1e300 * Vector3.spherical(theta: 0.7, phi: -2 * Double.pi * Double($0) / 8) }
    let ring = try HeisenbergRing.ferromagnet(spinLength: 0.5, exchange: 1, fields: fields)
    let start = Date()
    let outcome = Result { try ClassicalGroundState.search(ring, randomStarts: 1) }
    XCTAssertLessThan(Date().timeIntervalSince(start), 30)
    if case .success(let r) = outcome {
      XCTAssertTrue(r.best.residual.isFinite || !r.warnings.isEmpty)
    }
  }

  func testMemoryEstimateRefusesBeforeAllocating() {
    var p = crown
    p.spins = 1_000_000_000_000
    XCTAssertThrowsError(try CrownStudy.groundState(p)) { error in
      let e = error as! InvalidParameter
      XCTAssertEqual(e.name, "spins")
      XCTAssertTrue(e.allowed.contains("needs"), e.allowed)
    }
  }
}
