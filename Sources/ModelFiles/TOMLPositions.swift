/// Where each key and value of a TOML text starts, by dotted path (`sites[2].onsite.sx`).
///
/// TOMLKit reports positions only for syntax errors, so this small structural scan of the text
/// (tables, arrays of tables, dotted keys, inline tables, arrays, strings and comments; values
/// are skipped, not decoded) finds them. It runs after TOMLKit accepted the text, so it only
/// has to follow valid TOML; on anything unexpected it stops, and callers fall back to the
/// nearest enclosing path that has a position.
struct TOMLPositions {
  /// Path → position of the value's first character.
  var values: [String: (line: Int, column: Int)] = [:]
  /// Path → position of the key (for tables: of the header's name).
  var keys: [String: (line: Int, column: Int)] = [:]
  /// Table path → its keys in the order they first appear.
  var order: [String: [String]] = [:]

  private let chars: [Character]
  private var i = 0
  private var line = 1
  private var column = 1
  /// Arrays of tables seen so far: path → index of the last element.
  private var arrayTables: [String: Int] = [:]

  init(text: String) {
    chars = Array(text)
    scanDocument()
  }

  static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "." + key }

  private var current: Character? { i < chars.count ? chars[i] : nil }
  private func peek(_ k: Int) -> Character? { i + k < chars.count ? chars[i + k] : nil }
  private mutating func advance() {
    guard let c = current else { return }
    i += 1
    if c == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
  }
  private mutating func skipSpaces() { while current == " " || current == "\t" { advance() } }
  private mutating func skipComment() { if current == "#" { while let c = current, c != "\n" { advance() } } }
  /// Spaces, newlines and comments.
  private mutating func skipBlank() {
    while let c = current {
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        advance()
      } else if c == "#" {
        skipComment()
      } else {
        return
      }
    }
  }

  private mutating func note(key: String, in table: String) {
    if !(order[table]?.contains(key) ?? false) { order[table, default: []].append(key) }
  }

  private mutating func scanDocument() {
    var table = ""
    var steps = 0
    while current != nil, steps < 10_000_000 {
      steps += 1
      skipBlank()
      guard let c = current else { return }
      if c == "[" {
        let isArray = peek(1) == "["
        advance()
        if isArray { advance() }
        skipSpaces()
        let at = (line, column)
        guard let parts = scanKeyPath() else { return }
        // Resolve through arrays of tables: `[a.b]` after `[[a]]` means the last element of a.
        var path = ""
        for (k, part) in parts.enumerated() {
          note(key: part, in: path)
          path = Self.join(path, part)
          if k < parts.count - 1, let last = arrayTables[path] { path += "[\(last)]" }
        }
        if isArray {
          let index = (arrayTables[path] ?? -1) + 1
          arrayTables[path] = index
          keys[path] = at
          values[path] = at
          path += "[\(index)]"
        }
        keys[path] = at
        values[path] = at
        table = path
        while let c = current, c != "\n" { advance() }
      } else {
        guard scanKeyValue(in: table) else { return }
        skipSpaces()
        skipComment()
      }
    }
  }

  /// `key(.key)* = value`, recording positions under `table`.
  private mutating func scanKeyValue(in table: String) -> Bool {
    let at = (line, column)
    guard let parts = scanKeyPath() else { return false }
    var path = table
    for part in parts {
      note(key: part, in: path)
      path = Self.join(path, part)
      if keys[path] == nil { keys[path] = at }
    }
    skipSpaces()
    guard current == "=" else { return false }
    advance()
    skipSpaces()
    return scanValue(path)
  }

  /// Dotted key parts (bare or quoted), stopping before `=` or `]`.
  private mutating func scanKeyPath() -> [String]? {
    var parts: [String] = []
    while true {
      skipSpaces()
      guard let c = current else { return nil }
      var part = ""
      if c == "\"" || c == "'" {
        advance()
        while let d = current, d != c, d != "\n" {
          if c == "\"", d == "\\" { advance() }
          if let e = current { part.append(e) }
          advance()
        }
        advance()
      } else {
        while let d = current, d.isLetter || d.isNumber || d == "_" || d == "-" {
          part.append(d)
          advance()
        }
      }
      if part.isEmpty, c != "\"", c != "'" { return nil }
      parts.append(part)
      skipSpaces()
      if current == "." {
        advance()
        continue
      }
      if current == "]" { advance() }
      if current == "]" { advance() }
      return parts
    }
  }

  private mutating func scanValue(_ path: String) -> Bool {
    values[path] = (line, column)
    guard let c = current else { return false }
    switch c {
    case "\"", "'":
      let triple = peek(1) == c && peek(2) == c
      if triple {
        advance()
        advance()
        advance()
        while current != nil {
          if current == "\\", c == "\"" {
            advance()
            advance()
            continue
          }
          if current == c, peek(1) == c, peek(2) == c {
            advance()
            advance()
            advance()
            while current == c { advance() }
            return true
          }
          advance()
        }
        return false
      }
      advance()
      while let d = current, d != c, d != "\n" {
        if c == "\"", d == "\\" { advance() }
        advance()
      }
      advance()
      return true
    case "[":
      advance()
      var index = 0
      while true {
        skipBlank()
        guard let d = current else { return false }
        if d == "]" {
          advance()
          return true
        }
        guard scanValue(path + "[\(index)]") else { return false }
        index += 1
        skipBlank()
        if current == "," { advance() }
      }
    case "{":
      advance()
      while true {
        skipSpaces()
        guard let d = current else { return false }
        if d == "}" {
          advance()
          return true
        }
        guard scanKeyValue(in: path) else { return false }
        skipSpaces()
        if current == "," { advance() }
      }
    default:
      while let d = current, d != ",", d != "]", d != "}", d != "\n", d != "#" { advance() }
      return true
    }
  }
}
