import Foundation
@testable import ModelFiles
import Numerics
import XCTest

/// The expression language against Swift's own math, and its located errors.
final class ExpressionTests: XCTestCase {
  let at = SourceLocation(file: "m.toml", line: 3, column: 10)

  func compile(_ text: String, _ variables: [String] = ["x", "y"]) throws -> ModelExpression {
    try ModelExpression(text, at: at, variables: variables)
  }

  /// Real expressions call the same Foundation functions in the same order as the Swift
  /// reference written beside them, so the two agree to rounding; 4 ulp of the larger magnitude
  /// allows only for the compiler contracting a*b+c into one fused multiply-add on one side.
  func testRealExpressionsEqualSwiftMath() throws {
    var rng = SystemRandomNumberGenerator()
    let cases: [(String, (Double, Double) -> Double)] = [
      ("x + y * 2 - 3 / y", { x, y in x + y * 2 - 3 / y }),
      ("sin(x) * cos(y) + exp(-x^2)", { x, y in sin(x) * cos(y) + exp(-pow(x, 2)) }),
      ("tanh((x - y) / 0.7)", { x, y in tanh((x - y) / 0.7) }),
      ("sqrt(abs(x)) + log(1 + y^2)", { x, y in sqrt(abs(x)) + log(1 + pow(y, 2)) }),
      ("atan2(y, x) - 2*pi*floor(x)", { x, y in atan2(y, x) - 2 * Double.pi * floor(x) }),
      ("-x^2", { x, _ in -pow(x, 2) }),
      ("2^3^2 + x", { x, _ in pow(2, pow(3, 2)) + x }),
      (
        "mod(x * 7, 3) + min(x, y, 0.5) - max(x, y)",
        { x, y in
          let m = (x * 7).truncatingRemainder(dividingBy: 3)
          return (m != 0 && m < 0 ? m + 3 : m) + min(x, y, 0.5) - max(x, y)
        }
      ),
      ("sinh(x) / cosh(y) + tan(0.3 * y) + e^x", { x, y in sinh(x) / cosh(y) + tan(0.3 * y) + pow(M_E, x) }),
      ("asin(x / 3) + acos(y / 3) + atan(x * y)", { x, y in asin(x / 3) + acos(y / 3) + atan(x * y) }),
      ("x^-2 + (y)^(3)", { x, y in pow(x, -2) + pow(y, 3) }),
      (
        "sign(x) * round(y * 10) / 10 + ceil(x)",
        { x, y in (x > 0 ? 1 : x < 0 ? -1 : 0) * (y * 10).rounded() / 10 + ceil(x) }
      ),
      ("1.5e-3 * x + .25 + 2E2", { x, _ in 1.5e-3 * x + 0.25 + 2e2 }),
    ]
    for (text, reference) in cases {
      let expression = try compile(text)
      for _ in 0..<200 {
        let x = Double.random(in: -2.9...2.9, using: &rng), y = Double.random(in: 0.1...2.9, using: &rng)
        let got = try expression.evaluate([Complex(x, 0), Complex(y, 0)])
        let want = reference(x, y)
        XCTAssertEqual(got.imaginary, 0, text)
        XCTAssertEqual(got.real, want, accuracy: 4 * max(abs(want), 1).ulp, "\(text) at x = \(x), y = \(y)")
      }
    }
  }

  /// Complex arithmetic against swift-numerics' `Complex` computed beside it (same operations:
  /// agreement to rounding, 1e-14 relative).
  func testComplexValues() throws {
    var rng = SystemRandomNumberGenerator()
    let e = try compile("exp(im * x) * (y - im) / (1 + im*y) + sqrt(-y) + log(-x - 3)")
    for _ in 0..<200 {
      let x = Double.random(in: -2...2, using: &rng), y = Double.random(in: 0.1...3, using: &rng)
      let i = Complex<Double>(0, 1)
      let want =
        Complex.exp(i * Complex(x, 0)) * (Complex(y, 0) - i) / (Complex(1, 0) + i * Complex(y, 0))
        + Complex(0, sqrt(y)) + Complex.log(Complex(-x - 3, 0))
      let got = try e.evaluate(["x": Complex(x, 0), "y": Complex(y, 0)])
      XCTAssertEqual(got.real, want.real, accuracy: 1e-14 * max(1, want.length))
      XCTAssertEqual(got.imaginary, want.imaginary, accuracy: 1e-14 * max(1, want.length))
    }
    XCTAssertEqual(try compile("(1 + 2*im) * (3 - im)").evaluate([Complex<Double>.zero, .zero]), Complex(5, 5))
    XCTAssertEqual(try compile("abs(3 + 4*im)").evaluate([Complex<Double>.zero, .zero]), Complex(5, 0))
    XCTAssertEqual(
      try compile("conj(2 + im) + real(im) + imag(3*im)").evaluate([Complex<Double>.zero, .zero]), Complex(5, -1))
    XCTAssertEqual(try compile("sqrt(-4)").evaluate([Complex<Double>.zero, .zero]), Complex(0, 2))
    XCTAssertEqual(try compile("im^2").evaluate([Complex<Double>.zero, .zero]), Complex(-1, 0))
    XCTAssertTrue(try compile("x + 1").uses("x"))
    XCTAssertFalse(try compile("x + 1").uses("y"))
    XCTAssertThrowsError(try compile("x + im").real([Complex(1, 0), .zero]))
  }

  /// Each error names file:line:column of the offending token (expression starts at column 10).
  func testErrorsNameTheToken() throws {
    let cases: [(String, Int, String)] = [
      ("1 + foo", 14, "unknown name foo"),
      ("1 + sn(x)", 14, "did you mean sin?"),
      ("x / (y - y)", 12, "division by zero"),
      ("2 * log(x - x)", 14, "log(0)"),
      ("exp(1000 * y)", 10, "non-finite"),
      ("(x + 1", 10, "missing \")\""),
      ("x + * y", 14, "unexpected \"*\""),
      ("x y", 12, "unexpected \"y\""),
      ("atan2(x)", 10, "atan2 takes 2 arguments"),
      ("floor(im)", 10, "complex"),
      ("mod(x, 0)", 10, "mod("),
      ("", 10, "empty expression"),
      ("x + 1e999", 14, "malformed number"),
      ("x + $", 14, "unexpected \"$\""),
    ]
    for (text, column, message) in cases {
      do {
        let e = try compile(text)
        _ = try e.evaluate([Complex(1, 0), Complex(2, 0)])
        XCTFail("no error for \(text)")
      } catch let error as ModelFileError {
        XCTAssertTrue(error.description.hasPrefix("m.toml:3:\(column): "), "\(text): \(error)")
        XCTAssertTrue(error.description.contains(message), "\(text): \(error)")
        XCTAssertFalse(error.description.contains("\n"))
      }
    }
  }

  /// Bounds: length and nesting depth are refused at compile time, not by a stack overflow.
  func testBounds() throws {
    XCTAssertThrowsError(try compile(String(repeating: "x+", count: 500) + "x")) {
      XCTAssertTrue("\($0)".contains("at most 1000"), "\($0)")
    }
    XCTAssertNoThrow(try compile(String(repeating: "x+", count: 499) + "x"))
    XCTAssertThrowsError(try compile(String(repeating: "(", count: 100) + "x" + String(repeating: ")", count: 100))) {
      XCTAssertTrue("\($0)".contains("nested more than"), "\($0)")
    }
    XCTAssertThrowsError(try compile(String(repeating: "-", count: 200) + "x")) {
      XCTAssertTrue("\($0)".contains("nested more than"), "\($0)")
    }
  }
}
