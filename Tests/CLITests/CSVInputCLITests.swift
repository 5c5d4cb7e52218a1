import Foundation
import XCTest

/// Every CSV the CLI reads goes through one RFC 4180 reader; bad files are one line naming the line.
final class CSVInputCLITests: XCTestCase {
  private func write(_ text: String, _ name: String) throws -> String {
    let path = try CLI.temporaryDirectory().appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func testProfileWithQuotedHeaderCRLFAndCommentsIsRead() throws {
    let csv = try write("# hat profile\r\n\"x\",\"dM\",\"dm\"\r\n-10,0,0\r\n\r\n0, 1 ,\"0.5\"\r\n10,0,0\r\n", "hat.csv")
    let r = try CLI.run([
      "relaxation", "evolve", "--xi", "0.5", "--length", "20", "--points", "50", "--boundary", "periodic",
      "--initial", "file", "--profile", csv, "--times", "0",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.rows.count, 50)
    XCTAssertEqual(Double(t.rows[25][2])!, 1, accuracy: 1e-12)
    XCTAssertEqual(Double(t.rows[25][3])!, 0.5, accuracy: 1e-12)
  }

  func testBadProfileIsOneLineWithItsLineNumber() throws {
    let ragged = try write("x,dM,dm\n-1,0,0\n\"a\nb\",1,0\n1,0\n", "ragged.csv")
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--initial", "file", "--profile", ragged],
      mentions: ["--profile", "ragged.csv line 5", "2 fields, the header has 3"])
    let open = try write("x,dM,dm\n-1,0,0\n1,\"0,0\n", "open.csv")
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--initial", "file", "--profile", open],
      mentions: ["--profile", "open.csv line 3", "not closed"])
    let empty = try write("", "empty.csv")
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--initial", "file", "--profile", empty],
      mentions: ["--profile", "empty.csv line 1", "empty file"])
  }

  func testPlotReadsQuotedNewlinesAndRefusesRaggedRowsByLine() throws {
    let ragged = try write("x,y\n0,1\n1\n", "ragged.csv")
    try CLI.assertRefused(["plot", ragged, "--x", "x", "--y", "y"], mentions: ["ragged.csv", "CSV line 3"])
    let empty = try write("", "empty.csv")
    try CLI.assertRefused(["plot", empty, "--x", "x", "--y", "y"], mentions: ["empty.csv", "CSV line 1"])
    // A group label with a line break and a comma parses (a wrong column count would be exit 2).
    let quoted = try write("x,y,g\r\n0,1,\"a,\nb\"\r\n1,2,\"a,\nb\"\r\n0,3,c\r\n1,4,c\r\n", "quoted.csv")
    let out = (quoted as NSString).deletingLastPathComponent + "/q.png"
    let r = try CLI.run(
      ["plot", quoted, "--x", "x", "--y", "y", "--group", "g", "--out", out], environment: ["PATH": "/nonexistent"])
    XCTAssertEqual(r.status, 1, "parsed; only gnuplot is missing: \(r.stderr)")
    XCTAssertTrue(r.stderr.contains("gnuplot not found"), r.stderr)
    let script = try String(contentsOfFile: (out as NSString).deletingPathExtension + ".gp", encoding: .utf8)
    XCTAssertTrue(script.contains("'g = a, b'") || script.contains("a, b"), script)
  }
}
