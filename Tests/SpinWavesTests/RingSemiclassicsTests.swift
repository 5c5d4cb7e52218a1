import Foundation
@testable import LinearAlgebra
@testable import SpinWaves
import XCTest

/// The general semiclassical route (``RingSemiclassics``: classical ground state + LSWT, jᶻ = −(1/N)∂F/∂δ)
/// against the ferromagnetic crown's k-space formulas, against ED for the antiferromagnet and the
/// ferrimagnet, and against its T → ∞ (equipartition) limit.
final class RingSemiclassicsTests: XCTestCase {
  static func crown(spins: [Double], j: Double, h: Double, latitude: Double) throws -> ExactRingModel {
    let n = spins.count, th = latitude * Double.pi / 180
    let fields = (0..<n).map { h * Vector3.spherical(theta: th, phi: -2 * Double.pi * Double($0) / Double(n)) }
    return try ExactRingModel(spins: spins, exchange: j, fields: fields)
  }

  /// T = 0 ED jᶻ (operator on the ground manifold).
  static func edCurrent(_ model: ExactRingModel) throws -> Double {
    let ed = try ExactSpectrum(model: model)
    return ed.average(try ed.diagonal(model.bondCurrent(0, along: Vector3(0, 0, 1)), onlyWeighted: 0), temperature: 0)
  }

  func testUniformFerromagnetEqualsCrownSemiclassics() throws {
    // N = 8, S = 1, J = 10 K, 3 T at g = 2, latitude 55° (a stable crown). Classical: both closed forms on
    // textures converged to 1e-13 relative → 1e-12 relative. LSWT: the same 5-point stencil (h = 1e-4) on both
    // sides, so the truncation error O(h⁴) cancels; what remains is roundoff ≈ 1e-16·|F₂|·(18/12)/(N h) ≈ 1e-10 K
    // for |F₂| ≲ 500 K (T = 20 K) — measured ≤ 7e-11 K; asserted 1e-9 K. Gap: same eigenvalues, 1e-10 K.
    let p = CrownRing(spins: 8, spinLength: 1, exchange: 10, fieldTesla: 3, g: 2, latitudeDegrees: 55)
    let model = try Self.crown(spins: Array(repeating: 1, count: 8), j: 10, h: p.zeemanKelvin, latitude: 55)
    let general = try RingSemiclassics(model: model)
    let crown = try CrownSemiclassics(
      spins: 8, spin: 1, exchange: 10, zeeman: p.zeemanKelvin, fieldLatitude: p.latitude)
    XCTAssertTrue(general.isStableMinimum)
    XCTAssertEqual(general.classicalCurrent, crown.classicalCurrent, accuracy: 1e-12 * crown.classicalCurrent)
    // Hellmann–Feynman = finite difference of E_cl on the continued textures: stencil roundoff
    // 1e-16·|E_cl|(≈ 80 K)·1.5/(N h) ≈ 2e-11 K (measured 8e-11 K); asserted 1e-9 K.
    XCTAssertEqual(try general.classicalTwistCurrent(), general.classicalCurrent, accuracy: 1e-9)
    let temps = [0.0, 5, 20]
    for anomalous in [true, false] {
      let a = try general.currents(temperatures: temps, anomalous: anomalous)
      for (t, x) in zip(temps, a) {
        let b = try crown.current(temperature: t, anomalous: anomalous)
        XCTAssertEqual(x.total, b.total, accuracy: 1e-9, "T = \(t), anomalous \(anomalous)")
        XCTAssertEqual(x.thermal, b.thermal, accuracy: 1e-9, "T = \(t), anomalous \(anomalous)")
      }
      XCTAssertEqual(try general.gap(anomalous: anomalous), try crown.gap(anomalous: anomalous), accuracy: 1e-10)
    }
    XCTAssertGreaterThan(abs(try general.currents(temperatures: [0])[0].total - general.classicalCurrent), 1e-3)
    // Starting from given ground-state directions (no search) gives the same route: 1e-10 K (same texture to
    // the Newton tolerance, the same stencil).
    let again = try RingSemiclassics(model: model, groundState: general.texture.directions)
    XCTAssertTrue(again.isStableMinimum)
    XCTAssertEqual(
      try again.currents(temperatures: [5])[0].total, try general.currents(temperatures: [5])[0].total, accuracy: 1e-10)
  }

  /// (|ED − cl|, |ED − cl − LSWT|) for `spins` at fixed h/S, J < 0 or > 0.
  static func deviations(_ spins: [Double], j: Double, h: Double, latitude: Double) throws -> (Double, Double) {
    let model = try crown(spins: spins, j: j, h: h, latitude: latitude)
    let semi = try RingSemiclassics(model: model)
    XCTAssertTrue(semi.isStableMinimum)
    XCTAssertGreaterThan(try semi.gap(), 0.1 * abs(j) * spins[0], "\(spins): the texture must be gapped")
    let ed = try edCurrent(model), cl = semi.classicalCurrent, lswt = try semi.spinWaveCurrents(temperatures: [0])[0]
    return (abs(ed - cl), abs(ed - cl - lswt))
  }

  func testAntiferromagnetEDApproachesClassicalPlusSpinWaves() throws {
    // N = 4, J = −1 K, |h| = 3|J|S (the texture is S-independent), latitude 45°: no U(1) symmetry (latitude
    // ≠ 0, 180°), the classical minimum is strict and the LSWT gap is ≈ 1.46|J|S. Measured |ED − cl|/|cl| =
    // 0.069, 0.031, 0.020 (≈ 0.06/S) and |ED − cl − LSWT|/|cl| = 0.0115, 0.0025, 0.0010 (≈ 0.01/S²) at S = 1, 2, 3.
    // Asserted on S = 1, 3/2, 2: LSWT improves on the classical value (ratio < 0.25), and the ratio
    // |ED − cl − LSWT| / |ED − cl| falls with S (a 1/S law; if LSWT captured nothing it would stay ≈ 1).
    var ratios: [Double] = []
    for s in [1.0, 1.5, 2] {
      let (r1, r2) = try Self.deviations(Array(repeating: s, count: 4), j: -1, h: 3 * s, latitude: 45)
      XCTAssertLessThan(r2, 0.25 * r1, "S = \(s)")
      ratios.append(r2 / r1)
    }
    XCTAssertLessThan(ratios[1], ratios[0], "\(ratios)")
    XCTAssertLessThan(ratios[2], ratios[1], "\(ratios)")
  }

  func testFerrimagnetEDApproachesClassicalPlusSpinWaves() throws {
    // N = 4, J = −1 K, S_B = 2S_A, |h| = |J|S_A, latitude 60°: a strict classical minimum (no U(1) symmetry),
    // net moment (S_B − S_A) per cell. Measured |ED − cl| = 0.031, 0.083, 0.139 K and |ED − cl − LSWT| = 0.025,
    // 0.029, 0.028 K at S_A = ½, 1, 3/2 (ratios 0.81, 0.35, 0.20). Asserted: LSWT always improves, the
    // ratio falls with S, and the improvement is at least 3× at S_A = 3/2.
    var ratios: [Double] = []
    for s in [0.5, 1, 1.5] {
      let (r1, r2) = try Self.deviations([s, 2 * s, s, 2 * s], j: -1, h: s, latitude: 60)
      XCTAssertLessThan(r2, r1, "S_A = \(s)")
      ratios.append(r2 / r1)
    }
    XCTAssertLessThan(ratios[1], ratios[0], "\(ratios)")
    XCTAssertLessThan(ratios[2], ratios[1], "\(ratios)")
    XCTAssertLessThan(ratios[2], 1.0 / 3, "\(ratios)")
  }

  func testHighTemperatureLimitIsEquipartitionOfTheBosonicDeterminant() throws {
    // T ≫ ε: T ln(1 − e^{−ε/T}) = T ln(ε/T) − ε/2 + ε²/(24T) − ε⁴/(2880T³) + …, and Π_k ε_k² = det M
    // (T†MT = diag(ε, ε), |det T| = 1), so F₂ → (T/2) ln det M − ½TrA − NT ln T and
    //     jᶻ_LSWT = slope·T + constant + c₁/T + c₃/T³ + …,
    //     slope = −(1/2N) d ln det M/dδ,  constant = (1/2N) dTrA/dδ,
    // evaluated here by Cholesky of M (no Colpa eigenvalues, no free energy). The linear growth with T is the
    // harmonic (classical-equipartition) limit of LSWT — unlike ED, whose current → 0.
    //
    // The residual r = jᶻ − slope·T − constant is c₁/T: the test checks r·T is constant. Where it is checked
    // matters: at T = 1e4 K, r ≈ 1e−6 K is the size of the stencil's rounding of F₂ ≈ −5e5 K (ε·|F|/h), so any
    // change of BLAS kernel moves it. At T = 50 and 100 K it is 10³–10⁶ × the rounding (asserted below, from
    // the same estimate), and the next term c₃/T² is at most ε_max²/(60T²) ≈ 8e−5 of c₁ (d(ε⁴) = 2ε² d(ε²) per
    // mode, ε_max ≈ 3.4 K). Measured r·T (AFM, ferrimagnet): 0.26719, 0.020319 K² at both temperatures, equal
    // to 3e−5 relative; asserted to 1e−3, above both the truncation and the rounding.
    for (spins, j, h, lat) in [([1.0, 1, 1, 1], -1.0, 3.0, 45.0), ([1.0, 2, 1, 2], -1.0, 1.0, 60.0)] {
      let semi = try RingSemiclassics(model: try Self.crown(spins: spins, j: j, h: h, latitude: lat))
      let waves = try semi.stencilSpinWaves()
      func logDet(_ m: ComplexMatrix) throws -> Double {
        let k = try m.choleskyUpper()
        return (0..<m.rows).reduce(0.0) { $0 + 2 * log(k[$1, $1].real) }
      }
      let step = RingSemiclassics.twistStep, n = Double(spins.count)
      func d(_ f: [Double]) -> Double { (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * step) }
      let slope = -d(try waves.map { try logDet($0.bosonicMatrix) }) / (2 * n)
      let constant = d(waves.map(\.traceA)) / (2 * n)
      XCTAssertGreaterThan(abs(constant), 5e-3, "the constant term must be resolved")
      XCTAssertGreaterThan(abs(slope), 1e-5, "the linear term must be resolved")
      var scaled: [Double] = []
      for t in [50.0, 100] {
        let lswt = try semi.spinWaveCurrents(temperatures: [t])[0], residual = lswt - slope * t - constant
        // Rounding of the five-point stencil: 18 values' worth of ε·|F₂| over 12h, per site.
        let largestF = waves.map { abs($0.freeEnergy(temperature: t)) }.max()!
        let rounding = 18 * largestF * Double.ulpOfOne / (12 * step * n)
        XCTAssertGreaterThan(abs(residual), 1e3 * rounding, "\(spins), T = \(t) K: residual at the rounding level")
        XCTAssertLessThan(abs(residual), 1e-3 * abs(lswt), "\(spins), T = \(t) K: not the leading behaviour")
        scaled.append(residual * t)
      }
      XCTAssertEqual(scaled[1], scaled[0], accuracy: 1e-3 * abs(scaled[0]), "residual·T must be constant: \(scaled)")
    }
  }

  func testGoldstoneModeOfTheAxialFieldIsReportedWithItsEigenvalue() throws {
    // Latitude 0: the field is along z, H has U(1) symmetry about z, the canted AFM has a zero mode; the
    // classical current is still defined (0 by symmetry), LSWT throws naming the mode and M's eigenvalue.
    let semi = try RingSemiclassics(model: try Self.crown(spins: [1, 1, 1, 1], j: -1, h: 1, latitude: 0))
    XCTAssertEqual(semi.classicalCurrent, 0, accuracy: 1e-12)
    XCTAssertThrowsError(try semi.spinWaveCurrents(temperatures: [0])) { error in
      guard case SpinWaveError.unstableMode(let mode, let eigenvalue) = error else {
        return XCTFail("expected unstableMode, got \(error)")
      }
      XCTAssertTrue(mode.contains("Goldstone"), mode)
      XCTAssertLessThan(eigenvalue, 1e-9)
    }
  }
}
