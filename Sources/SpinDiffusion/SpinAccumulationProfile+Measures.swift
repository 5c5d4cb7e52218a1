import LinearAlgebra
extension SpinAccumulationProfile {
  /// Root-mean-square non-equilibrium accumulation √(⟨|m − m_eq|²⟩) over the sample — the
  /// single number the trend tests and figure comparisons use for "how large the accumulation
  /// is". Trapezoid rule per interval, m_eq taken at the interval mid-point (so jumps of m_eq
  /// on nodes are handled); `period` closes the ring for a periodic grid.
  public func rmsDeviation(from equilibrium: (Double) -> Vector3, period: Double? = nil) -> Double {
    let x = positions, m = accumulation, n = x.count
    var sum = 0.0, span = 0.0
    let intervals = period == nil ? n - 1 : n
    for i in 0..<intervals {
      let j = (i + 1) % n
      let h = j > i ? x[j] - x[i] : x[j] + period! - x[i]
      let eq = equilibrium(x[i] + 0.5 * h)
      let a = m[i] - eq, b = m[j] - eq
      sum += 0.5 * h * (dot3(a, a) + dot3(b, b))
      span += h
    }
    return (sum / span).squareRoot()
  }
}
