import Diagnostics

/// A precise error in a study file: the key, the value found, what is allowed, and the line.
///
/// Rendered as one line, `FILE:LINE: invalid value for KEY: VALUE (allowed: …)`; the CLI maps
/// it to exit status 2 before anything is computed.
public struct StudyFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// Dotted key, e.g. "sweep[1].range", "parameters.temperature_K", "study.model".
  public let key: String
  /// The offending value as written (or "(missing)").
  public let value: String
  public let allowed: String
  /// 1-based line in the file, when known.
  public let line: Int?
  /// File name for messages (empty when parsing a string).
  public var file: String

  public init(key: String, value: String, allowed: String, line: Int? = nil, file: String = "") {
    self.key = key
    self.value = value
    self.allowed = allowed
    self.line = line
    self.file = file
  }

  public var description: String {
    var place = file.isEmpty ? "study file" : file
    if let line { place += ":\(line)" }
    return "\(place): invalid value for \(key): \(InvalidParameter.visible(value)) (allowed: \(allowed))"
  }
}
