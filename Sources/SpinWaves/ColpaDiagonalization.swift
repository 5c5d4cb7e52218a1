import Foundation
import LinearAlgebra
import Numerics

/// Colpa's diagonalisation of a bosonic quadratic form ½Ψ†MΨ, Ψ = (b, b†) (Physica A 93, 327 (1978)).
///
///     M = [[A, B], [B*, A*]]  (2N × 2N, Hermitian, K),   M = K†K (Cholesky),
///     W = Kσ₃K† = UΛU†,   T = K⁻¹U|Λ|^{1/2}   (the N positive eigenvalues first),
///
/// so that T†σ₃T = σ₃ and T†MT = diag(ε, ε) with ε_k > 0 the magnon energies (K).
/// The one implementation shared by ``SpinWaveSpectrum`` (isotropic rings, one spin length) and
/// `RingSpinWaves` (any ``ExactRingModel``). Every dense step goes through LinearAlgebra
/// (`zpotrf`, `zgemm`, `zheevd`, `zgesv`).
/// Failure: M not positive definite (Cholesky fails) or a broken σ₃ signature throws
/// ``SpinWaveError/unstableTexture(_:)``.
struct ColpaDiagonalization: Sendable {
  /// Magnon energies ε_k (K), ascending.
  let energies: [Double]
  /// Para-unitary T: columns 0…N−1 create the β_k modes in ``energies`` order, N…2N−1 their partners.
  let transformation: ComplexMatrix
  /// Energies matching the columns of ``transformation`` (ε for both halves).
  let columnEnergies: [Double]

  /// Diagonalises ½Ψ†MΨ for the 2N × 2N bosonic matrix `m` (K).
  /// - Parameters:
  ///   - m: M = [[A, B], [B*, A*]] (K), Hermitian.
  ///   - progress: called with the fraction (0…1) of the estimated work done after each dense stage
  ///     (Cholesky ≈ 3 %, Kσ₃K† ≈ 18 %, `zheevd` ≈ 64 %, the solve for T ≈ 15 %; O(N³) in total).
  init(bosonicMatrix m: ComplexMatrix, progress: ((Double) -> Void)? = nil) throws {
    let n = m.rows / 2
    let k: ComplexMatrix
    do {
      k = try m.choleskyUpper()
    } catch let LinearAlgebraError.failed(routine, info, _) {
      throw SpinWaveError.unstableTexture("\(routine) info = \(info)")
    }
    progress?(0.03)
    var ks = k.adjoint  // K σ₃ K† : scale the columns of K† … (σ₃ K†) rows
    for j in 0..<(2 * n) { for i in n..<(2 * n) { ks[i, j] = -ks[i, j] } }
    let w = try Matrix.product(k, .none, ks, .none)
    progress?(0.21)
    let eig = try HermitianEigensystem(w, computeVectors: true)
    progress?(0.85)
    // Ascending values: negatives are the first N, positives the last N.
    let positive = Array((n..<(2 * n)))
    let negative = Array((0..<n).reversed())  // −ε ascending → ε ascending after reversal
    let order = positive + negative
    let u = eig.vectors.columns(order)
    let magnitudes = order.map { abs(eig.values[$0]) }
    var t = try ComplexMatrix.solve(k, u)
    for j in 0..<(2 * n) {
      let f = Complex(magnitudes[j].squareRoot(), 0)
      for i in 0..<(2 * n) { t[i, j] = t[i, j] * f }
    }
    progress?(1)
    transformation = t
    columnEnergies = magnitudes
    energies = Array(magnitudes[0..<n])
    if eig.values[n - 1] >= 0 || eig.values[n] <= 0 {
      throw SpinWaveError.unstableTexture("σ₃-signature broken: eigenvalues \(eig.values[n - 1]), \(eig.values[n])")
    }
  }
}
