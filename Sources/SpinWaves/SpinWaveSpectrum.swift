import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// Errors of linear spin-wave theory.
public enum SpinWaveError: Error, CustomStringConvertible, Sendable, Equatable {
  /// Colpa's Cholesky factorisation of the bosonic matrix failed.
  case unstableTexture(String)
  /// The bosonic matrix M of a ring's spin waves has a non-positive eigenvalue (K) on `mode`
  /// (e.g. the Goldstone mode of a field with U(1) symmetry about z).
  case unstableMode(mode: String, eigenvalue: Double)
  /// Newton continuation of the classical texture to twist `twist` (rad) stopped at `residual` (K).
  case continuationFailed(twist: Double, residual: Double)

  public var description: String {
    switch self {
    case .unstableTexture(let detail):
      return "the classical texture is not a stable minimum: the bosonic (Holstein–Primakoff) matrix is not "
        + "positive definite (\(detail)); relax it with `magnon ground-state` or change the field"
    case .unstableMode(let mode, let eigenvalue):
      return "LSWT unstable: the bosonic matrix has eigenvalue \(String(format: "%.3g", eigenvalue)) K ≤ 0 on the "
        + "\(mode)"
    case .continuationFailed(let twist, let residual):
      return "classical texture not continued to twist δ = \(twist) rad (Newton residual \(residual) K)"
    }
  }
}

/// Linear spin-wave theory on a classical texture: Holstein–Primakoff in local frames, Colpa diagonalisation.
///
/// Local frames {ê¹_i, ê²_i, m̂_i}, e^±_i = ê¹_i ± iê²_i, S_i^⊥ = √(S/2)(b_i e^-_i + b_i† e^+_i),
/// S_i^∥ = S − b_i†b_i. To quadratic order (Eqs. 8–10 incl. the anomalous S⁻S⁻ terms)
///
///     H₂ = Σ_ij A_ij b_i†b_j + ½ Σ_ij (B_ij b_i†b_j† + h.c.) = ½ Ψ†MΨ − ½ Tr A,   Ψ = (b, b†),
///     A_ij = λ_i δ_ij + (S/2) J_ij e^+_i·e^-_j,   B_ij = (S/2) J_ij e^+_i·e^+_j,   λ_i = m̂_i·h_i^eff,
///     M = [[A, B], [B*, A*]]   (K).
///
/// Colpa (`ColpaDiagonalization`): M = K†K (Cholesky; fails ⇔ M not positive definite ⇔ the
/// texture is not a stable minimum, or has a zero mode), W = Kσ₃K† = UΛU†, T = K⁻¹ U |Λ|^{1/2}
/// with the N positive eigenvalues first. Then T†σ₃T = σ₃, T†MT = diag(ε, ε), Ψ = TΦ, Φ = (β, β†).
///
/// Threading: safe to run concurrently (e.g. inside `parallelMap`). OpenBLAS 0.3.21's `zgemv_n`
/// kernel, reached through `zheevd`, reads past the end of the matrix, which faults when the array
/// ends next to an unmapped page; ``/LinearAlgebra/HermitianEigensystem`` pads its operands against it.
///
/// A twist θ on one bond (e^±_k → e^{±iθ} e^±_k in the couplings of bond k → k+1) adds θ to
/// ω_{k→k+1}, hence to the anholonomy, i.e. Ω → Ω + θ (see `SphericalGeometry/anholonomy(_:)`);
/// it is used for the I_s = −∂F/∂Ω route (Eq. 13).
public struct SpinWaveSpectrum: Sendable {
  public let texture: ClassicalTexture
  /// Magnon energies ε_k (K), ascending.
  public let energies: [Double]
  /// Bosonic matrix M (2N × 2N, K).
  let bosonicMatrix: ComplexMatrix
  /// Para-unitary T: columns 0…N−1 create the β_k modes in ``energies`` order, N…2N−1 their partners.
  let transformation: ComplexMatrix
  /// Energies matching the columns of ``transformation`` (ε for both halves).
  let columnEnergies: [Double]

  /// Diagonalises the quadratic Hamiltonian of `texture`, with an optional twist `twist` (rad) on bond `twistBond`.
  /// - Throws: ``SpinWaveError/unstableTexture(_:)`` when Colpa's Cholesky factorisation fails;
  ///   ``/Diagnostics/InvalidParameter`` (`exchange`) for an anisotropic ring (its magnons: `RingSpinWaves`).
  /// - Parameters:
  ///   - texture: the classical ground state (spin directions, couplings, fields) to expand around.
  ///   - twist: twist angle δ (rad) about z applied to bond `twistBond` (0: no twist).
  ///   - twistBond: index i of the twisted bond (i, i+1).
  ///   - anomalous: false drops the B (S⁻S⁻) terms — the paper's approximation below Eq. 13;
  ///     for comparisons only (the full theory keeps them).
  ///   - progress: called with the fraction (0…1) of the estimated work done after each dense stage
  ///     (Cholesky ≈ 3 %, Kσ₃K† ≈ 18 %, `zheevd` ≈ 64 %, the solve for T ≈ 15 %; O(N³) in total).
  public init(
    texture: ClassicalTexture, twist: Double = 0, twistBond: Int = 0, anomalous: Bool = true,
    progress: ((Double) -> Void)? = nil
  ) throws {
    self.texture = texture
    let ring = texture.ring
    guard ring.isIsotropic else {
      throw InvalidParameter(
        "exchange", "anisotropic",
        allowed: "isotropic couplings J_ij for this spectrum (anisotropic rings: RingSpinWaves)")
    }
    let n = ring.siteCount, s = ring.spinLength
    let frames = texture.frames, lambda = texture.localFields
    func plus(_ i: Int) -> (Vector3, Vector3) { (frames[i].0, frames[i].1) }  // e^+ = re + i im
    func dotPP(_ i: Int, _ j: Int) -> Complex<Double> {  // e^+_i · e^+_j
      let (a1, a2) = frames[i], (b1, b2) = frames[j]
      return Complex(a1.dot(b1) - a2.dot(b2), a1.dot(b2) + a2.dot(b1))
    }
    func dotPM(_ i: Int, _ j: Int) -> Complex<Double> {  // e^+_i · e^-_j
      let (a1, a2) = frames[i], (b1, b2) = frames[j]
      return Complex(a1.dot(b1) + a2.dot(b2), a2.dot(b1) - a1.dot(b2))
    }
    var m = ComplexMatrix(rows: 2 * n, columns: 2 * n)
    for i in 0..<n {
      m[i, i] = Complex(lambda[i], 0)
      m[n + i, n + i] = Complex(lambda[i], 0)
      for (j, jij) in ring.neighbours(of: i) {
        var phaseI = Complex<Double>(1, 0), phaseJ = Complex<Double>(1, 0)  // e^{iθ} on e^+ of the twisted end
        if twist != 0 && i == twistBond && j == (twistBond + 1) % n { phaseI = Complex(cos(twist), sin(twist)) }
        if twist != 0 && j == twistBond && i == (twistBond + 1) % n { phaseJ = Complex(cos(twist), sin(twist)) }
        let a = Complex(0.5 * s * jij, 0) * dotPM(i, j) * phaseI * phaseJ.conjugate
        let b = anomalous ? Complex(0.5 * s * jij, 0) * dotPP(i, j) * phaseI * phaseJ : .zero
        m[i, j] = m[i, j] + a
        m[n + i, n + j] = m[n + i, n + j] + a.conjugate
        m[i, n + j] = m[i, n + j] + b
        m[n + i, j] = m[n + i, j] + b.conjugate
      }
    }
    bosonicMatrix = m
    let colpa = try ColpaDiagonalization(bosonicMatrix: m, progress: progress)
    transformation = colpa.transformation
    columnEnergies = colpa.columnEnergies
    energies = colpa.energies
  }

  /// Largest deviation from para-unitarity, max|T†σ₃T − σ₃| (dimensionless).
  func paraUnitarityError() throws -> Double {
    let n2 = transformation.rows, n = n2 / 2
    var st = transformation
    for j in 0..<n2 { for i in n..<n2 { st[i, j] = -st[i, j] } }
    var p = try Matrix.product(transformation, .adjoint, st, .none)
    for i in 0..<n2 { p[i, i] = p[i, i] - Complex(i < n ? 1 : -1, 0) }
    return p.maxAbs
  }
}
