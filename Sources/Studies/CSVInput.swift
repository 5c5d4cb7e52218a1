import CSV
import Foundation

/// A CSV read error: the line on which the offending record starts and what was wrong.
///
/// Rendered as one line, `CSV line N: message`, which the CLI prints with exit status 2.
public struct CSVReadError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The 1-based physical line on which the offending record starts.
  public let line: Int
  /// What was wrong, in a few words.
  public let message: String

  /// Creates an error for the record starting on `line`.
  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }

  public var description: String { "CSV line \(line): \(message)" }
}

/// One record of a CSV file: its fields and the physical line on which it starts.
public struct CSVRecord: Sendable, Equatable {
  /// The fields, unquoted (`""` inside a quoted field is one `"`).
  public let fields: [String]
  /// The 1-based physical line on which the record starts (a quoted field may span lines).
  public let line: Int
}

/// The one CSV reader of the project (plot input, relaxation profiles), built on CSV.swift.
///
/// RFC 4180: fields separated by commas, records by LF, CRLF or CR; a field in double quotes
/// may hold commas, line breaks and `""` (one quote). A UTF-8 byte-order mark is skipped.
/// Blank lines are skipped; every other record must have as many fields as the header.
/// Errors are ``CSVReadError``s naming the line where the bad record starts.
public enum CSVInput {
  /// Reads a header and the data records of UTF-8 CSV `data`.
  ///
  /// With `skippingCommentsStartingWith`, records whose first field starts with that text (after
  /// leading blanks) are skipped, before and after the header (a comment is parsed as CSV first,
  /// so a `"` in it must be paired). Throws ``CSVReadError`` for an
  /// empty file, text that is not UTF-8, an unterminated quoted field, or a record whose field
  /// count differs from the header's.
  public static func read(
    _ data: Data, skippingCommentsStartingWith comment: String? = nil
  ) throws -> (header: [String], records: [CSVRecord]) {
    let records = try records(in: data, skippingCommentsStartingWith: comment)
    guard let header = records.first else {
      throw CSVReadError(line: 1, message: "empty file (expected a header row)")
    }
    for record in records.dropFirst() where record.fields.count != header.fields.count {
      throw CSVReadError(
        line: record.line, message: "\(record.fields.count) fields, the header has \(header.fields.count)")
    }
    return (header.fields, Array(records.dropFirst()))
  }

  /// Every non-blank record of UTF-8 CSV `data`, header included, with its starting line.
  ///
  /// Records may differ in length here; ``read(_:skippingCommentsStartingWith:)`` checks them.
  public static func records(
    in data: Data, skippingCommentsStartingWith comment: String? = nil
  ) throws
    -> [CSVRecord]
  {
    guard !data.isEmpty else { return [] }
    // RFC 4180 quotes come in pairs (open + close, `""` inside): an odd count means a quoted
    // field never closed, which CSV.swift would read up to the end of the file.
    let quotes = data.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
    let reader: CSVReader
    do {
      reader = try CSVReader(stream: InputStream(data: data))
    } catch {
      throw CSVReadError(line: 1, message: "cannot read the text (\(error))")
    }
    var records: [CSVRecord] = []
    var line = 1
    while let fields = reader.next() {
      if reader.error != nil {
        throw CSVReadError(line: line, message: "not UTF-8 text")
      }
      let start = line
      line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
      if fields == [""] { continue }  // a blank line
      if let comment, fields[0].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(comment) { continue }
      records.append(CSVRecord(fields: fields, line: start))
    }
    if reader.error != nil {
      throw CSVReadError(line: line, message: "not UTF-8 text")
    }
    // An odd count is reported on the last record, which an unclosed quote runs to; a stray `"`
    // inside an unquoted field earlier in the file (not RFC 4180) is caught by the same count.
    if quotes % 2 == 1 {
      throw CSVReadError(line: records.last?.line ?? 1, message: "a quoted field is not closed (unbalanced \")")
    }
    return records
  }
}
