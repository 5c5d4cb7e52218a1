import Foundation
import XCTest

/// End-to-end runs of `spintransport ring …` (DESIGN.md contract: columns, formats, exit codes).
final class RingCLITests: XCTestCase {
  let model = ["--cells", "6", "--gamma", "0.5", "--t2", "1", "--exchange", "0.3", "--theta", "40", "--azimuth", "30"]

  func testSpectrumColumnsAndCount() throws {
    let r = try CLI.run(["ring", "spectrum"] + model + ["--flux-phase", "0.1"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header, ["index", "re_energy_eV", "im_energy_eV"])
    XCTAssertEqual(t.rows.count, 24)
    // Dense path gives the same spectrum (sorted by Re E): compare the real parts to 1e-10.
    let d = CLI.csv(try CLI.run(["ring", "spectrum"] + model + ["--flux-phase", "0.1", "--path", "dense"]).stdout)
    for (a, b) in zip(t.rows, d.rows) { XCTAssertEqual(Double(a[1])!, Double(b[1])!, accuracy: 1e-10) }
  }

  func testBandsColumnsAndLabels() throws {
    let r = try CLI.run(["ring", "bands", "--gamma", "1.5", "--exchange", "0.2", "--k-points", "11"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header, ["k_rad", "band", "re_energy_eV", "im_energy_eV"])
    XCTAssertEqual(t.rows.count, 44)
    XCTAssertEqual(Set(t.rows.map { $0[1] }), ["up+", "up-", "down+", "down-"])
    try CLI.assertBadInput(["ring", "bands", "--cells", "4"], mentions: "--cells")
  }

  func testCurrentsOperatorEqualsDerivativeEndToEnd() throws {
    let args = ["ring", "currents"] + model + ["--flux-phase", "0.2", "--mu", "-0.62"]
    let op = try CLI.run(args)
    XCTAssertEqual(op.status, 0, op.stderr)
    let t = CLI.csv(op.stdout)
    XCTAssertEqual(
      t.header,
      [
        "re_charge_A", "im_charge_A", "re_spin_x_eV", "im_spin_x_eV", "re_spin_y_eV", "im_spin_y_eV", "re_spin_z_eV",
        "im_spin_z_eV",
      ])
    let dv = CLI.csv(try CLI.run(args + ["--method", "derivative"]).stdout)
    // Relative 1e-6 of the row's charge and spin scales (derivative stencil, see MethodAgreementTests).
    let a = t.rows[0].map { Double($0)! }
    let b = dv.rows[0].map { Double($0)! }
    XCTAssertGreaterThan(abs(a[0]), 1e-10)
    XCTAssertGreaterThan(abs(a[6]), 1e-8)
    XCTAssertEqual(a[0], b[0], accuracy: 1e-6 * abs(a[0]))
    for j in [2, 4, 6] { XCTAssertEqual(a[j], b[j], accuracy: 1e-6 * abs(a[6]) + 1e-14) }
  }

  func testCurrentsJSONAndAtomicFile() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("c.json").path
    let r = try CLI.run(
      ["ring", "currents"] + model + ["--mu", "0.4", "--temperature", "300", "--format", "json", "-o", file])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
    XCTAssertEqual((json["columns"] as! [String]).count, 8)
    XCTAssertEqual((json["rows"] as! [[Any]]).count, 1)
    XCTAssertNotNil(json["metadata"])
  }

  /// `ring sweep` (alias of `ring currents` requiring a sweep): the swept parameter leads, by id.
  func testSweepKeepsOrderAndAddsColumn() throws {
    let r = try CLI.run(["ring", "sweep"] + model + ["--mu", "-0.62", "--vary", "theta=0:180:5"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header.first, "theta_deg")
    XCTAssertEqual(t.rows.map { Double($0[0])! }, [0, 45, 90, 135, 180])
    // I_s^z is odd about θ = 90°.
    XCTAssertEqual(Double(t.rows[1][7])!, -Double(t.rows[3][7])!, accuracy: 1e-12)
    let f = CLI.csv(try CLI.run(["ring", "sweep"] + model + ["--vary", "flux-phase=0:1:3", "--mu", "-0.62"]).stdout)
    XCTAssertEqual(f.header.first, "flux_phase_rad")
    XCTAssertEqual(f.rows.map { Double($0[0])! }, [0, 0.5, 1])
    let c = CLI.csv(try CLI.run(["ring", "sweep", "--vary", "cells=2:5:4", "--aah", "1", "--mu", "-0.3"]).stdout)
    // An integer parameter prints as an integer.
    XCTAssertEqual(c.rows.map { $0[0] }, ["2", "3", "4", "5"])
    // The same sweep through `ring currents` writes the same bytes; `ring sweep` without one is refused.
    let sweep = try CLI.run(["ring", "sweep", "--vary", "cells=2:5:4", "--aah", "1", "--mu", "-0.3"])
    let same = try CLI.run(["ring", "currents", "--vary", "cells=2:5:4", "--aah", "1", "--mu", "-0.3"])
    XCTAssertEqual(same.status, 0, same.stderr)
    XCTAssertEqual(same.stdout, sweep.stdout)
    try CLI.assertBadInput(["ring", "sweep", "--cells", "4"], mentions: "--vary")
  }

  /// `ring states`: 4N rows; the per-state charge summed over Re E ≤ μ equals `ring currents`
  /// (relative 1e-9: same biorthonormal basis, rounding only).
  func testStatesSumToCurrents() throws {
    let r = try CLI.run(["ring", "states"] + model + ["--flux-phase", "0.2"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.header.first, "index")
    XCTAssertEqual(t.header.last, "condition_number")
    XCTAssertEqual(t.rows.count, 24)
    let mu = -0.62
    let sum = t.rows.filter { Double($0[2])! <= mu }.reduce(0.0) { $0 + Double($1[4])! }
    let c = CLI.csv(try CLI.run(["ring", "currents"] + model + ["--flux-phase", "0.2", "--mu", "-0.62"]).stdout)
    let total = Double(c.rows[0][0])!
    XCTAssertGreaterThan(abs(total), 1e-10)
    XCTAssertEqual(sum, total, accuracy: 1e-9 * abs(total))
  }

  /// Critical ring at φ = 0, occupied EP: the eigenvector route warns with the condition number;
  /// the default matrix-sign projector gives the same row (1e−18 A and 1e−14 eV absolute: these
  /// currents vanish by symmetry, so rounding floors) with no warning, as documented.
  func testExceptionalPointWarnsOnStderr() throws {
    let args = [
      "ring", "currents", "--cells", "6", "--gamma", "1", "--t2", "1", "--exchange", "0.3", "--mu", "0.5", "--path",
      "dense", "--flux-phase", "0", "--theta", "0", "--azimuth", "0",
    ]
    let r = try CLI.run(args + ["--dense-projector", "eigenvectors"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("warning:") && r.stderr.contains("condition number"), r.stderr)
    let s = try CLI.run(args)
    XCTAssertEqual(s.status, 0, s.stderr)
    XCTAssertFalse(s.stderr.contains("warning:"), s.stderr)
    let a = CLI.csv(r.stdout).rows[0].map { Double($0)! }
    let b = CLI.csv(s.stdout).rows[0].map { Double($0)! }
    XCTAssertEqual(a.count, 8)
    for j in 0..<8 { XCTAssertEqual(a[j], b[j], accuracy: j < 2 ? 1e-18 : 1e-14, "column \(j)") }
  }

  func testBadInputExitsTwoWithoutFile() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("out.csv").path
    try CLI.assertBadInput(["ring", "currents", "--cells", "1", "-o", file], mentions: "--cells")
    try CLI.assertBadInput(["ring", "currents", "--mu", "nan", "-o", file], mentions: "--mu")
    try CLI.assertBadInput(["ring", "currents", "--gamma", "inf", "-o", file], mentions: "--gamma")
    try CLI.assertBadInput(["ring", "spectrum", "--exchange", "nan", "-o", file], mentions: "--exchange")
    try CLI.assertBadInput(["ring", "sweep", "--vary", "mu=0:1:0", "-o", file], mentions: "--vary")
    try CLI.assertBadInput(["ring", "sweep", "--vary", "colour=0:1:3", "-o", file], mentions: "--vary")
    try CLI.assertBadInput(["ring", "sweep", "--vary", "cells=1:4:4", "-o", file], mentions: "values of cells")
    try CLI.assertBadInput(["ring", "sweep", "--vary", "mu=0:nan:4", "-o", file], mentions: "--vary")
    try CLI.assertBadInput(
      ["ring", "currents", "--method", "derivative", "--temperature", "10", "-o", file], mentions: "--temperature")
    try CLI.assertBadInput(["ring", "spectrum", "--aah", "1", "--path", "bloch", "-o", file], mentions: "--aah")
    try CLI.assertBadInput(["ring", "bands", "--k-points", "1", "-o", file], mentions: "--k-points")
    // Ring size is limited by memory, not a fixed cap: pin the budget so the refusal does not
    // depend on this machine's RAM (5000 cells: a 10000×10000 spin-resolved problem, ~15 GiB).
    try CLI.assertRefused(
      ["ring", "currents", "--cells", "5000", "--aah", "1", "-o", file], mentions: ["--cells", "5000"],
      untouched: [file], environment: ["SPINTRANSPORT_MEMORY_LIMIT": "8G"])
    try CLI.assertBadInput(
      ["ring", "sweep", "--vary", "cells=10:5000:3", "--path", "dense", "-o", file], mentions: "--cells")
    try CLI.assertBadInput(["ring", "currents", "--method", "magic", "-o", file], mentions: "--method")
    try CLI.assertBadInput(
      ["ring", "currents", "--dense-projector", "magic", "-o", file], mentions: "--dense-projector")
  }
}
