@testable import LinearAlgebra
import XCTest

/// Piecewise-linear sampled profiles: exactness, the second-order error bound, and the checks.
final class SampledProfileTests: XCTestCase {
  /// A linear function is reproduced to rounding between irregular samples (interpolation is
  /// exact for linear data), and the end values are kept beyond the ends.
  func testLinearDataIsReproducedAndEndsAreKept() throws {
    var rng = SplitMix64(seed: 11)
    var x = [-3.0]
    for _ in 0..<40 { x.append(x.last! + 0.01 + Double(rng.next() % 1000) / 1000) }
    let f = { (x: Double) in [2.5 * x - 1, -0.75 * x + 4] }
    let p = try SampledProfile(positions: x, values: x.map(f))
    for _ in 0..<200 {
      let t = x[0] + (x.last! - x[0]) * Double(rng.next() % 100_000) / 100_000
      let v = p.values(at: t), e = f(t)
      // Rounding of a + s(b − a) with |values| ≲ 60: a few ulps of 60.
      XCTAssertEqual(v[0], e[0], accuracy: 1e-13)
      XCTAssertEqual(v[1], e[1], accuracy: 1e-13)
    }
    XCTAssertEqual(p.values(at: -100), f(x[0]))
    XCTAssertEqual(p.values(at: 1e9), f(x.last!))
    for k in x.indices { XCTAssertEqual(p.values(at: x[k]), f(x[k]), "exact at sample \(k)") }
  }

  /// sin x sampled every h: the error stays below the bound h²/8·max|y″| = h²/8 and falls 4-fold
  /// when h is halved (accepted 3.6…4.4: the bound is attained to O(h²) near the maxima of |sin|).
  func testErrorIsSecondOrderWithinTheBound() throws {
    var errors: [Double] = []
    for n in [41, 81, 161] {
      let x = (0..<n).map { 2 * Double.pi * Double($0) / Double(n - 1) }
      let h = x[1] - x[0]
      let p = try SampledProfile(positions: x, values: x.map { [sin($0)] })
      let error = (0...20_000).map { i -> Double in
        let t = 2 * Double.pi * Double(i) / 20_000
        return abs(p.value(0, at: t) - sin(t))
      }.max()!
      XCTAssertLessThanOrEqual(error, h * h / 8 * (1 + 1e-12))
      errors.append(error)
    }
    for k in 0..<2 {
      XCTAssertGreaterThan(errors[k] / errors[k + 1], 3.6, "\(errors)")
      XCTAssertLessThan(errors[k] / errors[k + 1], 4.4, "\(errors)")
    }
  }

  /// Bad samples are refused with the 0-based sample index where one applies.
  func testChecksNameTheSample() {
    func refused(_ x: [Double], _ y: [[Double]], row: Int?, _ text: String, line: UInt = #line) {
      XCTAssertThrowsError(try SampledProfile(positions: x, values: y), line: line) { error in
        let e = error as? SampledProfileError
        XCTAssertEqual(e?.row, row, line: line)
        XCTAssertTrue(e?.message.contains(text) ?? false, "\(error)", line: line)
      }
    }
    refused([0], [[1]], row: nil, "at least two")
    refused([0, 1, 1], [[1], [2], [3]], row: 2, "does not increase")
    refused([0, 2, 1], [[1], [2], [3]], row: 2, "does not increase")
    refused([0, .nan], [[1], [2]], row: 1, "not finite")
    refused([0, 1], [[1], [.infinity]], row: 1, "not finite")
    refused([0, 1], [[1, 2], [3]], row: 1, "1 values")
    let p = try! SampledProfile(positions: [0, 1], values: [[0], [1]])
    XCTAssertNoThrow(try p.requireCovers(0...1, "the grid"))
    XCTAssertThrowsError(try p.requireCovers(-0.5...1, "the grid")) { error in
      XCTAssertTrue("\(error)".contains("does not cover the grid"), "\(error)")
    }
  }
}
