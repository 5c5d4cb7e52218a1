@testable import LinearAlgebra
import Numerics
import PhysicalConstants
import XCTest

@testable import TightBinding

/// Physical invariants and every qualitative claim of the paper (docs/model-reference.md, "Symmetries used as tests").
///
/// Raw tolerances are in the natural units of the traces (charge ÷ e·eV/ħ, spin in eV):
/// totals are sums of O(4N) terms of size ≤ O(1)/M with rounding ~1e−16 each, so 1e−12 is a
/// safe "exactly zero" level; relations between two computed values use relative 1e−9.
final class SymmetryTests: XCTestCase {
  let amp = PhysicalConstants.amperePerElectronVoltHopping

  func raw(_ c: RingCurrents) -> [Complex<Double>] { [c.charge / Complex(amp, 0)] + c.spin }

  func currents(
    _ ring: HatanoNelsonRing, _ mu: Double, path: RingSpectrum.Path = .automatic
  ) throws -> [Complex<
    Double
  >] {
    let r = try PersistentCurrents.compute(ring, mu: mu, path: path)
    XCTAssertTrue(r.warnings.isEmpty, "\(r.warnings)")
    return raw(r.currents)
  }

  func assertClose(
    _ a: Complex<Double>, _ b: Complex<Double>, rel: Double = 1e-9, abs: Double = 1e-13,
    _ message: String = "", file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertTrue(RingTest.close(a, b, rel: rel, abs: abs), "\(a) vs \(b) \(message)", file: file, line: line)
  }

  let base = HatanoNelsonRing(cells: 6, gamma: 0.5, t2: 1, fluxPhase: 0.17, exchange: 0.3, theta: 0.6, azimuth: 0.9)

  /// Hermitian SSH limit (γ = 0, t₁ ≠ 0): imaginary parts < 1e−12 and the totals equal the
  /// Hermitian eigensolver's Σ_{E ≤ μ} ⟨ψ|O|ψ⟩ (relative 1e−9).
  func testHermitianLimitMatchesHermitianSolver() throws {
    var ring = base
    ring.gamma = 0
    ring.t1 = 0.6
    ring.aah = 0.4
    let system = try ring.system()
    XCTAssertTrue(system.isHermitian())
    let (mu, _) = try RingTest.gapMu(ring, near: -0.5)
    let c = try currents(ring, mu, path: .dense)
    for x in c { XCTAssertLessThan(x.imaginary.magnitude, 1e-12) }
    let h = try HermitianEigensystem(system.hamiltonian())
    let occupied = h.values.indices.filter { h.values[$0] <= mu }
    let ops = try system.currentOperators()
    for (j, op) in ops.enumerated() {
      let ov = try op.multiply(h.vectors)
      var s = Complex<Double>.zero
      for n in occupied { for i in 0..<h.vectors.rows { s += h.vectors[i, n].conjugate * ov[i, n] } }
      let scale = j == 0 ? 1 / Double(ring.siteCount) : 1 / (2 * Double(ring.siteCount))
      assertClose(c[j], Complex(scale, 0) * s, "component \(j)")
    }
    XCTAssertGreaterThan(c[0].length, 1e-6)
  }

  /// Even N, clean, t₁ = 0: E(q+π) = E(q)* pairs states at equal Re E, so Im of every total
  /// vanishes (1e−12); odd N breaks the pairing: Im I ≠ 0 (> 1e−6 raw) at some μ.
  func testConjugatePairingEvenVersusOdd() throws {
    for gamma in [0.5, 1.5] {
      var even = base
      even.gamma = gamma
      for mu in [-1.2, -0.4, 0.3] {
        let (m, _) = try RingTest.gapMu(even, near: mu)
        for x in try currents(even, m) { XCTAssertLessThan(x.imaginary.magnitude, 1e-12, "even N γ \(gamma) μ \(m)") }
      }
      var odd = even
      odd.cells = 5
      var largest = 0.0
      for mu in [-1.2, -0.4, 0.3] {
        let (m, _) = try RingTest.gapMu(odd, near: mu)
        largest = max(largest, try currents(odd, m)[0].imaginary.magnitude)
      }
      XCTAssertGreaterThan(largest, 1e-6, "odd N γ \(gamma): imaginary charge current expected")
    }
  }

  /// Period 2π/N in φ (gauge: only the total phase Nφ matters). Relative 1e−9.
  func testPeriodInFluxPhase() throws {
    for ring in [base, try base.setting("aah", to: 0.8)] {
      let (mu, _) = try RingTest.gapMu(ring, near: -0.6)
      let a = try currents(ring, mu, path: .dense)
      let b = try currents(
        try ring.setting("flux-phase", to: ring.fluxPhase + 2 * .pi / Double(ring.cells)), mu, path: .dense)
      for j in 0..<4 { assertClose(a[j], b[j], "j \(j)") }
      XCTAssertGreaterThan(a[0].length, 1e-8)
    }
  }

  /// μ = 0, ε = 0: all spin components vanish (chiral symmetry), in all regimes, tilted moments.
  func testZeroSpinCurrentAtHalfFilling() throws {
    for gamma in [0.5, 1.0, 1.5] {
      var ring = base
      ring.gamma = gamma
      ring.fluxPhase = 0.23
      let c = try currents(ring, 0)
      for j in 1...3 { XCTAssertLessThan(c[j].length, 1e-12, "γ \(gamma) spin \(j): \(c[j])") }
    }
  }

  /// Spin currents are odd in μ (ε = 0), relative 1e−9; and not all zero.
  func testSpinCurrentsAntisymmetricInMu() throws {
    for gamma in [0.5, 1.5] {
      var ring = base
      ring.gamma = gamma
      let (mu, _) = try RingTest.gapMu(ring, near: -0.7)
      let a = try currents(ring, mu)
      let b = try currents(ring, -mu)
      for j in 1...3 { assertClose(a[j], -b[j], "γ \(gamma) j \(j)") }
      XCTAssertGreaterThan(a[3].length, 1e-8)
    }
  }

  /// I_s^z(π − θ) = −I_s^z(θ) and I_s^z independent of ϕ; I_s^x ∝ cos ϕ, I_s^y ∝ sin ϕ
  /// (I_s along m̂: I_s^x = A sinθ cosϕ, I_s^y = A sinθ sinϕ); imaginary spin parts vanish
  /// (even N, clean); θ = 0 ⇒ I_s^x = I_s^y = 0.
  func testAngularDependence() throws {
    let mu = -0.63
    let r0 = try currents(base, mu)
    let flipped = try currents(try base.setting("theta", to: .pi - base.theta), mu)
    assertClose(flipped[3], -r0[3])
    XCTAssertGreaterThan(r0[3].length, 1e-8)
    let amplitudeX = try currents(try base.setting("azimuth", to: 0), mu)[1]
    let amplitudeY = try currents(try base.setting("azimuth", to: .pi / 2), mu)[2]
    assertClose(amplitudeX, amplitudeY)
    for azimuth in [0.3, 1.9, 3.5, 5.2] {
      let c = try currents(try base.setting("azimuth", to: azimuth), mu)
      assertClose(c[3], r0[3], "I_s^z independent of ϕ")
      assertClose(c[1], Complex(Double.cos(azimuth), 0) * amplitudeX, "I_s^x ∝ cos ϕ")
      assertClose(c[2], Complex(Double.sin(azimuth), 0) * amplitudeX, "I_s^y ∝ sin ϕ")
      for j in 1...3 { XCTAssertLessThan(c[j].imaginary.magnitude, 1e-12) }
    }
    // Transverse to longitudinal ratio is tan θ: the spin current points along m̂.
    assertClose(amplitudeX, Complex(Double.tan(base.theta), 0) * r0[3])
    let z = try currents(try base.setting("theta", to: 0), mu)
    XCTAssertLessThan(z[1].length, 1e-12)
    XCTAssertLessThan(z[2].length, 1e-12)
    XCTAssertGreaterThan(z[3].length, 1e-8)
  }

  /// Degenerate spectrum (φ = 0, clean: E(k) = E(−k); h = 0 adds spin degeneracy): totals are
  /// finite and unchanged (relative 1e−9) when each degenerate block's R and L are mixed by
  /// random invertible matrices before biorthonormalisation.
  func testDegenerateBlocksInvariantUnderMixing() throws {
    for exchange in [0.0, 0.3] {
      var ring = base
      ring.fluxPhase = 0
      ring.exchange = exchange
      let system = try ring.system()
      let eig = try BiorthogonalEigensystem(system.hamiltonian())
      XCTAssertTrue(eig.clusters.contains { $0.count > 1 }, "expected degenerate clusters")
      var rng = SplitMix(seed: 7)
      var r = eig.right
      var l = eig.left
      for cluster in eig.clusters where cluster.count > 1 {
        let k = cluster.count
        let g1 = ComplexMatrix(rows: k, columns: k) { i, j in rng.complex() + (i == j ? Complex(2, 0) : .zero) }
        let g2 = ComplexMatrix(rows: k, columns: k) { i, j in rng.complex() + (i == j ? Complex(2, 0) : .zero) }
        let nr = r.columns(cluster) * g1
        let nl = l.columns(cluster) * g2
        for (c, j) in cluster.enumerated() {
          r.setColumn(j, nr.column(c))
          l.setColumn(j, nl.column(c))
        }
      }
      let mixed = try BiorthogonalEigensystem(values: eig.values, right: r, left: l)
      let ops = try system.currentOperators()
      let (mu, _) = try RingTest.gapMu(ring, near: -0.5)
      let sel = eig.values.indices.filter { eig.values[$0].real <= mu }
      let a = try eig.traces(of: ops, selecting: sel)
      let b = try mixed.traces(of: ops, selecting: sel)
      for j in 0..<4 {
        XCTAssertTrue(a[j].isFinite)
        assertClose(a[j], b[j], abs: 1e-12)
      }
      // Per-state values summed over the occupied states give the same totals.
      let perState = try ops.map { try mixed.stateExpectations(of: $0) }
      for j in 0..<4 { assertClose(sel.reduce(Complex<Double>.zero) { $0 + perState[j][$1] }, a[j], abs: 1e-12) }
    }
  }

  /// T > 0 extension: at 1 K with μ mid-gap (gap ≫ k_B T) it equals T = 0 (relative 1e−9), and
  /// the Bloch and dense paths agree at 300 K (relative 1e−9).
  func testFiniteTemperature() throws {
    let (mu, gap) = try RingTest.gapMu(base, near: -0.6)
    XCTAssertGreaterThan(gap, 0.01)
    let zero = try currents(base, mu)
    let cold = raw(try PersistentCurrents.compute(base, mu: mu, temperature: 1).currents)
    for j in 0..<4 { assertClose(cold[j], zero[j]) }
    let hotB = raw(try PersistentCurrents.compute(base, mu: mu, temperature: 300, path: .bloch).currents)
    let hotD = raw(try PersistentCurrents.compute(base, mu: mu, temperature: 300, path: .dense).currents)
    for j in 0..<4 { assertClose(hotB[j], hotD[j]) }
    XCTAssertGreaterThan((hotB[0] - zero[0]).length, 1e-8, "300 K should differ from T = 0")
  }

  /// Critical ring γ = t₂ at φ = 0 has an exceptional point at k = 0: a warning with the
  /// condition number on the eigenvector routes, never a silent NaN. The dense path's default
  /// matrix-sign projector needs no eigenvectors: the same finite totals with no warning and
  /// ‖P‖₂ below the warning threshold.
  func testExceptionalPointWarns() throws {
    let ring = HatanoNelsonRing(cells: 6, gamma: 1, t2: 1, fluxPhase: 0, exchange: 0.3, theta: 0.4)
    for path in [RingSpectrum.Path.bloch, .dense] {
      let r = try PersistentCurrents.compute(ring, mu: 0.5, path: path, denseProjector: .eigenvectors)
      XCTAssertTrue(r.warnings.contains { $0.kind == "exceptional-point" && $0.value > 1e6 }, "\(path): \(r.warnings)")
      let finite = r.currents.all.allSatisfy { $0.isFinite }
      XCTAssertTrue(finite || !r.warnings.isEmpty)
    }
    let sign = try PersistentCurrents.compute(ring, mu: 0.5, path: .dense)
    let bloch = try PersistentCurrents.compute(ring, mu: 0.5, path: .bloch).currents.all
    // The currents vanish here by symmetry (φ = 0): absolute rounding floors, 1e−18 A (4e−15 in
    // units of e/ħ·eV) and 1e−14 eV, ~10³ ε for 24 states; observed 6e−20 A and 1.3e−16 eV.
    for (j, (a, b)) in zip(sign.currents.all, bloch).enumerated() {
      XCTAssertLessThan((a - b).length, j == 0 ? 1e-18 : 1e-14, "component \(j)")
    }
    XCTAssertTrue(sign.warnings.isEmpty, "\(sign.warnings)")
    XCTAssertLessThan(sign.maxConditionNumber, PersistentCurrents.conditionWarningThreshold)
    let derivative = try PersistentCurrents.compute(ring, mu: 0.5, method: .derivative)
    XCTAssertTrue(derivative.warnings.contains { $0.kind == "exceptional-point" }, "\(derivative.warnings)")
    // Away from the EP there is no warning.
    XCTAssertTrue(try PersistentCurrents.compute(try ring.setting("flux-phase", to: 0.2), mu: 0.5).warnings.isEmpty)
  }
}
