import Foundation

extension ResultTable {
  /// A CSV read error (line number and what was wrong); the same type as ``CSVReadError``.
  typealias CSVError = CSVReadError

  /// Parses CSV text with one header row (the format ``csv()`` writes) through ``CSVInput``.
  ///
  /// Cells that parse as numbers become `.number`, others `.text`; quoted cells may contain
  /// commas, `""` and line breaks (RFC 4180). Throws ``CSVReadError`` with the line number.
  public init(csv text: String) throws {
    try self.init(csvData: Data(text.utf8))
  }

  /// Parses UTF-8 CSV bytes with one header row; see ``init(csv:)``.
  public init(csvData data: Data) throws {
    let (header, records) = try CSVInput.read(data)
    self.init(
      columns: header,
      rows: records.map { record in record.fields.map { Double($0).map(TableValue.number) ?? .text($0) } })
  }
}
