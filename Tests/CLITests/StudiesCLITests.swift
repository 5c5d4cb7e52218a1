import Foundation
import XCTest

/// End-to-end: `spintransport run`, `plot` and `reproduce` as a user runs them.
final class StudiesCLITests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

  /// Runs the binary with extra environment variables (PATH replaced when given).
  func run(_ args: [String], environment extra: [String: String] = [:]) throws -> CLIRun {
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = args
    p.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
    let out = FileHandle(forWritingAtPath: try emptyFile("stdout"))!
    let err = FileHandle(forWritingAtPath: try emptyFile("stderr"))!
    p.standardOutput = out
    p.standardError = err
    try p.run()
    p.waitUntilExit()
    return CLIRun(
      status: p.terminationStatus, stdout: try String(contentsOfFile: path("stdout"), encoding: .utf8),
      stderr: try String(contentsOfFile: path("stderr"), encoding: .utf8))
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func emptyFile(_ name: String) throws -> String {
    FileManager.default.createFile(atPath: path(name), contents: nil)
    return path(name)
  }

  func write(_ text: String, _ name: String) throws -> String {
    try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    return path(name)
  }

  /// A real computation slow enough to interrupt: 60 dense 160×160 non-Hermitian ring points.
  let slowStudy = """
    [study]
    model = "ring-currents"
    [parameters]
    cells = 40
    path = "dense"
    aah_eV = 0.3
    [[sweep]]
    parameter = "flux_phase_rad"
    range = [0, 3, 60]
    """

  func testRunWritesDataMetaAndFigure() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let r = try run(["run", root.path + "/examples/relaxation-rates-2d.toml", "--out", path("out"), "--quiet"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("243 points (243 computed, 0 resumed)"), r.stdout)
    let csv = CLI.csv(try String(contentsOfFile: path("out/data.csv"), encoding: .utf8))
    XCTAssertEqual(csv.header, ["xi", "k2_ratio", "gamma_plus_r", "gamma_minus_r"])
    XCTAssertEqual(csv.rows.count, 243)
    for name in ["meta.json", "figure.gp"] {
      XCTAssertTrue(FileManager.default.fileExists(atPath: path("out/" + name)), name)
    }
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") {
      XCTAssertTrue(FileManager.default.fileExists(atPath: path("out/figure.png")))
      XCTAssertTrue(FileManager.default.fileExists(atPath: path("out/figure.svg")))
    }
  }

  /// The shipped physics example (seed 002 via the ring-currents study model) runs as the README
  /// says, and its values equal `ring currents` at the same point (two CLI routes, same library).
  func testRingCurrentsExampleStudyMatchesRingCommand() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let out = try CLI.temporaryDirectory().appendingPathComponent("study")
    let r = try CLI.run([
      "run", root.appendingPathComponent("examples/ring-currents-vs-flux.toml").path, "--out", out.path, "--quiet",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let data = CLI.csv(try String(contentsOf: out.appendingPathComponent("data.csv"), encoding: .utf8))
    XCTAssertEqual(data.header, ["gamma_eV", "flux_phase_rad", "re_charge_A", "re_spin_z_eV"])
    XCTAssertEqual(data.rows.count, 3 * 62)
    let point = try XCTUnwrap(data.rows.first { $0[0] == "0.5" && $0[1] == "0.02" })
    let ring = try CLI.run([
      "ring", "currents", "--cells", "10", "--gamma", "0.5", "--exchange", "0.3", "--theta", "45", "--azimuth", "30",
      "--mu", "-0.63", "--flux-phase", "0.02",
    ])
    let row = CLI.csv(ring.stdout).rows[0]
    XCTAssertEqual(Double(point[2])!, Double(row[0])!, accuracy: 1e-15 * abs(Double(row[0])!))
    XCTAssertEqual(Double(point[3])!, Double(row[6])!, accuracy: 1e-12 * abs(Double(row[6])!))
  }

  func testBadStudyFileExitsTwoWithOneLineAndNoOutput() throws {
    let bad = try write(
      "[study]\nmodel = \"relaxation-rates\"\n[[sweep]]\nparameter = \"xi\"\nrange = [0, 1, 0]\n", "bad.toml")
    let r = try run(["run", bad, "--out", path("out")])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    XCTAssertTrue(r.stderr.contains("bad.toml:5: invalid value for sweep[1].range: [0, 1, 0]"), r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("out")), "nothing written on bad input")
  }

  /// kill -9 in the middle of a run, then the same command: resumes, recomputes nothing that
  /// finished, and data.csv is byte-identical to an uninterrupted run.
  func testKillNineThenResumeGivesIdenticalData() throws {
    let study = try write(slowStudy, "slow.toml")
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = ["run", study, "--out", path("killed"), "--quiet"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Wait until some (not all) points are checkpointed, then kill -9.
    let deadline = Date().addingTimeInterval(20)
    var finished = 0
    while Date() < deadline {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path("killed"))) ?? []
      if let cp = names.first(where: { $0.hasPrefix(".checkpoint-") }),
        let text = try? String(contentsOfFile: path("killed/" + cp), encoding: .utf8)
      {
        finished = text.split(separator: "\n").count - 1
        if finished >= 10 { break }
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    XCTAssertEqual(p.terminationReason, .uncaughtSignal)
    XCTAssertGreaterThanOrEqual(finished, 10)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("killed/data.csv")), "no data.csv from a killed run")

    let resumed = try run(["run", study, "--out", path("killed"), "--quiet"])
    XCTAssertEqual(resumed.status, 0, resumed.stderr)
    let counts = resumed.stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    // "60 points (C computed, R resumed)": R ≥ the points seen finished before the kill, C + R = 60.
    XCTAssertEqual(counts[0], 60)
    XCTAssertGreaterThanOrEqual(counts[2], finished, resumed.stdout)
    XCTAssertEqual(counts[1] + counts[2], 60, resumed.stdout)

    let clean = try run(["run", study, "--out", path("clean"), "--quiet"])
    XCTAssertEqual(clean.status, 0, clean.stderr)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: path("killed/data.csv"))),
      try Data(contentsOf: URL(fileURLWithPath: path("clean/data.csv"))))
  }

  func testProgressLineForLongRunsAndQuiet() throws {
    let study = try write(slowStudy.replacingOccurrences(of: "60]", with: "12]"), "slow.toml")
    let loud = try run(["run", study, "--out", path("loud")], environment: ["SPINTRANSPORT_PROGRESS_AFTER": "0"])
    XCTAssertEqual(loud.status, 0, loud.stderr)
    XCTAssertTrue(loud.stderr.contains("run: 12/12 points (100%)"), loud.stderr)
    let quiet = try run(
      ["run", study, "--out", path("loud"), "--quiet", "--fresh"], environment: ["SPINTRANSPORT_PROGRESS_AFTER": "0"])
    XCTAssertEqual(quiet.status, 0)
    XCTAssertFalse(quiet.stderr.contains("run:"), quiet.stderr)
  }

  func testReproduceOneFigureEndToEnd() throws {
    let r = try run(
      ["reproduce", "--figure", "004-fig02", "--out", path("res")])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("reproduced 1 figure(s) in"), r.stdout)
    XCTAssertTrue(r.stdout.contains("slowest: 004-fig02"), r.stdout)
    XCTAssertTrue(r.stdout.contains("index: \(path("res"))/index.md"), r.stdout)
    var expected: Set<String> = ["data.csv", "meta.json", "figure.gp"]
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") {
      expected.formUnion(["figure.png", "figure.svg"])
    }
    XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: path("res/004-fig02"))), expected)
    let index = try String(contentsOfFile: path("res/index.md"), encoding: .utf8)
    XCTAssertTrue(index.contains("| 002-fig06 |"), "every planned figure is listed")
    XCTAssertTrue(index.contains("| 004-fig02 |"))
  }

  func testReproduceWithoutGnuplotWritesDataAndScriptAndSaysSoOnce() throws {
    let r = try run(
      ["reproduce", "--figure", "004-fig02", "--figure", "004-fig04", "--out", path("res"), "--quiet"],
      environment: ["PATH": "/nonexistent"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr.components(separatedBy: "gnuplot not found").count - 1, 1, r.stderr)
    for id in ["004-fig02", "004-fig04"] {
      XCTAssertEqual(
        Set(try FileManager.default.contentsOfDirectory(atPath: path("res/" + id))),
        ["data.csv", "meta.json", "figure.gp"])
    }
  }

  func testReproduceUnknownFigureIsBadInput() throws {
    try CLI.assertBadInput(["reproduce", "--figure", "002-fig99", "--out", path("res")], mentions: "002-fig99")
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("res")))
  }

  func testReproduceListShowsPlannedFigures() throws {
    let r = try CLI.run(["reproduce", "--list"])
    XCTAssertEqual(r.status, 0)
    XCTAssertTrue(r.stdout.contains("004-fig05\t"), r.stdout)
    // The N = 8 FTLM figure takes minutes: marked long (skipped by a bare `reproduce`), `--long` parses.
    XCTAssertTrue(r.stdout.contains("000-exact-current-vs-temperature-n8\tbuilt (long)"), r.stdout)
    XCTAssertEqual(try CLI.run(["reproduce", "--list", "--long"]).status, 0)
  }

  func testPlotQuickLookAndBadColumn() throws {
    let csv = try write("x,y,g\n0,1,a\n1,2,a\n0,3,b\n1,5,b\n", "t.csv")
    let bad = try run(["plot", csv, "--x", "x", "--y", "q"])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.contains("invalid value for --y: q"), bad.stderr)
    let noGnuplot = try run(
      ["plot", csv, "--x", "x", "--y", "y", "--out", path("p/nog.png")], environment: ["PATH": "/nonexistent"])
    XCTAssertEqual(noGnuplot.status, 1)
    XCTAssertTrue(noGnuplot.stderr.contains("gnuplot not found"), noGnuplot.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: path("p/nog.gp")))
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") else { return }
    let ok = try run(["plot", csv, "--x", "x", "--y", "y", "--group", "g", "--out", path("p/quick.png")])
    XCTAssertEqual(ok.status, 0, ok.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: path("p/quick.png")))
    XCTAssertTrue(FileManager.default.fileExists(atPath: path("p/quick.svg")))
  }
}
