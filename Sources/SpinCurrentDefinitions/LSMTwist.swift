import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// The Lieb–Schulz–Mattis spin twist of Bray-Ali and Nussinov (Eqs. 15–17).
///
///     |ψ(δP)⟩ = e^{−iδP L}|ψ⟩,   L = Σ_i x_i σ_i        (spin displacement, Eq. 7)
///     E(δP)   = ⟨ψ|e^{iδP L} H e^{−iδP L}|ψ⟩
///     dE/dδP|₀ = i⟨ψ|[L, H]|ψ⟩ = −⟨ψ|J|ψ⟩,    J = i[H, L] = dL/dt
///
/// **Sign.** The paper's Eq. 17 (and docs/model-reference.md) write E(0) + δP⟨J⟩; with J = dL/dt =
/// (i/ħ)[H, L] (Eq. 2) and the state of Eq. 15 the first-order term is −δP⟨J⟩ (check: a free
/// particle boosted by e^{−iδP x} has E = ⟨(p − δP)²⟩/2m, slope −⟨v⟩). The physics (a state with
/// ⟨J⟩ ≠ 0 is lowered by a small boost of the right sign, so ⟨J⟩ = 0 in the ground state and in
/// every eigenstate) is unchanged; this code reports dE/dδP as defined above, = −⟨J⟩.
///
/// E(δP) is evaluated from the twisted Hamiltonian H(δP)_ab = H_ab e^{iδP(L_a − L_b)} (L is
/// diagonal in the site ⊗ spin basis), never from J, so the slope is an independent check of J.
/// Units: δP in 1/a, E in eV, slope in eV·a.
public enum LSMTwist {
  /// The twisted Hamiltonian e^{iδP L} H e^{−iδP L} for diagonal L (`spinDisplacement`).
  static func twistedHamiltonian(
    _ h: ComplexMatrix, spinDisplacement l: [Double], boost: Double
  )
    -> ComplexMatrix
  {
    var t = h
    for b in 0..<h.columns {
      for a in 0..<h.rows where h[a, b] != .zero {
        let phase = boost * (l[a] - l[b])
        t[a, b] = h[a, b] * Complex(Foundation.cos(phase), Foundation.sin(phase))
      }
    }
    return t
  }

  /// E(δP) = ⟨ψ|H(δP)|ψ⟩ for a normalised state ψ (eV).
  public static func energy(
    _ h: ComplexMatrix, spinDisplacement l: [Double], state psi: [Complex<Double>], boost: Double
  ) -> Double {
    twistedHamiltonian(h, spinDisplacement: l, boost: boost).sandwich(psi, psi).real
  }

  /// Step of the five-point stencil: 1e−3 divided by max|L| (so δP·|L_a − L_b| ≤ 2e−3).
  public static func step(spinDisplacement l: [Double]) -> Double {
    1e-3 / max(1, l.map(abs).max() ?? 1)
  }

  /// dE/dδP at 0 by the five-point central difference,
  /// f'(0) ≈ [8(f(δ) − f(−δ)) − (f(2δ) − f(−2δ))]/(12δ).
  ///
  /// With S = Σ_ab |ψ_a H_ab ψ_b| (or Σ|ρ_ba H_ab|) and |L_a − L_b| ≤ 2 max|L|, the step of
  /// ``step(spinDisplacement:)`` gives truncation ≲ δ⁴(2 max|L|)⁵ S/30 ≈ 1e−12 S max|L| and
  /// rounding ≈ ε S/δ ≈ 1e−13 S max|L|: ~1e−10 eV·a for tens of sites, ~1e−7 for 500.
  /// `energy` is any E(δP) (a single state, or a thermal trace Tr ρ H(δP)).
  public static func slope(step delta: Double, _ energy: (Double) -> Double) -> Double {
    let f1 = energy(delta) - energy(-delta)
    let f2 = energy(2 * delta) - energy(-2 * delta)
    return (8 * f1 - f2) / (12 * delta)
  }

  /// Slope of E(δP) for one state.
  public static func slope(
    _ h: ComplexMatrix, spinDisplacement l: [Double], state psi: [Complex<Double>]
  ) -> Double {
    slope(step: step(spinDisplacement: l)) { energy(h, spinDisplacement: l, state: psi, boost: $0) }
  }

  /// Slope of the thermal twisted energy Tr[ρ H(δP)] (= −⟨J⟩_T).
  static func thermalSlope(
    _ h: ComplexMatrix, spinDisplacement l: [Double], density rho: ComplexMatrix
  )
    -> Double
  {
    slope(step: step(spinDisplacement: l)) {
      ComplexMatrix.traceOfProduct(rho, twistedHamiltonian(h, spinDisplacement: l, boost: $0)).real
    }
  }

  /// Slopes for every column of `states` (eigenstates: all ≈ 0 by Eq. 8).
  static func stateSlopes(
    _ h: ComplexMatrix, spinDisplacement l: [Double], states: ComplexMatrix
  ) throws
    -> [Double]
  {
    let delta = step(spinDisplacement: l)
    let boosts = [delta, -delta, 2 * delta, -2 * delta]
    let products = try boosts.map { boost -> ComplexMatrix in
      let twisted = twistedHamiltonian(h, spinDisplacement: l, boost: boost)
      guard let sparse = SpinCurrentExpectations.sparseIfWorthIt(twisted) else {
        return try ComplexMatrix.product(twisted, .none, states, .none)
      }
      return try sparse.multiply(states)
    }
    return (0..<states.columns).map { k in
      let e = products.map { p -> Double in
        var s = Complex<Double>.zero
        for i in 0..<states.rows { s += states[i, k].conjugate * p[i, k] }
        return s.real
      }
      return (8 * (e[0] - e[1]) - (e[2] - e[3])) / (12 * delta)
    }
  }

  /// A current-carrying, non-stationary test state: a Gaussian wave packet of width `width`
  /// (units of a) centred at `center`, momentum `momentum` (1/a), spin state (up, down)
  /// on every site, normalised: ψ_{iσ} ∝ e^{−(x_i − x₀)²/(2w²)} e^{ik x_i} χ_σ.
  static func wavePacket(
    positions: [Double], center: Double, width: Double, momentum: Double,
    spin: (Complex<Double>, Complex<Double>) = (.one, .zero)
  ) -> [Complex<Double>] {
    var psi: [Complex<Double>] = []
    for x in positions {
      let envelope = Foundation.exp(-(x - center) * (x - center) / (2 * width * width))
      let phase = Complex(envelope * Foundation.cos(momentum * x), envelope * Foundation.sin(momentum * x))
      psi += [phase * spin.0, phase * spin.1]
    }
    let n = norm(psi)
    return psi.map { $0 / Complex(n, 0) }
  }
}
