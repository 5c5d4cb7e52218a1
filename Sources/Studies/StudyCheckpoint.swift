import Diagnostics
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The durable record of finished study points: `DIR/.checkpoint-<fingerprint>.jsonl`.
///
/// Line 1 is a header with the study's full canonical description; every further line is one
/// finished point `{"point": i, "rows": [[bits…]], "warnings": […]}` with each number stored as
/// the hexadecimal IEEE-754 bit pattern, so resumed values are bit-identical. Each line is
/// appended with one `write` and `fsync`ed before the point counts as done, so a `kill -9`
/// loses at most the points in flight; a torn last line is dropped when the file is reopened.
/// A checkpoint whose header differs from the study (a changed study file) is never used.
final class StudyCheckpoint: @unchecked Sendable {
  struct Header: Codable { var format: Int; var study: String }
  struct Entry: Codable {
    var point: Int
    var rows: [[String]]
    var warnings: [NumericalWarning]
  }

  let path: String
  private var descriptor: Int32 = -1
  private let lock = NSLock()

  /// Finished points read from an earlier run: index → evaluation.
  private(set) var finished: [Int: StudyEvaluation] = [:]

  /// Opens (creating or resuming) the checkpoint of `study` in `directory`, keeping only the
  /// complete, valid entries with point index < `pointCount`. `fileName` overrides the default
  /// `.checkpoint-<fingerprint>.jsonl` (shards use `.checkpoint-<fingerprint>.shard-I-of-N.jsonl`).
  init(directory: String, study: Study, pointCount: Int, fileName: String? = nil) throws {
    path = directory + "/" + (fileName ?? ".checkpoint-\(study.fingerprint).jsonl")
    let header = Header(format: 2, study: study.canonicalDescription)
    let (entries, kept) = try Self.read(path: path, study: study, pointCount: pointCount)
    finished = entries
    // Rewrite atomically with only the valid lines, so appends start on a clean line.
    let text = ([try Self.encodeLine(header)] + kept).map { $0 + "\n" }.joined()
    try writeAtomically(text, to: path)
    descriptor = open(path, O_WRONLY | O_APPEND)
    guard descriptor >= 0 else { throw OutputPathError(path, String(cString: strerror(errno))) }
  }

  /// The valid entries of the checkpoint at `path` for `study` (first entry of each point with
  /// index < `pointCount`) and their lines, without changing the file. A missing file, or one
  /// whose header is another study's, gives no entries; a path that is not a regular file (a
  /// FIFO, `/dev/zero`, a link to one) throws ``OutputPathError`` before anything is read.
  static func read(
    path: String, study: Study, pointCount: Int
  ) throws -> (entries: [Int: StudyEvaluation], lines: [String]) {
    var finished: [Int: StudyEvaluation] = [:]
    var kept: [String] = []
    try OutputTarget.requireRegularOrAbsent(path)
    guard let data = FileManager.default.contents(atPath: path) else { return ([:], []) }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let first = lines.first, let h = try? decoder.decode(Header.self, from: Data(first.utf8)),
      h.study == study.canonicalDescription, h.format == 2
    else { return ([:], []) }
    // The last element is "" after a complete final line, or a torn line: drop either.
    for line in lines.dropFirst().dropLast() {
      guard let entry = try? decoder.decode(Entry.self, from: Data(line.utf8)), entry.point >= 0,
        entry.point < pointCount, finished[entry.point] == nil,
        let rows = Self.decode(entry.rows)
      else { continue }
      finished[entry.point] = StudyEvaluation(rows: rows, warnings: entry.warnings)
      kept.append(String(line))
    }
    return (finished, kept)
  }

  deinit { if descriptor >= 0 { close(descriptor) } }

  /// Appends a finished point durably (one write + fsync, serialised across threads).
  func append(point: Int, _ evaluation: StudyEvaluation) throws { try append([(point, evaluation)]) }

  /// Appends finished points durably with one write and one fsync (a batch from an MPI rank).
  func append(_ points: [(point: Int, evaluation: StudyEvaluation)]) throws {
    guard !points.isEmpty else { return }
    var text = ""
    for (point, evaluation) in points { text += try evaluation.wireLine(point: point) + "\n" }
    let bytes = Array(text.utf8)
    lock.lock()
    defer { lock.unlock() }
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == bytes.count, fsync(descriptor) == 0 else {
      let reason = written == bytes.count || written < 0 ? String(cString: strerror(errno)) : "short write"
      throw OutputPathError(path, reason)
    }
  }

  static func encodeLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// A cell as text: numbers as the hex of their bits (restored bit for bit), integers as
  /// `i<decimal>`, texts as `t<text>` (hex digits never start with `i` or `t`).
  static func encode(_ cell: TableValue) -> String {
    switch cell {
    case .number(let x): return String(x.bitPattern, radix: 16)
    case .integer(let i): return "i\(i)"
    case .text(let t): return "t" + t
    }
  }

  static func decode(_ rows: [[String]]) -> [[TableValue]]? {
    var out: [[TableValue]] = []
    for row in rows {
      var values: [TableValue] = []
      for cell in row {
        if cell.hasPrefix("t") {
          values.append(.text(String(cell.dropFirst())))
        } else if cell.hasPrefix("i") {
          guard let i = Int(cell.dropFirst()) else { return nil }
          values.append(.integer(i))
        } else {
          guard let bits = UInt64(cell, radix: 16) else { return nil }
          values.append(.number(Double(bitPattern: bits)))
        }
      }
      out.append(values)
    }
    return out
  }

  /// Checkpoints of other studies in `directory` (not `keep`, nor the shards of keep's study).
  static func others(in directory: String, keeping keep: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    let shards = String((keep as NSString).lastPathComponent.dropLast(".jsonl".count)) + ".shard-"
    return names.filter { $0.hasPrefix(".checkpoint-") && $0.hasSuffix(".jsonl") && !$0.hasPrefix(shards) }
      .map { directory + "/" + $0 }.filter { $0 != keep }.sorted()
  }
}
