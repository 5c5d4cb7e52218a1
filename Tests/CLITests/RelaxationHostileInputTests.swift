import Foundation
import XCTest

/// Hostile input to `spintransport relaxation rates|wavevector|evolve` (README contract): sizes
/// refused with the bytes named, magnitudes outside the range refused with the range, no
/// silent inf/NaN, `-o FILE` untouched on refusal, evolve streamed in bounded memory.
final class RelaxationHostileInputTests: XCTestCase {
  let smallMemory = ["SPINTRANSPORT_MEMORY_LIMIT": "64M"]

  /// Sweep counts, grid points and output rows are checked before allocation.
  func testSizesAreRefusedWithBytesNamed() throws {
    try CLI.assertRefused(
      ["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:1:100000"],
      mentions: ["--k2-ratio", "0:1:100000", "MiB", "memory"], environment: smallMemory)
    try CLI.assertRefused(
      ["relaxation", "wavevector", "--xi", "0.3", "--omega", "0:1:100000"],
      mentions: ["--omega", "0:1:100000", "MiB"], environment: ["SPINTRANSPORT_MEMORY_LIMIT": "32M"])
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--points", "1000000"], mentions: ["--points", "1000000", "MiB"],
      environment: smallMemory)
    // Output rows = times × points against the output bound (forced to 1 MiB).
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--points", "100000", "--times", "0,1"],
      mentions: ["--times", "0,1", "MiB", "stdout"], environment: ["SPINTRANSPORT_OUTPUT_LIMIT": "1M"])
    try CLI.assertRefused(
      ["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:1:100000"], mentions: ["--k2-ratio", "MiB"],
      environment: ["SPINTRANSPORT_OUTPUT_LIMIT": "1M"])
    // A profile file is sized before it is read (~8 B of memory a byte).
    let dir = try CLI.temporaryDirectory()
    let profile = dir.appendingPathComponent("long-profile.csv")
    try ("x,dM,dm\n" + (0..<50_000).map { "\($0),0.5,0\n" }.joined()).write(
      to: profile, atomically: true, encoding: .utf8)
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--points", "11", "--initial", "file", "--profile", profile.path],
      mentions: ["--profile", "long-profile.csv", "MiB"], environment: ["SPINTRANSPORT_MEMORY_LIMIT": "1M"])
    // The work: more than 1e7 TR-BDF2 steps (fixed-step method).
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--method", "fixed-step", "--time-step", "1e-6", "--times", "0,100"],
      mentions: ["--times", "0,100", "time step 1e-06", "1e7 steps", "≤ 10.0"])
    // The same limit reached through --times alone: both options named.
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--points", "40", "--times", "1e9", "--method", "fixed-step"],
      mentions: ["--times", "1e9", "time step 0.01", "1e7 steps"])
  }

  /// Magnitudes beyond the model's range are refused with the range, naming the option.
  func testAbsurdMagnitudesAreRefusedWithTheRange() throws {
    let cases: [(args: [String], option: String, value: String)] = [
      (
        ["relaxation", "wavevector", "--xi", "0.3", "--wm", "1e308", "--wM", "1e308", "--omega", "0:1:3"], "--wm",
        "1e308"
      ),
      (["relaxation", "rates", "--xi", "0.3", "--wM", "1e308", "--k2-ratio", "0:1:3"], "--wM", "1e308"),
      (["relaxation", "evolve", "--xi", "0.3", "--wm", "1e300"], "--wm", "1e300"),
      (["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:1e300:3"], "--k2-ratio", "0:1e300:3"),
      (["relaxation", "wavevector", "--xi", "0.3", "--omega=-1e300:0:3"], "--omega", "-1e300:0:3"),
      (["relaxation", "evolve", "--xi", "0.3", "--length", "1e300"], "--length", "1e300"),
      (
        ["relaxation", "evolve", "--xi", "0.3", "--method", "fixed-step", "--time-step", "1e300"], "--time-step",
        "1e300"
      ),
      (["relaxation", "evolve", "--xi", "0.3", "--times", "0,1e300"], "--times", "0,1e300"),
      (["relaxation", "evolve", "--xi", "0.3", "--step-height", "1e300"], "--step-height", "1e300"),
      (["relaxation", "evolve", "--xi", "0.3", "--step-position", "1e300"], "--step-position", "1e300"),
    ]
    for c in cases {
      try CLI.assertRefused(c.args, mentions: [c.option, c.value], timeout: 20)
    }
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--initial", "cosine", "--mode", "2000000000"],
      mentions: ["--mode", "2000000000"])
    // Profile values that would overflow ∫(M + m)dx.
    let dir = try CLI.temporaryDirectory()
    let profile = dir.appendingPathComponent("profile.csv")
    try "x,dM,dm\n-1,1e300,0\n1,0,1e300\n".write(to: profile, atomically: true, encoding: .utf8)
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--initial", "file", "--profile", profile.path],
      mentions: ["--profile", "1e100"])
  }

  /// At the edges of the ranges every number printed is finite, or a warning says why
  /// (before: `--wm 1e308 --wM 1e308` printed inf/NaN silently).
  func testNoSilentNonFinite() throws {
    let cases: [[String]] = [
      ["relaxation", "wavevector", "--xi", "0.3", "--wm", "1e6", "--wM", "1e6", "--omega=-1e12:1e12:5"],
      ["relaxation", "wavevector", "--xi", "0", "--omega=-1e12:1e12:4"],
      ["relaxation", "rates", "--xi", "1", "--wm", "1e6", "--wM", "1e6", "--k2-ratio", "0:1e12:5", "--modes"],
      ["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:1e12:5", "--method", "closed-form", "--modes"],
      ["relaxation", "evolve", "--xi", "1", "--wm", "1e6", "--wM", "1e6", "--points", "11", "--times", "0,1e-6"],
      ["relaxation", "evolve", "--xi", "0.3", "--step-height", "1e100", "--points", "11", "--times", "0,1"],
    ]
    for args in cases {
      let r = try CLI.run(args, timeout: 60)
      XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
      CLI.assertNoSilentNonFinite(r, args)
    }
    // w_M = r: the slow mode is pure m, dm/dM = inf by design — printed with a warning.
    let pure = try CLI.run(["relaxation", "rates", "--xi", "0.3", "--wM", "1", "--k2-ratio", "0:1:3", "--modes"])
    XCTAssertTrue(pure.stdout.contains("inf"), pure.stdout)
    XCTAssertTrue(pure.stderr.contains("warning: at k2_ratio = 0.0: mode ratio dm/dM = inf"), pure.stderr)
  }

  /// A refused run leaves an existing `-o FILE` byte for byte and no temporary behind.
  func testRefusalLeavesExistingOutputUntouched() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("rates.csv").path
    let old = Data("earlier table\n0,1,2\n".utf8)
    XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: old))
    try CLI.assertRefused(
      ["relaxation", "wavevector", "--xi", "0.3", "--wm", "1e308", "--wM", "1e308", "--omega", "0:1:3", "-o", file],
      mentions: ["--wm"], untouched: [file])
    try CLI.assertRefused(
      ["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:1:100000", "-o", file], mentions: ["--k2-ratio"],
      untouched: [file], environment: smallMemory)
    try CLI.assertRefused(
      ["relaxation", "evolve", "--xi", "0.3", "--points", "100000", "--times", "0,1", "-o", file],
      mentions: ["--times", "disk"], untouched: [file], environment: ["SPINTRANSPORT_OUTPUT_LIMIT": "1M"])
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["rates.csv"])
  }

  /// The streamed evolve table is one table whichever way it leaves: stdout, `-o FILE`, JSON rows
  /// and the in-memory table the study runner writes for the same point are produced in this
  /// run and agree byte for byte (JSON: cell by cell as text). The numbers are then checked
  /// against physics (conservation, the step's symmetry) and against a reference table.
  func testStreamedEvolveIsOneTableOnEveryRoute() throws {
    let args = [
      "relaxation", "evolve", "--xi", "0.3", "--points", "5", "--length", "10", "--times", "0,0.5,1", "--method",
      "fixed-step", "--time-step",
      "0.1",
    ]
    let r = try CLI.run(args)
    XCTAssertEqual(r.status, 0, r.stderr)
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("evolve.csv").path
    XCTAssertEqual(try CLI.run(args + ["-o", file]).status, 0)
    XCTAssertEqual(FileManager.default.contents(atPath: file), Data(r.stdout.utf8))
    try CLI.assertVaryEqualsRun(args)
    let j = try CLI.run(args + ["--format", "json"])
    let table = CLI.csv(r.stdout)
    XCTAssertEqual(CLI.jsonRowTexts(j.stdout), table.rows)
    let object = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
    let meta = object["metadata"] as! [String: Any]
    // ∫(M + m)dx is conserved without lattice decay (1e−12: rounding of a few sums).
    XCTAssertEqual(meta["integral_M_plus_m_first"] as! Double, 5, accuracy: 1e-12)
    XCTAssertEqual(meta["integral_M_plus_m_last"] as! Double, 5, accuracy: 1e-12)
    XCTAssertFalse((meta["warnings"] as? [String] ?? []).isEmpty, "the under-resolved grid (h·k_M = 2) is reported")
    XCTAssertEqual((meta["units"] as? [String: String])?["x_kM"], "1/k_M")  // the streamed route carries units too
    // The step 1 → 0 at x = 0 is odd about (x = 0, dM = ½) and the equations are linear and
    // even in x: dM(x) + dM(−x) = 1 and dm(x) = −dm(−x) at every time, to rounding (1e−14 on O(1) values).
    let rows = table.rows.map { $0.map { Double($0)! } }
    XCTAssertEqual(rows.count, 15)
    for t in stride(from: 0, to: 15, by: 5) {
      for k in 0..<5 {
        XCTAssertEqual(rows[t + k][2] + rows[t + 4 - k][2], 1, accuracy: 1e-14, "row \(t + k)")
        XCTAssertEqual(rows[t + k][3], -rows[t + 4 - k][3], accuracy: 1e-14, "row \(t + k)")
      }
    }
    CLI.assertTableClose(r.stdout, to: Self.referenceEvolveCSV, relative: 1e-12)
  }

  /// Many output times on a large grid run under a memory limit that the former table of
  /// every snapshot (101 × 2001 rows ≈ 200 000 rows, ≈ 70 MB) would exceed.
  func testManyOutputTimesStreamInBoundedMemory() throws {
    let times = (0...100).map { "\(Double($0) * 0.01)" }.joined(separator: ",")
    let r = try CLI.run(
      [
        "relaxation", "evolve", "--xi", "0.3", "--points", "2001", "--times", times, "--method", "fixed-step",
        "--time-step", "0.01",
      ],
      environment: ["SPINTRANSPORT_MEMORY_LIMIT": "8M"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(CLI.csv(r.stdout).rows.count, 101 * 2001)
  }

  /// Progress lines for the evolution (here from the first step), silenced by `--quiet`.
  func testProgressOnStderrAndQuiet() throws {
    let env = ["SPINTRANSPORT_PROGRESS_AFTER": "0"]
    let args = [
      "relaxation", "evolve", "--xi", "0.3", "--points", "41", "--times", "0,0.1", "--method", "fixed-step",
      "--time-step", "0.01",
    ]
    let r = try CLI.run(args, environment: env)
    XCTAssertTrue(r.stderr.contains("relaxation evolve: 82/82 rows (100 %)"), r.stderr)
    let q = try CLI.run(args + ["--quiet"], environment: env)
    XCTAssertFalse(q.stderr.contains("relaxation evolve:"), q.stderr)
    XCTAssertEqual(q.stdout, r.stdout)
  }

  /// `-o` naming a FIFO (like /dev/null, a device) is written in place: the temporary +
  /// rename of a regular file would replace the node by a regular file (as root, /dev/null).
  func testOutputToAFIFOIsWrittenInPlace() throws {
    let args = [
      "relaxation", "evolve", "--xi", "0.3", "--points", "5", "--length", "10", "--times", "0,0.5,1", "--method",
      "fixed-step", "--time-step",
      "0.1",
    ]
    let (_, text) = try CLI.runIntoFIFO(args)
    XCTAssertEqual(text, try CLI.run(args).stdout)
  }

  /// `relaxation evolve --xi 0.3 --points 5 --length 10 --times 0,0.5,1 --method fixed-step --time-step 0.1` as printed
  /// on one machine, compared with a tolerance of 1e−12 of each column's largest value: other
  /// CPUs and BLAS kernels change the last one or two digits (≤ 1e−15 absolute here), while a
  /// change of the scheme, grid or step does not hide below it (halving the time step moves dM at
  /// x = 2, t = 1 by 4e−6).
  static let referenceEvolveCSV = """
    t_r,x_kM,dM,dm
    0.0,-4.0,1.0,0.0
    0.0,-2.0,1.0,0.0
    0.0,0.0,0.5,0.0
    0.0,2.0,0.0,0.0
    0.0,4.0,0.0,0.0
    0.5,-4.0,0.9998540765663276,-0.0007888486127940573
    0.5,-2.0,0.9963061943957459,-0.013148684856071274
    0.5,0.0,0.49999999999999967,-2.2941607815957316e-18
    0.5,2.0,0.0036938056042536463,0.013148684856071263
    0.5,4.0,0.00014592343367127628,0.000788848612794062
    1.0,-4.0,0.9991132360974541,-0.002197145528956355
    1.0,-2.0,0.9880379135782166,-0.019129728346896514
    1.0,0.0,0.4999999999999993,3.724375570372279e-18
    1.0,2.0,0.011962086421782191,0.0191297283468965
    1.0,4.0,0.0008867639025439255,0.002197145528956376

    """
}
