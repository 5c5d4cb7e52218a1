import Diagnostics

/// Tabulated samples yₖ = (y⁽¹⁾ₖ, …, y⁽ᶜ⁾ₖ) of a function of one position at strictly increasing
/// xₖ, read back by piecewise-linear interpolation.
///
///     y(x) = yₖ + (x − xₖ)/(xₖ₊₁ − xₖ) · (yₖ₊₁ − yₖ),   xₖ ≤ x ≤ xₖ₊₁
///
/// Exact at the samples and for linear functions; for a smooth function the error is at most
/// h²/8 · max|y″| on an interval of length h (second order, like the finite-volume schemes that
/// consume the profiles). Beyond the ends the end value is kept (constant extension); callers that
/// need the samples to span a grid check it with ``requireCovers(_:_:)``. Units are the caller's.
///
/// Failure modes: every check throws ``SampledProfileError`` naming the sample (0-based row)
/// where it failed, so that a file reader can report the line it came from.
public struct SampledProfile: Sendable, Equatable {
  /// Sample positions, strictly increasing.
  public let positions: [Double]
  /// Values per sample, `components` each.
  public let values: [[Double]]
  /// Number of components per sample (≥ 1).
  public let components: Int

  /// Checks and stores the samples: at least two, finite positions and values, strictly
  /// increasing positions, `components` values in every sample.
  public init(positions: [Double], values: [[Double]]) throws {
    guard positions.count == values.count else {
      throw SampledProfileError(row: nil, "\(positions.count) positions but \(values.count) value rows")
    }
    guard positions.count >= 2 else {
      throw SampledProfileError(row: nil, "\(positions.count) sample(s); at least two are needed to interpolate")
    }
    let c = values[0].count
    guard c >= 1 else { throw SampledProfileError(row: 0, "no values") }
    for k in 0..<positions.count {
      guard positions[k].isFinite else { throw SampledProfileError(row: k, "position \(positions[k]) is not finite") }
      guard values[k].count == c else {
        throw SampledProfileError(row: k, "\(values[k].count) values, the first sample has \(c)")
      }
      if let bad = values[k].first(where: { !$0.isFinite }) {
        throw SampledProfileError(row: k, "value \(bad) is not finite")
      }
      if k > 0, !(positions[k] > positions[k - 1]) {
        throw SampledProfileError(
          row: k, "position \(positions[k]) does not increase (the previous sample is at \(positions[k - 1]))")
      }
    }
    self.positions = positions
    self.values = values
    components = c
  }

  /// The first and last sample positions.
  public var span: ClosedRange<Double> { positions[0]...positions[positions.count - 1] }

  /// Throws unless the samples span `range` (the grid's extent); `what` names the range in the message.
  public func requireCovers(_ range: ClosedRange<Double>, _ what: String) throws {
    guard span.lowerBound <= range.lowerBound, span.upperBound >= range.upperBound else {
      throw SampledProfileError(
        row: nil,
        "the samples span [\(Require.shown(span.lowerBound)), \(Require.shown(span.upperBound))], "
          + "which does not cover \(what) [\(Require.shown(range.lowerBound)), \(Require.shown(range.upperBound))]")
    }
  }

  /// The interval k with xₖ ≤ x ≤ xₖ₊₁ (binary search) and the fraction s ∈ [0, 1] along it;
  /// clamped to the end samples beyond them.
  @inlinable public func bracket(_ x: Double) -> (index: Int, fraction: Double) {
    let n = positions.count
    if !(x > positions[0]) { return (0, 0) }
    if !(x < positions[n - 1]) { return (n - 2, 1) }
    var lo = 0, hi = n - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if positions[mid] <= x { lo = mid } else { hi = mid }
    }
    return (lo, (x - positions[lo]) / (positions[hi] - positions[lo]))
  }

  /// Component `c` interpolated at x.
  @inlinable public func value(_ c: Int, at x: Double) -> Double {
    let (k, s) = bracket(x)
    let a = values[k][c], b = values[k + 1][c]
    return s == 0 ? a : (s == 1 ? b : a + s * (b - a))
  }

  /// All components interpolated at x.
  public func values(at x: Double) -> [Double] {
    let (k, s) = bracket(x)
    return (0..<components).map { c in
      let a = values[k][c], b = values[k + 1][c]
      return s == 0 ? a : (s == 1 ? b : a + s * (b - a))
    }
  }
}

/// A sampled profile that cannot be used: the 0-based sample where the check failed (nil: the
/// table as a whole) and what was wrong.
public struct SampledProfileError: Error, CustomStringConvertible, Sendable, Equatable {
  public let row: Int?
  public let message: String

  public init(row: Int?, _ message: String) {
    self.row = row
    self.message = message
  }

  public var description: String { row.map { "sample \($0 + 1): \(message)" } ?? message }
}
