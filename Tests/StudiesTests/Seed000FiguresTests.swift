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

  /// ED − semiclassics versus ring size at S = ½: adding LSWT to the classical current brings it
  /// closer to ED at every N (the 1/S expansion improves at fixed S), and every value is finite.
  func testRingSizeFigureLSWTImprovesOnClassicalAtEveryN() throws {
    let figure = FigureCatalogue.seed000Exact.first { $0.id == "000-exact-deviation-vs-ring-size" }!
    let table = try figure.compute().table
    for n in FigureCatalogue.exactRingSizes {
      func deviation(_ curve: String) -> Double {
        let key = TableValue.number(Double(n)), label = TableValue.text(curve)
        let row = table.rows.first { (cells: [TableValue]) -> Bool in cells[1] == label && cells[0] == key }!
        return row[2].number!
      }
      let classical = deviation("|ED − classical|/classical")
      let lswt = deviation("|ED − (classical + LSWT)|/classical")
      XCTAssertTrue(classical.isFinite && lswt.isFinite, "N = \(n)")
      XCTAssertLessThan(lswt, classical, "N = \(n): classical + LSWT closer to ED than classical alone")
    }
  }
}
