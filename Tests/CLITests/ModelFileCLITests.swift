import Foundation
import XCTest

/// `--model FILE` and `model check` from the command line: bad files are refused with one line
/// naming file:line:column (exit 2, nothing on stdout, before any computation), the preset
/// reproduces the built-in command, and the worked examples of docs/model-files.md run as shown.
final class ModelFileCLITests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A one-site cell whose on-site line (line 4) is `onsite`, after `header` lines.
  func file(_ body: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent("bad.toml")
    try body.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func testBadModelFilesNameFileLineAndColumn() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let head = "family = \"tight-binding\"\n[params]\nt = 1\n[[sites]]\nname = \"A\"\n"
    let bond = "[[bonds]]\nfrom = \"A\"\nto = \"A\"\ncell = 1\nhopping = { s0 = \"t\" }\nhermitian = true\n"
    // (file text, line:column, words the message must contain)
    let cases: [(String, String, String)] = [
      (head + "onsit = { s0 = 1 }\n" + bond, "6:1", "unknown key sites[0].onsit (allowed: did you mean onsite?"),
      (head + "onsite = [[1, 2], [3]]\n" + bond, "6:19", "2×2 matrix"),
      (head + "onsite = { s0 = inf }\n" + bond, "6:17", "a finite number"),
      (head + "onsite = { s0 = \"2 * tt\" }\n" + bond, "6:22", "unknown name tt (allowed: did you mean t?"),
      (head + "onsite = { s0 = \"1 / (t - 1)\" }\n" + bond, "6:20", "division by zero"),
      (head + "onsite = { s0 = \"2 * (t + \" }\n" + bond, "6:27", "expression ends early"),
      (head + "onsite = { sx = \"0.5 * im\" }\n" + bond + "hermitian = true\n", "1:1", ""),
      ("hermitian = true\n" + head + "onsite = { sx = \"0.5 * im\" }\n" + bond, "7:10", "not Hermitian"),
      (head + "onsite = { s0 = 1 }\n" + bond + "[[sites]\n", "", "TOML syntax"),
      ("family = \"tight-binding\"\ncells = 100000000\n[[sites]]\n", "2:9", "an integer from 1 to 10000000"),
      ("family = \"spin\"\n[[sites]]\n", "1:10", "\"tight-binding\" for this computation"),
      (head + "onsite = { s0 = \"" + String(repeating: "t+", count: 600) + "t\" }\n" + bond, "6:18", "at most 1000"),
    ]
    for (text, place, words) in cases {
      let path = try file(text, in: dir)
      let r = try CLI.run(["ring", "currents", "--model", path, "--cells", "4"])
      if place == "1:1" {
        // A TOML key given twice (hermitian) is a syntax error reported by the TOML reader.
        XCTAssertEqual(r.status, 2, r.stderr)
        continue
      }
      XCTAssertEqual(r.status, 2, "\(text): \(r.stderr)")
      XCTAssertEqual(r.stdout, "", text)
      let lines = r.stderr.split(separator: "\n")
      XCTAssertEqual(lines.count, 1, r.stderr)
      XCTAssertTrue(r.stderr.hasPrefix("spintransport: error: \(path):\(place)"), "\(place): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains(words), "\(words): \(r.stderr)")
    }
  }

  /// The preset and the built-in command print the same currents (1e−12 of the natural
  /// scales: the same physics in two flux gauges, see TightBindingModelFileTests).
  func testPresetReproducesTheBuiltInCommand() throws {
    let args = [
      "ring", "currents", "--cells", "5", "--gamma", "0.3", "--t1", "0.1", "--flux-phase", "0.2", "--mu", "-0.4",
    ]
    let a = try CLI.run(args),
      b = try CLI.run(args + ["--model", Self.root.appendingPathComponent("models/hatano-nelson-ring.toml").path])
    XCTAssertEqual(a.status, 0, a.stderr)
    XCTAssertEqual(b.status, 0, b.stderr)
    let x = CLI.csv(a.stdout), y = CLI.csv(b.stdout)
    XCTAssertEqual(x.header, y.header)
    let xs = x.rows[0].compactMap(Double.init), ys = y.rows[0].compactMap(Double.init)
    // Natural scales of a ring of M = 10 sites: charge e·(1 eV)/ħ/M ≈ 2.4e−5 A, spin 1 eV/M.
    for (k, (u, v)) in zip(xs, ys).enumerated() { XCTAssertEqual(u, v, accuracy: 1e-12 * (k < 2 ? 2.4e-5 : 0.1)) }
  }

  /// `--save-study` with a model file, its parameters swept, then `run` from another directory.
  func testModelParametersSweepThroughAStudyFile() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = Self.root.appendingPathComponent("models/examples/trimer-ring.toml").path
    let study = dir.appendingPathComponent("s.toml").path
    let save = try CLI.run([
      "ring", "currents", "--model", model, "--cells", "3", "--g", "0.1:0.3:3", "--save-study", study,
    ])
    XCTAssertEqual(save.status, 0, save.stderr)
    let text = try String(contentsOfFile: study, encoding: .utf8)
    XCTAssertTrue(text.contains("g_eV"), text)
    let out = dir.appendingPathComponent("out").path
    let run = try CLI.run(["run", study, "--out", out, "--quiet"], directory: URL(fileURLWithPath: "/"))
    XCTAssertEqual(run.status, 0, run.stderr)
    let table = CLI.csv(try String(contentsOfFile: out + "/data.csv", encoding: .utf8))
    XCTAssertEqual(table.header.first, "g_eV")
    XCTAssertEqual(table.rows.count, 3)
    // The same sweep on the command line gives the same numbers.
    let direct = try CLI.run(["ring", "currents", "--model", model, "--cells", "3", "--g", "0.1:0.3:3"])
    XCTAssertEqual(direct.status, 0, direct.stderr)
    XCTAssertEqual(CLI.csv(direct.stdout).rows, table.rows)
  }

  /// A study file names its model file relative to itself; the copy kept in the output
  /// directory names it absolutely, so running that copy again gives the same table.
  func testStudyFileNamesItsModelFileRelativeToItself() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sub = dir.appendingPathComponent("studies/models")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Self.root.appendingPathComponent("models/examples/trimer-ring.toml"),
      to: sub.appendingPathComponent("trimer.toml"))
    let study = dir.appendingPathComponent("studies/s.toml")
    try """
    [study]
    model = "ring-currents"
    [parameters]
    model = "models/trimer.toml"
    cells = 3
    mu_eV = 0.2
    [[sweep]]
    parameter = "alpha_eV"
    values = [0, 0.2]
    """.write(to: study, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out").path, again = dir.appendingPathComponent("again").path
    let first = try CLI.run(["run", study.path, "--out", out, "--quiet"], directory: URL(fileURLWithPath: "/"))
    XCTAssertEqual(first.status, 0, first.stderr)
    let second = try CLI.run(["run", out + "/study.toml", "--out", again, "--quiet"])
    XCTAssertEqual(second.status, 0, second.stderr)
    let a = try String(contentsOfFile: out + "/data.csv", encoding: .utf8)
    XCTAssertEqual(a, try String(contentsOfFile: again + "/data.csv", encoding: .utf8))
    XCTAssertEqual(CLI.csv(a).rows.count, 2)
  }

  /// `model check --format json` of each worked example: the built system as documented.
  func testModelCheckJSONOfTheWorkedExamples() throws {
    for (name, sites, hoppings, translation) in [
      ("trimer-ring.toml", 24, 48, true), ("hatano-nelson-chain.toml", 12, 22, false),
    ] {
      let path = Self.root.appendingPathComponent("models/examples/" + name).path
      let r = try CLI.run(["model", "check", path, "--format", "json"])
      XCTAssertEqual(r.status, 0, r.stderr)
      let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
      XCTAssertEqual(json["sites"] as? Int, sites, name)
      XCTAssertEqual(json["hoppings"] as? Int, hoppings, name)
      XCTAssertEqual(json["hermitian"] as? Bool, false, name)
      XCTAssertEqual((json["symmetries"] as? [String: Any])?["translation"] as? Bool, translation, name)
      XCTAssertEqual((json["site_matrices"] as? [Any])?.count, sites, name)
      XCTAssertEqual((json["hopping_matrices"] as? [Any])?.count, hoppings, name)
      let text = try CLI.run(["model", "check", path])
      XCTAssertEqual(text.status, 0, text.stderr)
      XCTAssertTrue(text.stdout.contains("not Hermitian"), text.stdout)
    }
  }

  /// Every command in docs/model-files.md (lines `$ spintransport …` of its console blocks)
  /// runs from the repository root exactly as shown, exit 0, with output. Commands on a file the
  /// page prints in full (File `name`: …) run in SpinModelFilesCLITests, beside that file.
  func testDocumentedCommandsRunAsShown() throws {
    let page = try String(contentsOf: Self.root.appendingPathComponent("docs/model-files.md"), encoding: .utf8)
    let lines = page.split(separator: "\n")
    let printed = Set(
      lines.filter { $0.hasPrefix("File `") }.compactMap {
        $0.dropFirst(6).split(separator: "`").first.map(String.init)
      })
    XCTAssertFalse(printed.isEmpty)
    let commands = lines.filter { $0.hasPrefix("$ spintransport ") }.map {
      $0.dropFirst("$ spintransport ".count).split(separator: " ").map(String.init)
    }.filter { Set($0).isDisjoint(with: printed) }
    XCTAssertGreaterThanOrEqual(commands.count, 4)
    for args in commands {
      let r = try CLI.run(args, directory: Self.root)
      XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)")
      XCTAssertFalse(r.stdout.isEmpty, args.joined(separator: " "))
    }
  }
}
