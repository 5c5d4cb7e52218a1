import Diagnostics
import Foundation

/// A 1D grid of nodes (m), open [x₀, x_{n−1}] or periodic with period P (nodes in [x₀, x₀ + P)).
///
/// Nonuniform grids come from a smooth density ρ(x) = 1 + R Σ_c sech²((x − c)/s): nodes sit at
/// equal steps of ∫ρ, so the spacing near each centre c is ≈ (1 + R) times finer than far
/// away, and the map ξ ↦ x is smooth (C^∞) — the finite-volume scheme keeps second order.
public struct SpinGrid: Sendable, Equatable {
  /// Node positions, strictly increasing, m.
  public let nodes: [Double]
  /// The period P (m) for a periodic grid, nil for an open one.
  public let period: Double?

  public var isPeriodic: Bool { period != nil }
  public var count: Int { nodes.count }

  /// A grid from explicit nodes (strictly increasing; for a periodic grid the last node lies
  /// below x₀ + P). Throws ``/Diagnostics/InvalidParameter`` ("points", "period") otherwise.
  public init(nodes: [Double], period: Double? = nil) throws {
    try Require.atLeast(nodes.count, 3, "points")
    guard nodes.allSatisfy(\.isFinite) else {
      throw InvalidParameter("points", "non-finite node", allowed: "finite positions")
    }
    for i in 1..<nodes.count where !(nodes[i] > nodes[i - 1]) {
      throw InvalidParameter("points", "nodes \(nodes[i - 1]), \(nodes[i])", allowed: "strictly increasing positions")
    }
    if let p = period {
      try Require.positive(p, "period")
      guard nodes.last! < nodes[0] + p else {
        throw InvalidParameter("period", p, allowed: "a period longer than the node span \(nodes.last! - nodes[0]) m")
      }
    }
    self.nodes = nodes
    self.period = period
  }

  /// `points` evenly spaced nodes from `start` to `end` (both included).
  public static func uniform(from start: Double, to end: Double, points: Int) throws -> SpinGrid {
    try refined(from: start, to: end, points: points, centers: [], width: 1, ratio: 0)
  }

  /// `points` nodes from `start` to `end` (both included), refined (1 + ratio)-fold within
  /// ~`width` (m) of each of `centers`. `progress` receives node counts as they are placed
  /// (in chunks of `progressChunk`).
  public static func refined(
    from start: Double, to end: Double, points: Int, centers: [Double], width: Double, ratio: Double,
    progress: ((Int) -> Void)? = nil
  ) throws -> SpinGrid {
    try validate(start: start, end: end, points: points, width: width, ratio: ratio)
    let density = Density(centers: centers, width: width, ratio: ratio, period: nil)
    return try SpinGrid(
      nodes: density.nodes(from: start, to: end, count: points, includeEnd: true, progress: progress))
  }

  /// `points` nodes on the circle [0, period), refined around `centers` (images included).
  public static func periodic(
    period: Double, points: Int, centers: [Double], width: Double, ratio: Double, progress: ((Int) -> Void)? = nil
  ) throws -> SpinGrid {
    try validate(start: 0, end: period, points: points, width: width, ratio: ratio)
    let density = Density(centers: centers, width: width, ratio: ratio, period: period)
    return try SpinGrid(
      nodes: density.nodes(from: 0, to: period, count: points, includeEnd: false, progress: progress), period: period)
  }

  /// Nodes per progress report of the grid construction and the steady solve.
  static let progressChunk = 1 << 15

  private static func validate(start: Double, end: Double, points: Int, width: Double, ratio: Double) throws {
    try Require.atLeast(points, 3, "points")
    try Require.finite(start, "length_m")
    try Require.finite(end, "length_m")
    guard end > start else { throw InvalidParameter("length_m", end - start, allowed: "a finite length > 0 m") }
    try Require.positive(width, "refinement_width")
    try Require.nonNegative(ratio, "refinement")
  }

  /// Spacing h_{i+1/2} = x_{i+1} − x_i (the last one wraps for a periodic grid; count n − 1
  /// for an open grid, n for a periodic one).
  var spacings: [Double] { (0..<faceCount).map(spacing) }

  /// Number of faces (spacings): n − 1 for an open grid, n for a periodic one.
  var faceCount: Int { isPeriodic ? count : count - 1 }

  /// Spacing h_{f+1/2} = x_{f+1} − x_f of face f (the last face of a periodic grid wraps).
  @inline(__always) func spacing(_ f: Int) -> Double {
    f + 1 < count ? nodes[f + 1] - nodes[f] : nodes[0] + period! - nodes[count - 1]
  }

  /// The largest spacing max_f h_{f+1/2}, m (no array built).
  var largestSpacing: Double {
    var h = 0.0
    for f in 0..<faceCount { h = Swift.max(h, spacing(f)) }
    return h
  }
}

/// The grid density ρ(x) = 1 + R Σ_c sech²((x − c)/s) and the inversion of its integral.
private struct Density {
  let centers: [Double]
  let width: Double
  let ratio: Double

  init(centers: [Double], width: Double, ratio: Double, period: Double?) {
    if let p = period { self.centers = centers.flatMap { [$0 - p, $0, $0 + p] } } else { self.centers = centers }
    self.width = width
    self.ratio = ratio
  }

  func rho(_ x: Double) -> Double {
    var s = 1.0
    for c in centers {
      let t = cosh((x - c) / width)
      s += ratio / (t * t)
    }
    return s
  }

  /// ∫₀ˣ ρ up to a constant.
  func cumulative(_ x: Double) -> Double {
    var s = x
    for c in centers { s += ratio * width * tanh((x - c) / width) }
    return s
  }

  /// Nodes at equal steps of ∫ρ; Newton from the previous node, kept inside its bracket.
  func nodes(from a: Double, to b: Double, count n: Int, includeEnd: Bool, progress: ((Int) -> Void)?) -> [Double] {
    let fa = cumulative(a), total = cumulative(b) - fa
    let steps = Double(includeEnd ? n - 1 : n)
    var out = [Double](repeating: a, count: n)
    var lo = a, reported = 0
    for j in 1..<n {
      if includeEnd && j == n - 1 {
        out[j] = b
        break
      }
      let target = fa + total * Double(j) / steps
      var hi = b, x = lo + (target - cumulative(lo)) / rho(lo)
      for _ in 0..<60 {
        if !(x > lo && x < hi) { x = 0.5 * (lo + hi) }
        let g = cumulative(x) - target
        if g > 0 { hi = x } else { lo = x }
        let step = g / rho(x)
        x -= step
        if abs(step) <= 1e-15 * max(abs(x), abs(b - a)) { break }
      }
      out[j] = x
      lo = x
      if let progress, j % SpinGrid.progressChunk == 0 {
        progress(j - reported)
        reported = j
      }
    }
    progress?(n - reported)
    return out
  }
}
