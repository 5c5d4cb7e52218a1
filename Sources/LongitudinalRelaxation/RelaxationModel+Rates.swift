import Diagnostics
import LinearAlgebra
import Numerics

/// Decay rates γ± at a real wavevector and the ratio dm/dM of each eigenmode.
public struct RelaxationRates: Sendable, Equatable {
  /// Fast rate γ⁺ (rate unit; γ⁺ ≥ γ⁻ ≥ 0).
  public let gammaPlus: Double
  /// Slow rate γ⁻ (rate unit).
  public let gammaMinus: Double
  /// dm/dM of the fast mode (±∞ if the mode has dM = 0).
  public let ratioPlus: Double
  /// dm/dM of the slow mode.
  public let ratioMinus: Double
  /// Numerical trouble met (near-degenerate rates), with the number that shows it.
  public let warnings: [NumericalWarning]
}

/// How the rates are computed.
public enum RateMethod: String, Sendable, CaseIterable {
  /// Eigenvalues and right eigenvectors of Γ (Eq. 33) by LAPACK `zgeev`: γ± = −eig(Γ).
  case eigen
  /// The closed form Eq. 39 (Eq. 36 without lattice decay) and mode ratios from Eqs. 34–35.
  case closedForm = "closed-form"
}

extension RelaxationModel {
  /// γ± and the eigenmode ratios dm/dM from the eigen-decomposition of Γ(k) (Eq. 33).
  ///
  /// `k2` is k² in inverse length². The eigenvalues are real for every admissible model
  /// (the discriminant (r − w_M + q)² − 4ξ(r − w_M)q, q = w_m + D_m k², is ≥ 0 for 0 ≤ ξ ≤ 1);
  /// a warning is returned when γ⁺ and γ⁻ nearly coincide (an exceptional point, where the
  /// eigenvalues are only accurate to ~√ε).
  /// - Throws: ``/LinearAlgebra/LinearAlgebraError`` if `zgeev` fails (not expected for a finite 2×2 matrix).
  func eigenRates(wavevectorSquared k2: Double) throws -> RelaxationRates {
    let g = rateMatrix(wavevectorSquared: k2)
    var a = ComplexMatrix(rows: 2, columns: 2)
    for i in 0..<2 { for j in 0..<2 { a[i, j] = Complex(g[i][j]) } }
    let eig = try GeneralEigensystem(a, computeLeft: false, computeRight: true)
    // γ = −λ; the fast branch is the larger Re γ.
    let order = eig.values[0].real <= eig.values[1].real ? [0, 1] : [1, 0]
    func ratio(_ n: Int) -> Double {
      let dM = eig.right[0, n], dm = eig.right[1, n]
      return dM.length == 0 ? (dm.real >= 0 ? .infinity : -.infinity) : (dm / dM).real
    }
    let plus = -eig.values[order[0]].real, minus = -eig.values[order[1]].real
    return RelaxationRates(
      gammaPlus: plus, gammaMinus: minus, ratioPlus: ratio(order[0]), ratioMinus: ratio(order[1]),
      warnings: degeneracyWarnings(plus, minus, k2: k2))
  }

  /// γ± from the closed form Eq. 39, written in the rate unit (multiplied through by r):
  ///
  ///     γ± = ½[(w_m + w_M + D_m k² + r) ± √((w_m − w_M + D_m k² + r)² − 4ξ(r − w_M)(D_m k² + w_m))]
  ///
  /// Mode ratios from Eqs. 34–35 (``modeRatio(rate:wavevectorSquared:)``). Agrees with
  /// ``eigenRates(wavevectorSquared:)`` exactly (docs/model-reference.md; tested to 1e−12).
  func closedFormRates(wavevectorSquared k2: Double) -> RelaxationRates {
    let r = exchangeRate, wm = spinLatticeRate, wM = magnetizationLatticeRate, dk2 = diffusivity * k2
    let sum = wm + wM + dk2 + r
    let shifted = wm - wM + dk2 + r
    let root = max(0, shifted * shifted - 4 * xi * (r - wM) * (dk2 + wm)).squareRoot()
    return rates(plus: (sum + root) / 2, minus: (sum - root) / 2, k2: k2)
  }

  /// γ± from Eq. 36, the closed form without lattice decay (w_m, w_M ignored):
  ///
  ///     γ± = (r/2)[(1 + k²/k_M²) ± √((1 + k²/k_M²)² − 4ξ k²/k_M²)]
  ///
  /// written as ½[(r + D_m k²) ± √((r + D_m k²)² − 4ξ r D_m k²)]. Mode ratios use w = 0.
  public func closedFormRatesWithoutLatticeDecay(wavevectorSquared k2: Double) -> RelaxationRates {
    let r = exchangeRate, dk2 = diffusivity * k2
    let root = max(0, (r + dk2) * (r + dk2) - 4 * xi * r * dk2).squareRoot()
    let plus = (r + dk2 + root) / 2, minus = (r + dk2 - root) / 2
    let free = RelaxationModel(unchecked: xi, exchangeRate, diffusivity)
    return free.rates(plus: plus, minus: minus, k2: k2)
  }

  /// The long-wavelength rates of Eq. 37 (no lattice decay): γ⁺ = r, γ⁻ = ξ D_m k².
  func longWavelengthRates(wavevectorSquared k2: Double) -> (gammaPlus: Double, gammaMinus: Double) {
    (exchangeRate, xi * diffusivity * k2)
  }

  /// dm/dM of the mode with decay rate `gamma` at k² (Eqs. 34–35, the rows of (Γ + γ)v = 0):
  ///
  ///     Eq. 34: dm/dM = (w_M − γ)/(r − w_M),   Eq. 35: dm/dM = ξ q/(γ − r − q),  q = w_m + D_m k²
  ///
  /// The row with the larger denominator is used (both agree when γ is an eigen-rate).
  func modeRatio(rate gamma: Double, wavevectorSquared k2: Double) -> Double {
    let r = exchangeRate, wM = magnetizationLatticeRate, q = spinLatticeRate + diffusivity * k2
    let d34 = r - wM, d35 = gamma - r - q
    if d34 == 0 && d35 == 0 { return 0 }
    return abs(d34) >= abs(d35) ? (wM - gamma) / d34 : xi * q / d35
  }

  /// γ±/r and dm/dM at k²/k_M² = `k2Ratio` (the reduced form used by the CLI and figures).
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`k2-ratio`) for a negative or non-finite ratio.
  public func reducedRates(k2Ratio: Double, method: RateMethod = .eigen) throws -> RelaxationRates {
    guard k2Ratio.isFinite, k2Ratio >= 0 else {
      throw InvalidParameter("k2_ratio", k2Ratio, allowed: "k²/k_M² ≥ 0 (a real wavevector)")
    }
    let k2 = k2Ratio * exchangeWavevector * exchangeWavevector
    let raw = method == .eigen ? try eigenRates(wavevectorSquared: k2) : closedFormRates(wavevectorSquared: k2)
    let r = exchangeRate
    return RelaxationRates(
      gammaPlus: raw.gammaPlus / r, gammaMinus: raw.gammaMinus / r, ratioPlus: raw.ratioPlus,
      ratioMinus: raw.ratioMinus, warnings: raw.warnings)
  }

  private func rates(plus: Double, minus: Double, k2: Double) -> RelaxationRates {
    RelaxationRates(
      gammaPlus: plus, gammaMinus: minus, ratioPlus: modeRatio(rate: plus, wavevectorSquared: k2),
      ratioMinus: modeRatio(rate: minus, wavevectorSquared: k2), warnings: degeneracyWarnings(plus, minus, k2: k2))
  }

  /// A warning when Γ is near an exceptional point: the gap γ⁺ − γ⁻ is below 1e−4 of
  /// N = max|Γ − (tr Γ/2)𝟙| (eigenvector condition N/gap > 1e4, so the eigen-rates lose
  /// ~ε·N²/gap). A degenerate but diagonal Γ (N = 0, e.g. w_M = r, q = 0) is not warned.
  private func degeneracyWarnings(_ plus: Double, _ minus: Double, k2: Double) -> [NumericalWarning] {
    let g = rateMatrix(wavevectorSquared: k2)
    let half = (g[0][0] - g[1][1]) / 2
    let offset = max(abs(half), abs(g[0][1]), abs(g[1][0]))
    let gap = abs(plus - minus)
    guard offset > 0, gap < 1e-4 * offset else { return [] }
    let condition = gap > 0 ? offset / gap : .infinity
    return [
      NumericalWarning(
        kind: "exceptional-point",
        message: "γ⁺ and γ⁻ nearly coincide at k² = \(k2) (γ⁺ − γ⁻ = \(gap), eigenvector condition ≈ \(condition)): "
          + "Γ is near an exceptional point; rates lose accuracy (~√ε at the point), mode ratios are ill-conditioned",
        value: condition)
    ]
  }
}
