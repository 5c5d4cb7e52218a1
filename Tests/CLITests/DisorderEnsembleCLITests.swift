import Foundation
import XCTest

/// Disorder ensembles: `[aggregate]` statistics equal those computed independently
/// from data.csv, and a realisation's value is the same in a 1-process, 3-rank, sharded or
/// single-point run.
final class DisorderEnsembleCLITests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
  func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

  /// 3 fluxes × 9 realisations of an 8-cell ring with W = 1 eV (27 points).
  let study = """
    [study]
    model = "ring-currents"
    [parameters]
    cells = 8
    anderson_eV = 1.0
    exchange_eV = 0.3
    theta_deg = 45
    mu_eV = -0.63
    seed = 7
    [[sweep]]
    parameter = "flux_phase_rad"
    values = [0.1, 0.2, 0.3]
    [[sweep]]
    parameter = "realisation"
    range = [0, 8, 9]
    [output]
    columns = ["re_charge_A", "re_spin_z_eV"]
    [aggregate]
    over = "realisation"
    [figure]
    x = "flux_phase_rad"
    y = ["re_spin_z_eV_mean"]
    """

  func run(_ args: [String]) throws -> CLIRun {
    let r = try CLI.run(args, timeout: 300)
    XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
    return r
  }

  func testAggregateEqualsStatisticsComputedFromDataCSV() throws {
    try study.write(toFile: path("s.toml"), atomically: true, encoding: .utf8)
    _ = try run(["run", path("s.toml"), "--out", path("out"), "--quiet"])
    let data = CLI.csv(try text("out/data.csv"))
    let agg = CLI.csv(try text("out/aggregate.csv"))
    XCTAssertEqual(
      agg.header,
      [
        "flux_phase_rad", "re_charge_A_mean", "re_charge_A_stderr", "re_charge_A_median", "re_spin_z_eV_mean",
        "re_spin_z_eV_stderr", "re_spin_z_eV_median", "count",
      ])
    XCTAssertEqual(agg.rows.count, 3)
    for (k, flux) in ["0.1", "0.2", "0.3"].enumerated() {
      let rows = data.rows.filter { $0[0] == flux }
      XCTAssertEqual(rows.count, 9)
      XCTAssertEqual(agg.rows[k][0], flux)
      XCTAssertEqual(agg.rows[k][7], "9")
      for (column, first) in [(2, 1), (3, 4)] {
        let xs = rows.map { Double($0[column])! }
        let mean = xs.reduce(0, +) / 9
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8
        let stderr = (variance / 9).squareRoot()
        let median = xs.sorted()[4]
        let got = agg.rows[k][first..<first + 3].map { Double($0)! }
        XCTAssertEqual(got[0], mean, accuracy: 1e-12 * max(abs(mean), 1e-30) + 1e-300)
        XCTAssertEqual(got[1], stderr, accuracy: 1e-9 * stderr + 1e-300)
        XCTAssertEqual(got[2], median)
      }
      XCTAssertGreaterThan(Set(rows.map { $0[3] }).count, 5, "realisations differ")
    }
  }

  func testRealisationIsTheSameInEverySplitOfTheWork() throws {
    try study.write(toFile: path("s.toml"), atomically: true, encoding: .utf8)
    _ = try run(["run", path("s.toml"), "--out", path("one"), "--quiet"])
    for i in 1...2 { _ = try run(["run", path("s.toml"), "--out", path("sh"), "--shard", "\(i)/2", "--quiet"]) }
    _ = try run(["merge", path("sh"), "--quiet"])
    XCTAssertEqual(try text("sh/data.csv"), try text("one/data.csv"))
    XCTAssertEqual(try text("sh/aggregate.csv"), try text("one/aggregate.csv"))
    if let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first(where: FileManager.default.isExecutableFile) {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: mpirun)
      p.arguments =
        ["-np", "3", "--oversubscribe"] + (getuid() == 0 ? ["--allow-run-as-root"] : [])
        + [CLI.binary.path, "run", path("s.toml"), "--out", path("mpi"), "--quiet"]
      p.standardOutput = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
      XCTAssertEqual(p.terminationStatus, 0)
      XCTAssertEqual(try text("mpi/data.csv"), try text("one/data.csv"))
      XCTAssertEqual(try text("mpi/aggregate.csv"), try text("one/aggregate.csv"))
    } else {
      XCTFail("mpirun not found: install openmpi-bin (scripts/bootstrap)")
    }
    // One realisation alone (a one-point study): the value in the study's row (φ = 0.2, r = 5).
    let alone = """
      [study]
      model = "ring-currents"
      [parameters]
      cells = 8
      anderson_eV = 1.0
      exchange_eV = 0.3
      theta_deg = 45
      mu_eV = -0.63
      seed = 7
      realisation = 5
      flux_phase_rad = 0.2
      [output]
      columns = ["re_spin_z_eV"]
      """
    try alone.write(toFile: path("alone.toml"), atomically: true, encoding: .utf8)
    _ = try run(["run", path("alone.toml"), "--out", path("alone"), "--quiet"])
    let row = CLI.csv(try text("one/data.csv")).rows.first { $0[0] == "0.2" && $0[1] == "5" }
    XCTAssertNotNil(row)
    XCTAssertEqual(CLI.csv(try text("alone/data.csv")).rows.first?.last, row?[3])
  }
}
