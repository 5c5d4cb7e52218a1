import Foundation
import XCTest

/// End-to-end: `spintransport relaxation rates|wavevector|evolve` (seed 004).
final class RelaxationCLITests: XCTestCase {
  func testRatesColumnsAndValues() throws {
    let r = try CLI.run(["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:2:3"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header, ["k2_ratio", "gamma_plus_r", "gamma_minus_r"])
    XCTAssertEqual(t.rows.count, 3)
    // By hand from Eq. 36 at k² = k_M², ξ = 0.3: γ± = 1 ± √0.7 (units of r).
    XCTAssertEqual(Double(t.rows[1][1])!, 1 + 0.7.squareRoot(), accuracy: 1e-12)
    XCTAssertEqual(Double(t.rows[1][2])!, 1 - 0.7.squareRoot(), accuracy: 1e-12)
    // k = 0: γ⁺ = r, γ⁻ = 0 (Eq. 37).
    XCTAssertEqual(Double(t.rows[0][1])!, 1, accuracy: 1e-14)
    XCTAssertEqual(Double(t.rows[0][2])!, 0, accuracy: 1e-14)
    XCTAssertTrue(r.stderr.isEmpty, r.stderr)
  }

  /// --modes: dm/dM of each branch; by hand at ξ = 0.3, k = k_M, no lattice decay, Eq. 34 gives
  /// dm/dM = −γ/r, i.e. −(1 ± √0.7).
  func testRatesWithModeRatios() throws {
    let r = try CLI.run(["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "1:1:1", "--modes"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header, ["k2_ratio", "gamma_plus_r", "gamma_minus_r", "mode_ratio_plus", "mode_ratio_minus"])
    XCTAssertEqual(Double(t.rows[0][3])!, -(1 + 0.7.squareRoot()), accuracy: 1e-12)
    XCTAssertEqual(Double(t.rows[0][4])!, -(1 - 0.7.squareRoot()), accuracy: 1e-12)
  }

  func testRatesMethodsAgree() throws {
    let args = ["relaxation", "rates", "--xi", "0.1", "--wm", "0.05", "--wM", "0.2", "--k2-ratio", "0:5:11"]
    let a = CLI.csv(try CLI.run(args).stdout), b = CLI.csv(try CLI.run(args + ["--method", "closed-form"]).stdout)
    XCTAssertEqual(a.rows.count, 11)
    for (x, y) in zip(a.rows, b.rows) {
      for j in 1...2 { XCTAssertEqual(Double(x[j])!, Double(y[j])!, accuracy: 1e-12) }
    }
  }

  func testWavevectorColumnsAndEquation41() throws {
    let r = try CLI.run(["relaxation", "wavevector", "--xi", "0.3", "--omega", "1:1:1"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header, ["omega_r", "re_k_kM", "im_k_kM"])
    // Eq. 41 by hand at ω = r, ξ = 0.3: k²/k_M² = i(1 + i)/(1 + 0.3i) = (−1 + i)/(1 + 0.3i).
    let den = 1 + 0.09, re2 = (-1 + 0.3) / den, im2 = (1 + 0.3) / den
    let modulus = (re2 * re2 + im2 * im2).squareRoot()
    let reK = ((modulus + re2) / 2).squareRoot(), imK = ((modulus - re2) / 2).squareRoot()  // Im k ≥ 0 root
    XCTAssertEqual(Double(t.rows[0][1])!, reK, accuracy: 1e-12)
    XCTAssertEqual(Double(t.rows[0][2])!, imK, accuracy: 1e-12)
  }

  func testEvolveDefaultStepJSONAndFile() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("step.json").path
    let r = try CLI.run([
      "relaxation", "evolve", "--xi", "0.3", "--length", "20", "--points", "100", "--times", "0,1,5",
      "--method", "fixed-step", "--format", "json", "-o", file,
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    XCTAssertEqual(json["columns"] as! [String], ["t_r", "x_kM", "dM", "dm"])
    XCTAssertEqual((json["rows"] as! [[Double]]).count, 300)
    let meta = json["metadata"] as! [String: Any]
    let first = meta["integral_M_plus_m_first"] as! Double, last = meta["integral_M_plus_m_last"] as! Double
    XCTAssertEqual(first, 10, accuracy: 1e-12)  // step of height 1 over half of L = 20
    XCTAssertEqual(last, first, accuracy: 1e-10 * first)  // fixed-step TR-BDF2: exact up to rounding
  }

  /// The default (adaptive) route reports its tolerances and CVODE's counters in the metadata;
  /// ∫(M + m) is conserved to rtol (BDF keeps linear invariants up to the Newton iteration, see
  /// AdaptiveEvolutionTests), and tightening rtol 10× moves every value by < 10·rtol (the
  /// convergence criterion printed in docs/longitudinal-relaxation.md).
  func testEvolveAdaptiveMetadataAndConvergence() throws {
    let base = ["relaxation", "evolve", "--xi", "0.3", "--length", "20", "--points", "100", "--times", "0,1,5"]
    func rows(_ extra: [String]) throws -> (rows: [[Double]], meta: [String: Any]) {
      let r = try CLI.run(base + extra + ["--format", "json"])
      XCTAssertEqual(r.status, 0, r.stderr)
      let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
      return (json["rows"] as! [[Double]], json["metadata"] as! [String: Any])
    }
    let loose = try rows([]), tight = try rows(["--rtol", "1e-7"])
    let integration = loose.meta["integration"] as! [String: Any]
    XCTAssertEqual(integration["rtol"] as! Double, 1e-6)
    XCTAssertEqual(integration["atol"] as! Double, 1e-9)
    XCTAssertGreaterThan(integration["steps"] as! Int, 10)
    XCTAssertNotNil(integration["rejected_steps_error_test"] as? Int)
    XCTAssertLessThanOrEqual(integration["largest_error_test_ratio"] as! Double, 1)
    let first = loose.meta["integral_M_plus_m_first"] as! Double, last = loose.meta["integral_M_plus_m_last"] as! Double
    XCTAssertEqual(last, first, accuracy: 1e-6 * first)
    XCTAssertEqual(loose.rows.count, tight.rows.count)
    let change = zip(loose.rows, tight.rows).map { max(abs($0[2] - $1[2]), abs($0[3] - $1[3])) }.max()!
    XCTAssertLessThan(change, 10 * 1e-6)  // step height 1: max|u| = 1
  }

  /// A run that cannot meet its tolerance within --max-steps exits 2 naming the time reached
  /// and the reason, and leaves no output file.
  func testEvolveIntegrationFailureExitsTwoWithTimeReached() throws {
    try CLI.assertStepLimitFailure(["relaxation", "evolve", "--xi", "0.3", "--max-steps", "3"])
  }

  func testEvolveFromProfileFileAndPeriodicEnds() throws {
    let dir = try CLI.temporaryDirectory()
    let csv = dir.appendingPathComponent("initial.csv").path
    try "x,dM,dm\n-10,0,0\n0,1,0.5\n10,0,0\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let r = try CLI.run([
      "relaxation", "evolve", "--xi", "0.5", "--length", "20", "--points", "50", "--boundary", "periodic",
      "--initial", "file", "--profile", csv, "--times", "0,2",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header, ["t_r", "x_kM", "dM", "dm"])
    XCTAssertEqual(t.rows.count, 100)
    // The file's hat is sampled at x = 0 (node 25 of the periodic grid on [−10, 10)).
    XCTAssertEqual(Double(t.rows[25][1])!, 0, accuracy: 1e-12)
    XCTAssertEqual(Double(t.rows[25][2])!, 1, accuracy: 1e-12)
    XCTAssertEqual(Double(t.rows[25][3])!, 0.5, accuracy: 1e-12)
  }

  func testBadInputIsOneLineExitTwoAndNoFile() throws {
    let dir = try CLI.temporaryDirectory()
    let out = dir.appendingPathComponent("never.csv").path
    let cases: [([String], String)] = [
      (["relaxation", "rates", "--xi", "1.3", "--k2-ratio", "0:1:3"], "--xi: 1.3 (allowed: a number in [0, 1])"),
      (["relaxation", "rates", "--xi", "0.3", "--wm=-0.1", "--k2-ratio", "0:1:3"], "--wm"),
      (["relaxation", "rates", "--xi", "0.3", "--k2-ratio=-1:1:3"], "--k2-ratio"),
      (["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:1"], "--k2-ratio"),
      (["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:1:3", "--method", "guess"], "--method"),
      (["relaxation", "wavevector", "--xi", "nan", "--omega", "0:1:3"], "--xi"),
      (["relaxation", "wavevector", "--xi", "0", "--omega", "0:1:3"], "--omega"),
      (["relaxation", "evolve", "--xi", "0.3", "--boundary", "open"], "--boundary"),
      (["relaxation", "evolve", "--xi", "0.3", "--points", "2"], "--points"),
      (["relaxation", "evolve", "--xi", "0.3", "--method", "fixed-step", "--time-step", "0"], "--time-step"),
      (["relaxation", "evolve", "--xi", "0.3", "--rtol", "0"], "--rtol"),
      (["relaxation", "evolve", "--xi", "0.3", "--atol=-1"], "--atol"),
      (["relaxation", "evolve", "--xi", "0.3", "--method", "euler"], "--method"),
      (
        ["relaxation", "evolve", "--xi", "0.3", "--time-step", "0.01"],
        "--time-step: 0.01 (allowed: only with method = fixed-step"
      ),
      (["relaxation", "evolve", "--xi", "0.3", "--times", "3,1"], "--times"),
      (["relaxation", "evolve", "--xi", "0.3", "--initial", "file"], "--profile"),
      (["relaxation", "evolve", "--xi", "0.3", "--initial", "file", "--profile", "/nonexistent.csv"], "--profile"),
      (["relaxation", "evolve", "--xi", "0.3", "--initial", "wave"], "--initial"),
    ]
    for (args, mention) in cases {
      try CLI.assertBadInput(args + ["-o", out], mentions: mention)
    }
  }
}
