import Foundation
import XCTest

/// The spin-diffusion catalogue entries (seed 003): `--vary` on the command line and `run` on
/// the `--save-study` file give the same data.csv bytes; negative values parse where they are
/// allowed; the streamed single-point output equals the study runner's table of the same point.
final class DiffusionCatalogueTests: XCTestCase {
  /// Each entry's documented example (as in `spintransport models NAME`).
  static let examples: [[String]] = [
    ["diffusion", "interface", "--length", "1e-8", "--points", "101", "--vary", "angle=0:90:3"],
    ["diffusion", "torus", "--side", "1e-8", "--points", "160", "--vary", "wall-width=0:2e-9:3"],
    [
      "diffusion", "evolve", "--length", "1e-8", "--points", "21", "--steps", "4", "--every", "2", "--vary",
      "geometry=interface,torus",
    ],
  ]

  func testVaryOnTheCommandLineEqualsRunOfTheSavedStudy() throws {
    for args in Self.examples { try CLI.assertVaryEqualsRun(args, minimumBytes: 101) }
    // A 2D grid and an id instead of a flag.
    try CLI.assertVaryEqualsRun(
      [
        "diffusion", "interface", "--length", "1e-8", "--points", "41", "--vary", "angle_deg=-30,30", "--vary",
        "wall-width=0,1e-9",
      ], minimumBytes: 101)
  }

  /// Negative values parse after the flag (`--angle -30`), in ranges and lists.
  func testNegativeValuesParse() throws {
    let runs: [[String]] = [
      ["diffusion", "interface", "--angle", "-30", "--length", "1e-8", "--points", "101"],
      ["diffusion", "interface", "--precession-ratio", "-100", "--length", "1e-8", "--points", "101"],
      ["diffusion", "interface", "--angle", "-90:-30:3", "--length", "1e-8", "--points", "101"],
      [
        "diffusion", "evolve", "--from-angle", "-30", "--angle", "-60", "--length", "1e-8", "--points", "21", "--steps",
        "2", "--magnetization", "landau-lifshitz", "--exchange-stiffness", "0", "--accumulation-scale", "-0.01",
      ],
    ]
    for args in runs {
      let r = try CLI.run(args)
      XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)")
      XCTAssertGreaterThan(CLI.csv(r.stdout).rows.count, 1, args.joined(separator: " "))
    }
    // The right layer's end is held at n̂_R = (sin α, 0, cos α) with α = −30°.
    let r = try CLI.run(["diffusion", "interface", "--angle", "-30", "--length", "1e-8", "--points", "101"])
    let last = try XCTUnwrap(CLI.csv(r.stdout).rows.last)
    XCTAssertEqual(Double(last[1])!, -0.5, accuracy: 1e-12)
    XCTAssertEqual(Double(last[3])!, 3.0.squareRoot() / 2, accuracy: 1e-12)
    // Where negative is meaningless, the one-line refusal.
    try CLI.assertRefused(["diffusion", "interface", "--wall-width", "-1e-9"], mentions: ["--wall-width", "-1e-9"])
  }

  /// A single point is streamed (rows written as computed); its bytes equal the study runner's
  /// table of the same point (a one-value sweep, whose first column is dropped).
  func testStreamedPointEqualsTheRunnersTable() throws {
    let cases: [([String], String)] = [
      (
        [
          "diffusion", "evolve", "--length", "1e-8", "--points", "9", "--steps", "4", "--every", "2",
          "--magnetization", "landau-lifshitz", "--exchange-stiffness", "0", "--accumulation-scale", "0.01",
        ], "geometry=interface"
      ),
      (
        ["diffusion", "evolve", "--geometry", "torus", "--length", "1e-8", "--points", "16", "--steps", "3"],
        "every=3"
      ),
      (["diffusion", "torus", "--side", "1e-8", "--points", "40"], "refinement=4"),
      (["diffusion", "interface", "--length", "1e-8", "--points", "31"], "refinement=4"),
    ]
    for (args, oneValue) in cases {
      let streamed = try CLI.run(args + ["--quiet"])
      XCTAssertEqual(streamed.status, 0, streamed.stderr)
      let viaRunner = try CLI.run(args + ["--vary", oneValue, "--quiet"])
      XCTAssertEqual(viaRunner.status, 0, viaRunner.stderr)
      let dropped = viaRunner.stdout.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.split(separator: ",", maxSplits: 1).dropFirst().joined()
      }.joined(separator: "\n")
      XCTAssertEqual(streamed.stdout, dropped, args.joined(separator: " "))
    }
  }

  /// `diffusion evolve --geometry torus`: periodic x from 0 to 4L, M in the yz plane.
  func testEvolveOnTheTorus() throws {
    let r = try CLI.run([
      "diffusion", "evolve", "--geometry", "torus", "--length", "1e-8", "--points", "40", "--steps", "4", "--every",
      "2", "--magnetization", "landau-lifshitz", "--exchange-stiffness", "0", "--accumulation-scale", "0.01",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let (header, rows) = CLI.csv(r.stdout)
    XCTAssertEqual(header, ["time_s", "x_m", "m_x", "m_y", "m_z", "M_x", "M_y", "M_z"])
    XCTAssertEqual(rows.count, 3 * 40)
    let x = rows.prefix(40).map { Double($0[1])! }
    XCTAssertEqual(x.first!, 0, accuracy: 1e-20)
    XCTAssertLessThan(x.last!, 4e-8)
    // At t = 0, M lies in the yz plane (M_x = 0) and m = 0 (no fixed ends on the ring).
    for row in rows.prefix(40) {
      XCTAssertEqual(Double(row[5])!, 0)
      XCTAssertEqual(Double(row[2])!, 0)
    }
    try CLI.assertRefused(
      ["diffusion", "evolve", "--geometry", "torus", "--from-angle", "30"], mentions: ["--from-angle", "torus"])
    try CLI.assertRefused(
      ["diffusion", "evolve", "--geometry", "torus", "--points", "7"], mentions: ["--points", "7", "≥ 8"])
  }
}
