import XCTest

@testable import Studies

/// The default figure of a study: outputs of different units never share a y axis.
final class StudyDefaultFigureTests: XCTestCase {
  let units = ["re_charge_A": "A", "im_charge_A": "A", "re_spin_z_eV": "eV", "occupation": ""]

  func testOnePanelPerUnitInOrderOfFirstAppearance() throws {
    let panels = try XCTUnwrap(
      StudyParser.unitPanels(["re_charge_A", "re_spin_z_eV", "im_charge_A", "occupation"], units: units) { $0 })
    XCTAssertEqual(panels.map(\.y), [["re_charge_A", "im_charge_A"], ["re_spin_z_eV"], ["occupation"]])
    XCTAssertEqual(panels.map(\.yLabel), ["A", "re_spin_z_eV", "occupation"])
  }

  func testAggregateColumnsTakeTheirOutputsUnit() throws {
    let panels = try XCTUnwrap(
      StudyParser.unitPanels(
        ["re_charge_A_mean", "re_charge_A_stderr", "re_spin_z_eV_median", "count"], units: units
      ) { $0 })
    XCTAssertEqual(panels.map(\.y), [["re_charge_A_mean", "re_charge_A_stderr"], ["re_spin_z_eV_median"], ["count"]])
  }

  func testUnknownColumnOrTooManyUnitsFallBackToOnePanel() {
    XCTAssertNil(StudyParser.unitPanels(["re_charge_A", "mystery"], units: units) { $0 })
    let many = Dictionary(uniqueKeysWithValues: (0..<5).map { ("c\($0)", "u\($0)") })
    XCTAssertNil(StudyParser.unitPanels((0..<5).map { "c\($0)" }, units: many) { $0 })
  }
}
