import Foundation
import XCTest

/// Hostile input to `magnon ground-state | current | potential` (README contract): sizes refused
/// against a memory estimate before allocating, absurd magnitudes refused with their physical
/// range, no partial output file, no hang, no crash, no silent NaN.
final class MagnonHostileInputTests: XCTestCase {
  let crown = ["--field", "0.14693", "--latitude", "71.14"]
  /// 64 MiB makes modest sizes refuse without allocating anything large.
  let smallMemory = ["SPINTRANSPORT_MEMORY_LIMIT": "64M"]

  /// An absent path and an existing file with known bytes, both of which a refusal must leave alone.
  func outputs() throws -> (absent: String, existing: String) {
    let dir = try CLI.temporaryDirectory()
    let existing = dir.appendingPathComponent("keep.csv").path
    try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: existing))
    return (dir.appendingPathComponent("never.csv").path, existing)
  }

  // MARK: sizes

  func testGroundStateSizeRefusedBeforeAllocating() throws {
    let (absent, existing) = try outputs()
    // N = 100 000 needs ≈ 160 MiB: refused under a 64 MiB limit, the bytes named.
    try CLI.assertRefused(
      ["magnon", "ground-state", "--spins", "100000"] + crown + ["-o", absent], mentions: ["--spins", "100000", "MiB"],
      untouched: [absent], environment: smallMemory)
    // Without a limit, N = 10¹¹ is refused against the machine's memory (no "failed to allocate").
    try CLI.assertRefused(
      ["magnon", "ground-state", "--spins", "100000000000"] + crown + ["-o", existing],
      mentions: ["--spins", "100000000000", "needs"], untouched: [existing])
    try CLI.assertRefused(
      ["magnon", "ground-state", "--vary", "spins=1000:100000:3"] + crown + ["-o", existing],
      mentions: ["--spins", "N ≤ 100000", "MiB"], untouched: [existing], environment: smallMemory)
    try CLI.assertRefused(
      ["magnon", "ground-state", "--vary", "field=0.1:1:1000000000000", "--latitude", "45", "-o", absent],
      mentions: ["--vary", "1000000000000", "COUNT"], untouched: [absent])
  }

  func testCurrentSizeRefusedBeforeAllocating() throws {
    let (absent, existing) = try outputs()
    // LSWT is dense: N = 2000 needs 704·N² ≈ 2.6 GiB.
    try CLI.assertRefused(
      ["magnon", "current", "--spins", "2000", "--temperature", "5", "--method", "lswt"] + crown + ["-o", existing],
      mentions: ["--spins", "2000", "lswt", "GiB"], untouched: [existing], environment: smallMemory)
    try CLI.assertRefused(
      [
        "magnon", "current", "--spins", "400", "--vary", "latitude=10:80:8", "--method", "lswt", "--field", "0.3",
        "--temperature", "5", "-o", absent,
      ],
      mentions: ["--spins", "8 points", "LSWT"], untouched: [absent], environment: smallMemory)
    try CLI.assertRefused(
      ["magnon", "current", "--vary", "temperature=0:1:10000000000000"] + crown + ["-o", existing],
      mentions: ["--vary", "temperature", "COUNT"], untouched: [existing])
    try CLI.assertRefused(
      ["magnon", "current", "--spins", "100000", "--temperature", "5"] + crown + ["-o", absent],
      mentions: ["--spins", "100000", "MiB"], untouched: [absent], environment: smallMemory)
  }

  func testPotentialSizeRefusedBeforeAllocating() throws {
    let (absent, existing) = try outputs()
    let base = ["magnon", "potential", "--temperature", "60", "--radius", "1e-8"] + crown
    try CLI.assertRefused(
      base + ["--grid", "3e-8:1000", "-o", existing], mentions: ["--grid", "3e-8:1000", "MiB"], untouched: [existing],
      environment: smallMemory)
    try CLI.assertRefused(
      base + ["--spins", "100000", "--distance", "1e-7", "-o", absent], mentions: ["--spins", "100000"],
      untouched: [absent], environment: smallMemory)
  }

  // MARK: absurd magnitudes (each used to hang or print nan/inf)

  func testAbsurdMagnitudesRefusedWithTheirRange() throws {
    let (absent, existing) = try outputs()
    let cases: [([String], [String])] = [
      (["magnon", "ground-state", "--field", "1e300", "--latitude", "45"], ["--field", "1e300", "10000] T"]),
      (["magnon", "ground-state", "--field", "0.1", "--latitude", "45", "--exchange", "1e30"], ["--exchange", "K"]),
      (["magnon", "ground-state", "--field", "0.1", "--latitude", "45", "--spin", "1e30"], ["--spin", "1e30"]),
      (["magnon", "ground-state", "--field", "0.1", "--latitude", "45", "--g", "1e10"], ["--g", "30"]),
      (["magnon", "ground-state", "--vary", "field=1:1e300:3", "--latitude", "45"], ["--vary", "field=", "T"]),
      (["magnon", "current", "--temperature", "1e308"] + crown, ["--temperature", "1e308", "10000] K"]),
      (["magnon", "current", "--temperature", "1", "--field", "1e300", "--latitude", "45"], ["--field", "T"]),
      (["magnon", "current", "--vary", "temperature=1:1e308:3"] + crown, ["--vary", "K"]),
      (
        ["magnon", "current", "--temperature", "1", "--method", "lswt", "--field", "1e300", "--latitude", "9"],
        ["--field"]
      ),
      (
        ["magnon", "potential", "--temperature", "1e308", "--radius", "1e-8", "--distance", "1e-7"] + crown,
        ["--temperature"]
      ),
      (
        ["magnon", "potential", "--temperature", "60", "--radius", "1e300", "--distance", "1e-7"] + crown,
        ["--radius", "m"]
      ),
      (
        ["magnon", "potential", "--temperature", "60", "--radius", "1e-8", "--distance", "1e-300"] + crown,
        ["--distance"]
      ),
      (["magnon", "potential", "--temperature", "60", "--radius", "1e-8", "--grid", "1e300:5"] + crown, ["--grid"]),
      (
        [
          "magnon", "potential", "--temperature", "60", "--radius", "1e-8", "--distance", "1e-7", "--field", "1e300",
          "--latitude", "3",
        ], ["--field"]
      ),
    ]
    for (args, mentions) in cases {
      try CLI.assertRefused(args + ["-o", absent], mentions: mentions, untouched: [absent])
      try CLI.assertRefused(args + ["-o", existing], mentions: mentions, untouched: [existing])
    }
  }

  /// The field error is in the unit of the option the user gave (tesla), not the derived |h| in K.
  func testFieldErrorsSpeakTesla() throws {
    let r = try CLI.assertRefused(
      ["magnon", "current", "--temperature", "1", "--field=-2", "--latitude", "45"], mentions: ["--field", "-2", " T"])
    XCTAssertFalse(r.stderr.contains(" K"), "a tesla option reported in kelvin: \(r.stderr)")
  }

  // MARK: the bounds themselves work, fast and finite

  func testExtremesInsideTheRangeAreFiniteAndFast() throws {
    let runs: [[String]] = [
      ["magnon", "ground-state", "--field", "1e4", "--latitude", "45"],
      ["magnon", "ground-state", "--field", "1e-12", "--latitude", "45", "--spins", "12"],
      ["magnon", "current", "--temperature", "1e4"] + crown,
      ["magnon", "current", "--temperature", "1e4", "--method", "closed-form"] + crown,
      ["magnon", "current", "--temperature", "1e4", "--method", "lswt", "--spins", "20"] + crown,
      ["magnon", "current", "--vary", "field=1e-3:1e4:4", "--temperature", "100", "--latitude", "30", "--spins", "30"],
      ["magnon", "potential", "--temperature", "1e4", "--radius", "1", "--distance", "1e3"] + crown,
      ["magnon", "potential", "--temperature", "1", "--radius", "1e-10", "--distance", "1e-15"] + crown,
    ]
    for args in runs {
      let r = try CLI.run(args, timeout: 60)
      XCTAssertFalse(r.timedOut, "hang: \(args)")
      XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
      XCTAssertFalse(r.stdout.contains("nan") || r.stdout.contains("inf"), "\(args): \(r.stdout)")
      CLI.assertNoSilentNonFinite(r, args)
    }
  }

  // MARK: non-finite output is explained

  func testGridPointsOnTheWireAreNamedInAWarning() throws {
    // POINTS = 5 over ±R puts (±R, 0) exactly on the wire.
    let args = ["magnon", "potential", "--temperature", "60", "--radius", "1e-8", "--grid", "1e-8:5"] + crown
    let r = try CLI.run(args)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("nan"), "the on-wire points are nan by design")
    CLI.assertNoSilentNonFinite(r, args)
    XCTAssertTrue(r.stderr.contains("diverges on the wire: 2 grid point(s)"), r.stderr)
    XCTAssertTrue(r.stderr.contains("x = -1e-08 m, z = 0.0 m"), r.stderr)
    // JSON carries it in metadata.warnings.
    let json = try CLI.run(args + ["--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
    let warnings = (object["metadata"] as! [String: Any])["warnings"] as? [Any] ?? []
    XCTAssertTrue("\(warnings)".contains("on-wire") || "\(warnings)".contains("diverges"), "\(warnings)")
    // A grid that misses the wire has no nan and no warning.
    let clear = try CLI.run(
      ["magnon", "potential", "--temperature", "60", "--radius", "1e-8", "--grid", "3e-8:4"] + crown)
    XCTAssertEqual(clear.status, 0, clear.stderr)
    XCTAssertFalse(clear.stdout.contains("nan"))
    XCTAssertFalse(clear.stderr.contains("warning:"), clear.stderr)
  }

  // MARK: long work reports progress (and --quiet silences it)

  func testLongSweepPrintsProgressUnlessQuiet() throws {
    // 24 LSWT points at N = 60.
    let args = [
      "magnon", "current", "--vary", "latitude=10:80:24", "--method", "lswt", "--spins", "60", "--field", "0.5",
      "--temperature", "5",
    ]
    // The reporter speaks from the start (SPINTRANSPORT_PROGRESS_AFTER=0), however fast the machine.
    let loud = try CLI.run(args, environment: ["SPINTRANSPORT_PROGRESS_AFTER": "0"])
    XCTAssertEqual(loud.status, 0, loud.stderr)
    XCTAssertTrue(loud.stderr.contains("points ("), "no progress line: \(loud.stderr)")
    let quiet = try CLI.run(args + ["--quiet"], environment: ["SPINTRANSPORT_PROGRESS_AFTER": "0"])
    XCTAssertEqual(quiet.status, 0, quiet.stderr)
    XCTAssertFalse(quiet.stderr.contains("points ("), quiet.stderr)
    XCTAssertEqual(quiet.stdout, loud.stdout)
  }
}
