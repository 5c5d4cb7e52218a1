import Diagnostics

/// A swept parameter `NAME=START:STOP:COUNT` (COUNT evenly spaced values, both ends included).
///
/// COUNT = 1 gives START alone. Parsing errors are ``/Diagnostics/InvalidParameter`` naming `option`
/// (e.g. "vary") so the CLI exits with status 2.
public struct SweepRange: Sendable, Equatable {
  public let name: String
  public let start: Double
  public let stop: Double
  public let count: Int

  public init(name: String, start: Double, stop: Double, count: Int) {
    self.name = name
    self.start = start
    self.stop = stop
    self.count = count
  }

  /// Parses `NAME=START:STOP:COUNT`; `allowedNames` (if non-empty) restricts NAME.
  public init(parsing text: String, allowedNames: [String] = [], option: String = "vary") throws {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
      throw InvalidParameter(option, text, allowed: "NAME=START:STOP:COUNT")
    }
    guard allowedNames.isEmpty || allowedNames.contains(parts[0]) else {
      throw InvalidParameter(option, text, allowed: "NAME one of \(allowedNames.joined(separator: ", "))")
    }
    let range = try Self.parseRange(parts[1], option: option)
    self.init(name: parts[0], start: range.start, stop: range.stop, count: range.count)
  }

  /// Parses `START:STOP:COUNT` (no name), e.g. for `--k2-ratio 0:10:101`.
  public static func parseRange(_ text: String, option: String) throws -> (start: Double, stop: Double, count: Int) {
    let f = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard f.count == 3, let a = Double(f[0]), let b = Double(f[1]), let n = Int(f[2]) else {
      throw InvalidParameter(option, text, allowed: "START:STOP:COUNT with numbers START, STOP and an integer COUNT")
    }
    guard a.isFinite, b.isFinite else { throw InvalidParameter(option, text, allowed: "finite START and STOP") }
    guard n >= 1 else { throw InvalidParameter(option, text, allowed: "COUNT ≥ 1") }
    return (a, b, n)
  }

  /// The swept values, evenly spaced, both ends included.
  public var values: [Double] {
    count == 1 ? [start] : (0..<count).map { start + (stop - start) * Double($0) / Double(count - 1) }
  }
}
