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

  /// The swept values start + i·step, step = (stop − start)/(count − 1), both ends included.
  ///
  /// Computed in decimal (Foundation's `Decimal`, 38 digits) from START and STOP as written
  /// (their shortest round-trip text), then rounded once to the nearest Double: a grid typed in
  /// decimals holds its decimals (0.01:0.09:5 gives 0.05, not 0.049999999999999996 as binary
  /// start + i·step does), and any other grid point is the Double nearest to the exact value
  /// (1:20:4 gives 7.333333333333333). Ends beyond Decimal's range (|x| ≳ 10¹²⁷ or ≲ 10⁻¹²⁸)
  /// use binary start + i·step.
  public var values: [Double] {
    guard count > 1 else { return [start] }
    if let a = Decimal(string: "\(start)"), let b = Decimal(string: "\(stop)"), a.isFinite, b.isFinite,
      Double("\(a)") == start, Double("\(b)") == stop
    {
      let step = (b - a) / Decimal(count - 1)
      let values = (0..<count).map { i in i == count - 1 ? stop : Double("\(a + Decimal(i) * step)") }
      if values.allSatisfy({ $0?.isFinite ?? false }) { return values.map { $0! } }
    }
    let step = (stop - start) / Double(count - 1)
    return (0..<count).map { $0 == count - 1 ? stop : start + Double($0) * step }
  }

  /// The grid of a study's `range = [START, STOP, COUNT]`: ``values`` (evenly spaced), or with
  /// `log` the geometric grid exp(log a + i·(log b − log a)/(n − 1)) read as decimals
  /// (``gridValue(_:digits:tolerance:)``); the last value exactly STOP (interpolation round-off
  /// could step outside the allowed range). `log` needs START, STOP > 0.
  public static func grid(start: Double, stop: Double, count: Int, log: Bool) -> [Double] {
    guard count > 1 else { return [start] }
    var values: [Double]
    if log {
      let l0 = Foundation.log(start), l1 = Foundation.log(stop)
      values = (0..<count).map { gridValue(Foundation.exp(l0 + (l1 - l0) * Double($0) / Double(count - 1))) }
    } else {
      values = SweepRange(name: "", start: start, stop: stop, count: count).values
    }
    values[count - 1] = stop
    return values
  }

  /// The shortest decimal (at most `digits` significant digits) within `tolerance`·|x| of `x`,
  /// else `x` itself: the value a geometric grid written in decimals means.
  ///
  /// A geometric grid exp(log a + i·(log b − log a)/(n − 1)) carries up to ~10⁻¹⁴ relative
  /// round-off from exp and log (|log x| ≈ 25 for x ≈ 10⁻¹¹; 10⁻¹² … 10⁻¹⁰ gives
  /// 9.99999999999998e-12): with `tolerance` 10⁻¹³ and 12 digits it gives back 1e-11. A value
  /// whose short decimals are all farther is kept as computed.
  public static func gridValue(_ x: Double, digits: Int = 12, tolerance: Double = 1e-13) -> Double {
    guard x.isFinite, x != 0 else { return x }
    for d in 1...digits {
      if let candidate = Double(String(format: "%.\(d)g", x)), abs(candidate - x) <= tolerance * abs(x) {
        return candidate
      }
    }
    return x
  }
}
