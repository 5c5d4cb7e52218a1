import LinearAlgebra
import Numerics

/// Bloch (momentum-space) form of the clean ring: N blocks of 4×4 instead of one 4N×4N matrix.
///
/// Convention c_{nj} = N^{−1/2} Σ_k e^{ikn} c_{kj}, k = 2πm/N (m = 0…N−1), block basis
/// (A↑, A↓, B↑, B↓) (same site ⊗ spin ordering as the real-space system):
///
///     H(k) = [[ε, t_L + t₂e^{−ik}], [t_R + t₂e^{ik}, ε]] ⊗ 𝟙 − h 𝟙 ⊗ m̂·σ
///     v(k) = [[0, i t_L − i t₂e^{−ik}], [−i t_R + i t₂e^{ik}, 0]] ⊗ 𝟙
///
/// v(k) is the Fourier block of the real-space v_{iσ,jσ'} = −i H_{iσ,jσ'} d_ij, so traces over
/// the ring equal Σ_k traces of the blocks. Requires a clean ring (W = 0).
extension HatanoNelsonRing {
  /// The allowed momenta k = 2πm/N, m = 0…N−1.
  public var momenta: [Double] { (0..<cells).map { 2 * Double.pi * Double($0) / Double(cells) } }

  /// The 4×4 Bloch Hamiltonian H(k) (eV).
  public func blochHamiltonian(_ k: Double) -> ComplexMatrix {
    let eik = Complex(Double.cos(k), Double.sin(k))
    let ab = hoppingLeft + Complex(t2, 0) * eik.conjugate
    let ba = hoppingRight + Complex(t2, 0) * eik
    let x = exchangeMatrix
    var m = ComplexMatrix(rows: 4, columns: 4)
    for s in 0..<2 {
      for u in 0..<2 {
        m[s, u] = x[s, u]
        m[2 + s, 2 + u] = x[s, u]
      }
      m[s, s] += Complex(onsite, 0)
      m[2 + s, 2 + s] += Complex(onsite, 0)
      m[s, 2 + s] = ab
      m[2 + s, s] = ba
    }
    return m
  }

  /// The 4×4 Bloch blocks of (v, {σ_x,v}/2, {σ_y,v}/2, {σ_z,v}/2) at momentum k (eV·a/ħ).
  public func blochCurrentOperators(_ k: Double) -> [ComplexMatrix] {
    let eik = Complex(Double.cos(k), Double.sin(k))
    let i = Complex<Double>(0, 1)
    let ab = i * hoppingLeft - i * Complex(t2, 0) * eik.conjugate
    let ba = -i * hoppingRight + i * Complex(t2, 0) * eik
    let spins: [SpinMatrix] = [.identity, .sigmaX, .sigmaY, .sigmaZ]
    return spins.map { p in
      var m = ComplexMatrix(rows: 4, columns: 4)
      for s in 0..<2 {
        for u in 0..<2 {
          m[s, 2 + u] = ab * p[s, u]
          m[2 + s, u] = ba * p[s, u]
        }
      }
      return m
    }
  }

  /// Band labels in the order of ``closedFormEnergies(_:)``.
  public static let bandLabels = ["up+", "up-", "down+", "down-"]

  /// The closed-form dispersion of MODELS.md §A at momentum k (uniform ε and m̂):
  ///
  ///     E_{s,±}(k) = ε − s h ± √[(t_L + t₂e^{ik})(t_R + t₂e^{−ik})]
  ///
  /// in the order (up+, up−, down+, down−), s = +1 ("up") is spin along m̂; √ is the
  /// principal root (so Im E of a "+" branch jumps where the radicand crosses the negative axis).
  public func closedFormEnergies(_ k: Double) -> [Complex<Double>] {
    let eik = Complex(Double.cos(k), Double.sin(k))
    let radicand = (hoppingLeft + Complex(t2, 0) * eik) * (hoppingRight + Complex(t2, 0) * eik.conjugate)
    let root = Complex.sqrt(radicand)
    var out: [Complex<Double>] = []
    for s in [1.0, -1.0] {
      let base = Complex(onsite - s * exchange, 0)
      out.append(base + root)
      out.append(base - root)
    }
    return out
  }
}
