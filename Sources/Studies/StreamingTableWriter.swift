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
/// removes the temporary (``abandon()``, also on deinit). Without a path, rows go to stdout.
/// The path is classified by ``OutputTarget``: a device or FIFO (`/dev/null`, `/dev/stdout`) is
/// written in place (renaming onto it would replace the device node by a regular file), a
/// symbolic link's target is replaced.
///
/// Failure modes: file-system errors (directory not writable, disk full) are thrown from
/// `init`, ``append(_:)`` or ``finish(metadata:warnings:)`` after the temporary is removed.
public final class StreamingTableWriter {
  public let columns: [String]
  public let format: OutputFormat
  private let destination: URL?
  /// The output as the user named it (for errors).
  private let shownPath: String
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
    self.shownPath = path ?? "stdout"
    switch try path.map({ try OutputTarget.resolve($0) }) {
    case .special(let device):
      // /dev/null, /dev/stdout, a FIFO: written through (see OutputTarget). A rename would
      // replace the device node with a regular file, and "partial" has no meaning there.
      guard let special = FileHandle(forWritingAtPath: device) else {
        throw OutputPathError(path!, String(cString: strerror(errno)))
      }
      handle = special
      destination = nil
      temporary = nil
    case .regularFile(let target):
      // A symbolic link's target is replaced, not the link (OutputTarget resolved it).
      let url = URL(fileURLWithPath: target)
      let directory = url.deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      } catch {
        throw OutputPathError(path!, "cannot create directory \(String(reflecting: directory.path))")
      }
      let temp = directory.appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
      guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
        throw OutputPathError(path!, "cannot create a file in \(String(reflecting: directory.path))")
      }
      do { handle = try FileHandle(forWritingTo: temp) } catch {
        try? FileManager.default.removeItem(at: temp)
        throw OutputPathError(path!, "cannot open \(String(reflecting: temp.path)) for writing")
      }
      destination = url
      temporary = temp
    case nil:
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
          throw OutputPathError(destination.path, String(cString: strerror(errno)))
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
      throw OutputPathError(shownPath, "write failed (\(error.localizedDescription))")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  private static func csvQuote(_ s: String) -> String {
    s.contains(",") || s.contains("\"") || s.contains(where: \.isNewline)
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }

  private static func encode(_ value: JSONValue) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
