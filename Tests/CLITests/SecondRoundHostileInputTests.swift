import Foundation
import XCTest

/// Hostile input against shards, scheduler variables, `merge`, `models`, `plot`, output targets
/// and study files: each test names the class it covers and fails without its fix.
final class SecondRoundHostileInputTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws { dir = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

  /// The gnuplot on PATH (nil: the test is skipped).
  var gnuplot: String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    return paths.map { "\($0)/gnuplot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs `gnuplot script` in `directory` (as the script's header tells the user to) and waits.
  func rerun(gnuplot: String, script: String, in directory: URL) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: gnuplot)
    p.arguments = [script]
    p.currentDirectoryURL = directory
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
  }

  /// A 4-point ring-currents study file of a ring of `cells` cells.
  func smallStudy(cells: Int = 4) -> String {
    """
    [study]
    model = "ring-currents"

    [parameters]
    cells = \(cells)

    [[sweep]]
    parameter = "flux_phase_rad"
    range = [0.0, 1.0, 4]
    """
  }

  /// A small ring-currents sweep (4 points).
  let sweep = ["ring", "currents", "--cells", "4", "--vary", "flux-phase=0:1:4"]

  func fileType(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
  }

  /// A copy of `/dev/full`'s device node at `path` (needs root; nil when mknod is refused).
  func fullDeviceCopy(_ path: String) -> Bool {
    var info = stat()
    guard stat("/dev/full", &info) == 0 else { return false }
    return mknod(path, S_IFCHR | 0o666, info.st_rdev) == 0
  }

  // MARK: Security

  /// A CSV or `--out` name starting with `|` must not become a pipe when the written script is
  /// re-run by hand with real gnuplot (gnuplot opens `set output '|cmd'` through a shell).
  func testPipeLikeNamesStayFileNamesWhenTheScriptIsRerun() throws {
    guard let gnuplot else { throw XCTSkip("gnuplot not installed") }
    let csv = "x,f\n0,1\n1,2\n2,5\n"
    try csv.write(to: dir.appendingPathComponent("|touch FROMDATA"), atomically: true, encoding: .utf8)
    try csv.write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let a = try CLI.run(["plot", "|touch FROMDATA", "--x", "x", "--y", "f"], directory: dir)
    XCTAssertEqual(a.status, 0, a.stderr)
    let b = try CLI.run(["plot", "d.csv", "--x", "x", "--y", "f", "--out", "|touch FROMOUT.png"], directory: dir)
    XCTAssertEqual(b.status, 0, b.stderr)
    for name in ["FROMDATA", "FROMOUT"] {
      try FileManager.default.removeItem(at: dir.appendingPathComponent("|touch \(name).png"))
      XCTAssertEqual(try rerun(gnuplot: gnuplot, script: "|touch \(name).gp", in: dir), 0)
      XCTAssertFalse(
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(name).png").path),
        "gnuplot ran `touch \(name).png` through a pipe")
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("|touch \(name).png").path),
        "the re-run script should write the picture under its own name")
    }
  }

  /// A sweep to `-o /dev/null` keeps no checkpoint in /dev (even when killed mid-run), and a
  /// sweep onto a copy of a device node leaves nothing beside it.
  func testSweepIntoADeviceCreatesNothingBesideIt() throws {
    let before = Set(try FileManager.default.contentsOfDirectory(atPath: "/dev"))
    // Long enough to be killed while computing (a checkpoint would exist by then).
    let slow = ["ring", "currents", "--cells", "300", "--vary", "flux-phase=0:1:400", "--quiet"]
    let killed = try CLI.run(slow + ["-o", "/dev/null"], timeout: 3)
    let finished = try CLI.run(sweep + ["-o", "/dev/null"])
    XCTAssertEqual(finished.status, 0, finished.stderr)
    let created = Set(try FileManager.default.contentsOfDirectory(atPath: "/dev")).subtracting(before)
      .filter { $0.hasPrefix(".checkpoint-") || $0.contains(".tmp-") }
    for name in created { try? FileManager.default.removeItem(atPath: "/dev/" + name) }
    XCTAssertTrue(killed.timedOut, "the slow sweep should still be computing when killed")
    XCTAssertEqual(created, [], "files created in /dev")

    let full = dir.appendingPathComponent("full.csv").path
    guard fullDeviceCopy(full) else { throw XCTSkip("mknod needs root") }
    let r = try CLI.run(sweep + ["-o", full])
    XCTAssertNotEqual(r.status, 0)
    XCTAssertFalse(r.crashed, r.stderr)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["full.csv"])
    XCTAssertEqual(fileType(full), S_IFCHR)
  }

  // MARK: Crashes

  /// Scheduler variables are range-checked data: overflowing or inconsistent values give one
  /// error naming the variable, never an arithmetic trap or a derived "shard 1/0".
  func testSchedulerVariablesAreRangeCheckedAndNamed() throws {
    let study = dir.appendingPathComponent("a.toml").path
    try smallStudy().write(toFile: study, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out").path
    let cases: [([String: String], [String])] = [
      (
        [
          "SLURM_ARRAY_TASK_ID": "9223372036854775807", "SLURM_ARRAY_TASK_COUNT": "3",
          "SLURM_ARRAY_TASK_MIN": "-9223372036854775808",
        ], ["SLURM_ARRAY_TASK_ID", "9223372036854775807"]
      ),
      (
        ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "-9223372036854775808"],
        ["SLURM_ARRAY_TASK_MIN", "-9223372036854775808"]
      ),
      (
        ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "0", "SLURM_ARRAY_TASK_MIN": "1"],
        ["SLURM_ARRAY_TASK_COUNT", "0"]
      ),
      (
        ["SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"],
        ["SLURM_ARRAY_TASK_ID", "9"]
      ),
      (
        ["SGE_TASK_ID": "9223372036854775807", "SGE_TASK_FIRST": "-9223372036854775808", "SGE_TASK_LAST": "5"],
        ["SGE_TASK_ID", "9223372036854775807"]
      ),
      (["SGE_TASK_ID": "2", "SGE_TASK_FIRST": "5", "SGE_TASK_LAST": "1"], ["SGE_TASK_LAST", "1"]),
      (["SGE_TASK_ID": "7", "SGE_TASK_FIRST": "1", "SGE_TASK_LAST": "5"], ["SGE_TASK_ID", "7"]),
      (["PBS_ARRAY_INDEX": "0"], ["PBS_ARRAY_INDEX", "0"]),
    ]
    for (environment, mentions) in cases {
      let args = ["run", study, "--out", out] + (environment["PBS_ARRAY_INDEX"] != nil ? ["--shard-count", "3"] : [])
      let r = try CLI.assertRefused(args, mentions: mentions + ["allowed"], environment: environment)
      XCTAssertFalse(r.stderr.contains("shard 1/0") || r.stderr.contains("invalid value for --shard:"), r.stderr)
      XCTAssertFalse(FileManager.default.fileExists(atPath: out), "output directory created")
    }
  }

  /// Every command reports a failed write to stdout (`> /dev/full`): one line, non-zero exit.
  func testStandardOutputThatCannotBeWrittenIsAnError() throws {
    let commands: [[String]] = [
      ["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "2.5"], ["models", "--format", "json"], ["models"],
      ["doctor"], ["reproduce", "--list"], ["ring", "spectrum", "--cells", "2", "--format", "json"],
      ["ring", "currents", "--help"], ["--help"], ["--version"], ["run", "--help"],
    ]
    for args in commands {
      let p = Process()
      p.executableURL = CLI.binary
      p.arguments = args
      p.standardInput = FileHandle.nullDevice
      p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
      let err = Pipe()
      p.standardError = err
      try p.run()
      let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      XCTAssertEqual(p.terminationReason, .exit, "crash: \(args) \(stderr)")
      XCTAssertNotEqual(p.terminationStatus, 0, "exit 0 with nothing written: \(args)")
      XCTAssertEqual(stderr.split(separator: "\n").count, 1, "\(args): \(stderr)")
      XCTAssertTrue(stderr.hasPrefix("spintransport: error: cannot write \"stdout\""), "\(args): \(stderr)")
    }
  }

  /// Integer parameters are exact beyond 2⁵³ on the command line, in sweeps, study files,
  /// saved studies, JSON metadata and tables; the largest seeds are accepted.
  func testIntegerParametersStayExact() throws {
    let base = ["ring", "currents", "--cells", "3", "--anderson", "1", "--format", "json"]
    let odd = try CLI.run(base + ["--seed", "9007199254740993"])
    let even = try CLI.run(base + ["--seed", "9007199254740992"])
    XCTAssertEqual(odd.status, 0, odd.stderr)
    XCTAssertTrue(odd.stdout.contains("\"seed\":9007199254740993"), odd.stdout)
    let rows = { (r: CLIRun) in r.stdout.components(separatedBy: "\"rows\":").last ?? "" }
    XCTAssertNotEqual(rows(odd), rows(even), "seeds 2⁵³ + 1 and 2⁵³ ran the same ensemble member")
    let largest = try CLI.run(base + ["--seed", "9223372036854775806", "--realisation", "9007199254740995"])
    XCTAssertEqual(largest.status, 0, largest.stderr)
    XCTAssertTrue(largest.stdout.contains("\"realisation\":9007199254740995"), largest.stdout)

    let sweep = ["ring", "currents", "--cells", "3", "--anderson", "1", "--columns", "re_charge_A"]
    let swept = try CLI.run(sweep + ["--vary", "realisation=9007199254740993,9007199254740995"])
    XCTAssertEqual(swept.status, 0, swept.stderr)
    let table = CLI.csv(swept.stdout)
    XCTAssertEqual(table.rows.map { $0[0] }, ["9007199254740993", "9007199254740995"])
    XCTAssertNotEqual(table.rows[0][1], table.rows[1][1])

    // The same sweep saved as a study file and run: the same bytes, the exact values recorded.
    let saved = dir.appendingPathComponent("s.toml").path
    let save = try CLI.run(sweep + ["--vary", "realisation=9007199254740993,9007199254740995", "--save-study", saved])
    XCTAssertEqual(save.status, 0, save.stderr)
    XCTAssertTrue(try String(contentsOfFile: saved, encoding: .utf8).contains("9007199254740995"))
    let out = dir.appendingPathComponent("out").path
    let run = try CLI.run(["run", saved, "--out", out, "--quiet"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(try String(contentsOfFile: out + "/data.csv", encoding: .utf8), swept.stdout)
    XCTAssertTrue(try String(contentsOfFile: out + "/meta.json", encoding: .utf8).contains("9007199254740995"))
  }

  /// A NUL in a study file (a byte after valid TOML, in a comment hiding a table, or as a
  /// `\u0000` escape in a value) is refused with its line, before anything runs.
  func testNULInStudyFilesIsRefusedWithItsLine() throws {
    let cases: [(String, String)] = [
      (smallStudy() + "\n\u{0}garbage = [[[\n", ":10:"),
      ("[study]\nmodel = \"ring-currents\"\n# c\u{0}\n[bogus]\n", ":3:"),
      ("[study]\nmodel = \"ring-currents\"\n[parameters]\ndense_projector = \"matrix-sign\\u0000\"\n", ":4:"),
    ]
    for (text, line) in cases {
      let study = dir.appendingPathComponent("nul.toml").path
      try text.write(toFile: study, atomically: true, encoding: .utf8)
      let out = dir.appendingPathComponent("out").path
      try CLI.assertRefused(["run", study, "--out", out], mentions: ["nul.toml" + line, "NUL"])
      XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
  }

  /// A column an option leaves uncomputed is NaN only with a warning naming it and why, on
  /// stderr, in JSON metadata and in a study's meta.json.
  func testEveryNaNComesWithAWarningSayingWhy() throws {
    let args = [
      "magnon", "exact", "--field", "1", "--latitude", "45", "--spins", "4", "--minimal", "--columns",
      "lswt_spin_current_z_K", "--format", "json",
    ]
    let r = try CLI.run(args)
    XCTAssertEqual(r.status, 0, r.stderr)
    CLI.assertNoSilentNonFinite(r, args)
    XCTAssertTrue(r.stderr.contains("warning: lswt_spin_current_z_K not computed with table = minimal"), r.stderr)
    XCTAssertTrue(r.stdout.contains("\"warnings\":[\"lswt_spin_current_z_K not computed"), r.stdout)

    let study = dir.appendingPathComponent("p.toml").path
    try """
    [study]
    model = "magnon-potential"

    [parameters]
    spins = 20
    field_T = 1
    latitude_deg = 45
    temperature_K = 60
    radius_m = 1e-8

    [[sweep]]
    parameter = "distance_m"
    range = [1e-8, 1e-7, 3]

    [output]
    columns = ["x_m", "z_m", "potential_V", "voltage_V"]
    """.write(toFile: study, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out").path
    let run = try CLI.run(["run", study, "--out", out, "--quiet"])
    XCTAssertEqual(run.status, 0, run.stderr)
    // Once, naming the grid points that raised it.
    XCTAssertTrue(
      run.stderr.contains(
        "warning: at distance_m = 1e-08; distance_m = 5.5e-08; distance_m = 1e-07: x_m, z_m, potential_V not computed "
          + "with distance_m"), run.stderr)
    let meta = try String(contentsOfFile: out + "/meta.json", encoding: .utf8)
    XCTAssertTrue(meta.contains("x_m, z_m, potential_V not computed with distance_m"), meta)
  }

  // MARK: Data safety

  /// The fingerprint a shard run of `study` reports (from its checkpoint's name).
  func fingerprint(ofShardRun r: CLIRun) throws -> String {
    let range = try XCTUnwrap(r.stdout.range(of: #"\.checkpoint-[0-9a-f]+"#, options: .regularExpression))
    return String(r.stdout[range].dropFirst(".checkpoint-".count))
  }

  /// A directory holding another study (sharded or not, or an edited copy) is not taken over:
  /// refused naming both fingerprints, `study.toml` and the checkpoints untouched, unless --fresh.
  func testAnotherStudysDirectoryIsNotReplaced() throws {
    let a = dir.appendingPathComponent("a.toml").path, a2 = dir.appendingPathComponent("a2.toml").path
    let b = dir.appendingPathComponent("b.toml").path
    try smallStudy().write(toFile: a, atomically: true, encoding: .utf8)
    let edited = smallStudy() + "\n[output]\ncolumns = [\"re_charge_A\"]\n"
    try edited.write(toFile: a2, atomically: true, encoding: .utf8)
    try smallStudy(cells: 6).write(toFile: b, atomically: true, encoding: .utf8)
    let d = dir.appendingPathComponent("d").path
    let first = try CLI.run(["run", a, "--out", d, "--shard", "1/2"])
    XCTAssertEqual(first.status, 0, first.stderr)
    let fpA = try fingerprint(ofShardRun: first)
    let other = dir.appendingPathComponent("other").path
    let fpB = try fingerprint(ofShardRun: try CLI.run(["run", b, "--out", other, "--shard", "1/2"]))
    let held = try FileManager.default.contentsOfDirectory(atPath: d).map { d + "/" + $0 }
    for args in [["run", b, "--out", d, "--shard", "1/2"], ["run", b, "--out", d], ["run", a2, "--out", d]] {
      try CLI.assertRefused(args, mentions: ["--out", d, fpA, "--fresh"], untouched: held)
    }
    try CLI.assertRefused(["run", b, "--out", d], mentions: [fpB])
    // merge --out into it: refused as well (merge has no --fresh).
    XCTAssertEqual(try CLI.run(["run", b, "--out", other, "--shard", "2/2", "--quiet"]).status, 0)
    try CLI.assertRefused(["merge", other, "--out", d], mentions: ["--out", d, fpA, fpB], untouched: held)
    let fresh = try CLI.run(["run", b, "--out", d, "--fresh", "--quiet"])
    XCTAssertEqual(fresh.status, 0, fresh.stderr)
    XCTAssertEqual(try String(contentsOfFile: d + "/study.toml", encoding: .utf8), smallStudy(cells: 6))
  }

  /// A study that cannot run (a missing profile file) is refused before DIR is created.
  func testNothingIsCreatedWhenTheStudyCannotRun() throws {
    let study = dir.appendingPathComponent("r.toml").path
    try "[study]\nmodel = \"relaxation-evolve\"\n\n[parameters]\ninitial = \"file\"\nprofile = \"missing.csv\"\n"
      .write(toFile: study, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out").path
    for extra in [[], ["--shard", "1/2"]] {
      try CLI.assertRefused(["run", study, "--out", out] + extra, mentions: ["profile", "missing.csv", "allowed"])
      XCTAssertFalse(FileManager.default.fileExists(atPath: out), "output directory created")
    }
  }

  /// `plot --out` onto a FIFO or a device node writes through them (never replaces the node).
  func testPlotNeverReplacesSpecialFiles() throws {
    guard gnuplot != nil else { throw XCTSkip("gnuplot not installed") }
    try "x,f\n0,1\n1,2\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    // A FIFO: the picture goes through it to the reader, and it stays a FIFO.
    let fifo = dir.appendingPathComponent("fifo.png").path
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    let received = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var picture = Data()
    DispatchQueue.global().async {
      picture = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
      received.signal()
    }
    let viaFIFO = try CLI.run(["plot", "d.csv", "--x", "x", "--y", "f", "--out", "fifo.png"], directory: dir)
    XCTAssertEqual(viaFIFO.status, 0, viaFIFO.stderr)
    XCTAssertEqual(received.wait(timeout: .now() + 30), .success, "the reader got no end of file")
    XCTAssertEqual(Array(picture.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG through the FIFO")
    XCTAssertEqual(fileType(fifo), S_IFIFO, "the FIFO was replaced")

    let full = dir.appendingPathComponent("full.png").path
    guard fullDeviceCopy(full) else { throw XCTSkip("mknod needs root") }
    let r = try CLI.run(["plot", "d.csv", "--x", "x", "--y", "f", "--out", "full.png"], directory: dir)
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("full.png") && r.stderr.contains("No space left"), r.stderr)
    XCTAssertEqual(fileType(full), S_IFCHR, "the device node was replaced")
  }

  /// A checkpoint that is a FIFO or a link to `/dev/zero` is refused (no hang, no garbage).
  func testCheckpointsThatAreNotRegularFilesAreRefused() throws {
    let study = dir.appendingPathComponent("a.toml").path
    try smallStudy().write(toFile: study, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out").path
    // A shard run names its checkpoint; find the name, then replace the file.
    let first = try CLI.run(["run", study, "--out", out, "--shard", "1/2", "--quiet"])
    XCTAssertEqual(first.status, 0, first.stderr)
    let name = try XCTUnwrap(
      try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasPrefix(".checkpoint-") })
    let path = out + "/" + name
    for make in [{ mkfifo(path, 0o600) }, { symlink("/dev/zero", path) }] {
      try FileManager.default.removeItem(atPath: path)
      XCTAssertEqual(make(), 0)
      try CLI.assertRefused(
        ["run", study, "--out", out, "--shard", "1/2"], mentions: [name, "not a regular file"], timeout: 30)
      try CLI.assertRefused(["merge", out], mentions: [name, "not a regular file"], timeout: 30)
    }
  }

  // MARK: Clear errors

  /// Output directories on symbolic-link loops, dangling links and /proc: one line, exit 2,
  /// the path and the reason (no NSCocoaErrorDomain text).
  func testUnusableOutputDirectoriesAreNamedInOneLine() throws {
    let loop = dir.appendingPathComponent("loop").path
    let selfLink = dir.appendingPathComponent("self").path
    let dangling = dir.appendingPathComponent("dangling").path
    XCTAssertEqual(symlink(dir.appendingPathComponent("loop2").path, loop), 0)
    XCTAssertEqual(symlink(loop, dir.appendingPathComponent("loop2").path), 0)
    XCTAssertEqual(symlink(selfLink, selfLink), 0)
    XCTAssertEqual(symlink(dir.appendingPathComponent("nowhere/deeper").path, dangling), 0)
    for path in [loop, selfLink, dangling, "/proc/spintransport-x"] {
      let r = try CLI.assertRefused(
        ["reproduce", "--figure", "000-voltage", "--out", path], mentions: [path], timeout: 120)
      XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain") || r.stderr.contains("Code="), r.stderr)
    }
    let study = dir.appendingPathComponent("a.toml").path
    try smallStudy().write(toFile: study, atomically: true, encoding: .utf8)
    let shards = dir.appendingPathComponent("shards").path
    XCTAssertEqual(try CLI.run(["run", study, "--out", shards, "--shard", "1/1", "--quiet"]).status, 0)
    let r = try CLI.assertRefused(["merge", shards, "--out", loop], mentions: [loop], timeout: 60)
    XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain"), r.stderr)
  }

  /// `plot` checks the data before gnuplot: a header-only CSV, a column without numbers, a y
  /// column without a finite value are refused naming the column (no gnuplot text, no temporary).
  func testPlotRefusesUnplottableDataNamingTheColumn() throws {
    let cases: [(String, [String])] = [
      ("x,f\n", ["data", "h.csv", "data row"]),
      ("x,f\na,1\nb,2\n", ["--x", "x", "finite numbers"]),
      ("x,f\n1,a\n2,nan\n3,\n", ["--y", "f", "finite numbers"]),
    ]
    for (text, mentions) in cases {
      try text.write(to: dir.appendingPathComponent("h.csv"), atomically: true, encoding: .utf8)
      let r = try CLI.assertRefused(
        ["plot", dir.appendingPathComponent("h.csv").path, "--x", "x", "--y", "f"], mentions: mentions)
      XCTAssertFalse(r.stderr.contains("gnuplot") || r.stderr.contains(".tmp-"), r.stderr)
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["h.csv"])
    }
  }

  /// The error about the Bloch path on a disordered ring names the option that disorders it.
  func testBlochPathErrorNamesTheDisorderGiven() throws {
    try CLI.assertRefused(["ring", "currents", "--anderson", "1", "--path", "bloch"], mentions: ["--anderson", "1"])
    try CLI.assertRefused(["ring", "currents", "--aah", "0.5", "--path", "bloch"], mentions: ["--aah", "0.5"])
  }

  /// A control character in a value is shown escaped: the error stays one line and keeps its
  /// "(allowed: …)" part.
  func testControlCharactersInValuesAreShownEscaped() throws {
    let study = dir.appendingPathComponent("a.toml").path
    try "[study]\nmodel = \"ring-currents\"\n\n[parameters]\ncells = 4\n".write(
      toFile: study, atomically: true, encoding: .utf8)
    try CLI.assertRefused(["models", "ring-currents\n"], mentions: ["ring-currents\\n", "allowed"])
    try CLI.assertRefused(
      ["run", study, "--out", dir.appendingPathComponent("o").path, "--shard", "1/3\n"],
      mentions: ["--shard", "1/3\\n", "allowed"])
    try CLI.assertRefused(["ring", "currents", "--path", "bloch\u{1B}[2J"], mentions: ["\\u{1B}", "allowed"])
    let bad = dir.appendingPathComponent("b.toml").path
    try "[study]\nmodel = \"ring-currents\"\n\n[parameters]\npath = \"bloch\\n\"\n".write(
      toFile: bad, atomically: true, encoding: .utf8)
    try CLI.assertRefused(
      ["run", bad, "--out", dir.appendingPathComponent("o").path], mentions: ["b.toml:5", "bloch\\n", "allowed"])
  }

  /// `models NAME --format markdown` prints only NAME's section.
  func testModelsMarkdownHonoursTheName() throws {
    let all = try CLI.run(["models", "--format", "markdown"])
    let one = try CLI.run(["models", "ring-currents", "--format", "markdown"])
    XCTAssertEqual(one.status, 0, one.stderr)
    XCTAssertTrue(one.stdout.contains("## `ring-currents`"), one.stdout)
    XCTAssertEqual(one.stdout.components(separatedBy: "\n## ").count, 2, "exactly one section")
    XCTAssertLessThan(one.stdout.count, all.stdout.count)
    XCTAssertTrue(all.stdout.contains(one.stdout), "the section is the one of the full document")
  }
}
