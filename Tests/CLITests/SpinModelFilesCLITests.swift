import Foundation
import XCTest

/// The spin section of docs/model-files.md runs exactly as shown: every file written as printed,
/// every command run in that directory (exit 0, no error line; JSON output parses); bad files give
/// one located line and exit 2 before anything is computed.
final class SpinModelFilesCLITests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The files (name → text) and commands of the section `## Spin rings and chains`.
  static func section() throws -> (files: [(String, String)], commands: [[String]]) {
    let doc = try String(contentsOf: root.appendingPathComponent("docs/model-files.md"), encoding: .utf8)
    guard let start = doc.range(of: "## Spin rings and chains") else { throw CocoaError(.fileReadCorruptFile) }
    var text = String(doc[start.upperBound...])
    if let next = text.range(of: "\n## ") { text = String(text[..<next.lowerBound]) }
    var files: [(String, String)] = [], commands: [[String]] = []
    var pendingName: String?, block: [String]?, kind = ""
    for line in text.components(separatedBy: "\n") {
      if var b = block {
        if line == "```" {
          if kind == "toml", let name = pendingName { files.append((name, b.joined(separator: "\n") + "\n")) }
          block = nil
          pendingName = nil
        } else {
          b.append(line)
          block = b
          if kind == "console", line.hasPrefix("$ spintransport ") {
            commands.append(line.dropFirst("$ spintransport ".count).split(separator: " ").map(String.init))
          }
        }
      } else if line.hasPrefix("File `"), let end = line.dropFirst(6).firstIndex(of: "`") {
        pendingName = String(line.dropFirst(6)[..<end])
      } else if line.hasPrefix("```") {
        kind = String(line.dropFirst(3))
        block = []
      }
    }
    return (files, commands)
  }

  func testWorkedExamplesRunAsShown() throws {
    let (files, commands) = try Self.section()
    XCTAssertEqual(files.map(\.0), ["twice-wound.toml", "random-field-ring.toml", "domain-wall-chain.toml"])
    XCTAssertGreaterThanOrEqual(commands.count, 8)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spin-docs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    var checkedJSON = 0
    for args in commands {
      let r = try CLI.run(args, timeout: 300, directory: dir)
      XCTAssertEqual(r.status, 0, "spintransport \(args.joined(separator: " ")): \(r.stderr)")
      XCTAssertFalse(r.stderr.contains("error"), r.stderr)
      XCTAssertFalse(r.stdout.isEmpty)
      if args.contains("json") {
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)), r.stdout)
        checkedJSON += 1
      }
    }
    XCTAssertGreaterThanOrEqual(checkedJSON, 4)
  }

  /// `model check --format json` of each worked example: the built system as the page describes it —
  /// sites, bonds, the symmetry found, and one spin and field per site, one 3×3 exchange per bond.
  func testModelCheckJSONOfTheWorkedExamples() throws {
    let (files, _) = try Self.section()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spin-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    // (file, sites, bonds, momentum sectors of the screw or nil, Sᶻ conserved)
    let expected: [(String, Int, Int, Int?, Bool)] = [
      ("twice-wound.toml", 6, 6, 6, false), ("random-field-ring.toml", 8, 8, nil, false),
      ("domain-wall-chain.toml", 10, 9, nil, false),
    ]
    for (name, sites, bonds, sectors, sz) in expected {
      let r = try CLI.run(["model", "check", name, "--format", "json"], directory: dir)
      XCTAssertEqual(r.status, 0, r.stderr)
      let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
      XCTAssertEqual(json["family"] as? String, "spin", name)
      XCTAssertEqual(json["sites"] as? Int, sites, name)
      XCTAssertEqual(json["bonds_count"] as? Int, bonds, name)
      XCTAssertEqual((json["site_list"] as? [Any])?.count, sites, name)
      let bondList = json["bond_list"] as? [[String: Any]] ?? []
      XCTAssertEqual(bondList.count, bonds, name)
      XCTAssertTrue(bondList.allSatisfy { ($0["exchange_K"] as? [[Double]])?.map(\.count) == [3, 3, 3] }, name)
      let symmetries = json["symmetries"] as? [String: Any] ?? [:]
      XCTAssertEqual((symmetries["screw"] as? [String: Any])?["momentum_sectors"] as? Int, sectors, name)
      XCTAssertEqual(symmetries["sz_conserved"] as? Bool, sz, name)
      // One memory line per route, named as `magnon exact --method` names it.
      XCTAssertEqual(
        Set((json["memory_bytes"] as? [String: Any] ?? [:]).keys),
        ["classical_ground_state", "exact_full", "exact_lanczos", "exact_ftlm", "exact_semiclassical"], name)
    }
  }

  func testBadModelFileIsOneLocatedLineAndExitTwo() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spin-bad-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let cases: [(String, String)] = [
      ("family = \"spin\"\nsites = 4\nspin = 0.5\n[exchange]\nJ = \"1/(j - 1)\"\n", "bad.toml:5:"),
      ("family = \"spin\"\nsites = 4\nspin = 0.5\n[exchange]\nJ = 1\nJz = 2\n", "bad.toml:6:"),
      ("family = \"spin\"\nsites = 4\nspin = 0.5\nwinding = 3\n[exchange]\nJ = 1\n", "bad.toml:4:1:"),
      // a huge size, a non-finite number, an expression syntax error, an unknown name, a complex field
      // (the spin Hamiltonian must be Hermitian: real fields and exchange)
      ("family = \"spin\"\nsites = 100000000\nspin = 0.5\n[exchange]\nJ = 1\n", "bad.toml:2:"),
      ("family = \"spin\"\nsites = 4\nspin = 0.5\n[exchange]\nJ = nan\n", "bad.toml:5:"),
      ("family = \"spin\"\nsites = 4\nspin = 0.5\n[exchange]\nJ = \"2*(1\"\n", "bad.toml:5:8:"),
      ("family = \"spin\"\nsites = 4\nspin = 0.5\n[exchange]\nJ = \"Jxy\"\n", "bad.toml:5:"),
      (
        "family = \"spin\"\nsites = 4\nspin = 0.5\n[exchange]\nJ = 1\n[field]\nunit = \"K\"\nvector = [0, \"im\", 0]\n",
        "bad.toml:8:15:"
      ),
    ]
    for (text, location) in cases {
      try text.write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
      for args in [["magnon", "exact", "--model", "bad.toml"], ["model", "check", "bad.toml"]] {
        let r = try CLI.run(args, directory: dir)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
        XCTAssertTrue(r.stdout.isEmpty, r.stdout)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("spintransport: error: "), r.stderr)
        XCTAssertTrue(r.stderr.contains(location), "\(r.stderr) should name \(location)")
      }
    }
  }
}
