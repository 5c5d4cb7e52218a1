import LinearAlgebra
import Numerics

/// Spin-resolved form of the ring: with spin-independent hoppings and a uniform moment
/// direction m̂ (true for every ring of the preset, clean or AAH-disordered),
///
///     H = H_orb ⊗ 𝟙 − h 𝟙 ⊗ m̂·σ,
///
/// so in the spin basis along m̂ (m̂·σ χ_s = s χ_s) H splits into two copies of the 2N×2N
/// orbital Hamiltonian H_orb shifted by −s h, sharing its eigenvectors. The current operators
/// split the same way: v = v_orb ⊗ 𝟙 and {σ_α, v}/2 = v_orb ⊗ σ_α with χ_s†σ_αχ_s = s m̂_α,
/// so a state (n, s) carries ⟨v⟩ = ⟨v_orb⟩_n and ⟨{σ_α, v}⟩/2 = s m̂_α ⟨v_orb⟩_n.
/// One `zgeev` of size 2N replaces one of size 4N (8× fewer flops).
extension HatanoNelsonRing {
  /// Hoppings (to, from, amplitude, displacement) of the orbital (spinless) ring: the
  /// preset's ``bonds``, which are spin-independent by construction.
  var orbitalHoppings: [(to: Int, from: Int, amplitude: Complex<Double>, displacement: Double)] { bonds }

  /// The 2N×2N orbital Hamiltonian H_orb (on-site ε_i, spin-independent hoppings), eV.
  public func orbitalHamiltonian() -> ComplexMatrix {
    var m = ComplexMatrix(rows: siteCount, columns: siteCount)
    for i in 0..<siteCount { m[i, i] = Complex(siteEnergy(i), 0) }
    for h in orbitalHoppings { m[h.to, h.from] += h.amplitude }
    return m
  }

  /// The orbital velocity v_orb, (v_orb)_ij = −i H_ij d_ij (eV·a/ħ), sparse.
  public func orbitalVelocity() throws -> SparseMatrix<Complex<Double>> {
    try SparseMatrix(
      rows: siteCount, columns: siteCount,
      triplets: orbitalHoppings.map { ($0.to, $0.from, Complex(0, -$0.displacement) * $0.amplitude) })
  }
}
