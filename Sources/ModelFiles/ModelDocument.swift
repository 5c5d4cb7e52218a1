import Diagnostics
import Foundation
import TOMLKit

/// A model file (TOML) read and located: the decoded tree with the `line:column` of every key
/// and value, its `family` and its own parameters (`[params]`).
///
/// Format (docs/model-files.md): a top-level `family = "tight-binding" | "spin" | "texture" |
/// "profile"`, an optional `[params]` table (``ModelParameter``), and the family's own tables,
/// which the family's builder reads through the typed accessors of ``ModelNode`` and
/// ``ModelTable`` (each error is a ``ModelFileError`` at `file:line:column`).
///
/// Bounds, checked before anything is built: the file is at most ``maximumFileBytes``; arrays
/// (sites, bonds, table rows) hold at most ``maximumCount`` elements by default; expressions are
/// at most ``ModelExpression/maximumLength`` characters.
public struct ModelDocument: Sendable {
  /// Largest model file (bytes): 1 MiB.
  public static let maximumFileBytes = 1 << 20
  /// Most elements of one array (sites, bonds, rows of a table), unless a family says fewer.
  public static let maximumCount = 100_000
  /// The families a model file may declare.
  static let families = ["tight-binding", "spin", "texture", "profile"]

  /// The file as named in messages.
  public let file: String
  /// The top-level table.
  public let root: ModelTable
  /// The `family` value.
  public let family: String
  /// Where `family = …` is (for family-mismatch errors).
  public let familyLocation: SourceLocation

  /// Reads the model file at `url` (at most ``maximumFileBytes``, UTF-8). `shownAs` names the
  /// file in messages (default: the path as given).
  public static func load(_ url: URL, shownAs shown: String? = nil) throws -> ModelDocument {
    ValidationCount.record("ModelDocument.load")
    let name = shown ?? url.path
    let start = SourceLocation(file: name, line: 1, column: 1)
    if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
      size.intValue > maximumFileBytes
    {
      throw ModelFileError(
        "model file of \(size.intValue) bytes (allowed: at most \(maximumFileBytes) bytes)", at: start)
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ModelFileError("cannot read the model file (allowed: a readable TOML file)", at: start)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ModelFileError("not UTF-8 text (allowed: a UTF-8 TOML file)", at: start)
    }
    return try ModelDocument(text: text, file: name)
  }

  /// Parses model-file text. `file` names it in messages.
  public init(text: String, file: String) throws {
    self.file = file
    guard text.utf8.count <= Self.maximumFileBytes else {
      throw ModelFileError(
        "model file of \(text.utf8.count) bytes (allowed: at most \(Self.maximumFileBytes) bytes)",
        at: SourceLocation(file: file, line: 1, column: 1))
    }
    if let nul = text.firstIndex(of: "\0") {
      let before = text[..<nul]
      let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
      let column =
        before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0)
        + 1
      throw ModelFileError(
        "NUL character (allowed: text without NUL)", at: SourceLocation(file: file, line: line, column: column))
    }
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw ModelFileError(
        "TOML syntax: \(e.description) (allowed: valid TOML, toml.io)",
        at: SourceLocation(file: file, line: e.source.begin.line, column: e.source.begin.column))
    }
    let positions = TOMLPositions(text: text)
    let root = Self.table(table, path: "", positions: positions, file: file, fallback: (1, 1))
    self.root = root
    let familyNode = try root.required(
      "family", allowed: "family = " + Self.families.map { "\"\($0)\"" }.joined(separator: " | "))
    family = try familyNode.choice(Self.families)
    familyLocation = familyNode.location
  }

  /// Refuses a file of another family, naming what was expected.
  public func expectFamily(_ expected: String) throws {
    guard family == expected else {
      throw ModelFileError(
        "invalid value for family: \"\(family)\" (allowed: \"\(expected)\" for this computation)", at: familyLocation)
    }
  }

  // MARK: Decoding TOMLKit's tree with positions

  private static func location(_ p: (line: Int, column: Int)?, _ fallback: (Int, Int), file: String) -> SourceLocation {
    let q = p ?? fallback
    return SourceLocation(file: file, line: q.0, column: q.1)
  }

  private static func table(
    _ t: TOMLTable, path: String, positions: TOMLPositions, file: String, fallback: (Int, Int)
  ) -> ModelTable {
    let here = positions.values[path].map { ($0.line, $0.column) } ?? fallback
    let known = positions.order[path] ?? []
    let all = Array(t.keys)
    let keys = known.filter { all.contains($0) } + all.filter { !known.contains($0) }.sorted()
    var entries: [String: ModelNode] = [:]
    for key in keys {
      let p = TOMLPositions.join(path, key)
      entries[key] = node(t[key]!, path: p, positions: positions, file: file, fallback: here)
    }
    return ModelTable(keys: keys, entries: entries, path: path, location: location(here, here, file: file))
  }

  private static func node(
    _ v: TOMLValueConvertible, path: String, positions: TOMLPositions, file: String, fallback: (Int, Int)
  ) -> ModelNode {
    let here = positions.values[path].map { ($0.line, $0.column) } ?? fallback
    let keyAt = positions.keys[path].map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    let value: ModelNode.Value
    if let s = v.string {
      value = .string(s)
    } else if let b = v.bool {
      value = .bool(b)
    } else if let n = v.int {
      value = .integer(Int(n))
    } else if let x = v.double {
      value = .double(x)
    } else if let a = v.array {
      value = .array(
        a.enumerated().map { k, e in node(e, path: path + "[\(k)]", positions: positions, file: file, fallback: here) })
    } else if let t = v.table {
      value = .table(table(t, path: path, positions: positions, file: file, fallback: here))
    } else {
      value = .other(v.debugDescription)
    }
    return ModelNode(value: value, path: path, location: location(here, here, file: file), keyPosition: keyAt)
  }
}
