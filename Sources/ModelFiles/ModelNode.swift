import Diagnostics
import Numerics

/// One value of a model file with its place: what the typed accessors read.
///
/// Every accessor throws ``ModelFileError`` at the value's `file:line:column`, naming the key
/// (``path``), the value as written and what is allowed. Numbers must be finite (TOML's `inf`
/// and `nan` are refused).
public struct ModelNode: Sendable {
  /// A TOML value, decoded.
  public enum Value: Sendable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([ModelNode])
    case table(ModelTable)
    /// Dates and times (never meaningful in a model file): their rendering.
    case other(String)
  }

  public let value: Value
  /// Dotted key path (`sites[2].onsite.sx`, `params.t.value`).
  public let path: String
  /// Where the value starts.
  public let location: SourceLocation
  /// Where its key starts (nil for array elements and the top level).
  let keyPosition: SourceLocation?

  public init(value: Value, path: String, location: SourceLocation, keyPosition: SourceLocation? = nil) {
    self.value = value
    self.path = path
    self.location = location
    self.keyPosition = keyPosition
  }

  /// The value as written (roughly), cut to 80 characters, for messages.
  public var rendered: String {
    let full: String
    switch value {
    case .string(let s): full = "\"\(s)\""
    case .integer(let n): full = String(n)
    case .double(let x): full = "\(x)"
    case .bool(let b): full = "\(b)"
    case .array(let a): full = "[" + a.map(\.rendered).joined(separator: ", ") + "]"
    case .table(let t): full = "{" + t.keys.joined(separator: ", ") + "}"
    case .other(let s): full = s
    }
    return full.count > 80 ? String(full.prefix(80)) + "…" : full
  }

  /// The error "invalid value for PATH: VALUE (allowed: …)" at this value.
  public func invalid(_ allowed: String) -> ModelFileError {
    ModelFileError("invalid value for \(path): \(rendered) (allowed: \(allowed))", at: location)
  }

  /// A finite real number (TOML integer or float).
  public func number() throws -> Double {
    switch value {
    case .integer(let n): return Double(n)
    case .double(let x) where x.isFinite: return x
    case .double: throw invalid("a finite number")
    default: throw invalid("a number")
    }
  }

  /// A finite real number in `range`.
  public func number(in range: ClosedRange<Double>) throws -> Double {
    let x = try number()
    guard range.contains(x) else { throw invalid("a number in [\(range.lowerBound), \(range.upperBound)]") }
    return x
  }

  /// An integer in `range` (a float only when integral).
  public func integer(in range: ClosedRange<Int>) throws -> Int {
    let allowed = "an integer from \(range.lowerBound) to \(range.upperBound)"
    switch value {
    case .integer(let n) where range.contains(n): return n
    case .double(let x) where Int(exactly: x).map(range.contains) ?? false: return Int(exactly: x)!
    default: throw invalid(allowed)
    }
  }

  /// A string.
  public func string() throws -> String {
    guard case .string(let s) = value else { throw invalid("a string in quotes") }
    return s
  }

  /// One of `choices`.
  public func choice(_ choices: [String]) throws -> String {
    guard case .string(let s) = value, choices.contains(s) else {
      throw invalid("one of " + choices.map { "\"\($0)\"" }.joined(separator: ", "))
    }
    return s
  }

  /// `true` or `false`.
  public func bool() throws -> Bool {
    guard case .bool(let b) = value else { throw invalid("true or false") }
    return b
  }

  /// An array of at most `maximumCount` elements (``ModelDocument/maximumCount`` by default).
  public func array(maximumCount: Int = ModelDocument.maximumCount) throws -> [ModelNode] {
    guard case .array(let a) = value else { throw invalid("an array [ … ]") }
    guard a.count <= maximumCount else { throw invalid("at most \(maximumCount) elements (found \(a.count))") }
    return a
  }

  /// A table whose keys are all in `allowedKeys` (an unknown key is an error at that key, with
  /// a nearest-name suggestion).
  public func table(allowedKeys: [String]) throws -> ModelTable {
    guard case .table(let t) = value else { throw invalid("a table { key = value, … }") }
    try t.checkKeys(allowedKeys)
    return t
  }

  /// A table with any keys.
  public func table() throws -> ModelTable {
    guard case .table(let t) = value else { throw invalid("a table { key = value, … }") }
    return t
  }

  /// A number or an expression string compiled against `variables` (in slot order): see
  /// ``ModelExpression``. Numbers must be finite.
  public func modelValue(variables: [String]) throws -> ModelValue {
    switch value {
    case .integer, .double: return .constant(Complex(try number(), 0))
    case .string(let s): return .expression(try ModelExpression(s, at: location.advanced(by: 1), variables: variables))
    default: throw invalid("a number or an expression in quotes")
    }
  }

  /// A `rows`×`columns` matrix written `[[a, b], [c, d]]` (row by row), each entry a number or
  /// an expression (``modelValue(variables:)``).
  public func matrix(rows: Int, columns: Int, variables: [String]) throws -> [[ModelValue]] {
    let shape = "a \(rows)×\(columns) matrix written as \(rows) rows of \(columns) entries, [[a, b], [c, d]]"
    guard case .array(let a) = value, a.count == rows else { throw invalid(shape) }
    return try a.map { row in
      guard case .array(let r) = row.value, r.count == columns else { throw row.invalid(shape) }
      return try r.map { try $0.modelValue(variables: variables) }
    }
  }
}

/// A TOML table of a model file: keys in file order, each value located.
public struct ModelTable: Sendable {
  /// Keys in the order they appear in the file.
  public let keys: [String]
  public let entries: [String: ModelNode]
  /// Dotted path of the table ("" for the top level).
  public let path: String
  /// Where the table starts (its header, or the `{` of an inline table).
  public let location: SourceLocation

  public init(keys: [String], entries: [String: ModelNode], path: String, location: SourceLocation) {
    self.keys = keys
    self.entries = entries
    self.path = path
    self.location = location
  }

  public subscript(key: String) -> ModelNode? { entries[key] }

  /// The value of `key`, or an error at the table naming the missing key.
  public func required(_ key: String, allowed: String) throws -> ModelNode {
    guard let node = entries[key] else {
      let name = path.isEmpty ? key : path + "." + key
      throw ModelFileError("missing \(name) (allowed: \(allowed))", at: location)
    }
    return node
  }

  /// Refuses any key outside `allowed`, at that key's position, suggesting the nearest allowed name.
  public func checkKeys(_ allowed: [String]) throws {
    for key in keys where !allowed.contains(key) {
      let node = entries[key]!
      let suggestion = NearestName.nearest(to: key, among: allowed).map { "did you mean \($0)? " } ?? ""
      throw ModelFileError(
        "unknown key \(node.path) (allowed: \(suggestion)\(allowed.joined(separator: ", ")))", at: node.keyLocation)
    }
  }
}

extension ModelNode {
  /// Where the key of this value is (the value's own position when unknown).
  public var keyLocation: SourceLocation { keyPosition ?? location }
}
