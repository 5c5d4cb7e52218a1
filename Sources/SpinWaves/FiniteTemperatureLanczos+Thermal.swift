import Foundation

extension FiniteTemperatureLanczos {
  /// Thermal averages at one temperature with their statistical standard errors (K units).
  public struct Thermal: Sendable {
    public let temperature: Double
    /// ⟨H⟩ (K), C = (⟨H²⟩ − ⟨H⟩²)/T² (k_B), F = −T ln Z (K), whole ring.
    public let energy: Double
    public let specificHeat: Double
    public let freeEnergy: Double
    /// ⟨O⟩ for each operator given at construction, in order.
    public let expectations: [Double]
    /// Jackknife standard errors of the values above (0 where only exact states contribute).
    let energyError: Double
    let specificHeatError: Double
    let freeEnergyError: Double
    public let expectationErrors: [Double]
  }

  /// E_0 (K): the lowest exact level of all sectors.
  public var groundEnergy: Double { sectors.compactMap(\.exactEnergies.first).min() ?? .nan }

  /// Lowest excitation above the ground manifold among the exact levels (K); nan when there is none.
  /// Exact when every sector holds ≥ 2 exact states (the first excited level is then among them).
  public var gap: Double {
    let e0 = groundEnergy, tol = 1e-9 * max(1, abs(e0))
    return (sectors.flatMap(\.exactEnergies).filter { $0 > e0 + tol }.min() ?? .nan) - e0
  }

  /// Thermal averages at T (K). T = 0: equal weights on the exact ground manifold (no error).
  ///
  /// T > 0: with shifted energies x = E − E_0 and b = e^{−x/T}, the exact part gives sums
  /// X = (Σb, Σbx, Σbx², Σb·O_n…) and sample s the Krylov sums Y_s of the same quantities over every
  /// sector; the estimate is built from X + mean_s Y_s (⟨x⟩ = (X₁+Ȳ₁)/(X₀+Ȳ₀), …). Its standard
  /// error is the jackknife one, √((R−1)/R Σ_s (θ_(s) − θ̄)²) over the R leave-one-out estimates θ_(s):
  /// it handles the ratios (and C's difference of ratios) without linearising by hand.
  public func thermal(temperature t: Double) -> Thermal {
    let e0 = groundEnergy
    let nOps = operatorCount
    // Sums: [Z, Σx, Σx², Σ O_1 … Σ O_n] with x = E − E0, weight b = e^{−x/T}.
    let width = 3 + nOps
    var exact = [Double](repeating: 0, count: width)
    let tol = 1e-9 * max(1, abs(e0))
    for s in sectors {
      for (n, e) in s.exactEnergies.enumerated() {
        let x = e - e0
        let b = t > 0 ? exp(-x / t) : (x <= tol ? 1 : 0)
        guard b > 0 else { continue }
        exact[0] += b
        exact[1] += b * x
        exact[2] += b * x * x
        for o in 0..<nOps { exact[3 + o] += b * s.exactDiagonals[o][n] }
      }
    }
    let r = settings.randomVectors
    var samples = [[Double]](repeating: [Double](repeating: 0, count: width), count: r)
    if t > 0 {
      for sector in sectors {
        for smp in 0..<min(r, sector.ritz.count) {
          for (j, e) in sector.ritz[smp].enumerated() {
            let x = e - e0, b = exp(-x / t)
            guard b > 0 else { continue }
            let w = sector.weights[smp][j] * b
            samples[smp][0] += w
            samples[smp][1] += w * x
            samples[smp][2] += w * x * x
            for o in 0..<nOps { samples[smp][3 + o] += sector.operatorWeights[smp][o][j] * b }
          }
        }
      }
    }
    // θ(sums) → [E, C, F, O…].
    func estimate(_ y: [Double]) -> [Double] {
      let sums = zip(exact, y).map { $0 + $1 }
      let z = sums[0], ex = sums[1] / z, ex2 = sums[2] / z
      let c = t > 0 ? (ex2 - ex * ex) / (t * t) : 0
      let f = t > 0 ? e0 - t * log(z) : e0 + ex
      return [e0 + ex, c, f] + (0..<nOps).map { sums[3 + $0] / z }
    }
    func mean(_ rows: [[Double]]) -> [Double] {
      (0..<width).map { i in rows.reduce(0) { $0 + $1[i] } / Double(rows.count) }
    }
    let full = estimate(mean(samples))
    var errors = [Double](repeating: 0, count: full.count)
    if t > 0 && r > 1 {
      let leaveOut = (0..<r).map { s in estimate(mean(samples.enumerated().filter { $0.offset != s }.map(\.element))) }
      for i in errors.indices {
        let m = leaveOut.reduce(0) { $0 + $1[i] } / Double(r)
        let v = leaveOut.reduce(0) { $0 + ($1[i] - m) * ($1[i] - m) }
        errors[i] = (Double(r - 1) / Double(r) * v).squareRoot()
      }
    }
    return Thermal(
      temperature: t, energy: full[0], specificHeat: full[1], freeEnergy: full[2], expectations: Array(full[3...]),
      energyError: errors[0], specificHeatError: errors[1], freeEnergyError: errors[2],
      expectationErrors: Array(errors[3...]))
  }
}
