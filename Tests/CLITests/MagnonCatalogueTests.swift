import Foundation
import XCTest

/// The `magnon` commands as catalogue entries: `--vary` on the command line and `run` of the
/// `--save-study` file compute through the same path (identical data.csv bytes), each entry's
/// documented example runs, and the option spellings of before the catalogue still work.
final class MagnonCatalogueTests: XCTestCase {
  let crown = ["--spins", "20", "--field", "1", "--latitude", "45"]

  func testGroundStateVaryEqualsStudy() throws {
    try CLI.assertVaryEqualsRun(["magnon", "ground-state"] + crown.dropLast(2) + ["--vary", "latitude=30:60:3"])
  }

  func testCurrentVaryEqualsStudyIncludingA2DGrid() throws {
    try CLI.assertVaryEqualsRun(["magnon", "current"] + crown + ["--vary", "temperature=1:20:3"])
    try CLI.assertVaryEqualsRun(
      ["magnon", "current"] + crown.dropFirst(2) + [
        "--temperature", "5", "--vary", "spins=10:20:2", "--vary", "method=sum,lswt",
      ])
  }

  func testPotentialVaryEqualsStudyForDistanceAndGrid() throws {
    let base = ["magnon", "potential"] + crown + ["--temperature", "60", "--radius", "1e-8"]
    try CLI.assertVaryEqualsRun(base + ["--vary", "distance=1e-8:1e-7:3"])
    try CLI.assertVaryEqualsRun(base + ["--grid", "3e-8:4", "--vary", "method=sum,closed-form"])
  }

  /// A numeric option written START:STOP:COUNT sweeps it, as `--vary` does (same table).
  func testOptionRangeSweepsLikeVary() throws {
    let a = try CLI.run(["magnon", "current"] + crown + ["--temperature", "1:20:3"])
    let b = try CLI.run(["magnon", "current"] + crown + ["--vary", "temperature=1:20:3"])
    XCTAssertEqual(a.status, 0, a.stderr)
    XCTAssertEqual(a.stdout, b.stdout)
    XCTAssertEqual(CLI.csv(a.stdout).header.first, "temperature_K")
    XCTAssertEqual(CLI.csv(a.stdout).rows.count, 3)
  }

  /// Negative values parse where the physics allows them (the field latitude ϑ is in [0, 180]:
  /// −30 is refused with its range, not "missing value").
  func testNegativeValuesParse() throws {
    let r = try CLI.assertRefused(
      ["magnon", "ground-state", "--spins", "8", "--field", "1", "--latitude", "-30"],
      mentions: ["--latitude", "-30", "[0, 180] deg"])
    XCTAssertFalse(r.stderr.contains("Missing value"), r.stderr)
    let swept = try CLI.run(["magnon", "ground-state", "--spins", "8", "--latitude", "30", "--vary", "field=-1,1"])
    XCTAssertEqual(swept.status, 2)
    XCTAssertTrue(swept.stderr.contains("-1"), swept.stderr)
  }

  /// The flags of before the catalogue keep their spellings; `--grid HALF_WIDTH:POINTS` is not a sweep.
  func testLegacyFlagsAndGridSpelling() throws {
    let r = try CLI.run(
      [
        "magnon", "potential", "--spins", "12", "--spin", "1", "--exchange", "50", "--field", "0.5", "--g", "2.1",
        "--latitude", "60", "--temperature", "10", "--radius", "1e-8", "--method", "closed-form", "--grid", "3e-8:3",
      ])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(CLI.csv(r.stdout).header, ["x_m", "z_m", "potential_V"])
    XCTAssertEqual(CLI.csv(r.stdout).rows.count, 9)
    let dense = try CLI.run(["magnon", "ground-state", "--hessian", "dense"] + crown)
    XCTAssertEqual(dense.status, 0, dense.stderr)
  }

  /// Every magnon entry is listed by `models`, has catalogue help, and its `example` (copied
  /// from the entry) gives the same bytes on the command line and through its study file.
  func testExamplesAndListing() throws {
    let models = try CLI.run(["models", "--format", "json"])
    XCTAssertEqual(models.status, 0, models.stderr)
    for name in ["magnon-ground-state", "magnon-current", "magnon-potential"] {
      XCTAssertTrue(models.stdout.contains("\"\(name)\""), name)
    }
    let examples: [String: [String]] = [
      "ground-state": ["--spins", "20", "--field", "1", "--vary", "latitude=30:60:3"],
      "current": ["--spins", "20", "--field", "1", "--latitude", "45", "--vary", "temperature=1:20:3"],
      "potential": [
        "--spins", "20", "--field", "1", "--latitude", "45", "--temperature", "60", "--radius", "1e-8",
        "--vary", "distance=1e-8:1e-7:3",
      ],
    ]
    for (command, example) in examples {
      let help = try CLI.run(["magnon", command, "--help"])
      XCTAssertEqual(help.status, 0, help.stderr)
      XCTAssertTrue(help.stdout.contains("--field"), help.stdout)
      try CLI.assertVaryEqualsRun(["magnon", command] + example)
    }
  }
}
