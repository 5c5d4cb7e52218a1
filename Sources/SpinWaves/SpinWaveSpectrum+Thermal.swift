import Foundation
import LinearAlgebra
import Numerics

extension SpinWaveSpectrum {
  /// Which part of the boson occupation enters an expectation value.
  public enum Occupation: Sendable {
    /// ⟨β β†⟩ = 1 + n_B: thermal plus zero-point (quantum) fluctuations — the full LSWT value.
    case total
    /// ⟨β β†⟩ − 1 → n_B only: the thermal magnons (what Eq. 15 counts).
    case thermal
  }

  /// G_ab = ⟨Ψ_a Ψ_b†⟩ = (T D T†)_ab, D = diag(1 + n_B(ε_k), n_B(ε_k)) (or without the 1).
  func correlations(temperature: Double, occupation: Occupation = .total) throws -> ComplexMatrix {
    let n2 = transformation.rows, n = n2 / 2
    var td = transformation
    for j in 0..<n2 {
      var d = MagnonCurrent.bose(columnEnergies[j], temperature: temperature)
      if j < n && occupation == .total { d += 1 }
      for i in 0..<n2 { td[i, j] = td[i, j] * Complex(d, 0) }
    }
    return try Matrix.product(td, .none, transformation, .adjoint)
  }

  /// Longitudinal bond current I_{i→j} = J_ij ⟨m̂_i·(S_i^⊥ × S_j^⊥)⟩ (K) from correlations `g`.
  ///
  /// m̂_i·(S_i^⊥ × S_j^⊥) = (iS/2)[e⁻_i·e⁻_j b_i b_j + e⁻_i·e⁺_j b_i b_j† − e⁺_i·e⁻_j b_i†b_j − e⁺_i·e⁺_j b_i†b_j†].
  /// For the ring bond i → i+1 with J_{i,i+1} = −J this is the paper's I_s = −J⟨m̂_i·(S_i^⊥ × S_{i+1}^⊥)⟩ (Eq. 13).
  public func bondCurrent(from i: Int, to j: Int, correlations g: ComplexMatrix) -> Double {
    bondCurrent(from: i, to: j, correlations: g, frames: texture.frames)
  }

  /// ``bondCurrent(from:to:correlations:)`` with the texture's `ClassicalTexture/frames` computed
  /// once by the caller (they cost O(N) each time: a loop over the bonds must not recompute them).
  func bondCurrent(from i: Int, to j: Int, correlations g: ComplexMatrix, frames: [(Vector3, Vector3)]) -> Double {
    let ring = texture.ring, n = ring.siteCount, s = ring.spinLength
    let fi = frames[i], fj = frames[j]
    func dot(_ p: Double, _ q: Double) -> Complex<Double> {  // e^p_i · e^q_j, p, q = ±1
      Complex(fi.0.dot(fj.0) - p * q * fi.1.dot(fj.1), q * fi.0.dot(fj.1) + p * fi.1.dot(fj.0))
    }
    let bb = g[i, n + j], bbd = g[i, j], bdb = g[n + i, n + j], bdbd = g[n + i, j]
    let sum = dot(-1, -1) * bb + dot(-1, 1) * bbd - dot(1, -1) * bdb - dot(1, 1) * bdbd
    let value = Complex<Double>(0, 0.5 * s) * sum
    return ring.coupling(i, j) * value.real
  }

  /// Bond currents I_{i→i+1} (K) for every bond of the ring.
  public func forwardCurrents(temperature: Double, occupation: Occupation = .total) throws -> [Double] {
    let g = try correlations(temperature: temperature, occupation: occupation)
    let n = texture.ring.siteCount, frames = texture.frames
    return (0..<n).map { bondCurrent(from: $0, to: ($0 + 1) % n, correlations: g, frames: frames) }
  }

  /// Bond currents I_{i→i−1} (K): Kirchhoff's law (Schütz, Kollar and Kopietz, Eq. 3) says I_{i→i+1} + I_{i→i−1} = 0.
  func backwardCurrents(temperature: Double, occupation: Occupation = .total) throws -> [Double] {
    let g = try correlations(temperature: temperature, occupation: occupation)
    let n = texture.ring.siteCount, frames = texture.frames
    return (0..<n).map { bondCurrent(from: $0, to: ($0 + n - 1) % n, correlations: g, frames: frames) }
  }

  /// Free energy of the magnons, F = Σ_k [ε_k/2 + T ln(1 − e^{−ε_k/T})] (K; constant −½TrA omitted).
  public func freeEnergy(temperature: Double, occupation: Occupation = .total) -> Double {
    energies.reduce(0) { acc, e in
      var f = occupation == .total ? 0.5 * e : 0
      if temperature > 0 { f += temperature * log(-expm1(-e / temperature)) }
      return acc + f
    }
  }

  /// Spin current as −∂F/∂Ω (K, Eq. 13): a twist θ adds θ to ω_{k→k+1}, hence to Ω.
  ///
  /// F at twists ±δ, ±2δ on bond `bond`, 5-point central difference (error O(δ⁴)). The second
  /// route to ``forwardCurrents(temperature:occupation:)`` (Eq. 13).
  static func freeEnergyCurrent(
    texture: ClassicalTexture, temperature: Double, occupation: Occupation = .total, bond: Int = 0,
    step: Double = 1e-3
  ) throws -> Double {
    func f(_ theta: Double) throws -> Double {
      try SpinWaveSpectrum(texture: texture, twist: theta, twistBond: bond)
        .freeEnergy(temperature: temperature, occupation: occupation)
    }
    return -(try TwistDerivative.centralDifference(step: step, f))
  }
}
