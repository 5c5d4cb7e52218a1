import Foundation
import XCTest

/// The spin-current definitions catalogue entry (seed 001, `definitions-check`): `--vary` on the
/// command line and `run` on the `--save-study` file give the same data.csv bytes; negative
/// values parse; `--mu` and `--particles` exclude each other (both optional, checked together).
final class DefinitionsCatalogueTests: XCTestCase {
  let base = ["definitions", "check", "--sites", "6", "--rashba", "0.3", "--zeeman", "0.4"]

  func testVaryOnTheCommandLineEqualsRunOfTheSavedStudy() throws {
    // The entry's example, a fixed particle number, and a 2D grid named by study keys.
    try CLI.assertVaryEqualsRun(
      [
        "definitions", "check", "--sites", "8", "--rashba", "0.3", "--zeeman", "0.4", "--vary", "mu=-1:1:3",
      ], minimumBytes: 101)
    try CLI.assertVaryEqualsRun(base + ["--particles", "4", "--vary", "temperature=0:600:3"], minimumBytes: 101)
    try CLI.assertVaryEqualsRun(
      ["definitions", "check", "--sites", "6", "--vary", "rashba_eV=-0.3,0.3", "--vary", "zeeman_eV=0.2,0.4"],
      minimumBytes: 101)
  }

  /// Negative values parse after the flag, and are refused with the range where meaningless.
  func testNegativeValuesParse() throws {
    for args in [
      ["definitions", "check", "--sites", "6", "--rashba", "-0.3", "--zeeman", "-0.4", "--mu", "-0.5"],
      base + ["--zeeman-polar", "-45", "--hopping", "-1"],
      base + ["--mu", "-1:0:3"],
    ] {
      let r = try CLI.run(args)
      XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)")
      XCTAssertGreaterThanOrEqual(CLI.csv(r.stdout).rows.count, 5, args.joined(separator: " "))
    }
    try CLI.assertRefused(base + ["--temperature", "-5"], mentions: ["--temperature", "-5", "≥ 0"])
    try CLI.assertRefused(base + ["--particles", "-1"], mentions: ["--particles", "-1", "from 0"])
  }

  /// `--mu` and `--particles` exclude each other (also in a study file); `--occupation` adds μ
  /// and the particle number.
  func testDefinitionsOccupation() throws {
    try CLI.assertRefused(base + ["--mu", "0", "--particles", "3"], mentions: ["--particles", "3", "mu_eV"])
    let dir = try CLI.temporaryDirectory()
    let toml = dir.appendingPathComponent("both.toml").path
    try Data(
      """
      [study]
      model = "definitions-check"

      [parameters]
      sites = 6
      rashba_eV = 0.3
      zeeman_eV = 0.4
      mu_eV = 0
      particles = 3

      [[sweep]]
      parameter = "temperature_K"
      values = [0, 300]

      """.utf8
    ).write(to: URL(fileURLWithPath: toml))
    let both = try CLI.run(["run", toml, "--out", dir.appendingPathComponent("out").path])
    XCTAssertEqual(both.status, 2, both.stderr)
    XCTAssertTrue(both.stderr.contains("particles"), both.stderr)
    let r = try CLI.run(base + ["--particles", "5", "--occupation"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let (header, rows) = CLI.csv(r.stdout)
    XCTAssertEqual(
      header, ["definition", "max_eigenstate_abs_eVa", "thermal_value_eVa", "chemical_potential_eV", "particle_number"])
    XCTAssertEqual(Double(rows[0][4])!, 5, accuracy: 1e-12)
  }
}
