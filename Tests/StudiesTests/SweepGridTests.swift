@testable import Diagnostics
import Foundation
import XCTest

@testable import Studies

/// Sweep grids hold the values the user typed, and sweep warnings name their grid points.
final class SweepGridTests: XCTestCase {
  /// The decimal grid agrees with binary start + i·step within 10⁻¹⁵ × max(|start|, |stop|):
  /// the binary route rounds four times (stop − start, ÷ (n − 1), × i, + start; ≤ 2⁻⁵³ relative
  /// to that scale each) and the decimal one once (½ ulp of the value), 5.6·10⁻¹⁶ in all. Both
  /// ends are as written, a grid typed in decimals prints as typed, and a non-terminating step
  /// gives the Double nearest to the exact value.
  func testLinearGridIsStartPlusIStepInDecimal() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let start = Double(Int.random(in: -1000...1000, using: &generator)) / 100
      let stop =
        Double(Int.random(in: -1000...1000, using: &generator)) / Double(Int.random(in: 1...1000, using: &generator))
      let count = Int.random(in: 2...60, using: &generator)
      let values = SweepRange(name: "x", start: start, stop: stop, count: count).values
      XCTAssertEqual(values.first, start)
      XCTAssertEqual(values.last, stop)
      let step = (stop - start) / Double(count - 1)
      for (i, v) in values.enumerated() {
        let binary = start + Double(i) * step
        XCTAssertLessThanOrEqual(
          abs(v - binary), 1e-15 * max(abs(start), abs(stop)), "\(start):\(stop):\(count) [\(i)]")
      }
    }
    func text(_ a: Double, _ b: Double, _ n: Int) -> [String] {
      SweepRange(name: "x", start: a, stop: b, count: n).values.map { "\($0)" }
    }
    XCTAssertEqual(text(0.01, 0.09, 5), ["0.01", "0.03", "0.05", "0.07", "0.09"])
    XCTAssertEqual(text(1.5e-11, 4.5e-11, 3), ["1.5e-11", "3e-11", "4.5e-11"])
    // 1 + 19/3 and 1 + 38/3, each the Double nearest to the exact value.
    XCTAssertEqual(SweepRange(name: "x", start: 1, stop: 20, count: 4).values, [1, 22.0 / 3, 41.0 / 3, 20])
    XCTAssertEqual(text(1e300, 2e300, 3), ["1e+300", "1.5e+300", "2e+300"])
  }

  /// gridValue moves a number by at most its tolerance, to a short decimal when one is that
  /// close, and leaves a number whose nearest short decimals are farther alone.
  func testGridValueSnapsOnlyToANearbyShortDecimal() {
    for x in [9.99999999999998e-12, -3.3333333333333335, 1e300, 5e-324, 0, 7, 2.154434690031884] {
      XCTAssertLessThanOrEqual(abs(SweepRange.gridValue(x) - x), 1e-13 * abs(x), "\(x)")
    }
    XCTAssertEqual(SweepRange.gridValue(9.99999999999998e-12), 1e-11)
    XCTAssertEqual(SweepRange.gridValue(3.1622776601683795), 3.1622776601683795)
  }

  /// A warning raised at several grid points is printed once, naming the first three points
  /// and how many more; a one-point study's warning is unchanged.
  func testSweepWarningsNameTheirGridPoints() {
    let w = NumericalWarning(kind: "ill-conditioned", message: "condition number 3e12", value: 3e12)
    let other = NumericalWarning(kind: "not-converged", message: "residual 1e-3", value: 1e-3)
    let located = (0..<5).map { (w, at: "flux_phase_rad = 0.\($0)") } + [(other, at: "flux_phase_rad = 0.2")]
    let out = StudyRunner.locating(located)
    XCTAssertEqual(
      out.map(\.message),
      [
        "at flux_phase_rad = 0.0; flux_phase_rad = 0.1; flux_phase_rad = 0.2 and 2 more points: condition number 3e12",
        "at flux_phase_rad = 0.2: residual 1e-3",
      ])
    XCTAssertEqual(out[0].value, 3e12)
    XCTAssertEqual(StudyRunner.locating([(w, at: "")]).map(\.message), ["condition number 3e12"])
  }
}
