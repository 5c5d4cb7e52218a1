import Diagnostics
import Foundation

/// One of N deterministic slices of a study's points, for scheduler job arrays.
///
/// Shard `I/N` (1-based: `1/N` … `N/N`) owns the points whose index `i` (in
/// ``Study/point(_:)`` order) satisfies `i % N == I - 1` — a *strided* slice, so points whose
/// cost grows along an axis (ring size, ED sector) spread evenly over the shards. A shard run
/// writes only its checkpoint `DIR/.checkpoint-<fingerprint>.shard-I-of-N.jsonl` (and
/// `DIR/study.toml`); `spintransport merge` assembles the outputs. Rerunning a shard resumes
/// its checkpoint and recomputes nothing that finished.
///
/// Failure modes: a malformed `I/N`, or scheduler variables that do not describe a contiguous
/// array, throw ``/Diagnostics/InvalidParameter`` naming the option or variable.
public struct StudyShard: Sendable, Equatable, CustomStringConvertible {
  /// 1-based shard number.
  public let index: Int
  /// Number of shards.
  public let count: Int

  public init(index: Int, count: Int) throws {
    guard count >= 1, index >= 1, index <= count else {
      throw InvalidParameter("shard", "\(index)/\(count)", allowed: "I/N with 1 ≤ I ≤ N, e.g. 2/8")
    }
    self.index = index
    self.count = count
  }

  /// Parses `I/N` (the `--shard` option).
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
      throw InvalidParameter("--shard", text, allowed: "I/N with integers 1 ≤ I ≤ N, e.g. 2/8")
    }
    try self.init(index: i, count: n)
  }

  public var description: String { "\(index)/\(count)" }

  /// True when point `i` belongs to this shard.
  public func contains(_ point: Int) -> Bool { point % count == index - 1 }

  /// The points of a study with `pointCount` points that belong to this shard, ascending.
  public func points(of pointCount: Int) -> [Int] { Array(stride(from: index - 1, to: pointCount, by: count)) }

  /// The checkpoint file name of this shard of the study with `fingerprint`.
  func checkpointName(fingerprint: String) -> String {
    ".checkpoint-\(fingerprint).shard-\(index)-of-\(count).jsonl"
  }

  /// The shard described by a job-array scheduler's environment, or nil when none is set.
  ///
  /// - Slurm: `SLURM_ARRAY_TASK_ID`, `_MIN`, `_STEP` (default 1) and `_COUNT`:
  ///   I = (ID − MIN)/STEP + 1, N = COUNT (any base: `--array=0-9` and `--array=1-10` both work;
  ///   the array must be a single range MIN-MAX[:STEP], not a list).
  /// - Grid Engine: `SGE_TASK_ID`, `SGE_TASK_FIRST`, `SGE_TASK_LAST`, `SGE_TASK_STEPSIZE`
  ///   (`undefined` outside array jobs): I = (ID − FIRST)/STEP + 1, N = (LAST − FIRST)/STEP + 1.
  /// - PBS Pro `PBS_ARRAY_INDEX` / Torque `PBS_ARRAYID`: the index only; these schedulers do not
  ///   export the array's size, so `count` (the `--shard-count` option) must be given and the
  ///   array must run 1…N (`qsub -J 1-N`, `qsub -t 1-N`).
  ///
  /// Every variable is read as data: an integer from 0 to 2³¹ − 1 (counts and steps from 1),
  /// then checked against the others (ID within the array, MAX ≥ MIN), so a hostile or
  /// inconsistent environment gives one ``/Diagnostics/InvalidParameter`` naming the variable
  /// and its value, never an arithmetic trap or a derived "shard 7/3".
  public static func fromEnvironment(_ env: [String: String], count givenCount: Int? = nil) throws -> StudyShard? {
    /// The variable `name` as an integer from `low` to ``maxVariable``; nil when unset (or SGE's `undefined`).
    func int(_ name: String, from low: Int = 0) throws -> Int? {
      guard let text = env[name], !text.isEmpty, text != "undefined" else { return nil }
      guard let n = Int(text), n >= low, n <= maxVariable else {
        throw InvalidParameter(name, text, allowed: "an integer from \(low) to \(maxVariable) (job-array variable)")
      }
      return n
    }
    /// Shard I/N from a task ID in the array `first`, `first + step`, … (`count` tasks).
    func shard(id: (String, Int), first: (String, Int), step: (String, Int), count: Int) throws -> StudyShard {
      let last = first.1 + (count - 1) * step.1
      guard id.1 >= first.1, id.1 <= last else {
        throw InvalidParameter(
          id.0, "\(id.1)", allowed: "a task ID from \(first.0) = \(first.1) to \(last) (the array's last task)")
      }
      guard (id.1 - first.1) % step.1 == 0 else {
        throw InvalidParameter(step.0, "\(step.1)", allowed: "a positive step dividing \(id.0) − \(first.0)")
      }
      return try StudyShard(index: (id.1 - first.1) / step.1 + 1, count: count)
    }
    if let id = try int("SLURM_ARRAY_TASK_ID") {
      guard let count = try int("SLURM_ARRAY_TASK_COUNT", from: 1), let low = try int("SLURM_ARRAY_TASK_MIN") else {
        throw InvalidParameter(
          "SLURM_ARRAY_TASK_ID", "\(id)", allowed: "SLURM_ARRAY_TASK_MIN and _COUNT set too (or give --shard I/N)")
      }
      let step = try int("SLURM_ARRAY_TASK_STEP", from: 1) ?? 1
      if let high = try int("SLURM_ARRAY_TASK_MAX") {
        guard high >= low else {
          throw InvalidParameter("SLURM_ARRAY_TASK_MAX", "\(high)", allowed: "≥ SLURM_ARRAY_TASK_MIN = \(low)")
        }
        guard (high - low) / step + 1 == count else {
          throw InvalidParameter(
            "SLURM_ARRAY_TASK_COUNT", "\(count)",
            allowed: "an array that is one range MIN-MAX[:STEP] (here \(low)-\(high):\(step)); give --shard I/N")
        }
      }
      return try shard(
        id: ("SLURM_ARRAY_TASK_ID", id), first: ("SLURM_ARRAY_TASK_MIN", low), step: ("SLURM_ARRAY_TASK_STEP", step),
        count: count)
    }
    if let id = try int("SGE_TASK_ID") {
      guard let first = try int("SGE_TASK_FIRST"), let last = try int("SGE_TASK_LAST") else {
        throw InvalidParameter("SGE_TASK_ID", "\(id)", allowed: "SGE_TASK_FIRST and SGE_TASK_LAST set too")
      }
      guard last >= first else {
        throw InvalidParameter("SGE_TASK_LAST", "\(last)", allowed: "≥ SGE_TASK_FIRST = \(first)")
      }
      let step = try int("SGE_TASK_STEPSIZE", from: 1) ?? 1
      return try shard(
        id: ("SGE_TASK_ID", id), first: ("SGE_TASK_FIRST", first), step: ("SGE_TASK_STEPSIZE", step),
        count: (last - first) / step + 1)
    }
    for name in ["PBS_ARRAY_INDEX", "PBS_ARRAYID"] {
      guard let id = try int(name) else { continue }
      guard let count = givenCount else {
        throw InvalidParameter(name, "\(id)", allowed: "with --shard-count N (PBS does not export the array size)")
      }
      guard id >= 1, id <= count else {
        throw InvalidParameter(
          name, "\(id)", allowed: "an index from 1 to --shard-count = \(count) (run the array as 1…N)")
      }
      return try StudyShard(index: id, count: count)
    }
    return nil
  }

  /// The largest value a job-array variable may hold (2³¹ − 1; schedulers' limits are far lower).
  static let maxVariable = Int(Int32.max)
}

extension StudyRunner {
  /// What a shard run did.
  public struct ShardReport: Sendable {
    public let shard: StudyShard
    public let shardPoints: Int
    public let computedPoints: Int
    public let resumedPoints: Int
    public let checkpointPath: String
  }

  /// Computes the points of `shard` into its own checkpoint in `directory` (resuming it), in
  /// parallel on this process's cores; writes no table. The same per-point evaluation and
  /// checkpoint format as ``computeTable(study:model:checkpointDirectory:fresh:progress:progressAfter:log:shouldStop:)``,
  /// so `merge` restores every number bit for bit. Throws the first point's error.
  public static func computeShard(
    study: Study, model: any Computation, shard: StudyShard, directory: String, fresh: Bool = false,
    progress: (@Sendable (String) -> Void)? = nil, progressAfter: Double = 2, log: @Sendable (String) -> Void = { _ in }
  ) throws -> ShardReport {
    let start = Date()
    let mine = shard.points(of: study.pointCount)
    let points = mine.map(study.point)
    try model.prepare(points, log: log)
    try OutputTarget.createDirectory(directory)
    let name = shard.checkpointName(fingerprint: study.fingerprint)
    if fresh { try? FileManager.default.removeItem(atPath: directory + "/" + name) }
    let checkpoint = try StudyCheckpoint(
      directory: directory, study: study, pointCount: study.pointCount, fileName: name)
    let foreign = checkpoint.finished.keys.filter { !shard.contains($0) }
    guard foreign.isEmpty else {
      throw InvalidParameter(
        "--shard", shard.description, allowed: "the shard that wrote \(checkpoint.path) (it holds other points)")
    }
    let pending = mine.filter { checkpoint.finished[$0] == nil }
    let expected = model.outputs.count
    let meter = ProgressMeter(
      total: mine.count, alreadyDone: mine.count - pending.count, start: start, every: progressAfter, sink: progress)
    _ = try parallelMap(pending) { i -> Int in
      let evaluation = try model.evaluate(study.point(i))
      if let bad = evaluation.rows.first(where: { $0.count != expected }) {
        throw MalformedPoint(point: i, rowLength: bad.count, expected: expected)
      }
      try checkpoint.append(point: i, evaluation)
      meter.pointFinished()
      return i
    }
    meter.finish()
    return ShardReport(
      shard: shard, shardPoints: mine.count, computedPoints: pending.count, resumedPoints: mine.count - pending.count,
      checkpointPath: checkpoint.path)
  }
}
