import SpinTransport
@testable import Studies
import XCTest

/// The seed 001 figure: planned id, tidy long table, and the paper's identities in its data.
final class Seed001FigureTests: XCTestCase {
  func testDefinitionsFigure() throws {
    let figure = try XCTUnwrap(FigureCatalogue.all.first { $0.id == "001-definitions" })
    XCTAssertTrue(FigureCatalogue.planned.contains { $0.id == figure.id })
    let result = try figure.compute()
    XCTAssertEqual(result.table.columns, ["rashba_eV", "definition", "value_eVa"])
    XCTAssertEqual(result.table.rows.count, 41 * 4)
    XCTAssertEqual(result.plot.groupBy, "definition")
    XCTAssertEqual(result.comparisons.count, 5)
    for line in result.comparisons { print("001-definitions", line) }
    // Per α: bare = −½{τ,X} curve (Eq. 10) to 1e−10 eV·a, Shi ≈ 0, label = 2 × bare.
    let values = try XCTUnwrap(result.table.numbers("value_eVa"))
    var maxBare = 0.0
    for k in stride(from: 0, to: values.count, by: 4) {
      let (bare, shi, label, minusTX) = (values[k], values[k + 1], values[k + 2], values[k + 3])
      XCTAssertEqual(bare, minusTX, accuracy: 1e-10)
      XCTAssertEqual(shi, 0, accuracy: 1e-10)
      XCTAssertEqual(label, 2 * bare, accuracy: 1e-10)
      maxBare = max(maxBare, abs(bare))
    }
    XCTAssertGreaterThan(maxBare, 0.01, "a visible persistent bare current")
  }
}
