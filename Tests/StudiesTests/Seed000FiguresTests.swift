import SpinTransport
import Foundation
import XCTest

@testable import Studies

/// Seed 000 figures: registered under the planned ids, tidy tables, comparisons present.
final class Seed000FiguresTests: XCTestCase {
  func testIdsArePlannedAndRegistered() {
    let planned = Set(FigureCatalogue.planned.map(\.id).filter { $0.hasPrefix("000-") })
    XCTAssertEqual(Set((FigureCatalogue.seed000 + FigureCatalogue.seed000Exact).map(\.id)), planned)
    XCTAssertEqual(Set(FigureCatalogue.all.filter { $0.seed == "000" }.map(\.id)), planned)
  }

  func testFastFiguresComputeWithComparisons() throws {
    for id in ["000-current-vs-temperature", "000-voltage"] {
      let figure = FigureCatalogue.seed000.first { $0.id == id }!
      let start = Date()
      let result = try figure.compute()
      print("\(id): \(result.table.rows.count) rows in \(Date().timeIntervalSince(start)) s")
      for line in result.comparisons { print("  \(line)") }
      XCTAssertFalse(result.table.rows.isEmpty)
      XCTAssertTrue(result.comparisons.allSatisfy { $0.contains("| ours:") })
      XCTAssertNotNil(result.table.columns.firstIndex(of: result.plot.x))
      if let group = result.plot.groupBy { XCTAssertNotNil(result.table.columns.firstIndex(of: group)) }
    }
  }
}
