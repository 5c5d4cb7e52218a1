import Numerics

extension HatanoNelsonRing {
  /// The gap of the clean ring's bands that holds `mu`, as its (lower, upper) band edges in eV;
  /// nil when μ lies in a band, the ring is disordered (W ≠ 0) or a parameter is not finite.
  ///
  /// Bands: Re E_{s,±}(k) of ``closedFormEnergies(_:)`` over k ∈ [−π, π] (the infinite ring; a
  /// flux only shifts k, so it moves no band edge), each band's range sampled at `samples`
  /// momenta (edges accurate to O((π/samples)²) of the bandwidth). An edge absent below (above)
  /// every band is −∞ (+∞). At T = 0 a μ in a gap fills whole bands, and the persistent
  /// currents of a finite ring are then only a finite-size remainder. A μ within the sampling
  /// accuracy of an edge, (π/(samples − 1))² × the band's width, counts as inside the band: a
  /// level sits there.
  public func bandGap(containing mu: Double, samples: Int = 2049) -> (lower: Double, upper: Double)? {
    guard aah == 0, anderson.strength == 0, mu.isFinite else { return nil }
    var ranges = Array(repeating: (Double.infinity, -Double.infinity), count: 4)
    for m in 0..<samples {
      let k = -Double.pi + 2 * Double.pi * Double(m) / Double(samples - 1)
      for (b, e) in closedFormEnergies(k).enumerated() {
        guard e.real.isFinite else { return nil }
        ranges[b] = (min(ranges[b].0, e.real), max(ranges[b].1, e.real))
      }
    }
    let accuracy = (Double.pi / Double(samples - 1)) * (Double.pi / Double(samples - 1))
    if ranges.contains(where: { r in
      let slack = accuracy * (r.1 - r.0) + 4 * Double.ulpOfOne * max(abs(r.0), abs(r.1))
      return r.0 - slack <= mu && mu <= r.1 + slack
    }) {
      return nil
    }
    let lower = ranges.map(\.1).filter { $0 < mu }.max() ?? -.infinity
    let upper = ranges.map(\.0).filter { $0 > mu }.min() ?? .infinity
    return (lower, upper)
  }
}
