import Foundation
import XCTest

/// One FTLM point of `magnon exact` over MPI ranks: its sectors are spread over the ranks (static
/// round-robin), each returned as bit patterns and summed in sector order on rank 0, so the table is
/// identical byte for byte for 1, 2 or 3 ranks and for one core or all; rank 0 alone writes it. Exact
/// equality is the right tolerance: the same arithmetic runs on the same inputs in the same order.
/// Needs Open MPI's `mpirun` (scripts/bootstrap installs openmpi-bin); as root the runs add
/// `--allow-run-as-root`.
final class ExactClusterCLITests: XCTestCase {
  let point = [
    "magnon", "exact", "--spins", "10", "--spin", "0.5", "--exchange", "10", "--field", "2", "--latitude", "45",
    "--method", "ftlm", "--ftlm-vectors", "4", "--ftlm-steps", "40", "--temperature", "2", "--quiet",
  ]

  /// Runs `executable args…` (at most 300 s) and returns its exit status, stdout and stderr.
  func launch(
    _ executable: String, _ args: [String], environment: [String: String] = [:]
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    p.standardInput = FileHandle.nullDevice
    let directory = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    let deadline = Date().addingTimeInterval(300)
    while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
    return (
      p.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8)
    )
  }

  func mpirun(
    _ ranks: Int, _ args: [String], environment: [String: String] = [:]
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    guard
      let mpirun = ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else {
      XCTFail("mpirun not found: install openmpi-bin (scripts/bootstrap)")
      throw XCTSkip("no mpirun")
    }
    var flags = ["-np", "\(ranks)", "--oversubscribe"]
    if getuid() == 0 { flags.append("--allow-run-as-root") }
    return try launch(mpirun, flags + [CLI.binary.path] + args, environment: environment)
  }

  func testFTLMPointIsIdenticalForAnyRankAndCoreCount() throws {
    let one = try launch(CLI.binary.path, point)
    XCTAssertEqual(one.status, 0, one.stderr)
    XCTAssertTrue(one.stdout.hasPrefix("spin_current_z_K,"), one.stdout)
    XCTAssertEqual(one.stdout.split(separator: "\n").count, 2, "header and one row: \(one.stdout)")
    for ranks in [1, 2, 3] {
      let r = try mpirun(ranks, point)
      XCTAssertEqual(r.status, 0, "\(ranks) ranks: \(r.stderr)")
      XCTAssertEqual(r.stdout, one.stdout, "\(ranks) ranks: the table is written once, with the same bytes")
    }
    // One core (CPU affinity): the sectors of each rank then run one after another.
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset") {
      let pinned = try launch("/usr/bin/taskset", ["-c", "0", CLI.binary.path] + point)
      XCTAssertEqual(pinned.status, 0, pinned.stderr)
      XCTAssertEqual(pinned.stdout, one.stdout, "one core")
    }
    // Progress (from the first report): rank 0 alone speaks, so its first sector is reported once.
    let loud = try mpirun(
      2, point.filter { $0 != "--quiet" }, environment: ["SPINTRANSPORT_PROGRESS_AFTER": "0"])
    XCTAssertEqual(loud.status, 0, loud.stderr)
    XCTAssertEqual(loud.stdout, one.stdout)
    XCTAssertEqual(
      loud.stderr.components(separatedBy: "\n").filter { $0.contains("sector 1/10 sampled") }.count, 1, loud.stderr)
  }
}
