import Foundation
import XCTest

/// End-to-end: `spintransport diffusion interface|torus|evolve`.
final class DiffusionCLITests: XCTestCase {
  func testInterfacePrintsProfileWithEndsAtEquilibrium() throws {
    let r = try CLI.run(["diffusion", "interface", "--length", "1e-8", "--angle", "90", "--points", "101"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let (header, rows) = CLI.csv(r.stdout)
    XCTAssertEqual(header, ["x_m", "m_x", "m_y", "m_z"])
    XCTAssertEqual(rows.count, 101)
    // Ends held at equilibrium: −ẑ on the left, n̂_R = (sin 90°, 0, cos 90°) = x̂ on the right (1e−12: exact rows).
    XCTAssertEqual(Double(rows[0][0])!, -5e-9, accuracy: 1e-20)
    XCTAssertEqual(Double(rows[0][3])!, -1, accuracy: 1e-12)
    XCTAssertEqual(Double(rows[100][1])!, 1, accuracy: 1e-12)
  }

  func testVaryAddsParameterColumnAndJSONWorks() throws {
    let r = try CLI.run([
      "diffusion", "interface", "--length", "1e-8", "--points", "21", "--vary", "wall-width=0:2e-9:3", "--format",
      "json",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(object["columns"] as! [String], ["wall_width_m", "x_m", "m_x", "m_y", "m_z"])
    XCTAssertEqual((object["rows"] as! [[Any]]).count, 63)
  }

  func testTorusAndEvolveRun() throws {
    let t = try CLI.run(["diffusion", "torus", "--side", "1e-8", "--points", "40"])
    XCTAssertEqual(t.status, 0, t.stderr)
    XCTAssertEqual(CLI.csv(t.stdout).rows.count, 40)
    let e = try CLI.run([
      "diffusion", "evolve", "--length", "1e-8", "--points", "21", "--steps", "4", "--every", "2",
      "--magnetization", "landau-lifshitz", "--exchange-stiffness", "0", "--accumulation-scale", "0.01",
    ])
    XCTAssertEqual(e.status, 0, e.stderr)
    let (header, rows) = CLI.csv(e.stdout)
    XCTAssertEqual(header, ["time_s", "x_m", "m_x", "m_y", "m_z", "M_x", "M_y", "M_z"])
    XCTAssertEqual(rows.count, 3 * 21)  // t = 0, after step 2, after step 4
  }

  /// 11 points on 100 nm cannot resolve the 6.3 nm precession wavelength: a warning on
  /// stderr (with the ratio) and in JSON metadata, but still a result and exit status 0.
  func testUnderResolvedGridWarns() throws {
    let r = try CLI.run(["diffusion", "interface", "--length", "1e-7", "--points", "11", "--format", "json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.hasPrefix("warning: grid spacing"), r.stderr)
    XCTAssertTrue(r.stdout.contains("precession wavelength"), r.stdout)
    let fine = try CLI.run(["diffusion", "interface", "--length", "1e-8", "--points", "401"])
    XCTAssertEqual(fine.stderr, "")
  }

  func testBadInputExitsTwoWithoutOutputFile() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("out.csv").path
    try CLI.assertBadInput(["diffusion", "interface", "--length=-1e-9", "-o", file], mentions: "length")
    try CLI.assertBadInput(["diffusion", "interface", "--length", "0", "-o", file], mentions: "length")
    try CLI.assertBadInput(["diffusion", "interface", "--points", "2", "-o", file], mentions: "points")
    try CLI.assertBadInput(["diffusion", "interface", "--angle", "nan", "-o", file], mentions: "angle")
    try CLI.assertBadInput(["diffusion", "interface", "--vary", "length=1e-8:-1e-8:3", "-o", file], mentions: "length")
    try CLI.assertBadInput(["diffusion", "torus", "--side", "inf", "-o", file], mentions: "side")
    try CLI.assertBadInput(["diffusion", "evolve", "--time-step", "0", "-o", file], mentions: "time-step")
    try CLI.assertBadInput(["diffusion", "interface", "--vary", "points=1:2:2", "-o", file], mentions: "vary")
  }

  /// The error-controlled route on a texture from a model file (the spin spiral of
  /// models/examples/spiral.toml, 120 points, snapshots to 1 ps): tightening rtol 100× (1e−6 →
  /// 1e−8) moves every m value by ≤ 300·rtol·max|m| — the loose run's global error is that
  /// difference up to the tight run's ~21× smaller one (BDF2: global error ∝ rtol^{2/3}), and
  /// 300·rtol is the order-2 bound of FrozenMagnetizationEvolutionTests (measured 60·rtol there);
  /// `metadata.integration` reports the internal steps and a largest error-test ratio ≤ 1 (every
  /// accepted step met the tolerance).
  func testAdaptiveOnAModelFileTextureConvergesInRtol() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let base = [
      "diffusion", "evolve", "--model", "models/examples/spiral.toml", "--points", "120", "--method", "adaptive",
      "--steps", "10", "--every", "5", "--columns", "m_x,m_y,m_z", "--format", "json",
    ]
    func run(_ rtol: String) throws -> (rows: [[Double]], integration: [String: Any]) {
      let r = try CLI.run(base + ["--rtol", rtol, "--atol", "\(1e-3 * Double(rtol)!)"], directory: root)
      XCTAssertEqual(r.status, 0, r.stderr)
      let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
      let metadata = try XCTUnwrap(json["metadata"] as? [String: Any])
      return (try XCTUnwrap(json["rows"] as? [[Double]]), try XCTUnwrap(metadata["integration"] as? [String: Any]))
    }
    let loose = try run("1e-6"), tight = try run("1e-8")
    XCTAssertEqual(loose.rows.count, 3 * 120)
    XCTAssertGreaterThan(try XCTUnwrap(loose.integration["steps"] as? Int), 10)
    XCTAssertLessThanOrEqual(try XCTUnwrap(loose.integration["largest_error_test_ratio"] as? Double), 1)
    let scale = tight.rows.flatMap { $0 }.map(abs).max()!
    let change = zip(loose.rows, tight.rows).map { zip($0, $1).map { abs($0 - $1) }.max()! }.max()!
    XCTAssertGreaterThan(scale, 0.05)
    XCTAssertLessThanOrEqual(change, 300 * 1e-6 * scale)
  }

  /// An adaptive run that cannot meet its tolerance within --max-steps exits 2 with one line
  /// naming the time reached and the reason, and leaves no output file (no partial snapshots).
  func testAdaptiveFailureExitsTwoWithTimeReachedAndNoFile() throws {
    try CLI.assertStepLimitFailure([
      "diffusion", "evolve", "--method", "adaptive", "--points", "21", "--max-steps", "3",
    ])
  }

  /// With M moving (ρ and J ≠ 0) the default route is the error-controlled one: the JSON metadata
  /// names it and carries CVODE's counters (internal steps > 0, a largest error-test ratio ≤ 1:
  /// every accepted step met the tolerance), M changes between the snapshots while each |M| stays
  /// within 300·rtol of its start (|M| is a constant of Landau–Lifshitz; its drift is part of the
  /// global error, whose order-2 bound CoupledMagnetizationEvolutionTests uses; measured
  /// 11·rtol); too few --max-steps exits 2 with one line naming the
  /// time reached and the reason, and leaves no output file.
  func testAdaptiveRouteWithMovingMagnetization() throws {
    let base = [
      "diffusion", "evolve", "--length", "2e-8", "--wall-width", "2e-9", "--points", "21", "--steps", "3",
      "--magnetization", "landau-lifshitz", "--accumulation-scale", "0.5", "--exchange-stiffness", "1e-20",
    ]
    let r = try CLI.run(base + ["--format", "json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let metadata = try XCTUnwrap(json["metadata"] as? [String: Any])
    XCTAssertTrue(try XCTUnwrap(metadata["integrator"] as? String).contains("Landau–Lifshitz"))
    let integration = try XCTUnwrap(metadata["integration"] as? [String: Any])
    XCTAssertGreaterThan(try XCTUnwrap(integration["steps"] as? Int), 0)
    XCTAssertLessThanOrEqual(try XCTUnwrap(integration["largest_error_test_ratio"] as? Double), 1)
    let rows = try XCTUnwrap(json["rows"] as? [[Double]])
    XCTAssertEqual(rows.count, 2 * 21)  // t = 0 and the last step (every 3 = steps)
    let first = rows[..<21].map { Array($0[5...7]) }, last = rows[21...].map { Array($0[5...7]) }
    func length(_ v: [Double]) -> Double { v.map { $0 * $0 }.reduce(0, +).squareRoot() }
    let m0 = first.map(length).max()!
    let moved = zip(first, last).map { a, b in length(zip(a, b).map { $0 - $1 }) }.max()!
    let drift = zip(first, last).map { abs(length($0) - length($1)) }.max()!
    XCTAssertGreaterThan(moved, 1e-3 * m0)
    XCTAssertLessThanOrEqual(drift, 300 * 1e-6 * m0)

    try CLI.assertStepLimitFailure(base + ["--max-steps", "3"])
  }

  /// M is frozen unless asked to move: ρ or a J other than the default with M frozen would act on
  /// nothing, so each is refused in one line naming the option, its value and the choice that
  /// makes it act. With M moving and permalloy's default J, the paper's sharp wall (0.6 nm on the
  /// default grid) unwinds: a warning gives the exchange rate at t = 0, of the order of the
  /// continuum (J/2)M₀/(ħw²) ≈ 1.3e13 rad/s for w = 0.6 nm (accepted between 1e12 and 1e16;
  /// measured 4.2e13); with J = 0 there is none.
  func testMovingMagnetizationIsAskedForAndAnUnwindingWallIsReported() throws {
    try CLI.assertRefused(
      ["diffusion", "evolve", "--steps", "2", "--accumulation-scale", "0.01"],
      mentions: ["--accumulation-scale", "0.01", "--magnetization landau-lifshitz"])
    try CLI.assertRefused(
      ["diffusion", "evolve", "--steps", "2", "--exchange-stiffness", "1e-20"],
      mentions: ["--exchange-stiffness", "1e-20", "--magnetization landau-lifshitz"])
    let moving = [
      "diffusion", "evolve", "--steps", "2", "--every", "1", "--magnetization", "landau-lifshitz",
      "--method", "fixed-step",
    ]
    let r = try CLI.run(moving)
    XCTAssertEqual(r.status, 0, r.stderr)
    let line = try XCTUnwrap(r.stderr.split(separator: "\n").first { $0.contains("unwinds") }, r.stderr)
    XCTAssertTrue(line.contains("J = 1.06e-19 eV·m²") && line.contains("--exchange-stiffness 0"), String(line))
    let rate = try XCTUnwrap(line.firstMatch(of: #/up to ([0-9.e+-]+) rad/s/#).flatMap { Double($0.1) })
    XCTAssertGreaterThan(rate, 1e12)
    XCTAssertLessThan(rate, 1e16)
    // The fixed-step route's explicit exchange: one line with the limit and the ratio, not one per step.
    let explicit = r.stderr.split(separator: "\n").filter { $0.contains("explicit exchange limit ħh²/J = ") }
    XCTAssertEqual(explicit.count, 1, r.stderr)
    let rigid = try CLI.run(moving + ["--exchange-stiffness", "0"])
    XCTAssertEqual(rigid.status, 0, rigid.stderr)
    XCTAssertFalse(rigid.stderr.contains("unwinds"), rigid.stderr)
  }

  /// `--times` puts the adaptive method's snapshots at the given times, independently of its
  /// internal steps: the snapshots at 0.2 and 1 ps equal those of the k·Δt grid (Δt = 0.1 ps, every
  /// step) to 20·rtol of max|m| (each run is within its global error, measured up to 11·rtol at
  /// rtol 1e−6, of the same solution; measured difference 3·rtol). The fixed-step route, whose
  /// snapshots are k·Δt, refuses it in one line.
  func testGivenSnapshotTimes() throws {
    let base = ["diffusion", "evolve", "--points", "41", "--length", "2e-8", "--quiet"]
    let given = try CLI.run(base + ["--times", "0,2e-13,1e-12"])
    XCTAssertEqual(given.status, 0, given.stderr)
    let grid = try CLI.run(base + ["--time-step", "1e-13", "--steps", "10", "--every", "1"])
    XCTAssertEqual(grid.status, 0, grid.stderr)
    func numbers(_ text: String) -> [[Double]] { CLI.csv(text).rows.map { $0.map { Double($0) ?? .nan } } }
    let a = numbers(given.stdout), b = numbers(grid.stdout)
    XCTAssertEqual(Set(a.map { $0[0] }), [0, 2e-13, 1e-12])
    XCTAssertEqual(a.count, 3 * 41)
    let scale = a.flatMap { $0[2...4].map(abs) }.max()!
    for t in [2e-13, 1e-12] {
      let ra = a.filter { $0[0] == t }, rb = b.filter { $0[0] == t }
      XCTAssertEqual(ra.count, 41)
      XCTAssertEqual(rb.count, 41)
      for (x, y) in zip(ra, rb) {
        XCTAssertEqual(x[1], y[1])
        for j in 2...4 { XCTAssertEqual(x[j], y[j], accuracy: 20 * 1e-6 * scale, "t = \(t), x = \(x[1])") }
      }
    }
    try CLI.assertRefused(
      ["diffusion", "evolve", "--times", "0,2e-13", "--method", "fixed-step"],
      mentions: ["--times", "0,2e-13", "fixed-step"])
  }

  /// The aliasing warning speaks of the snapshot spacing against half the precession period,
  /// with 3 significant digits, and names the options to change as typed (flags) and as study
  /// keys; the default spacing (3 × 0.1 ps) stays below π/|Ω| = 0.314 ps and does not warn.
  func testAliasingWarningNamesTheOptions() throws {
    let base = ["diffusion", "evolve", "--length", "1e-8", "--points", "21", "--method", "fixed-step"]
    let r = try CLI.run(base + ["--steps", "20", "--every", "10", "--quiet"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(
      r.stderr.contains("snapshot spacing 1e-12 s exceeds half the precession period π/|Ω| = 3.1"), r.stderr)
    XCTAssertTrue(r.stderr.contains("--every or --time-step; study keys every, time_step_s"), r.stderr)
    XCTAssertFalse(r.stderr.contains("3.1415926"), r.stderr)
    let quiet = try CLI.run(base + ["--steps", "20", "--quiet"])
    XCTAssertEqual(quiet.status, 0, quiet.stderr)
    XCTAssertEqual(quiet.stderr, "")
  }
}
