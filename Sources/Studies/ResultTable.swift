import Diagnostics
import Foundation

/// One cell of a result table.
public enum TableValue: Sendable, Equatable, CustomStringConvertible {
  case number(Double), integer(Int), text(String)

  /// CSV/text rendering: shortest round-trip decimal for numbers ("nan", "inf" for non-finite).
  public var description: String {
    switch self {
    case .number(let x): return x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf"))
    case .integer(let i): return "\(i)"
    case .text(let s): return s
    }
  }

  /// The cell as a number (integers converted; nil for text).
  public var number: Double? {
    switch self {
    case .number(let x): return x
    case .integer(let i): return Double(i)
    case .text: return nil
    }
  }

  var json: JSONValue {
    switch self {
    case .number(let x): return .number(x)
    case .integer(let i): return .integer(i)
    case .text(let s): return .string(s)
    }
  }
}

/// The result of every command: named columns, rows, metadata and numerical warnings.
///
/// Rendered as CSV (header row + rows) or as JSON `{"columns": […], "rows": […], "metadata": {…}}`
/// with `metadata.warnings` (a list, possibly empty) and `metadata.units` (column → unit; every
/// column for a catalogue table, `{}` where the producer declared none). Column names carry units (`charge_A`, `x_m`) or
/// the command's documentation states them.
public struct ResultTable: Sendable, Equatable {
  public var columns: [String]
  public var rows: [[TableValue]]
  public var metadata: [String: JSONValue]
  public var warnings: [NumericalWarning]

  public init(
    columns: [String], rows: [[TableValue]] = [], metadata: [String: JSONValue] = [:], warnings: [NumericalWarning] = []
  ) {
    self.columns = columns
    self.rows = rows
    self.metadata = metadata
    self.warnings = warnings
  }

  /// Appends a row of numbers.
  public mutating func append(_ numbers: [Double]) { rows.append(numbers.map(TableValue.number)) }

  /// Appends a row of cells (count must equal the column count).
  public mutating func append(_ cells: [TableValue]) {
    precondition(cells.count == columns.count, "row has \(cells.count) cells, table has \(columns.count) columns")
    rows.append(cells)
  }

  /// The column named `name` as numbers (nil if absent or not numeric).
  public func numbers(_ name: String) -> [Double]? {
    guard let j = columns.firstIndex(of: name) else { return nil }
    var out: [Double] = []
    for row in rows {
      switch row[j] {
      case .number(let x): out.append(x)
      case .integer(let i): out.append(Double(i))
      case .text: return nil
      }
    }
    return out
  }

  /// One CSV field: quoted (RFC 4180, `"` doubled) when it holds a comma, a quote or a line break.
  static func csvField(_ s: String) -> String {
    needsQuoting(s) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }

  /// Whether `s` holds a comma, a quote or a line break. ASCII text is checked byte by byte
  /// (the line breaks among ASCII are LF, VT, FF and CR); other text by Character.
  static func needsQuoting(_ s: String) -> Bool {
    var ascii = true
    for byte in s.utf8 {
      if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || (0x0A...0x0D).contains(byte) { return true }
      if byte >= 0x80 { ascii = false }
    }
    return ascii ? false : s.contains(",") || s.contains("\"") || s.contains(where: \.isNewline)
  }

  /// CSV text: one header row, comma-separated, text cells quoted when needed.
  ///
  /// Numbers are written with their ``TableValue/description`` and never need quoting.
  public func csv() -> String {
    var out = columns.map(Self.csvField).joined(separator: ",") + "\n"
    out.reserveCapacity(out.utf8.count + rows.count * columns.count * 20)
    for row in rows {
      for (j, cell) in row.enumerated() {
        if j > 0 { out += "," }
        switch cell {
        case .number, .integer: out += cell.description
        case .text(let s): out += Self.csvField(s)
        }
      }
      out += "\n"
    }
    return out
  }

  /// JSON text `{"columns", "rows", "metadata"}` (sorted keys, stable output).
  public func json() throws -> String {
    var meta = metadata
    meta["warnings"] = .array(warnings.deduplicated().map { .string($0.message) })
    if meta["units"] == nil { meta["units"] = .object([:]) }
    let object: JSONValue = .object([
      "columns": .array(columns.map(JSONValue.string)),
      "rows": .array(rows.map { .array($0.map(\.json)) }),
      "metadata": .object(meta),
    ])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(object), as: UTF8.self) + "\n"
  }

  /// Renders in `format`.
  public func rendered(_ format: OutputFormat) throws -> String {
    switch format {
    case .csv: return csv()
    case .json: return try json()
    }
  }
}

/// Output formats of every command.
public enum OutputFormat: String, CaseIterable, Sendable {
  case csv, json
}

/// Writes `text` to `path`: atomically (temporary file in the same directory, then rename) for
/// a regular file, so readers never see a partial file and a failed run leaves no file behind;
/// through, without replacing it, for a FIFO or a device; a symbolic link's target is replaced,
/// not the link (see ``OutputTarget``). Errors are one-line ``OutputPathError``s naming `path`.
public func writeAtomically(_ text: String, to path: String) throws {
  try OutputTarget.resolve(path).write(Data(text.utf8), shownAs: path)
}
