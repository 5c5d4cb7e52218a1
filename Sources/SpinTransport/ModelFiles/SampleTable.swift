import Foundation
import LinearAlgebra
import ModelFiles
import Studies

/// A table of samples for a model file: named columns of finite numbers, one row per sample, each
/// value's place kept for errors; read from a CSV file or written inline in the model file.
///
/// A CSV file (through ``/Studies/CSVInput``, the project's one CSV reader): the header names the
/// columns (blank lines and records whose first field starts with `#` are skipped); every name must
/// be one of the family's allowed columns, none twice. Errors are ``/ModelFiles/ModelFileError``s
/// at the table file's `line:column` (the column of an unquoted field), or at the model file's
/// `table = …` when the file cannot be read. The inline form is in `SampleTable+Inline.swift`.
struct SampleTable {
  /// Where the values came from, for the places of errors.
  enum Places {
    /// A CSV file: the header's line, each row's line and each field's starting column.
    case csv(file: String, headerLine: Int, lines: [Int], fieldColumns: [[Int]])
    /// An inline table of the model file: the table, and each value of each row (by column).
    case inline(table: SourceLocation, values: [[SourceLocation]])
  }

  /// Most rows of one table.
  static let maximumRows = 1_000_000
  /// Largest table file, bytes (64 MiB).
  static let maximumBytes = 64 << 20

  /// Column names in header order (the allowed ones, when others are ignored).
  let names: [String]
  /// Numbers by row, in header order.
  let rows: [[Double]]
  /// The places of the header and the values.
  let places: Places

  /// The table named by a model file's `table = …` (`node`): a CSV file (path relative to the
  /// model file `modelFile` in `directory`) or an inline table of columns.
  static func read(
    _ node: ModelNode, directory: URL, modelFile: String, allowed: [String], ignoringOthers: Bool = false
  ) throws -> SampleTable {
    if case .table = node.value { return try SampleTable(inline: node, allowed: allowed) }
    let path = try node.string()
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
    let shown =
      path.hasPrefix("/")
      ? path : ((modelFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
    return try SampleTable(
      path: url.path, shown: shown, allowed: allowed, reference: node.location, ignoringOthers: ignoringOthers)
  }

  init(names: [String], rows: [[Double]], places: Places) {
    self.names = names
    self.rows = rows
    self.places = places
  }

  /// Reads `path` (shown as `shown`); `allowed` lists the column names the family accepts;
  /// `reference` is where the model file names the table (errors about the file as a whole).
  /// With `ignoringOthers`, columns outside `allowed` are skipped instead of refused.
  init(path: String, shown: String, allowed: [String], reference: SourceLocation, ignoringOthers: Bool = false) throws {
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
      size.intValue > Self.maximumBytes
    {
      throw ModelFileError(
        "table \(shown) of \(size.intValue) bytes (allowed: at most \(Self.maximumBytes) bytes)", at: reference)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ModelFileError(
        "cannot read the table \(shown) (allowed: a readable CSV file, path relative to the model file)", at: reference)
    }
    let records: [CSVRecord]
    do {
      records = try CSVInput.records(in: data, skippingCommentsStartingWith: "#")
    } catch let e as CSVReadError {
      throw ModelFileError("invalid CSV: \(e.message)", at: SourceLocation(file: shown, line: e.line, column: 1))
    }
    guard let header = records.first else {
      throw ModelFileError(
        "empty file (allowed: a header naming columns \(allowed.joined(separator: ", ")), then rows of numbers)",
        at: SourceLocation(file: shown, line: 1, column: 1))
    }
    let all = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    var names: [String] = [], fieldIndices: [Int] = []
    for (k, name) in all.enumerated() {
      let at = SourceLocation(file: shown, line: header.line, column: Self.column(of: k, in: header.fields))
      if ignoringOthers, !allowed.contains(name) { continue }
      guard allowed.contains(name) else {
        let suggestion = NearestName.nearest(to: name, among: allowed).map { "did you mean \($0)? " } ?? ""
        throw ModelFileError(
          "unknown column \"\(name)\" (allowed: \(suggestion)\(allowed.joined(separator: ", ")))", at: at)
      }
      guard !names.contains(name) else {
        throw ModelFileError("column \(name) appears twice (allowed: each column once)", at: at)
      }
      names.append(name)
      fieldIndices.append(k)
    }
    guard records.count - 1 <= Self.maximumRows else {
      throw ModelFileError(
        "\(records.count - 1) rows (allowed: at most \(Self.maximumRows))",
        at: SourceLocation(file: shown, line: header.line, column: 1))
    }
    var rows: [[Double]] = [], lines: [Int] = [], fieldColumns: [[Int]] = []
    // Field counts first, like ``/Studies/CSVInput/read(_:skippingCommentsStartingWith:)``.
    for record in records.dropFirst() where record.fields.count != all.count {
      throw ModelFileError(
        "\(record.fields.count) fields, the header has \(all.count) (allowed: one number per column)",
        at: SourceLocation(file: shown, line: record.line, column: 1))
    }
    for record in records.dropFirst() {
      var row: [Double] = []
      for (j, k) in fieldIndices.enumerated() {
        let text = record.fields[k].trimmingCharacters(in: .whitespaces)
        guard let x = Double(text), x.isFinite else {
          throw ModelFileError(
            "invalid value for column \(names[j]): \"\(text)\" (allowed: a finite number)",
            at: SourceLocation(file: shown, line: record.line, column: Self.column(of: k, in: record.fields)))
        }
        row.append(x)
      }
      rows.append(row)
      lines.append(record.line)
      fieldColumns.append(fieldIndices.map { Self.column(of: $0, in: record.fields) })
    }
    self.init(
      names: names, rows: rows,
      places: .csv(file: shown, headerLine: header.line, lines: lines, fieldColumns: fieldColumns))
  }

  /// The 1-based character column where field `k` starts (exact for unquoted fields).
  static func column(of k: Int, in fields: [String]) -> Int {
    1 + fields.prefix(k).reduce(0) { $0 + $1.count + 1 }
  }

  /// Whether the table has column `name`.
  func has(_ name: String) -> Bool { names.contains(name) }

  /// The values of column `name` (which must be present).
  func column(_ name: String) -> [Double] {
    let k = names.firstIndex(of: name)!
    return rows.map { $0[k] }
  }

  /// The location of row `row` (0-based), at column `name` when given.
  func location(row: Int?, column name: String? = nil) -> SourceLocation {
    let k = name.flatMap { names.firstIndex(of: $0) } ?? 0
    switch places {
    case .csv(let file, let headerLine, let lines, let fieldColumns):
      guard let row else { return SourceLocation(file: file, line: headerLine, column: 1) }
      return SourceLocation(file: file, line: lines[row], column: fieldColumns[row][k])
    case .inline(let table, let values):
      guard let row else { return table }
      return values[row][k]
    }
  }

  /// Samples of `columns` against `position` (scaled by `scale`), checked by ``/LinearAlgebra/SampledProfile``;
  /// its errors are reported at the row's line.
  func samples(position: String, scale: Double = 1, columns: [[Double]]) throws -> SampledProfile {
    guard rows.count >= 2 else {
      throw ModelFileError(
        "\(rows.count) data row(s) (allowed: at least two samples to interpolate)", at: location(row: nil))
    }
    let x = column(position).map { $0 * scale }
    let values = (0..<rows.count).map { r in columns.map { $0[r] } }
    do {
      return try SampledProfile(positions: x, values: values)
    } catch let e as SampledProfileError {
      throw error(e, column: position)
    }
  }

  /// A sampled-profile error as a located model-file error.
  func error(_ e: SampledProfileError, column: String? = nil) -> ModelFileError {
    ModelFileError("invalid table: \(e.message)", at: location(row: e.row, column: column))
  }
}
