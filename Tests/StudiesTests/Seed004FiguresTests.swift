import SpinTransport
@testable import LongitudinalRelaxation
@testable import Studies
import XCTest

/// Seed 004 figures: planned ids, tidy tables, plot columns present, comparisons filled.
final class Seed004FiguresTests: XCTestCase {
  func testIdsAreThePlannedOnes() {
    let ids = FigureCatalogue.seed004.map(\.id)
    XCTAssertEqual(ids, ["004-fig01", "004-fig02", "004-fig03", "004-fig04", "004-fig05"])
    let planned = Set(FigureCatalogue.planned.map(\.id))
    for id in ids { XCTAssertTrue(planned.contains(id), id) }
    XCTAssertTrue(Set(FigureCatalogue.all.map(\.id)).isSuperset(of: ids))
  }

  func testAllFiguresCompute() throws {
    for figure in FigureCatalogue.seed004 {
      let result = try figure.compute()
      XCTAssertFalse(result.table.rows.isEmpty, figure.id)
      var needed = [result.plot.x] + result.plot.panels.flatMap(\.y)
      if let g = result.plot.groupBy { needed.append(g) }
      for column in needed {
        let values = result.table.numbers(column)
        XCTAssertNotNil(values, "\(figure.id): \(column)")
        XCTAssertTrue(values?.allSatisfy(\.isFinite) ?? false, "\(figure.id): \(column)")
      }
      XCTAssertFalse(result.comparisons.isEmpty, figure.id)
      XCTAssertTrue(result.comparisons.allSatisfy { $0.contains("paper:") && $0.contains(" | ours") }, figure.id)
    }
  }

  /// Fig. 2 at ξ = 0.3: the long-wavelength end obeys Eq. 37 and γ⁺ ≥ γ⁻ everywhere.
  func testFigure2Content() throws {
    let t = try FigureCatalogue.seed004[1].compute().table
    let k2 = t.numbers("k2_ratio")!, xi = t.numbers("xi")!, gp = t.numbers("gamma_plus")!,
      gm = t.numbers("gamma_minus")!
    for i in k2.indices {
      XCTAssertGreaterThanOrEqual(gp[i], gm[i])
      if k2[i] == 0 {
        XCTAssertEqual(gp[i], 1, accuracy: 1e-14)
        XCTAssertEqual(gm[i], 0, accuracy: 1e-14)
      }
      XCTAssertLessThanOrEqual(gm[i], xi[i] + 1e-14)  // γ⁻ < ξr for every k (saturation from below)
    }
  }
}
