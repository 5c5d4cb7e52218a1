import Foundation
import XCTest

/// Hostile input for `ring …` and `definitions check` (README contract): exceptional points give
/// numbers or NaN with a `warning:` (never exit 1 with an internal message), sizes are refused
/// from a memory estimate before anything is allocated (one line naming the parameter, its value
/// and the bytes; exit 2; `-o FILE` untouched), never a crash or a hang.
final class RingHostileInputTests: XCTestCase {
  /// The critical ring at φ = 0 (EPs at k = 0 and k = π, E = 0).
  let critical = [
    "--cells", "10", "--gamma", "1", "--t2", "1", "--flux-phase", "0", "--exchange", "0", "--theta", "0", "--azimuth",
    "0",
  ]
  /// A small memory budget: modest sizes are refused without allocating anything.
  let smallBudget = ["SPINTRANSPORT_MEMORY_LIMIT": "64M"]
  let variants: [[String]] = [
    ["--path", "automatic"], ["--path", "dense"], ["--path", "bloch"], ["--path", "spin-resolved"],
    ["--method", "derivative"],
  ]

  /// Runs `args`, asserts exit 0 and no internal error, and returns the one data row.
  func row(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (CLIRun, [String]) {
    let r = try CLI.run(args)
    CLI.assertNoSilentNonFinite(r, args, file: file, line: line)
    XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
    XCTAssertFalse(r.stderr.contains("error"), r.stderr, file: file, line: line)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.rows.count, 1, r.stdout, file: file, line: line)
    return (r, t.rows.first ?? [])
  }

  /// The reported case (μ = −0.63, EP unoccupied) exited 1 with "non-finite entry … zheevd
  /// input" on the Bloch path: now every path and method gives the same finite numbers.
  func testExceptionalPointAwayFromMuAgreesOnEveryPath() throws {
    // Odd N with a tilted field: non-zero currents at the EP, so agreement means something.
    let model = [
      "--cells", "9", "--gamma", "1", "--t2", "1", "--flux-phase", "0", "--exchange", "0.3", "--theta", "23",
    ]
    for base in [critical + ["--mu", "-0.63"], model + ["--mu", "-0.63"], model + ["--mu", "0.5"]] {
      var reference: [Double]?
      for v in variants {
        let (r, fields) = try row(["ring", "currents"] + base + v)
        let values = fields.map { Double($0) ?? .nan }
        XCTAssertTrue(values.allSatisfy(\.isFinite), "\(v): \(fields) \(r.stderr)")
        guard let ref = reference else {
          reference = values
          continue
        }
        // Charge (A) and spin (eV) columns: derivative stencil error ≤ 1e−9 absolute here.
        for (j, (a, b)) in zip(values, ref).enumerated() {
          let tolerance = j < 2 ? 1e-13 : 1e-9
          XCTAssertEqual(a, b, accuracy: tolerance, "\(base) \(v) column \(j)")
        }
      }
    }
  }

  /// EP at μ = 0: NaN with a warning naming the condition number, exit 0, on every path.
  func testExceptionalPointAtMuIsNaNWithWarningOnEveryPath() throws {
    for v in variants {
      let (r, fields) = try row(["ring", "currents"] + critical + ["--mu", "0"] + v)
      XCTAssertTrue(fields.allSatisfy { $0 == "nan" }, "\(v): \(fields)")
      XCTAssertTrue(r.stderr.contains("warning:") && r.stderr.contains("condition number"), "\(v): \(r.stderr)")
    }
  }

  /// `ring states` at the EP: NaN rows for the coalescing states with a warning, same count
  /// on the Bloch and the dense path.
  func testStatesAtExceptionalPoint() throws {
    var counts: [Int] = []
    for path in ["bloch", "dense"] {
      let args = ["ring", "states"] + critical + ["--path", path]
      let r = try CLI.run(args)
      CLI.assertNoSilentNonFinite(r, args)
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertTrue(r.stderr.contains("warning:") && r.stderr.contains("exceptional point"), r.stderr)
      counts.append(CLI.csv(r.stdout).rows.filter { $0[4] == "nan" }.count)
    }
    XCTAssertEqual(counts, [8, 8])
  }

  /// Sweeps crossing φ = 0 and ±2π/N (EPs, the last ones only up to rounding): exit 0, NaN
  /// rows only with warnings.
  func testSweepCrossingExceptionalPoints() throws {
    let period = 2 * Double.pi / 10
    for extra in [["--mu", "0"], ["--mu", "-0.63"], ["--mu", "0", "--path", "dense"]] {
      let args = ["ring", "sweep"] + critical + extra + ["--vary", "flux-phase=\(-period):\(period):5"]
      let r = try CLI.run(args)
      CLI.assertNoSilentNonFinite(r, args)
      XCTAssertEqual(r.status, 0, "\(extra): \(r.stderr)")
      XCTAssertEqual(CLI.csv(r.stdout).rows.count, 5)
    }
  }

  /// Sizes refused from the memory estimate (64 MiB budget): one line naming the option, the
  /// value and the bytes; exit 2; an existing output file keeps its bytes.
  func testSizesRefusedFromMemoryEstimate() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("keep.csv").path
    try Data("old contents\n".utf8).write(to: URL(fileURLWithPath: file))
    let cases: [([String], [String])] = [
      (["ring", "spectrum", "--cells", "1500", "--path", "dense"], ["--cells", "1500", "6000×6000", "GiB"]),
      (["ring", "currents", "--cells", "3000", "--aah", "1"], ["--cells", "3000", "spin-resolved", "GiB"]),
      (["ring", "currents", "--cells", "400", "--method", "derivative"], ["--cells", "400", "MiB"]),
      (["ring", "states", "--cells", "400", "--path", "dense"], ["--cells", "400", "MiB"]),
      (["ring", "states", "--cells", "1000000"], ["--cells", "1000000", "Bloch", "GiB"]),
      (["ring", "bands", "--k-points", "10000000"], ["--k-points", "10000000", "GiB"]),
      (["ring", "sweep", "--cells", "400", "--aah", "1", "--vary", "mu=0:1:3"], ["--cells", "400", "MiB"]),
    ]
    for (args, mentions) in cases {
      try CLI.assertRefused(args + ["-o", file], mentions: mentions, untouched: [file], environment: smallBudget)
    }
  }

  /// Sizes no machine has: refused at once without any budget override (no "failed to
  /// allocate" crash, no overflow trap), within 20 s.
  func testAbsurdSizesRefusedBeforeAllocation() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("absent.csv").path
    let cases: [([String], [String])] = [
      (["ring", "sweep", "--vary", "flux-phase=0:1:1000000000"], ["--vary", "1000000000", "COUNT from 1 to 100000"]),
      (["ring", "sweep", "--vary", "cells=10:4503599627370496:3"], ["--cells", "4503599627370496"]),
      (["ring", "currents", "--cells", "9223372036854775807"], ["--cells", "9223372036854775807"]),
      (["ring", "states", "--cells", "9223372036854775807", "--aah", "1"], ["--cells", "9223372036854775807"]),
      (["ring", "spectrum", "--cells", "9223372036854775807", "--path", "dense"], ["--cells"]),
      (["ring", "bands", "--k-points", "9223372036854775807"], ["--k-points", "9223372036854775807"]),
    ]
    for (args, mentions) in cases {
      try CLI.assertRefused(args + ["-o", file], mentions: mentions, untouched: [file], timeout: 20)
    }
  }

  /// `definitions check`: large lattices refused by memory (64 MiB) or by the site cap, named
  /// as typed; a non-finite-free table otherwise.
  func testDefinitionsCheckLargeSites() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("absent.csv").path
    let physics = ["--rashba", "0.3", "--zeeman", "0.2"]
    try CLI.assertRefused(
      ["definitions", "check", "--sites", "300"] + physics + ["-o", file], mentions: ["--sites", "300", "MiB"],
      untouched: [file], environment: smallBudget)
    try CLI.assertRefused(
      ["definitions", "check", "--sites", "20", "--width", "15"] + physics + ["-o", file],
      mentions: ["--sites", "20", "MiB"], untouched: [file], environment: smallBudget)
    try CLI.assertRefused(
      ["definitions", "check", "--sites", "100000000000"] + physics + ["-o", file],
      mentions: ["--sites", "100000000000"], untouched: [file])
    let args = ["definitions", "check", "--sites", "6", "--zeeman", "1e300", "--rashba", "0.3"]
    let r = try CLI.run(args)
    XCTAssertEqual(r.status, 0, r.stderr)
    CLI.assertNoSilentNonFinite(r, args)
  }
}
