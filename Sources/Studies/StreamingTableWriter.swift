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
/// `init`, `append(_:)` or ``finish(metadata:warnings:)`` after the temporary is removed.
public final class StreamingTableWriter {
  public let columns: [String]
  public let format: OutputFormat
  /// The output as the user named it (for errors).
  private let shownPath: String
  /// The file or device (nil: stdout).
  private let output: OutputTarget.OpenOutput?
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
    // OutputTarget decides: a temporary beside a regular file (a symbolic link's target is
    // replaced, not the link), or a device/FIFO written through (a rename would replace
    // /dev/null by a regular file, and "partial" has no meaning there).
    output = try path.map { try OutputTarget.resolve($0).open(shownAs: $0) }
    buffer.reserveCapacity(Self.flushThreshold + 4096)
    switch format {
    case .csv: emit(columns.map(ResultTable.csvField).joined(separator: ",") + "\n")
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

  /// Appends one row of cells (numbers, integers, text), rendered as ``ResultTable`` renders
  /// them: CSV fields quoted when needed, JSON cells encoded like ``ResultTable/json()``.
  public func append(_ cells: [TableValue]) throws {
    precondition(cells.count == columns.count, "row has \(cells.count) cells, table has \(columns.count) columns")
    var line = format == .csv ? "" : (rowCount == 0 ? "[" : ",[")
    for (k, cell) in cells.enumerated() {
      if k > 0 { line += "," }
      switch (cell, format) {
      case (.text(let s), .csv): line += ResultTable.csvField(s)
      case (.text(let s), .json): line += try Self.encode(.string(s))
      case (.number(let x), .json) where !x.isFinite: line += "\"\(cell.description)\""
      default: line += cell.description  // numbers and integers need no quoting
      }
    }
    emit(line + (format == .csv ? "\n" : "]"))
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
        meta["warnings"] = .array(warnings.deduplicated().map { .string($0.message) })
        if meta["units"] == nil { meta["units"] = .object([:]) }
        emit("],\"metadata\":" + (try Self.encode(.object(meta))) + "}\n")
      }
      try flush()
      try output?.commit()
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
    output?.abandon()
  }

  private func emit(_ text: String) { buffer.append(contentsOf: text.utf8) }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    do {
      if let output { try output.write(Data(buffer)) } else { try OutputTarget.writeStandardOutput(Data(buffer)) }
    } catch let error as OutputPathError {
      abandon()
      throw error
    } catch {
      abandon()
      throw OutputPathError(shownPath, "write failed (\(error.localizedDescription))")
    }
    buffer.removeAll(keepingCapacity: true)
  }

  private static func encode(_ value: JSONValue) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
