import Diagnostics
import Foundation

/// Writes a result table row by row as it is computed, so memory stays independent of the
/// number of rows.
///
/// CSV output is byte-identical to ``ResultTable/csv()`` for the same rows. JSON output is
/// `{"columns": […], "rows": […], "metadata": {…}}` — the same object as ``ResultTable/json()``
/// (numbers in Swift's shortest round-trip form, non-finite values as the strings "nan", "inf",
/// "-inf", warnings under `metadata.warnings`), with `metadata` last because warnings and
/// conservation checks are only known once every row is out.
///
/// With a path, rows go to a temporary file `.NAME.tmp-PID-RANDOM` in the target directory,
/// renamed onto the path by ``finish(metadata:warnings:)`` only (the rule of
/// ``writeAtomically(_:to:)``): a refused or failed run leaves any existing file untouched and
/// removes the temporary (``abandon()``, also on deinit). Without a path, rows go to stdout. A
/// path naming a device or FIFO (`/dev/null`, `/dev/stdout`) is written in place: renaming onto
/// it would replace the device node by a regular file.
///
/// Failure modes: file-system errors (directory not writable, disk full) are thrown from
/// `init`, ``append(_:)`` or ``finish(metadata:warnings:)`` after the temporary is removed.
public final class StreamingTableWriter {
  public let columns: [String]
  public let format: OutputFormat
  private let destination: URL?
  private let temporary: URL?
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var rowCount = 0
  private var finished = false
  /// Bytes collected before a write to the file or stdout.
  private static let flushThreshold = 1 << 16

  /// Opens the output (a temporary next to `path`, or stdout when `path` is nil) and writes the
  /// header (CSV) or the opening of the object (JSON).
  public init(columns: [String], format: OutputFormat, path: String?) throws {
    self.columns = columns
    self.format = format
    if let path, Self.isSpecialFile(path) {
      // /dev/null, /dev/stdout, a FIFO: write in place. A rename would replace the device
      // node with a regular file (as root: /dev/null itself), and "partial" has no meaning there.
      guard let special = FileHandle(forWritingAtPath: path) else {
        throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
      }
      handle = special
      destination = nil
      temporary = nil
    } else if let path {
      let url = URL(fileURLWithPath: path)
      let directory = url.deletingLastPathComponent()
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let temp = directory.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
      guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
        throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temp.path])
      }
      do { handle = try FileHandle(forWritingTo: temp) } catch {
        try? FileManager.default.removeItem(at: temp)
        throw error
      }
      destination = url
      temporary = temp
    } else {
      handle = FileHandle.standardOutput
      destination = nil
      temporary = nil
    }
    buffer.reserveCapacity(Self.flushThreshold + 4096)
    switch format {
    case .csv: emit(columns.map(Self.csvQuote).joined(separator: ",") + "\n")
    case .json: emit("{\"columns\":" + (try Self.encode(.array(columns.map(JSONValue.string)))) + ",\"rows\":[")
    }
  }

  deinit { if !finished { abandon() } }

  /// Appends one row of numbers (count must equal the column count).
  public func append(_ numbers: [Double]) throws {
    precondition(numbers.count == columns.count, "row has \(numbers.count) cells, table has \(columns.count) columns")
    switch format {
    case .csv:
      emit(numbers.map { TableValue.number($0).description }.joined(separator: ",") + "\n")
    case .json:
      let cells = numbers.map { x in x.isFinite ? "\(x)" : "\"\(TableValue.number(x).description)\"" }
      emit((rowCount == 0 ? "[" : ",[") + cells.joined(separator: ",") + "]")
    }
    rowCount += 1
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  /// Rows written so far.
  public var rows: Int { rowCount }

  /// Closes the table (JSON: the metadata with `warnings`), flushes, and renames the temporary
  /// onto the target path.
  public func finish(metadata: [String: JSONValue], warnings: [NumericalWarning]) throws {
    do {
      if format == .json {
        var meta = metadata
        if !warnings.isEmpty { meta["warnings"] = .array(warnings.deduplicated().map { .string($0.message) }) }
        emit("],\"metadata\":" + (try Self.encode(.object(meta))) + "}\n")
      }
      try flush()
      if let destination, let temporary {
        try handle.close()
        if rename(temporary.path, destination.path) != 0 {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
      }
      finished = true
    } catch {
      abandon()
      throw error
    }
  }

  /// Gives up: closes and removes the temporary (nothing is left at the target path).
  public func abandon() {
    finished = true
    buffer.removeAll()
    if let temporary {
      try? handle.close()
      try? FileManager.default.removeItem(at: temporary)
    }
  }

  private func emit(_ text: String) { buffer.append(contentsOf: text.utf8) }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    do { try handle.write(contentsOf: buffer) } catch {
      abandon()
      throw error
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// True when `path` exists and is not a regular file or directory (a character device such
  /// as /dev/null, a FIFO, a socket), following symbolic links.
  public static func isSpecialFile(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let type = info.st_mode & S_IFMT
    return type != S_IFREG && type != S_IFDIR
  }

  private static func csvQuote(_ s: String) -> String {
    s.contains(",") || s.contains("\"") || s.contains("\n")
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }

  private static func encode(_ value: JSONValue) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
