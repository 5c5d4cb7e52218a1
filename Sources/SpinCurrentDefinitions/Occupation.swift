import Diagnostics
import Foundation
import PhysicalConstants

/// How single-particle levels are occupied (non-interacting fermions).
///
/// - `.grandCanonical(mu:temperature:)`: Fermi–Dirac f(E) = 1/(1 + e^{(E−μ)/k_BT}), μ in eV,
///   T in kelvin. At T = 0 levels below μ are full, above empty, and a level within
///   ``degeneracyTolerance`` of μ gets ½ (the T → 0⁺ limit), so degenerate levels always share
///   one weight and thermal values do not depend on the eigenbasis chosen inside a degenerate level.
/// - `.fixedCount(particles:temperature:)`: N particles. T > 0: μ solved by bisection so that
///   Σ f = N (to 1e−12 relative). T = 0: the lowest N levels; if N cuts through a degenerate
///   level, that level is filled fractionally (equal weights) and a warning says so.
public enum Occupation: Sendable, Equatable {
  case grandCanonical(mu: Double, temperature: Double)
  case fixedCount(particles: Int, temperature: Double)

  /// Levels closer than this (eV) count as degenerate / as sitting at μ.
  public static let degeneracyTolerance = 1e-10

  /// Checks the parameters (ids `mu_eV`, `temperature_K`, `particles`).
  public func validate(levelCount: Int) throws {
    switch self {
    case .grandCanonical(let mu, let t):
      try Require.finite(mu, "mu_eV")
      try Require.nonNegative(t, "temperature_K")
    case .fixedCount(let n, let t):
      try Require.inRange(n, 0...levelCount, "particles")
      try Require.nonNegative(t, "temperature_K")
    }
  }

  /// Occupation weights for ascending `levels` (eV), the chemical potential used, and warnings.
  public func weights(_ levels: [Double]) throws -> (weights: [Double], mu: Double, warnings: [NumericalWarning]) {
    try validate(levelCount: levels.count)
    switch self {
    case .grandCanonical(let mu, let t):
      return (Self.fermi(levels, mu: mu, kT: t * PhysicalConstants.electronVoltPerKelvin), mu, [])
    case .fixedCount(let n, let t):
      if t > 0 { return Self.fixedCountThermal(levels, n, kT: t * PhysicalConstants.electronVoltPerKelvin) }
      return Self.fixedCountGround(levels, n)
    }
  }

  static func fermi(_ e: [Double], mu: Double, kT: Double) -> [Double] {
    e.map { x in
      if kT == 0 { return abs(x - mu) <= degeneracyTolerance ? 0.5 : (x < mu ? 1 : 0) }
      let y = (x - mu) / kT
      return y > 0 ? Foundation.exp(-y) / (1 + Foundation.exp(-y)) : 1 / (1 + Foundation.exp(y))
    }
  }

  static func fixedCountThermal(_ e: [Double], _ n: Int, kT: Double) -> ([Double], Double, [NumericalWarning]) {
    guard let lo0 = e.first, let hi0 = e.last else { return ([], 0, []) }
    var lo = lo0 - 40 * kT - 1
    var hi = hi0 + 40 * kT + 1
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if fermi(e, mu: mid, kT: kT).reduce(0, +) < Double(n) { lo = mid } else { hi = mid }
      if hi - lo < 1e-14 * max(1, abs(mid)) { break }
    }
    let mu = (lo + hi) / 2
    return (fermi(e, mu: mu, kT: kT), mu, [])
  }

  static func fixedCountGround(_ e: [Double], _ n: Int) -> ([Double], Double, [NumericalWarning]) {
    var w = [Double](repeating: 0, count: e.count)
    guard n > 0 else { return (w, e.first.map { $0 - 1 } ?? 0, []) }
    for i in 0..<n { w[i] = 1 }
    guard n < e.count else { return (w, e[n - 1] + 1, []) }
    // The degenerate level containing states n−1 and n, if any, is shared equally.
    let top = e[n - 1]
    guard abs(e[n] - top) <= degeneracyTolerance else { return (w, (top + e[n]) / 2, []) }
    let level = e.indices.filter { abs(e[$0] - top) <= degeneracyTolerance }
    let inside = level.filter { $0 < n }.count
    for i in level { w[i] = Double(inside) / Double(level.count) }
    let warning = NumericalWarning(
      kind: "open-shell",
      message: "\(n) particles fill \(inside) of the \(level.count) degenerate states at E = \(top) eV; "
        + "that level is occupied fractionally (\(inside)/\(level.count) each)",
      value: Double(level.count))
    return (w, top, [warning])
  }
}
