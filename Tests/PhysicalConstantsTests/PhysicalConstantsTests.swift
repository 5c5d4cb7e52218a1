import PhysicalConstants
import XCTest

/// Derived conversions against independently quoted values (docs/model-reference.md, CODATA 2018 tables).
final class PhysicalConstantsTests: XCTestCase {
  /// docs/model-reference.md quotes e·(1 eV)/ħ = 2.4341e−4 A (5 significant digits → 1e−4 relative).
  func testCurrentPerElectronVoltHopping() {
    XCTAssertEqual(PhysicalConstants.amperePerElectronVoltHopping, 2.4341e-4, accuracy: 2.4341e-4 * 1e-4)
  }
  /// docs/model-reference.md quotes gμ_B/k_B = g·0.671714 K/T (6 digits → 2e−6 relative).
  func testZeemanKelvinPerTesla() {
    XCTAssertEqual(PhysicalConstants.zeemanKelvinPerTesla(g: 2), 2 * 0.671714, accuracy: 2 * 0.671714 * 2e-6)
  }
  /// c² μ₀ ε₀ = 1 (CODATA values are mutually consistent to their 1.5e−10 uncertainty).
  func testVacuumConstantsConsistent() {
    let c = PhysicalConstants.speedOfLight
    XCTAssertEqual(
      c * c * PhysicalConstants.vacuumPermeability * PhysicalConstants.vacuumPermittivity, 1, accuracy: 1e-9)
  }
  /// k_B/e = 8.617333262e−5 eV/K (CODATA 2018, exact ratio of exact constants).
  func testElectronVoltPerKelvin() {
    XCTAssertEqual(PhysicalConstants.electronVoltPerKelvin, 8.617333262e-5, accuracy: 1e-14)
  }
}
