import LinearAlgebra
import Diagnostics
import Foundation

extension MagnetizationCurrentLoop {
  /// Grid points closer than this fraction of R to the wire are "on the wire" (potential diverges).
  static let onWireFraction = 1e-3

  /// Bytes of a `points` × `points` potential grid: three doubles per point plus its table row and
  /// rendered text (≈ 256 B per point, measured order of magnitude).
  public static func gridBytes(points: Int) -> Double { 256 * Double(points) * Double(points) }

  /// φ(x, 0, z) (V, Eq. 17) on a `points` × `points` grid of the plane y = 0, x, z ∈ [−w, w].
  ///
  /// Rows are (x, z, φ), z outer and x inner. Points within `onWireFraction`·R of the wire
  /// (z ≈ 0, |x| ≈ R), where φ diverges like ln or 1/distance, get NaN and one `"on-wire"`
  /// warning naming how many and the first such point; any other non-finite value gets a
  /// `"non-finite"` warning with its point. Rows run on all cores through `map` (the caller's
  /// parallel map, so this module needs no threading); `progress` gets the rows (z values) done.
  /// Cost: points² evaluations of ``potential(at:)``, each O(segments).
  public func potentialGrid(
    halfWidth w: Double, points n: Int,
    map: (_ zs: [Double], _ row: @escaping @Sendable (Double) -> [[Double]]) throws -> [[[Double]]]
  ) throws -> (rows: [[Double]], warnings: [NumericalWarning]) {
    guard w.isFinite, CrownRingParameters.gridHalfWidth.contains(w) else {
      throw CrownRingParameters.grid.invalid(
        .text("\(w):\(n)"), allowed: "HALF_WIDTH in \(Require.shownRange(CrownRingParameters.gridHalfWidth)) m")
    }
    let coordinates = (0..<n).map { -w + 2 * w * Double($0) / Double(n - 1) }
    let loop = self, radius = self.radius
    let blocks = try map(coordinates) { z in
      coordinates.map { x -> [Double] in
        [x, z, Self.isOnWire(x: x, z: z, radius: radius) ? .nan : loop.potential(at: Vector3(x, 0, z))]
      }
    }
    let rows = blocks.flatMap { $0 }
    var warnings: [NumericalWarning] = []
    let onWire = rows.filter { Self.isOnWire(x: $0[0], z: $0[1], radius: radius) }
    if let first = onWire.first {
      warnings.append(
        NumericalWarning(
          kind: "on-wire",
          message: "the potential diverges on the wire: \(onWire.count) grid point(s) within \(Self.onWireFraction)·R "
            + "of the ring (R = \(radius) m) are nan, first at x = \(first[0]) m, z = \(first[1]) m",
          value: Double(onWire.count)))
    }
    if let bad = rows.first(where: { !$0[2].isFinite && !Self.isOnWire(x: $0[0], z: $0[1], radius: radius) }) {
      warnings.append(
        NumericalWarning(
          kind: "non-finite",
          message: "the potential is \(bad[2]) at x = \(bad[0]) m, z = \(bad[1]) m (quadrature over- or underflow)",
          value: bad[2]))
    }
    return (rows, warnings)
  }

  /// True for a point (x, 0, z) within `onWireFraction`·R of the wire (|x| ≈ R, z ≈ 0).
  static func isOnWire(x: Double, z: Double, radius: Double) -> Bool {
    abs(z) < onWireFraction * radius && abs(abs(x) - radius) < onWireFraction * radius
  }
}
