import Foundation
import SpinTransport
@testable import Studies
import XCTest

/// The streamed route of the seed-003 / seed-001 entries equals their `evaluate` (the study
/// runner's route), and ``StreamingTableWriter`` renders cells as ``ResultTable`` does.
final class Seed003StreamingTests: XCTestCase {
  /// `stream` and `evaluate` give the same rows, bit for bit, for every streaming entry here.
  func testStreamEqualsEvaluate() throws {
    let cases: [(any StreamingComputation, [String: ParameterValue])] = [
      (DiffusionInterfaceComputation(), ["length_m": 1e-8, "points": 41, "angle_deg": -30]),
      (DiffusionTorusComputation(), ["side_m": 1e-8, "points": 40]),
      (
        DiffusionEvolveComputation(),
        [
          "length_m": 1e-8, "points": 9, "steps": 3, "every": 2, "accumulation_scale": 0.01, "from_angle_deg": 0,
          "magnetization": "landau-lifshitz", "exchange_stiffness_eV_m2": 0,
        ]
      ),
      (DiffusionEvolveComputation(), ["geometry": "torus", "length_m": 1e-8, "points": 12, "steps": 2]),
    ]
    for (entry, given) in cases {
      let values = try entry.resolve(ParameterValues(given))
      try entry.prepare([values], log: { _ in })
      let evaluated = try entry.evaluate(values)
      var streamed: [[TableValue]] = []
      let warnings = try entry.stream(values, columns: Array(entry.outputs.indices)) { streamed.append($0) }
      XCTAssertEqual(streamed, evaluated.rows, entry.name)
      XCTAssertEqual(warnings, evaluated.warnings, entry.name)
      XCTAssertEqual(Double(streamed.count), entry.rowBound(values)?.rows, entry.name)
      // A subset of columns, in the given order.
      var subset: [[TableValue]] = []
      _ = try entry.stream(values, columns: [1, 3]) { subset.append($0) }
      XCTAssertEqual(subset, evaluated.rows.map { [$0[1], $0[3]] }, entry.name)
    }
  }

  /// Text, integer, finite and non-finite cells: CSV bytes equal ``ResultTable/csv()``, JSON
  /// rows equal those of ``ResultTable/json()``.
  func testWriterRendersCellsLikeResultTable() throws {
    let rows: [[TableValue]] = [
      [.text("bare"), .number(1.5e-9), .integer(3)], [.text("a,\"b\""), .number(.nan), .integer(-1)],
      [.text("x"), .number(-.infinity), .integer(0)],
    ]
    let table = ResultTable(columns: ["definition", "value_eVa", "n"], rows: rows)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for format in OutputFormat.allCases {
      let path = dir.appendingPathComponent("t.\(format.rawValue)").path
      let writer = try StreamingTableWriter(columns: table.columns, format: format, path: path)
      for row in rows { try writer.append(row) }
      try writer.finish(metadata: [:], warnings: [])
      let text = try String(contentsOfFile: path, encoding: .utf8)
      switch format {
      case .csv: XCTAssertEqual(text, table.csv())
      case .json:
        let a = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let b = try JSONSerialization.jsonObject(with: Data(try table.json().utf8)) as! [String: Any]
        XCTAssertEqual(a["rows"] as! NSArray, b["rows"] as! NSArray)
        XCTAssertEqual(a["columns"] as! [String], b["columns"] as! [String])
      }
    }
  }
}
