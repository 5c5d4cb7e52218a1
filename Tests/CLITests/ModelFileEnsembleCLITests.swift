import Foundation
import XCTest

/// A model file's parameters in every split of a study: swept and aggregated over (`[aggregate]`
/// over the file's own `seed`), and the same table from one process, two shards merged and two MPI
/// ranks — as for the built-in parameters (DisorderEnsembleCLITests).
final class ModelFileEnsembleCLITests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
  func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

  /// An XXZ ring of six spins ½ in random fields of strength W; `seed` picks the realisation.
  let model = """
    family = "spin"
    geometry = "ring"
    sites = 6
    spin = 0.5

    [params]
    W = { value = 0.8, unit = "K", min = 0, max = 100, help = "random field strength" }
    seed = { value = 1, type = "integer", min = 0, max = 1000000, help = "disorder realisation" }

    [exchange]
    Jxy = 1
    Jz = 0.5

    [field]
    unit = "K"
    random = "W"
    seed = "seed"
    """

  /// 2 field strengths × 5 realisations, aggregated over the realisations; the model file named
  /// relative to the study file.
  let study = """
    [study]
    model = "magnon-exact"
    [parameters]
    model = "models/random.toml"
    temperature_K = 0.5
    [[sweep]]
    parameter = "W_K"
    values = [0.4, 1.6]
    [[sweep]]
    parameter = "seed"
    range = [1, 5, 5]
    [output]
    columns = ["spin_current_z_K", "energy_K"]
    [aggregate]
    over = "seed"
    """

  func run(_ args: [String]) throws -> CLIRun {
    let r = try CLI.run(args, timeout: 300)
    XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
    return r
  }

  func write() throws {
    try FileManager.default.createDirectory(atPath: path("models"), withIntermediateDirectories: true)
    try model.write(toFile: path("models/random.toml"), atomically: true, encoding: .utf8)
    try study.write(toFile: path("s.toml"), atomically: true, encoding: .utf8)
  }

  func testAggregateOverAModelParameterEqualsStatisticsOfDataCSV() throws {
    try write()
    _ = try run(["run", path("s.toml"), "--out", path("out"), "--quiet"])
    let data = CLI.csv(try text("out/data.csv")), agg = CLI.csv(try text("out/aggregate.csv"))
    XCTAssertEqual(data.header, ["W_K", "seed", "spin_current_z_K", "energy_K"])
    XCTAssertEqual(data.rows.count, 10)
    XCTAssertEqual(agg.header.first, "W_K")
    XCTAssertEqual(agg.header.last, "count")
    XCTAssertEqual(agg.rows.count, 2)
    for (k, w) in ["0.4", "1.6"].enumerated() {
      let rows = data.rows.filter { $0[0] == w }
      XCTAssertEqual(rows.count, 5)
      XCTAssertEqual(agg.rows[k][0], w)
      XCTAssertEqual(agg.rows[k].last, "5")
      XCTAssertEqual(Set(rows.map { $0[3] }).count, 5, "each seed is another realisation: \(rows)")
      for (column, name) in [(2, "spin_current_z_K_mean"), (3, "energy_K_mean")] {
        // The mean of five numbers read back from data.csv (17 digits): a few roundings of the sum.
        let xs = rows.map { Double($0[column])! }, mean = xs.reduce(0, +) / 5
        let got = Double(agg.rows[k][agg.header.firstIndex(of: name)!])!
        XCTAssertEqual(got, mean, accuracy: 1e-12 * xs.map(abs).max()!, "\(name) at W = \(w)")
      }
    }
  }

  func testShardsAndRanksGiveTheOneProcessTable() throws {
    try write()
    _ = try run(["run", path("s.toml"), "--out", path("one"), "--quiet"])
    for i in 1...2 { _ = try run(["run", path("s.toml"), "--out", path("sh"), "--shard", "\(i)/2", "--quiet"]) }
    _ = try run(["merge", path("sh"), "--quiet"])
    XCTAssertEqual(try text("sh/data.csv"), try text("one/data.csv"))
    XCTAssertEqual(try text("sh/aggregate.csv"), try text("one/aggregate.csv"))
    guard let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first(where: FileManager.default.isExecutableFile)
    else { return XCTFail("mpirun not found: install openmpi-bin (scripts/bootstrap)") }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: mpirun)
    p.arguments =
      ["-np", "2", "--oversubscribe"] + (getuid() == 0 ? ["--allow-run-as-root"] : [])
      + [CLI.binary.path, "run", path("s.toml"), "--out", path("mpi"), "--quiet"]
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0)
    XCTAssertEqual(try text("mpi/data.csv"), try text("one/data.csv"))
    XCTAssertEqual(try text("mpi/aggregate.csv"), try text("one/aggregate.csv"))
  }
}
