/// An error in a model file, located: one line `FILE:LINE:COLUMN: message`.
///
/// Thrown by every reader in this module before any physics is built; the CLI prints it after
/// `spintransport: error: ` and exits with status 2 (bad input), like an invalid parameter.
/// The message names the key (dotted path such as `sites[2].onsite.sx`), the value found and
/// what is allowed.
public struct ModelFileError: Error, CustomStringConvertible, Sendable, Equatable {
  public let location: SourceLocation
  public let message: String

  public init(_ message: String, at location: SourceLocation) {
    self.message = message
    self.location = location
  }

  /// `FILE:LINE:COLUMN: message`, one line (newlines in the message become spaces).
  public var description: String {
    "\(location): " + message.replacingOccurrences(of: "\n", with: " ")
  }
}
