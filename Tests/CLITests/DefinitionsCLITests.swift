import Foundation
import XCTest

/// End-to-end runs of `spintransport definitions check` (DESIGN.md contract: rows, columns,
/// formats, exit codes).
final class DefinitionsCLITests: XCTestCase {
  let model = ["definitions", "check", "--sites", "12", "--rashba", "0.3", "--zeeman", "0.4"]

  func rows(_ stdout: String) -> [String: (Double, Double)] {
    var out: [String: (Double, Double)] = [:]
    for r in CLI.csv(stdout).rows { out[r[0]] = (Double(r[1])!, Double(r[2])!) }
    return out
  }

  func testCheckRowsColumnsAndClaims() throws {
    let r = try CLI.run(model + ["--temperature", "300", "--mu", "-0.5"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header, ["definition", "max_eigenstate_abs_eVa", "thermal_value_eVa"])
    XCTAssertEqual(t.rows.map { $0[0] }, ["bare", "shi", "label", "torque_position", "twist_slope"])
    let v = rows(r.stdout)
    let scale = v["bare"]!.0
    XCTAssertGreaterThan(abs(v["bare"]!.1), 0.01)
    // Same tolerances as the library tests: 1e−10 of the bare eigenstate scale for identities,
    // 1e−8 for the finite-difference twist slope.
    XCTAssertEqual(v["shi"]!.1, 0, accuracy: 1e-10 * scale)
    XCTAssertLessThan(v["shi"]!.0, 1e-10 * scale)
    XCTAssertEqual(v["bare"]!.1, -v["torque_position"]!.1, accuracy: 1e-10 * scale)
    XCTAssertEqual(v["label"]!.1, -2 * v["torque_position"]!.1, accuracy: 1e-10 * scale)
    XCTAssertLessThan(v["twist_slope"]!.0, 1e-8 * scale)
    XCTAssertEqual(v["twist_slope"]!.1, 0, accuracy: 1e-8 * scale)
  }

  func testPatchJSONAndAtomicFile() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("d.json").path
    let r = try CLI.run(model + ["--width", "2", "--particles", "10", "--occupation", "--format", "json", "-o", file])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
    XCTAssertEqual(
      json["columns"] as! [String],
      ["definition", "max_eigenstate_abs_eVa", "thermal_value_eVa", "chemical_potential_eV", "particle_number"])
    let rows = json["rows"] as! [[Any]]
    XCTAssertEqual(rows.count, 5)
    XCTAssertEqual(rows[0][4] as! Double, 10, accuracy: 1e-12)
    XCTAssertEqual((json["metadata"] as! [String: Any])["computation"] as? String, "definitions-check")
  }

  func testBadInputExitsTwoWithoutFile() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("bad.csv").path
    let base = ["definitions", "check", "--rashba", "0.3", "--zeeman", "0.4", "-o", file]
    try CLI.assertBadInput(base + ["--sites", "1"], mentions: "--sites")
    try CLI.assertBadInput(base + ["--sites", "501"], mentions: "--sites")
    try CLI.assertBadInput(base + ["--sites", "8", "--width", "100"], mentions: "--width")
    try CLI.assertBadInput(base + ["--sites", "8", "--temperature", "-3"], mentions: "--temperature")
    try CLI.assertBadInput(base + ["--sites", "8", "--mu", "nan"], mentions: "--mu")
    try CLI.assertBadInput(base + ["--sites", "8", "--particles", "17"], mentions: "--particles")
    try CLI.assertBadInput(base + ["--sites", "8", "--mu", "0", "--particles", "3"], mentions: "--particles")
    try CLI.assertBadInput(["definitions", "check", "--sites", "8", "--zeeman", "0.4"], mentions: "--rashba")
    try CLI.assertBadInput(
      ["definitions", "check", "--sites", "8", "--rashba", "inf", "--zeeman", "0.4"], mentions: "--rashba")
  }
}
