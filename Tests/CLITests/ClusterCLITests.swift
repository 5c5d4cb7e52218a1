import Foundation
import XCTest

/// Beyond one machine, end to end through the binary: `mpirun -np 3` and job-array
/// shards + `merge` write the same data.csv bytes as a single process; kill -9 of `mpirun`
/// then the same command resumes to identical bytes; merge lists missing points.
/// Needs Open MPI's `mpirun` (scripts/bootstrap installs openmpi-bin); as root (CI) the runs
/// add `--allow-run-as-root`.
final class ClusterCLITests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws { directory = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func write(_ text: String, _ name: String) throws -> String {
    try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    return path(name)
  }

  func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }

  /// 81 fast points of a real model (seed 004): 3 ξ × 27 k²/k_M².
  let rateStudy = """
    [study]
    model = "relaxation-rates"
    [parameters]
    wm_r = 0.0
    [[sweep]]
    parameter = "xi"
    values = [0.1, 0.3, 0.9]
    [[sweep]]
    parameter = "k2_ratio"
    range = [0.0, 4.0, 27]
    """

  /// 60 dense 120×120 non-Hermitian ring points (seed 002): slow enough to interrupt.
  let ringStudy = """
    [study]
    model = "ring-currents"
    [parameters]
    cells = 30
    path = "dense"
    aah_eV = 0.3
    [[sweep]]
    parameter = "flux_phase_rad"
    range = [0, 3, 60]
    """

  static var mpirun: String? {
    ["/usr/bin/mpirun", "/usr/local/bin/mpirun"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// `mpirun -np K --oversubscribe [--allow-run-as-root] spintransport args…`.
  func mpirunArguments(_ ranks: Int, _ args: [String]) throws -> (String, [String]) {
    guard let mpirun = Self.mpirun else {
      XCTFail("mpirun not found: install openmpi-bin (scripts/bootstrap)")
      throw XCTSkip("no mpirun")
    }
    var flags = ["-np", "\(ranks)", "--oversubscribe"]
    if getuid() == 0 { flags.append("--allow-run-as-root") }
    return (mpirun, flags + [CLI.binary.path] + args)
  }

  /// Runs `executable args…` to completion (bounded by `timeout`), capturing output.
  func launch(
    _ executable: String, _ args: [String], environment: [String: String] = [:], unsetting: [String] = [],
    timeout: Double = 300
  ) throws -> CLIRun {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    for name in unsetting { merged[name] = nil }
    p.environment = merged
    let outPath = path("stdout-\(UUID().uuidString)"), errPath = path("stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    p.standardOutput = FileHandle(forWritingAtPath: outPath)!
    p.standardError = FileHandle(forWritingAtPath: errPath)!
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    let timedOut = p.isRunning
    if timedOut { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
    return CLIRun(
      status: p.terminationStatus, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", timedOut: timedOut)
  }

  func single(_ study: String, _ out: String) throws {
    let r = try launch(CLI.binary.path, ["run", study, "--out", path(out), "--quiet"])
    XCTAssertEqual(r.status, 0, r.stderr)
  }

  /// Under mpirun every rank restarts itself with the matching OpenBLAS kernel when OpenBLAS fell
  /// back to a generic one (simulated here) and the ranks still form one job: data.csv equals a
  /// single process's with that kernel forced, and meta.json names the kernel.
  func testRanksRestartedForTheKernelStillFormOneJob() throws {
    guard DoctorCLITests.processorHas("avx2") && DoctorCLITests.processorHas("fma") else {
      throw XCTSkip("needs an AVX2 processor")
    }
    let expected =
      DoctorCLITests.processorHas("avx512bw") && DoctorCLITests.processorHas("avx512vl") ? "SkylakeX" : "Haswell"
    let study = try write(rateStudy, "rates.toml")
    let one = try launch(
      CLI.binary.path, ["run", study, "--out", path("one"), "--quiet"], environment: ["OPENBLAS_CORETYPE": expected])
    XCTAssertEqual(one.status, 0, one.stderr)
    let (mpirun, args) = try mpirunArguments(2, ["run", study, "--out", path("mpi"), "--quiet"])
    let r = try launch(
      mpirun, args, environment: ["SPINTRANSPORT_ASSUME_OPENBLAS_CORE": "Prescott"],
      unsetting: ["OPENBLAS_CORETYPE", "SPINTRANSPORT_OPENBLAS_FALLBACK"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertNotNil(bytes("one/data.csv"))
    XCTAssertEqual(bytes("mpi/data.csv"), bytes("one/data.csv"))
    let meta = try JSONSerialization.jsonObject(with: bytes("mpi/meta.json") ?? Data()) as? [String: Any]
    XCTAssertEqual(meta?["blas_kernel"] as? String, expected, "\(meta ?? [:])")
    XCTAssertEqual((meta?["cluster"] as? [String: Any])?["ranks"] as? Int, 2)
  }

  func testThreeRanksWriteTheSingleProcessBytes() throws {
    let study = try write(rateStudy, "rates.toml")
    try single(study, "one")
    let (mpirun, args) = try mpirunArguments(3, ["run", study, "--out", path("mpi"), "--quiet"])
    let r = try launch(mpirun, args)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("81 points (81 computed, 0 resumed)"), r.stdout)
    XCTAssertEqual(r.stdout.split(separator: "\n").count, 1, "only rank 0 reports: \(r.stdout)")
    XCTAssertNotNil(bytes("one/data.csv"))
    XCTAssertEqual(bytes("mpi/data.csv"), bytes("one/data.csv"), "data.csv bytes differ between 3 ranks and 1 process")
    let meta = try JSONSerialization.jsonObject(with: bytes("mpi/meta.json") ?? Data()) as? [String: Any]
    let cluster = meta?["cluster"] as? [String: Any]
    XCTAssertEqual(cluster?["ranks"] as? Int, 3)
    let perRank = cluster?["per_rank"] as? [[String: Any]] ?? []
    XCTAssertEqual(perRank.count, 3)
    XCTAssertEqual(perRank.compactMap { $0["points"] as? Int }.reduce(0, +), 81, "every point counted once")
    let single = try JSONSerialization.jsonObject(with: bytes("one/meta.json") ?? Data()) as? [String: Any]
    XCTAssertNil(single?["cluster"], "a plain process records no cluster")
  }

  func testVaryUnderMPIWritesTheSingleProcessBytes() throws {
    let args = ["relaxation", "rates", "--vary", "k2-ratio=0:4:61", "--xi", "0.3"]
    let one = try launch(CLI.binary.path, args + ["-o", path("one.csv")])
    XCTAssertEqual(one.status, 0, one.stderr)
    let (mpirun, margs) = try mpirunArguments(3, args + ["-o", path("mpi.csv")])
    let r = try launch(mpirun, margs)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertNotNil(bytes("one.csv"))
    XCTAssertEqual(bytes("mpi.csv"), bytes("one.csv"))
  }

  func testThreeShardsThenMergeWriteTheSingleProcessBytes() throws {
    let study = try write(rateStudy, "rates.toml")
    try single(study, "one")
    for i in 1...3 {
      let r = try launch(CLI.binary.path, ["run", study, "--out", path("shard\(i)"), "--shard", "\(i)/3", "--quiet"])
      XCTAssertEqual(r.status, 0, r.stderr)
      XCTAssertTrue(r.stdout.contains("shard \(i)/3: 27 of 81 points (27 computed, 0 resumed)"), r.stdout)
      XCTAssertNil(bytes("shard\(i)/data.csv"), "a shard writes no data.csv")
      XCTAssertNotNil(bytes("shard\(i)/study.toml"), "run keeps the study text")
    }
    // Rerunning a shard is idempotent: nothing recomputed.
    let again = try launch(CLI.binary.path, ["run", study, "--out", path("shard2"), "--shard", "2/3", "--quiet"])
    XCTAssertTrue(again.stdout.contains("(0 computed, 27 resumed)"), again.stdout)
    let m = try launch(
      CLI.binary.path, ["merge", path("shard1"), path("shard2"), path("shard3"), "--out", path("merged"), "--quiet"])
    XCTAssertEqual(m.status, 0, m.stderr)
    XCTAssertNotNil(bytes("one/data.csv"))
    XCTAssertEqual(bytes("merged/data.csv"), bytes("one/data.csv"), "merged data.csv differs from a single run")
    let meta = try JSONSerialization.jsonObject(with: bytes("merged/meta.json") ?? Data()) as? [String: Any]
    XCTAssertEqual((meta?["merged"] as? [String: Any])?["shard_count"] as? Int, 3)
  }

  func testMergeListsMissingPointsAndRefusesOtherStudies() throws {
    let study = try write(rateStudy, "rates.toml")
    for i in [1, 3] {
      let r = try launch(CLI.binary.path, ["run", study, "--out", path("shards"), "--shard", "\(i)/3", "--quiet"])
      XCTAssertEqual(r.status, 0, r.stderr)
    }
    let m = try launch(CLI.binary.path, ["merge", path("shards")])
    XCTAssertEqual(m.status, 1, m.stderr)
    XCTAssertEqual(m.stderr.split(separator: "\n").count, 1, m.stderr)
    XCTAssertTrue(m.stderr.contains("27 of 81 points missing: 1, 4, 7, 10"), m.stderr)
    XCTAssertTrue(m.stderr.contains("rerun shard 2/3"), m.stderr)
    XCTAssertNil(bytes("shards/data.csv"), "nothing written when points are missing")
    // A directory of another study is refused (exit 2, names it).
    let other = try write(rateStudy.replacingOccurrences(of: "27]", with: "28]"), "other.toml")
    _ = try launch(CLI.binary.path, ["run", other, "--out", path("other"), "--shard", "1/3", "--quiet"])
    let mixed = try launch(CLI.binary.path, ["merge", path("shards"), path("other")])
    XCTAssertEqual(mixed.status, 2, mixed.stderr)
    XCTAssertTrue(mixed.stderr.contains(path("other")), mixed.stderr)
  }

  func testSchedulerVariablesChooseTheShard() throws {
    let study = try write(rateStudy, "rates.toml")
    let slurm = [
      "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_MAX": "6",
      "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_STEP": "1",
    ]
    let r = try launch(CLI.binary.path, ["run", study, "--out", path("s"), "--quiet"], environment: slurm)
    XCTAssertTrue(r.stdout.contains("shard 2/3: 27 of 81 points"), r.stdout + r.stderr)
    let sge = ["SGE_TASK_ID": "21", "SGE_TASK_FIRST": "1", "SGE_TASK_LAST": "31", "SGE_TASK_STEPSIZE": "10"]
    let g = try launch(CLI.binary.path, ["run", study, "--out", path("g"), "--quiet"], environment: sge)
    XCTAssertTrue(g.stdout.contains("shard 3/4: 20 of 81 points"), g.stdout + g.stderr)
    try CLI.assertRefused(["run", study, "--out", path("bad"), "--shard", "4/3"], mentions: ["--shard", "4/3"])
    try CLI.assertRefused(
      ["run", study, "--out", path("bad"), "--quiet"], mentions: ["PBS_ARRAY_INDEX", "--shard-count"],
      environment: ["PBS_ARRAY_INDEX": "2"])
  }

  /// Starts `mpirun args` (writing into `mpi/`) and returns once rank 0's checkpoint holds at least
  /// `points` points, or after 60 s; the number found is returned beside the running process.
  func startUntilCheckpointed(_ mpirun: String, _ args: [String], points: Int) throws -> (Process, Int) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: mpirun)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(60)
    var finished = 0
    while Date() < deadline {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path("mpi"))) ?? []
      if let cp = names.first(where: { $0.hasPrefix(".checkpoint-") }),
        let text = try? String(contentsOfFile: path("mpi/" + cp), encoding: .utf8)
      {
        finished = text.split(separator: "\n").count - 1
        if finished >= points { break }
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return (p, finished)
  }

  /// kill -9 of mpirun part-way, then the same command: identical bytes, no point lost.
  func testKillNineOfMpirunThenRerunGivesIdenticalBytes() throws {
    let study = try write(ringStudy, "ring.toml")
    try single(study, "one")
    let (mpirun, args) = try mpirunArguments(3, ["run", study, "--out", path("mpi"), "--quiet"])
    let (p, finished) = try startUntilCheckpointed(mpirun, args, points: 5)
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    XCTAssertGreaterThanOrEqual(finished, 5)
    XCTAssertNil(bytes("mpi/data.csv"), "no data.csv from a killed run")
    Thread.sleep(forTimeInterval: 1)  // orphaned ranks notice their launcher is gone
    let r = try launch(mpirun, args)
    XCTAssertEqual(r.status, 0, r.stderr)
    let counts = r.stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    XCTAssertEqual(counts.first, 60, r.stdout)
    XCTAssertGreaterThanOrEqual(counts.count > 2 ? counts[2] : -1, finished, r.stdout)
    XCTAssertNotNil(bytes("one/data.csv"))
    XCTAssertEqual(bytes("mpi/data.csv"), bytes("one/data.csv"), "resumed MPI run differs from a single run")
  }

  /// kill -9 of one rank (the last started): Open MPI aborts the job promptly (no hang); the same command
  /// then resumes from rank 0's checkpoint to identical bytes.
  func testKillNineOfOneRankAbortsThenRerunGivesIdenticalBytes() throws {
    let study = try write(ringStudy, "ring.toml")
    try single(study, "one")
    let (mpirun, args) = try mpirunArguments(3, ["run", study, "--out", path("mpi"), "--quiet"])
    // The ranks are mpirun's children; wait for some checkpointed points, then kill the last rank.
    let (p, finished) = try startUntilCheckpointed(mpirun, args, points: 3)
    let children = try launch("/usr/bin/pgrep", ["-P", "\(p.processIdentifier)"]).stdout
      .split(separator: "\n").compactMap { Int32($0) }.sorted()
    XCTAssertEqual(children.count, 3, "mpirun's ranks")
    if let worker = children.last { kill(worker, SIGKILL) }
    let stop = Date().addingTimeInterval(60)
    while p.isRunning && Date() < stop { Thread.sleep(forTimeInterval: 0.05) }
    XCTAssertFalse(p.isRunning, "mpirun did not end after a rank was killed")
    if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    p.waitUntilExit()
    XCTAssertNotEqual(p.terminationStatus, 0)
    XCTAssertNil(bytes("mpi/data.csv"))
    let r = try launch(mpirun, args)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertNotNil(bytes("one/data.csv"))
    XCTAssertEqual(bytes("mpi/data.csv"), bytes("one/data.csv"), "resumed MPI run differs from a single run")
  }

  /// A study whose points cannot run (a missing initial-profile file) under mpirun: the error
  /// (exit 2, as in one process) promptly from every rank's check, nothing created — not a
  /// hang of the job.
  func testPointErrorUnderMPIIsReportedNotHung() throws {
    let study = try write(
      """
      [study]
      model = "relaxation-evolve"
      [parameters]
      points = 11
      times_r = [0, 0.1]
      initial = "file"
      profile = "\(path("no-such-profile.csv"))"
      [[sweep]]
      parameter = "xi"
      range = [0.1, 0.9, 40]
      """, "bad.toml")
    let one = try launch(CLI.binary.path, ["run", study, "--out", path("one"), "--quiet"])
    XCTAssertEqual(one.status, 2, one.stderr)
    let (mpirun, args) = try mpirunArguments(3, ["run", study, "--out", path("mpi"), "--quiet"])
    let r = try launch(mpirun, args, timeout: 120)
    XCTAssertFalse(r.timedOut, "MPI run hung after a point error")
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("invalid value for parameters.profile"), r.stderr)
    XCTAssertTrue(r.stderr.contains("a readable CSV file"), r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("mpi")), "output directory created under mpirun")
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("one")), "output directory created")
  }

  func testDoctorReportsTheMPILibrary() throws {
    let r = try CLI.run(["doctor"])
    XCTAssertTrue(r.stdout.contains("MPI: Open MPI v"), r.stdout)
  }
}
