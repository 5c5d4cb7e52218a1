import SpinTransport
@testable import Diagnostics
import Foundation
@testable import Studies
import XCTest

final class ResultTableTests: XCTestCase {
  func testCSVAndJSONRendering() throws {
    var t = ResultTable(columns: ["x_m", "label"], metadata: ["units": "SI"])
    t.append([.number(0.5), .text("a,b")])
    t.append([.number(.nan), .text("plain")])
    t.warnings = [NumericalWarning(kind: "k", message: "condition number 1e9", value: 1e9)]
    XCTAssertEqual(t.csv(), "x_m,label\n0.5,\"a,b\"\nnan,plain\n")
    let object = try JSONSerialization.jsonObject(with: Data(try t.json().utf8)) as! [String: Any]
    XCTAssertEqual(object["columns"] as? [String], ["x_m", "label"])
    let meta = object["metadata"] as! [String: Any]
    XCTAssertEqual(meta["warnings"] as? [String], ["condition number 1e9"])
    XCTAssertEqual((object["rows"] as! [[Any]]).count, 2)
  }

  /// `metadata.warnings` and `metadata.units` are always there: an empty list and an empty
  /// object for a table without warnings or declared units (readers need no key checks).
  func testJSONMetadataAlwaysHasWarningsAndUnits() throws {
    let t = ResultTable(columns: ["x"], rows: [[.number(1)]])
    let object = try JSONSerialization.jsonObject(with: Data(try t.json().utf8)) as! [String: Any]
    let meta = object["metadata"] as! [String: Any]
    XCTAssertEqual(meta["warnings"] as? [String], [])
    XCTAssertEqual(meta["units"] as? [String: String], [:])
  }

  /// Text cells are quoted exactly when they hold a comma, a quote or a line break — ASCII ones
  /// (checked byte by byte) and others (checked by Character) alike; numbers never are.
  func testCSVQuotingOfTextCells() {
    let cases: [(String, String)] = [
      ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
      ("cr\r", "\"cr\r\""), ("tab\tok", "tab\tok"), ("vt\u{0B}", "\"vt\u{0B}\""), ("é,", "\"é,\""), ("é", "é"),
      ("line\u{2028}sep", "\"line\u{2028}sep\""), ("next\u{85}line", "\"next\u{85}line\""), ("", ""),
    ]
    for (text, field) in cases {
      var t = ResultTable(columns: ["n", "label"])
      t.append([.integer(-3), .text(text)])
      t.append([.number(-1.5e-300), .number(.infinity)])
      XCTAssertEqual(t.csv(), "n,label\n-3,\(field)\n-1.5e-300,inf\n", text.debugDescription)
    }
  }

  func testSweepRangeParsing() throws {
    let s = try SweepRange(parsing: "mu=-1:1:5", allowedNames: ["mu"])
    XCTAssertEqual(s.values, [-1, -0.5, 0, 0.5, 1])
    XCTAssertEqual(try SweepRange(parsing: "mu=2:3:1").values, [2])
    for bad in ["mu", "mu=1:2", "mu=1:2:0", "mu=a:2:3", "mu=1:inf:3", "nu=0:1:2"] {
      XCTAssertThrowsError(try SweepRange(parsing: bad, allowedNames: ["mu"])) {
        XCTAssertEqual(($0 as? InvalidParameter)?.name, "vary", bad)
      }
    }
  }

  func testParallelMapKeepsInputOrder() throws {
    let inputs = Array(0..<200)
    let out = try parallelMap(inputs) { i -> Int in
      if i % 7 == 0 { usleep(200) }  // uneven work so completion order differs from input order
      return i * i
    }
    XCTAssertEqual(out, inputs.map { $0 * $0 })
  }

  func testAtomicWriteLeavesNoTemporaryFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
    let path = dir.appendingPathComponent("out.csv").path
    try writeAtomically("a\n1\n", to: path)
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a\n1\n")
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.csv"])
  }
}
