import Diagnostics
import Foundation

/// Assembles the shard checkpoints of one study (from `run --shard I/N`, possibly in several
/// directories) into the study's ordinary checkpoint, after which a normal ``StudyRunner`` run
/// resumes every point and writes `data.csv`/`meta.json`/figure through the single-process
/// code: the bytes of `data.csv` are those of a single-process run.
///
/// Failure modes (``MergeError``, nothing written): no shard checkpoint of the study; shards of
/// different counts N; a point present in two shard files (duplicated); points missing (listed
/// as index ranges, with the shards to rerun).
public enum StudyMerge {
  /// Why a merge refused; one line.
  public struct MergeError: Error, CustomStringConvertible, Sendable {
    public let description: String
  }

  /// What was merged.
  public struct Summary: Sendable {
    public let shardFiles: [String]
    public let shardCount: Int
    public let checkpointPath: String
  }

  /// The shard checkpoint files of `study` in `directory` (sorted), with their I and N.
  static func shardFiles(of study: Study, in directory: String) -> [(path: String, index: Int, count: Int)] {
    let prefix = ".checkpoint-\(study.fingerprint).shard-"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.sorted().compactMap { name in
      guard name.hasPrefix(prefix), name.hasSuffix(".jsonl") else { return nil }
      let core = name.dropFirst(prefix.count).dropLast(".jsonl".count)  // "I-of-N"
      let parts = core.components(separatedBy: "-of-")
      guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), i >= 1, i <= n else { return nil }
      return (directory + "/" + name, i, n)
    }
  }

  /// Point indices as ranges: `0, 3-5, 9` (after `limit` ranges: `, … (K more ranges)`).
  public static func ranges(_ indices: [Int], limit: Int = 64) -> String {
    var parts: [String] = []
    var i = 0
    let xs = indices.sorted()
    while i < xs.count {
      var j = i
      while j + 1 < xs.count, xs[j + 1] == xs[j] + 1 { j += 1 }
      parts.append(i == j ? "\(xs[i])" : "\(xs[i])-\(xs[j])")
      i = j + 1
    }
    guard parts.count > limit else { return parts.joined(separator: ", ") }
    return parts.prefix(limit).joined(separator: ", ") + ", … (\(parts.count - limit) more ranges)"
  }

  /// Checks the shards of `study` found in `directories` and writes their union as the study's
  /// checkpoint in `output` (atomically, in point order). Throws ``MergeError`` before writing
  /// anything when a point is missing or duplicated.
  public static func combine(study: Study, directories: [String], output: String) throws -> Summary {
    var seenDirectories = Set<String>()
    var files: [(path: String, index: Int, count: Int)] = []
    for directory in directories {
      let real = OutputTarget.realPath(directory) ?? directory
      guard seenDirectories.insert(real).inserted else { continue }
      files += shardFiles(of: study, in: directory)
    }
    guard !files.isEmpty else {
      throw MergeError(
        description: "no shard checkpoint of study \(study.fingerprint) in \(directories.joined(separator: ", ")) "
          + "(expected .checkpoint-\(study.fingerprint).shard-I-of-N.jsonl from `spintransport run --shard I/N`)")
    }
    let counts = Set(files.map(\.count))
    guard counts.count == 1, let n = counts.first else {
      throw MergeError(
        description:
          "shards of different counts N (\(counts.sorted().map(String.init).joined(separator: ", "))) cannot be merged")
    }
    var owner: [Int: String] = [:]
    var lines: [Int: String] = [:]
    var duplicated: [Int] = []
    for file in files {
      let (_, kept) = try StudyCheckpoint.read(path: file.path, study: study, pointCount: study.pointCount)
      for line in kept {
        guard let (point, _) = StudyEvaluation.fromWireLine(line) else { continue }
        if owner[point] != nil { duplicated.append(point); continue }
        owner[point] = file.path
        lines[point] = line
      }
    }
    if !duplicated.isEmpty {
      throw MergeError(
        description:
          "points \(ranges(duplicated)) appear in more than one shard checkpoint (e.g. \(owner[duplicated[0]]!)); "
          + "remove the copies that do not belong")
    }
    let missing = (0..<study.pointCount).filter { lines[$0] == nil }
    if !missing.isEmpty {
      let shards = Set(missing.map { $0 % n + 1 }).sorted().map { "\($0)/\(n)" }
      throw MergeError(
        description: "\(missing.count) of \(study.pointCount) points missing: \(ranges(missing)) "
          + "(rerun shard\(shards.count == 1 ? "" : "s") \(shards.joined(separator: ", ")))")
    }
    try OutputTarget.createDirectory(output)
    let path = output + "/.checkpoint-\(study.fingerprint).jsonl"
    let header = try StudyCheckpoint.encodeLine(StudyCheckpoint.Header(format: 2, study: study.canonicalDescription))
    let text = ([header] + (0..<study.pointCount).map { lines[$0]! }).map { $0 + "\n" }.joined()
    try writeAtomically(text, to: path)
    return Summary(shardFiles: files.map(\.path), shardCount: n, checkpointPath: path)
  }
}
