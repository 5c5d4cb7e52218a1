import Foundation
import SpinTransport
import XCTest

@testable import spintransport

/// A toy computation added in three places (its parameters, its computation, a catalogue that
/// contains it: `ToyWave+Parameters.swift`, `ToyWaveComputation.swift`, `CommandTree+Toy.swift`)
/// appears in `models`, `--help`, on the command line, in study files (`run`) and in
/// `reproduce`, with no other edit: the CLI's command tree is derived from the catalogue.
final class NewModelInThreePlacesTests: XCTestCase {
  let tree = CommandTree.withToy

  func cli(_ arguments: [String]) throws -> InProcessCLI.Result { try InProcessCLI.run(arguments, tree: tree) }

  func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("toy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
  }

  func testModelsListsTheToy() throws {
    let list = try cli(["models"])
    XCTAssertEqual(list.status, 0, list.stderr)
    XCTAssertTrue(list.stdout.contains("toy-wave"), list.stdout)
    let json = try cli(["models", "toy-wave", "--format", "json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    for id in ToyWave.parameters.map(\.id) { XCTAssertTrue(json.stdout.contains("\"\(id)\""), id) }
  }

  func testHelpShowsTheGroupTheSubcommandAndItsParameters() throws {
    let root = try cli(["--help"])
    XCTAssertEqual(root.status, 0, root.stderr)
    XCTAssertTrue(root.stdout.contains("toy"), root.stdout)
    // A group without a description lists its subcommands.
    let group = try cli(["toy", "--help"])
    XCTAssertEqual(group.status, 0, group.stderr)
    XCTAssertTrue(group.stdout.contains("Computations: wave"), group.stdout)
    XCTAssertTrue(group.stdout.contains("TEST FIXTURE: samples"), group.stdout)
    let entry = try cli(["toy", "wave", "--help"])
    XCTAssertEqual(entry.status, 0, entry.stderr)
    for flag in ["--amplitude <value>", "--phase <rad>", "--samples <value>", "--shape <value>"] {
      XCTAssertTrue(entry.stdout.contains(flag), "\(flag) in\n\(entry.stdout)")
    }
    XCTAssertTrue(entry.stdout.contains("[samples; default 1; an integer from 1 to 1000]"), entry.stdout)
    // The shipped groups are still there, with their words.
    XCTAssertTrue(try cli(["ring", "--help"]).stdout.contains("Hatano–Nelson"))
  }

  /// The command line computes what the formula gives (same expression, same run: exact up to
  /// the CSV's shortest round-trip text, so 1e-15 relative is generous), and values are read
  /// by the schema: integer vs number, range, choices, negative values, repeats, unknown names.
  func testCommandLineValuesAndErrorsComeFromTheSchema() throws {
    let r = try cli(["toy", "wave", "--amplitude", "-2", "--samples", "3", "--step", "0.25", "--shape", "cosine"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.first, "n,y")
    XCTAssertEqual(lines.count, 4, r.stdout)
    for (n, line) in lines.dropFirst().enumerated() {
      let y = Double(line.split(separator: ",")[1])!
      let expected = -2 * cos(Double(n) * 0.25)
      XCTAssertEqual(y, expected, accuracy: 1e-15 * max(1, abs(expected)), line)
    }
    let refusals: [([String], String)] = [
      (["--samples", "2.5"], "invalid value for --samples: 2.5 (allowed: an integer from 1 to 1000)"),
      (["--samples", "0"], "invalid value for --samples: 0"),
      (["--shape", "square"], "one of sine, cosine"),
      (["--amplitude", "abc"], "invalid value for --amplitude: abc"),
      (["--phase", "1", "--phase", "2"], "invalid value for --phase: given 2 times (1, 2) (allowed: give it once)"),
      (["--amplitud", "1"], "did you mean --amplitude?"),
      (["--phase", "0:1:3", "--vary", "phase=0:1:2"], "--vary"),
    ]
    for (args, message) in refusals {
      let bad = try cli(["toy", "wave"] + args)
      XCTAssertEqual(bad.status, 2, args.joined(separator: " "))
      XCTAssertTrue(bad.stdout.isEmpty, bad.stdout)
      XCTAssertTrue(bad.stderr.hasPrefix("spintransport: error: "), bad.stderr)
      XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, bad.stderr)
      XCTAssertTrue(bad.stderr.contains(message), "\(message) in \(bad.stderr)")
    }
  }

  /// `--vary` on the command line and `run` of its `--save-study` file write the same bytes
  /// (both produced in this run).
  func testStudyFilesRunTheToy() throws {
    let dir = try temporaryDirectory()
    let args = ["toy", "wave"] + ToyWaveComputation().example
    let direct = dir.appendingPathComponent("direct.csv").path
    XCTAssertEqual(try cli(args + ["-o", direct, "--quiet"]).status, 0)
    let studyPath = dir.appendingPathComponent("toy.toml").path
    let saved = try cli(args + ["--save-study", studyPath])
    XCTAssertEqual(saved.status, 0, saved.stderr)
    XCTAssertTrue(try String(contentsOfFile: studyPath, encoding: .utf8).contains("model = \"toy-wave\""))
    let out = dir.appendingPathComponent("run").path
    let run = try cli(["run", studyPath, "--out", out, "--quiet"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: out + "/data.csv")), try Data(contentsOf: URL(fileURLWithPath: direct)))
  }

  func testReproduceListsAndBuildsTheToyFigure() throws {
    let list = try cli(["reproduce", "--list"])
    XCTAssertEqual(list.status, 0, list.stderr)
    XCTAssertTrue(list.stdout.contains("toy-fig1\tbuilt"), list.stdout)
    let dir = try temporaryDirectory()
    let r = try cli(["reproduce", "--figure", "toy-fig1", "--out", dir.path, "--quiet"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let data = try String(contentsOfFile: dir.path + "/toy-fig1/data.csv", encoding: .utf8)
    XCTAssertTrue(data.hasPrefix("phase_rad,n,y\n"), data)
    XCTAssertEqual(data.split(separator: "\n").count, 4, data)
  }

  /// The toy figure makes its data in code (every shipped figure is built from studies):
  /// `--save-study` refuses it, naming the figure, and writes nothing.
  func testSaveStudyRefusesAFigureComputedInCode() throws {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent("toy.toml").path
    let r = try cli(["reproduce", "--figure", "toy-fig1", "--save-study", file])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.hasPrefix("spintransport: error: invalid value for --figure: toy-fig1"), r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: file))
  }
}
