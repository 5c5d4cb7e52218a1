import PhysicalConstants
import XCTest

/// Smoke test so the PhysicalConstantsTests target has a source file on every branch.
final class ConversionSmokeTests: XCTestCase {
  /// k_B/e = 8.617333262e−5 eV/K (both exact in the 2019 SI); 1e-9 relative covers the 10 digits quoted.
  func testElectronVoltPerKelvin() {
    XCTAssertEqual(PhysicalConstants.electronVoltPerKelvin / 8.617_333_262e-5, 1, accuracy: 1e-9)
  }
}
