/// A place in a model file: file name as shown, 1-based line and column.
///
/// Columns count characters (grapheme clusters) from 1 at the start of the line; inside a TOML
/// string the column of a character is the string's opening quote + 1 + its offset, so an
/// expression error points at the offending token as an editor shows it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file as named in messages (the path the user gave).
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }

  /// The same line, `offset` characters to the right.
  func advanced(by offset: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column + offset)
  }
}
