import Foundation
import XCTest

/// The catalogue as one vocabulary, checked through the binary for every computation it lists:
/// the defaults `models --format json` states are the CLI's (its `--help` and the values a
/// `--save-study` file writes) and the study file's; `--vary` on the command line and `run`
/// on the `--save-study` file give the same data.csv bytes; docs/parameters.md is the
/// generated text; no test fixture ships in the binary.
final class CatalogueCLITests: XCTestCase {
  struct Entry {
    let name: String
    let command: [String]
    let parameters: [[String: Any]]
    let example: [String]
  }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func entries() throws -> [Entry] {
    let r = try CLI.run(["models", "--format", "json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let list = try XCTUnwrap(json["computations"] as? [[String: Any]])
    return list.map {
      Entry(
        name: $0["name"] as! String,
        command: Array(($0["command"] as! String).split(separator: " ").dropFirst().map(String.init)),
        parameters: $0["parameters"] as! [[String: Any]], example: $0["example"] as! [String])
    }
  }

  func testEveryEntryVaryEqualsRunOfSavedStudyAndDefaultsAgree() throws {
    let list = try entries()
    XCTAssertGreaterThanOrEqual(list.count, 3)
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for entry in list {
      let args = entry.example
      XCTAssertTrue(args.contains("--vary"), "\(entry.name): the example sweeps")
      // 1. CLI with --vary → stdout CSV.
      let direct = try CLI.run(entry.command + args + ["--quiet"], timeout: 120)
      XCTAssertEqual(direct.status, 0, "\(entry.name): \(direct.stderr)")
      // 2. The same command line → study file → run.
      let study = dir.appendingPathComponent("\(entry.name).toml").path
      let saved = try CLI.run(entry.command + args + ["--save-study", study])
      XCTAssertEqual(saved.status, 0, "\(entry.name): \(saved.stderr)")
      let out = dir.appendingPathComponent(entry.name).path
      let run = try CLI.run(["run", study, "--out", out, "--quiet"], timeout: 120)
      XCTAssertEqual(run.status, 0, "\(entry.name): \(run.stderr)")
      let data = try String(contentsOfFile: out + "/data.csv", encoding: .utf8)
      XCTAssertEqual(data, direct.stdout, "\(entry.name): --vary and run of --save-study differ")
      // 3. Defaults: models JSON = --help = the study file's value for every parameter the example leaves alone.
      let help = try CLI.run(entry.command + ["--help"]).stdout
      let toml = try String(contentsOfFile: study, encoding: .utf8)
      for p in entry.parameters {
        let id = p["id"] as! String, flag = p["flag"] as! String
        guard let d = p["default"], !(d is NSNull) else { continue }
        let shown = Self.render(d)
        let allowed = p["allowed"] as! String
        XCTAssertTrue(
          help.contains("[\(id); default \(shown); \(allowed)]"),
          "\(entry.name): --help states \(id) = \(shown), allowed \(allowed), as models --format json does")
        let bare = String(flag.dropFirst(2))
        let mentioned = args.contains(flag) || args.contains { $0.hasPrefix(bare + "=") || $0.hasPrefix(id + "=") }
        if !mentioned {
          let line = toml.split(separator: "\n").first { $0.hasPrefix("\(id) = ") }
          if let line {
            let value = line.dropFirst("\(id) = ".count).split(separator: " ").first.map(String.init) ?? ""
            if !(d is [Any]) { XCTAssertEqual(Self.unquote(value), shown, "\(entry.name): study default of \(id)") }
          }
        }
      }
    }
  }

  /// JSON numbers back as the catalogue prints them (integral values without ".0").
  static func render(_ value: Any) -> String {
    if let s = value as? String { return s }
    if let list = value as? [Any] { return list.map(render).joined(separator: ",") }
    if let n = value as? NSNumber {
      let x = n.doubleValue
      if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
      return "\(x)"
    }
    return "\(value)"
  }

  static func unquote(_ s: String) -> String {
    s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
  }

  func testParametersDocIsGenerated() throws {
    let r = try CLI.run(["models", "--format", "markdown"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/parameters.md"), encoding: .utf8)
    XCTAssertEqual(
      doc, r.stdout,
      "docs/parameters.md is stale: regenerate with `spintransport models --format markdown > docs/parameters.md`")
  }

  func testNoTestFixtureShips() throws {
    let r = try CLI.run(["run", "--help"])
    XCTAssertFalse(r.stdout.contains("test-function"), r.stdout)
    let models = try CLI.run(["models"])
    XCTAssertFalse(models.stdout.lowercased().contains("fixture"), models.stdout)
    let sources = Self.root.appendingPathComponent("Sources").path
    let files = (FileManager.default.enumerator(atPath: sources)?.allObjects as? [String]) ?? []
    XCTAssertFalse(files.isEmpty)
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
      XCTAssertFalse(text.contains("TestFunction") || text.contains("TestFixture"), file)
    }
  }

  func testVaryAcceptsFlagOrIdAndTwoAxes() throws {
    let a = try CLI.run(["relaxation", "rates", "--vary", "k2-ratio=0:1:3"])
    let b = try CLI.run(["relaxation", "rates", "--vary", "k2_ratio=0:1:3"])
    XCTAssertEqual(a.status, 0, a.stderr)
    XCTAssertEqual(a.stdout, b.stdout)
    let grid = try CLI.run(["relaxation", "rates", "--vary", "xi=0.1,0.9", "--vary", "k2-ratio=0:1:3"])
    XCTAssertEqual(grid.status, 0, grid.stderr)
    let csv = CLI.csv(grid.stdout)
    XCTAssertEqual(csv.header, ["xi", "k2_ratio", "gamma_plus_r", "gamma_minus_r"])
    XCTAssertEqual(csv.rows.map { $0[0] }, ["0.1", "0.1", "0.1", "0.9", "0.9", "0.9"], "outer axis first")
  }

  func testNegativeValuesParseOrAreRefusedInOneLine() throws {
    let w = try CLI.run(["relaxation", "wavevector", "--omega", "-1:1:3"])
    XCTAssertEqual(w.status, 0, w.stderr)
    XCTAssertEqual(CLI.csv(w.stdout).rows.count, 3)
    try CLI.assertBadInput(["relaxation", "rates", "--k2-ratio", "-1"], mentions: "--k2-ratio")
  }
}
