import Foundation
import LinearAlgebra
import Numerics

/// Linear spin waves of an ``ExactRingModel`` around a classical ``RingTexture`` (per-site S_i, any bond matrix).
///
/// Holstein–Primakoff in the local frames, S_i^⊥ = √(S_i/2)(b_i e⁻_i + b_i† e⁺_i), S_i^∥ = S_i − b_i†b_i,
/// e^± = ê¹ ± iê², for each bond term S_iᵀ K S_j (K = −J R_z(δ)):
///
///     H₂ = Σ_ij A_ij b_i†b_j + ½ Σ_ij (B_ij b_i†b_j† + h.c.) = ½Ψ†MΨ − ½ Tr A,
///     A_ii = λ_i = m̂_i·h_i^eff,  A_ij = ½√(S_iS_j) e⁺_i·K e⁻_j,  B_ij = B_ji = ½√(S_iS_j) e⁺_i·K e⁺_j   (K),
///
/// diagonalised by `ColpaDiagonalization`. Free energy of the magnons (K)
///
///     F₂ = Σ_k [ε_k/2 + T ln(1 − e^{−ε_k/T})] − ½ Tr A,
///
/// which includes the zero-point energy (the −½TrA term depends on the texture, hence on δ).
/// `anomalous: false` drops B (the number-conserving truncation: ε = eig A, no zero-point energy).
/// Failure: M with an eigenvalue ≤ 1e-9·max|eig M| (a soft or unstable mode) throws
/// ``SpinWaveError/unstableMode(mode:eigenvalue:)``, naming the Goldstone mode of rotations about z
/// when the soft eigenvector is that mode (overlap > 0.99).
struct RingSpinWaves: Sendable {
  public let texture: RingTexture
  /// Bosonic matrix M (2N × 2N, K).
  let bosonicMatrix: ComplexMatrix
  /// ε_k (K), ascending.
  public let energies: [Double]
  /// Tr A = Σ_i λ_i (K).
  let traceA: Double

  public init(texture: RingTexture, anomalous: Bool = true) throws {
    self.texture = texture
    let m = Self.bosonicMatrix(texture, anomalous: anomalous)
    bosonicMatrix = m
    traceA = texture.localFields.reduce(0, +)
    try Self.requireStable(m, texture)
    energies = try ColpaDiagonalization(bosonicMatrix: m).energies
  }

  /// M = [[A, B], [B*, A*]] (K) of `texture` (B = 0 when `anomalous` is false).
  static func bosonicMatrix(_ texture: RingTexture, anomalous: Bool = true) -> ComplexMatrix {
    let n = texture.model.siteCount, s = texture.model.spins, f = texture.frames, lambda = texture.localFields
    var m = ComplexMatrix(rows: 2 * n, columns: 2 * n)
    for i in 0..<n {
      m[i, i] = Complex(lambda[i], 0)
      m[n + i, n + i] = Complex(lambda[i], 0)
    }
    for bond in texture.bonds {
      let (i, j, k) = (bond.i, bond.j, bond.coupling), c = 0.5 * (s[i] * s[j]).squareRoot()
      let (a1, a2) = f[i], b1 = Spin3.apply(k, f[j].0), b2 = Spin3.apply(k, f[j].1)
      let a = Complex(c * (a1.dot(b1) + a2.dot(b2)), c * (a2.dot(b1) - a1.dot(b2)))  // ½√(SS) e⁺_i·K e⁻_j
      let b = anomalous ? Complex(c * (a1.dot(b1) - a2.dot(b2)), c * (a2.dot(b1) + a1.dot(b2))) : .zero
      m[i, j] = m[i, j] + a
      m[j, i] = m[j, i] + a.conjugate
      m[n + i, n + j] = m[n + i, n + j] + a.conjugate
      m[n + j, n + i] = m[n + j, n + i] + a
      m[i, n + j] = m[i, n + j] + b
      m[j, n + i] = m[j, n + i] + b
      m[n + i, j] = m[n + i, j] + b.conjugate
      m[n + j, i] = m[n + j, i] + b.conjugate
    }
    return m
  }

  /// Throws ``SpinWaveError/unstableMode(mode:eigenvalue:)`` unless M's lowest eigenvalue exceeds 1e-9·max|eig M|.
  static func requireStable(_ m: ComplexMatrix, _ texture: RingTexture) throws {
    let eig = try HermitianEigensystem(m, computeVectors: true)
    let lowest = eig.values[0], scale = eig.values.map(abs).max() ?? 0
    guard lowest <= 1e-9 * scale else { return }
    let n = texture.model.siteCount, v = eig.vectors.column(0)
    // The Goldstone mode of rotations about z: t_i = ẑ × m̂_i, β_i = √(S_i/2)(t_i·ê¹ + i t_i·ê²), Ψ = (β, β*).
    let f = texture.frames
    var g = [Complex<Double>](repeating: .zero, count: 2 * n)
    for i in 0..<n {
      let t = Vector3(0, 0, 1).cross(texture.directions[i]), w = (texture.model.spins[i] / 2).squareRoot()
      g[i] = Complex(w * t.dot(f[i].0), w * t.dot(f[i].1))
      g[n + i] = g[i].conjugate
    }
    let gNorm = g.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
    let overlap = gNorm > 0 ? zip(g, v).reduce(Complex<Double>.zero) { $0 + $1.0.conjugate * $1.1 }.length / gNorm : 0
    let weights = (0..<n).map { v[$0].lengthSquared + v[n + $0].lengthSquared }
    let mode =
      overlap > 0.99
      ? "Goldstone mode (rotation of every spin about z: the field has U(1) symmetry)"
      : "soft mode with site weights [" + weights.map { String(format: "%.2f", $0) }.joined(separator: ", ") + "]"
    throw SpinWaveError.unstableMode(mode: mode, eigenvalue: lowest)
  }

  /// F₂ (K) at temperature `t` (K): zero-point Σε/2 − ½TrA plus the thermal T Σ ln(1 − e^{−ε/T}).
  public func freeEnergy(temperature t: Double) -> Double {
    var f = -0.5 * traceA
    for e in energies {
      f += 0.5 * e
      if t > 0 { f += t * log(-expm1(-e / t)) }
    }
    return f
  }
}
