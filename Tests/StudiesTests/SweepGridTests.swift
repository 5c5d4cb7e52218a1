import Diagnostics
import Foundation
import XCTest

@testable import Studies

/// Sweep grids hold the values the user typed, and sweep warnings name their grid points.
final class SweepGridTests: XCTestCase {
  /// Every grid value is start + i·step (computed in Decimal, 38 digits, from the same start
  /// and stop) within 4·10⁻¹⁵ × the largest magnitude involved: at most 2·10⁻¹⁵|x| from the snap
  /// to a short decimal, plus four roundings of the Double arithmetic (≤ 1.2·10⁻¹⁶ each, relative
  /// to the largest of |start|, |stop|, |x|); both ends are as written, and a decimal grid prints
  /// as typed.
  func testLinearGridIsStartPlusIStepRoundedToTheTypedDecimal() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let start = Double(Int.random(in: -1000...1000, using: &generator)) / 100
      let stop = start + Double(Int.random(in: 1...1000, using: &generator)) / 100
      let count = Int.random(in: 2...60, using: &generator)
      let values = SweepRange(name: "x", start: start, stop: stop, count: count).values
      XCTAssertEqual(values.first, start)
      XCTAssertEqual(values.last, stop)
      for (i, v) in values.enumerated() {
        let exact =
          Decimal(string: "\(start)")! + Decimal(i) * (Decimal(string: "\(stop)")! - Decimal(string: "\(start)")!)
          / Decimal(count - 1)
        let e = NSDecimalNumber(decimal: exact).doubleValue
        let scale = max(abs(start), abs(stop), abs(e))
        XCTAssertLessThanOrEqual(abs(v - e), 4e-15 * scale, "\(start):\(stop):\(count) [\(i)]")
      }
    }
    XCTAssertEqual(SweepRange(name: "x", start: 0.01, stop: 0.09, count: 5).values.map { "\($0)" },
      ["0.01", "0.03", "0.05", "0.07", "0.09"])
  }

  /// gridValue moves a number by at most its tolerance, to a short decimal when one is that
  /// close, and leaves a number whose nearest short decimals are farther alone.
  func testGridValueSnapsOnlyToANearbyShortDecimal() {
    for x in [0.049999999999999996, 1.5000000000000006e-11, -3.3333333333333335, 1e300, 5e-324, 0, 7] {
      XCTAssertLessThanOrEqual(abs(SweepRange.gridValue(x) - x), 2e-15 * abs(x), "\(x)")
      XCTAssertLessThanOrEqual(abs(SweepRange.gridValue(x, tolerance: 1e-13) - x), 1e-13 * abs(x), "\(x)")
    }
    XCTAssertEqual(SweepRange.gridValue(0.049999999999999996), 0.05)
    XCTAssertEqual(SweepRange.gridValue(1.5000000000000006e-11), 1.5e-11)
    XCTAssertEqual(SweepRange.gridValue(9.99999999999998e-12, tolerance: 1e-13), 1e-11)
    XCTAssertEqual(SweepRange.gridValue(10.064444444444445), 10.064444444444445)
  }

  /// A warning raised at several grid points is printed once, naming the first three points
  /// and how many more; a one-point study's warning is unchanged.
  func testSweepWarningsNameTheirGridPoints() {
    let w = NumericalWarning(kind: "ill-conditioned", message: "condition number 3e12", value: 3e12)
    let other = NumericalWarning(kind: "not-converged", message: "residual 1e-3", value: 1e-3)
    let located = (0..<5).map { (w, at: "flux_phase_rad = 0.\($0)") } + [(other, at: "flux_phase_rad = 0.2")]
    let out = StudyRunner.locating(located)
    XCTAssertEqual(out.map(\.message), [
      "at flux_phase_rad = 0.0; flux_phase_rad = 0.1; flux_phase_rad = 0.2 and 2 more points: condition number 3e12",
      "at flux_phase_rad = 0.2: residual 1e-3",
    ])
    XCTAssertEqual(out[0].value, 3e12)
    XCTAssertEqual(StudyRunner.locating([(w, at: "")]).map(\.message), ["condition number 3e12"])
  }
}
