import Diagnostics
import Foundation

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

  /// The swept values start + i·step, step = (stop − start)/(count − 1), both ends included
  /// (the last is `stop` as written); each rounded by ``gridValue(_:)``.
  public var values: [Double] {
    guard count > 1 else { return [start] }
    let step = (stop - start) / Double(count - 1)
    return (0..<count).map { $0 == count - 1 ? stop : Self.gridValue(start + Double($0) * step) }
  }

  /// The shortest decimal (at most `digits` significant digits) within `tolerance`·|x| of `x`,
  /// else `x` itself: the value a grid written in decimals means.
  ///
  /// start + i·step carries the binary round-off of step (0.01 + 4 × 0.01 is
  /// 0.049999999999999996, one unit in the last place from 0.05); a change of at most
  /// 2·10⁻¹⁵·|x| (about 9 units in the last place) gives back 0.05, which prints as typed.
  /// A geometric grid exp(log a + i·(log b − log a)/(n − 1)) carries up to ~10⁻¹⁴ relative
  /// round-off from exp and log (|log x| ≈ 25 for x ≈ 10⁻¹¹): callers pass 10⁻¹³ there. A value
  /// whose short decimals are all farther (10.064444444444445 at 2·10⁻¹⁵) is kept as computed.
  public static func gridValue(_ x: Double, digits: Int = 15, tolerance: Double = 2e-15) -> Double {
    guard x.isFinite, x != 0 else { return x }
    for d in 1...digits {
      if let candidate = Double(String(format: "%.\(d)g", x)), abs(candidate - x) <= tolerance * abs(x) {
        return candidate
      }
    }
    return x
  }
}
