import Foundation
import XCTest

@testable import SpinTransport
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

  /// The finite-size figure (long: 2²⁰ states at its largest N) checked on small rings of its own studies:
  /// its Lanczos ground-state jᶻ equals full diagonalisation of every screw sector (an independent route),
  /// its rows are the studies' numbers divided by JS², the classical jᶻ/(JS²) is the same for S = ½ and 1
  /// (|h| = 2JS: an S-independent texture), and classical + LSWT lies closer to the exact value than
  /// classical alone at every N.
  func testFiniteSizeFigureRowsAgreeWithFullEDAtSmallN() throws {
    let figure = try XCTUnwrap(FigureCatalogue.all.first { $0.id == "000-exact-finite-size" })
    XCTAssertTrue(figure.long)
    XCTAssertEqual(figure.studies.map(\.name), ["s1_2", "s1"])
    for (study, c) in zip(figure.studies, FigureCatalogue.exactFiniteSizeCases) {
      XCTAssertTrue(study.tomlText.contains("method = \"lanczos\""), study.tomlText)
      XCTAssertEqual(try study.study().pointCount, c.sizes.count)
    }
    let cases: FigureCatalogue.FiniteSizeCases = [(0.5, [4, 6, 8]), (1, [4, 6])]
    let studies = Seed000ExactStudies.finiteSize(cases: cases)
    let tables = try studies.map { try $0.table() }
    let result = try FigureCatalogue.exactFiniteSize(cases: cases)(tables)
    XCTAssertTrue(result.comparisons.allSatisfy { $0.contains("| ours") }, "\(result.comparisons)")
    func figureValue(_ column: String, _ n: Int) throws -> Double {
      let c = try XCTUnwrap(result.table.columns.firstIndex(of: column), column)
      let row = try XCTUnwrap(result.table.rows.first { $0[1] == .number(Double(n)) }, "N = \(n)")
      return try XCTUnwrap(row[c].number)
    }
    XCTAssertEqual(result.table.rows.count, Set(cases.flatMap(\.sizes)).count)
    for ((s, sizes), (study, table)) in zip(cases, zip(studies, tables)) {
      // The same study by full ED of every screw sector (T = 0: the ground manifold).
      var full = study.request
      full.given = full.given.map { $0.id == "method" ? ($0.id, .text("full")) : $0 }
      let ed = try StudyRunner.computeTable(study: try full.study(), model: full.computation, checkpointDirectory: nil)
        .table
      let tag = s == 0.5 ? "s1_2" : "s1", scale = s * s  // J = 1 K
      for (k, n) in sizes.enumerated() {
        let lanczos = try XCTUnwrap(table.numbers("spin_current_z_K"))[k]
        let exact = try XCTUnwrap(ed.numbers("spin_current_z_K"))[k]
        let classical = try XCTUnwrap(table.numbers("classical_spin_current_z_K"))[k]
        let lswt = try XCTUnwrap(table.numbers("lswt_spin_current_z_K"))[k]
        // Lanczos stops at a residual r ≤ 1e-10·|E_0| K; the vector error ≈ r/gap (gap ≳ 0.01 K here) moves
        // ⟨jᶻ⟩ by ≲ 1e-8·‖jᶻ‖; zheevd is exact to rounding: 1e-6 relative is safe on any BLAS kernel.
        XCTAssertEqual(lanczos, exact, accuracy: 1e-6 * abs(exact), "S = \(s), N = \(n): Lanczos vs full ED")
        // The figure's rows are the study's numbers divided by JS² (one division: 1e-12 relative).
        XCTAssertEqual(
          try figureValue("exact_\(tag)", n), lanczos / scale, accuracy: 1e-12 * abs(lanczos / scale))
        XCTAssertEqual(
          try figureValue("lswt_\(tag)", n), lswt / scale, accuracy: 1e-12 * abs(lswt / scale))
        // The classical texture at |h| = 2JS is S-independent: the S = ½ study's classical curve serves S = 1.
        // Both minimisations converge to the same texture independently: 1e-8 relative.
        XCTAssertEqual(
          try figureValue("classical", n), classical / scale, accuracy: 1e-8 * abs(classical / scale),
          "S = \(s), N = \(n): classical jᶻ/(JS²) independent of S")
        XCTAssertEqual(
          try figureValue("dev_lswt_\(tag)", n), abs(lanczos - lswt) / abs(classical), accuracy: 1e-12)
        XCTAssertLessThan(abs(lanczos - lswt), abs(lanczos - classical), "S = \(s), N = \(n): LSWT improves")
      }
    }
  }
}
