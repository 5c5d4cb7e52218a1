extension ResultTable {
  /// A CSV read error (line number and what was wrong).
  public struct CSVError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let message: String
    public var description: String { "CSV line \(line): \(message)" }
  }

  /// Parses CSV text with one header row (the format ``csv()`` writes): cells that parse as
  /// numbers become `.number`, others `.text`; double-quoted cells may contain commas and `""`.
  public init(csv text: String) throws {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    guard let header = lines.first else { throw CSVError(line: 1, message: "empty file (expected a header row)") }
    let columns = Self.fields(header)
    var rows: [[TableValue]] = []
    for (k, line) in lines.dropFirst().enumerated() {
      let cells = Self.fields(line)
      guard cells.count == columns.count else {
        throw CSVError(line: k + 2, message: "\(cells.count) fields, header has \(columns.count)")
      }
      rows.append(cells.map { Double($0).map(TableValue.number) ?? .text($0) })
    }
    self.init(columns: columns, rows: rows)
  }

  /// Splits one CSV line into fields (RFC 4180 quoting, no embedded newlines).
  static func fields(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
        } else {
          current.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    fields.append(current)
    return fields
  }
}
