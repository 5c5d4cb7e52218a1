import Foundation
import XCTest

/// End-to-end: `spintransport magnon ground-state | current | potential`.
final class MagnonCLITests: XCTestCase {
  let model = ["--spins", "40", "--spin", "0.5", "--exchange", "100", "--field", "1", "--g", "2", "--latitude", "45"]

  func testGroundStateColumnsAndValues() throws {
    let r = try CLI.run(["magnon", "ground-state"] + model)
    XCTAssertEqual(r.status, 0, r.stderr)
    let table = CLI.csv(r.stdout)
    XCTAssertEqual(
      Array(table.header.prefix(6)), ["theta_m_deg", "solid_angle", "gap_K", "zeeman_K", "radial_valid", "residual_K"])
    XCTAssertEqual(table.rows.count, 1)
    let row = table.rows[0].map { Double($0)! }
    // Solver = Eq. 14 (columns 0 and 6) to 1e-8 degrees; residual < 1e-12 K; a stable radial minimum.
    XCTAssertEqual(row[0], row[6], accuracy: 1e-8)
    XCTAssertLessThan(row[5], 1e-12)
    XCTAssertEqual(row[9], 1)
    XCTAssertEqual(row[10], 1)
    // Δ = JS(2π/N)² = 50 (2π/40)² K; |h| = 2 · 0.6717 K/T · 1 T (CODATA μ_B/k_B), 1e-9 relative.
    XCTAssertEqual(row[2], 50 * pow(2 * Double.pi / 40, 2), accuracy: 1e-12)
    XCTAssertEqual(row[3], 2 * 9.274_010_0783e-24 / 1.380_649e-23, accuracy: 1e-9)
  }

  func testCurrentMethodsAgreeInClassicalRegimeAndJSONWorks() throws {
    var values: [String: Double] = [:]
    for method in ["sum", "closed-form"] {
      let r = try CLI.run(["magnon", "current"] + model + ["--temperature", "30", "--method", method])
      XCTAssertEqual(r.status, 0, r.stderr)
      let t = CLI.csv(r.stdout)
      XCTAssertEqual(
        t.header,
        [
          "solid_angle", "longitudinal_spin_current_K", "magnetization_current_Am2_per_s",
          "thermal_longitudinal_spin_current_K",
        ])
      values[method] = Double(t.rows[0][1])!
    }
    // T = 30 K ≫ Δ = 0.77 K: Eq. 16 equals the exact sum to 1e-6 relative.
    XCTAssertEqual(values["closed-form"]!, values["sum"]!, accuracy: 1e-6 * abs(values["sum"]!))
    let lswt = try CLI.run(
      ["magnon", "current"] + model + ["--temperature", "5", "--method", "lswt", "--format", "json"])
    XCTAssertEqual(lswt.status, 0, lswt.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(lswt.stdout.utf8)) as! [String: Any]
    let study = (object["metadata"] as! [String: Any])["study"] as! [String: Any]
    XCTAssertEqual((study["parameters"] as! [String: Any])["method"] as? String, "lswt")
    XCTAssertEqual((object["rows"] as! [[Any]]).count, 1)
  }

  func testVaryTemperatureAndSpins() throws {
    let r = try CLI.run(["magnon", "current"] + model + ["--vary", "temperature=1:20:4"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    XCTAssertEqual(t.rows.count, 4)
    XCTAssertEqual(t.rows.map { Double($0[0])! }, [1, 1 + 19.0 / 3, 1 + 38.0 / 3, 20])
    XCTAssertEqual(t.header.first, "temperature_K")
    let modelWithoutN = Array(model.dropFirst(2))
    let n = try CLI.run(["magnon", "current"] + modelWithoutN + ["--temperature", "10", "--vary", "spins=20:40:3"])
    XCTAssertEqual(n.status, 0, n.stderr)
    let tn = CLI.csv(n.stdout)
    XCTAssertEqual(tn.header.first, "spins")
    XCTAssertEqual(tn.rows.map { Double($0[0])! }, [20, 30, 40])
    // The route column (not shown by default) says how Eq. 15 was summed.
    let route = try CLI.run(
      ["magnon", "current"] + model + ["--temperature", "10", "--columns", "longitudinal_spin_current_K,route"])
    XCTAssertEqual(route.status, 0, route.stderr)
    XCTAssertEqual(CLI.csv(route.stdout).header, ["longitudinal_spin_current_K", "route"])
    XCTAssertTrue(["lattice-sum", "matsubara"].contains(CLI.csv(route.stdout).rows[0][1]), route.stdout)
  }

  func testPotentialDistanceAndGrid() throws {
    let d = try CLI.run(
      ["magnon", "potential"] + model + ["--temperature", "60", "--radius", "1.59e-8", "--distance", "1e-7"])
    XCTAssertEqual(d.status, 0, d.stderr)
    let row = CLI.csv(d.stdout).rows[0].map { Double($0)! }
    // Exact and dipole voltages agree to the O((R/d)², cotϑ_m R/d) corrections (< 30 % here).
    XCTAssertEqual(
      CLI.csv(d.stdout).header,
      ["voltage_V", "voltage_dipole_V", "magnetization_current_Am2_per_s", "dipole_moment_Cm"])
    XCTAssertEqual(row[0] / row[1], 1, accuracy: 0.3)
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("grid.csv").path
    let g = try CLI.run(
      ["magnon", "potential"] + model + ["--temperature", "60", "--radius", "1e-8", "--grid", "3e-8:5", "-o", file])
    XCTAssertEqual(g.status, 0, g.stderr)
    let grid = CLI.csv(try String(contentsOfFile: file, encoding: .utf8))
    XCTAssertEqual(grid.header, ["x_m", "z_m", "potential_V"])
    XCTAssertEqual(grid.rows.count, 25)
  }

  func testBadInputExitsTwoWithOneLine() throws {
    let dir = try CLI.temporaryDirectory()
    let out = dir.appendingPathComponent("never.csv").path
    let base = ["--field", "1", "--latitude", "45"]
    try CLI.assertBadInput(["magnon", "ground-state", "--spins", "2"] + base + ["-o", out], mentions: "spins")
    try CLI.assertBadInput(
      ["magnon", "current", "--spin", "0", "--temperature", "1"] + base + ["-o", out], mentions: "spin")
    try CLI.assertBadInput(["magnon", "current", "--temperature=-1"] + base + ["-o", out], mentions: "temperature")
    try CLI.assertBadInput(
      ["magnon", "current", "--temperature", "nan"] + base + ["-o", out], mentions: "temperature")
    try CLI.assertBadInput(
      ["magnon", "current", "--exchange", "inf", "--temperature", "1"] + base, mentions: "exchange")
    try CLI.assertBadInput(
      ["magnon", "current", "--temperature", "1", "--vary", "spins=2:10:3"] + base, mentions: "spins")
    try CLI.assertBadInput(
      ["magnon", "current", "--temperature", "1", "--vary", "colour=1:2:3"] + base, mentions: "vary")
    try CLI.assertBadInput(
      ["magnon", "potential", "--temperature", "1", "--radius", "-1", "--distance", "1e-7"] + base + ["-o", out],
      mentions: "radius")
    try CLI.assertBadInput(
      ["magnon", "potential", "--temperature", "1", "--radius", "1e-8", "--grid", "1:1"] + base, mentions: "grid")
    try CLI.assertBadInput(
      ["magnon", "potential", "--temperature", "1", "--radius", "1e-8"] + base, mentions: "--distance")
  }
}
