import Numerics
import PhysicalConstants
import XCTest

@testable import TightBinding

/// Second-method agreement: biorthogonal operator traces vs twist derivatives of the occupied
/// eigenvalue sum, and Bloch vs dense.
final class MethodAgreementTests: XCTestCase {
  /// ≥ 20 random points spanning the three regimes (γ/t₂ < 1, = 1, > 1), t₁ ≠ 0 some
  /// of the time, tilted moments and AAH disorder; μ mid-gap in Re E (away from crossings).
  /// Tolerance: relative 1e−6 of the largest of the four currents at that point. Observed
  /// worst 4e−8 (a point with h = 0.013: the spin twist couples states split by 2h, so the
  /// stencil's truncation grows like (δ|v|/2h)⁴), typically 1e−9; rounding ε·Σ|E|/δ ≈ 1e−10. Plus an
  /// absolute floor 1e−12 in raw units for currents that vanish by symmetry.
  func testOperatorEqualsDerivativeAtRandomPoints() throws {
    var rng = SplitMix(seed: 2002)
    var checked = 0
    var critical = 0
    for p in 0..<32 {
      // Topological, critical (γ = t₂ exactly, at random φ away from its exceptional points) and
      // trivial regimes.
      let regime = [0.3, 0.6, 1.0, 1.4, 1.8][p % 5]
      let gamma = regime == 1 ? 1 : regime * rng.uniform(0.9, 1.1)
      let ring = HatanoNelsonRing(
        cells: 3 + p % 4, t1: p % 3 == 0 ? rng.uniform(-0.5, 0.5) : 0, gamma: gamma, t2: 1,
        fluxPhase: rng.uniform(-1, 1), exchange: rng.uniform(0, 0.8), theta: rng.uniform(0, .pi),
        azimuth: rng.uniform(0, 2 * .pi), onsite: rng.uniform(-0.2, 0.2), aah: p % 2 == 0 ? rng.uniform(0, 1.5) : 0)
      let (mu, gap) = try RingTest.gapMu(ring, near: rng.uniform(-1.5, 1.5))
      guard gap > 0.02 else { continue }
      let op = try PersistentCurrents.compute(ring, mu: mu, method: .operator, path: .dense)
      let dv = try PersistentCurrents.compute(ring, mu: mu, method: .derivative)
      XCTAssertTrue(op.warnings.isEmpty, "\(op.warnings)")
      let scaleA = PhysicalConstants.amperePerElectronVoltHopping
      let o = op.currents.all
      let d = dv.currents.all
      let norm = zip(o, [scaleA, 1, 1, 1]).map { $0.0.length / $0.1 }.max()!
      XCTAssertGreaterThan(norm, 1e-9, "currents vanish at point \(p): the comparison would be empty")
      for j in 0..<4 {
        let unit = j == 0 ? scaleA : 1
        XCTAssertLessThanOrEqual(
          (o[j] - d[j]).length / unit, 1e-6 * norm + 1e-12,
          "point \(p) component \(j): operator \(o[j]) derivative \(d[j]) ring \(ring) mu \(mu)")
      }
      checked += 1
      if gamma == 1 && ring.t1 == 0 { critical += 1 }
    }
    XCTAssertGreaterThanOrEqual(checked, 20)
    XCTAssertGreaterThanOrEqual(critical, 3)
  }

  /// The flux-phase derivative I = −(e/ħ) dS/dΦ (varying the preset's φ) equals the bond-twist
  /// derivative and the operator value: docs/model-reference.md's ⟨v⟩ = −(M/N) dE/dφ sign convention.
  /// Tolerance relative 1e−6 (same stencil as above).
  func testFluxPhaseDerivativeMatchesOperator() throws {
    let ring = HatanoNelsonRing(cells: 5, gamma: 0.5, t2: 1, fluxPhase: 0.3, exchange: 0.4, theta: 0.7, azimuth: 0.2)
    let (mu, _) = try RingTest.gapMu(ring, near: -0.8)
    let op = try PersistentCurrents.compute(ring, mu: mu).currents.charge
    let flux = try PersistentCurrents.chargeFromFluxDerivative(ring, mu: mu)
    XCTAssertTrue(RingTest.close(op, flux, rel: 1e-6, abs: 1e-18), "operator \(op) flux derivative \(flux)")
    XCTAssertGreaterThan(op.length, 1e-8)
  }

  /// Bloch-path totals = dense-path totals (same operator method, different bases):
  /// relative 1e−9 (both are exact up to rounding of O(κ·ε) per state; κ ≲ 10 here).
  func testBlochCurrentsEqualDenseCurrents() throws {
    for gamma in [0.5, 1.5] {
      let ring = HatanoNelsonRing(
        cells: 7, gamma: gamma, t2: 1, fluxPhase: 0.21, exchange: 0.3, theta: 1.1, azimuth: 0.4, onsite: 0.05)
      for mu in [-1.1, -0.3, 0.4] {
        let b = try PersistentCurrents.compute(ring, mu: mu, path: .bloch).currents.all
        let d = try PersistentCurrents.compute(ring, mu: mu, path: .dense).currents.all
        let scale = [PhysicalConstants.amperePerElectronVoltHopping, 1, 1, 1]
        for j in 0..<4 {
          XCTAssertLessThanOrEqual(
            (b[j] - d[j]).length / scale[j], 1e-9 * (d[j].length / scale[j]) + 1e-13,
            "γ \(gamma) μ \(mu) j \(j): \(b[j]) vs \(d[j])")
        }
      }
    }
  }

  /// Spin-resolved path (one 2N×2N orbital problem) = general dense path (4N×4N) for
  /// disordered rings with tilted moments, T = 0 and T = 300 K, and the same spectrum:
  /// relative 1e−9 (both exact up to rounding, κ ≲ 1e2 here), spectrum 1e−10 eV.
  func testSpinResolvedEqualsDense() throws {
    var rng = SplitMix(seed: 77)
    for p in 0..<8 {
      let ring = HatanoNelsonRing(
        cells: 4 + p, t1: p % 2 == 0 ? 0 : 0.3, gamma: [0.5, 1.0, 1.5, 0.8][p % 4], t2: 1,
        fluxPhase: rng.uniform(-1, 1), exchange: rng.uniform(0.1, 0.6), theta: rng.uniform(0, .pi),
        azimuth: rng.uniform(0, 2 * .pi), onsite: rng.uniform(-0.2, 0.2), aah: rng.uniform(0.2, 1.5))
      let mu = rng.uniform(-1.2, 1.2)
      for temperature in [0.0, 300] {
        let a = try PersistentCurrents.compute(ring, mu: mu, temperature: temperature, path: .spinResolved)
        let b = try PersistentCurrents.compute(ring, mu: mu, temperature: temperature, path: .dense)
        let scale = [PhysicalConstants.amperePerElectronVoltHopping, 1, 1, 1]
        for j in 0..<4 {
          let x = a.currents.all[j] / Complex(scale[j], 0), y = b.currents.all[j] / Complex(scale[j], 0)
          XCTAssertTrue(RingTest.close(x, y, rel: 1e-9, abs: 1e-13), "point \(p) T \(temperature) j \(j): \(x) vs \(y)")
        }
        XCTAssertEqual(a.occupation, b.occupation, accuracy: 1e-9)
      }
      let e1 = try RingSpectrum.eigenvalues(of: ring, path: .spinResolved)
      let e2 = try RingSpectrum.eigenvalues(of: ring, path: .dense)
      var unused = e2
      for x in e1 {
        let j = unused.indices.min { (unused[$0] - x).length < (unused[$1] - x).length }!
        XCTAssertLessThan((unused[j] - x).length, 1e-10)
        unused.remove(at: j)
      }
    }
  }
}
