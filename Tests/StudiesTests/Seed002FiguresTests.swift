import SpinTransport
import XCTest

@testable import Studies

/// Seed 002 figures: every planned id is built, computes, and its plot refers to real columns.
final class Seed002FiguresTests: XCTestCase {
  func testEveryPlannedSeed002FigureIsBuiltAndComputes() throws {
    let planned = FigureCatalogue.planned.map(\.id).filter { $0.hasPrefix("002-") }
    let built = FigureCatalogue.seed002
    XCTAssertEqual(built.map(\.id), planned)
    XCTAssertEqual(Set(FigureCatalogue.all.map(\.id)).intersection(planned).count, planned.count)
    for figure in built {
      let start = Date()
      let result = try figure.compute()
      let columns = Set(result.table.columns)
      XCTAssertFalse(result.table.rows.isEmpty, figure.id)
      XCTAssertTrue(columns.contains(result.plot.x), figure.id)
      for panel in result.plot.panels { for y in panel.y { XCTAssertTrue(columns.contains(y), "\(figure.id): \(y)") } }
      if let g = result.plot.groupBy { XCTAssertTrue(columns.contains(g), figure.id) }
      XCTAssertFalse(result.comparisons.isEmpty, figure.id)
      for line in result.comparisons { XCTAssertTrue(line.hasPrefix("paper: ") && line.contains(" | ours"), line) }
      print(
        "\(figure.id) (\(String(format: "%.2f", Date().timeIntervalSince(start))) s, \(result.table.rows.count) rows, "
          + "\(result.table.warnings.count) warnings)")
      for line in result.comparisons { print("  \(line)") }
    }
  }
}
