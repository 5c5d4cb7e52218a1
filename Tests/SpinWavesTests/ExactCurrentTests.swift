import Foundation
@testable import LinearAlgebra
import Numerics
@testable import SpinWaves
import XCTest

/// Exact spin currents: operator vs twist route, continuity as an operator identity, T → ∞.
final class ExactCurrentTests: XCTestCase {
  static let crown = ExactCrownRing(spins: 5, spinA: 1, exchange: 2, fieldTesla: 1.5, latitudeDegrees: 50)

  func testOperatorCurrentEqualsTwistDerivative() throws {
    // jᶻ = −J⟨(S_0 × S_1)ᶻ⟩ against −(1/N)∂F/∂δ (5-point, step 1e-3: truncation ~1e-13·F⁽⁵⁾, rounding
    // ~1e-15·|F|/1e-3 ≈ 1e-11 K here): 1e-7 relative leaves room for both on currents of 0.01–1 K.
    let cases: [(String, ExactRingModel)] = [
      ("FM crown N=5 S=1", try Self.crown.model()),
      (
        "FM crown N=6 S=1/2",
        try ExactCrownRing(spins: 6, spinA: 0.5, exchange: 1, fieldTesla: 0.9, latitudeDegrees: 35).model()
      ),
      (
        "AFM N=4 S=1",
        try ExactCrownRing(spins: 4, spinA: 1, exchange: -1, fieldTesla: 1.2, latitudeDegrees: 60).model()
      ),
      (
        "ferri N=4",
        try ExactCrownRing(spins: 4, spinA: 0.5, spinB: 1.5, exchange: -1, fieldTesla: 0.8, latitudeDegrees: 50)
          .model()
      ),
    ]
    for (name, model) in cases {
      let ed = try ExactSpectrum(model: model)
      for t in [0.0, 0.3, 2.0] {
        if t == 0 && ed.groundDegeneracy > 1 { continue }  // E_0(δ) has a kink at a level crossing
        let op = try ed.observables(temperature: t).current.z
        let (twist, warning) = try ExactSpectrum.twistCurrent(model: model, temperature: t)
        XCTAssertNil(warning)
        XCTAssertGreaterThan(abs(op), 1e-3, "\(name): a vanishing current would make this test empty")
        XCTAssertEqual(twist, op, accuracy: 1e-7 * abs(op), "\(name) T = \(t)")
      }
    }
  }

  func testContinuityHoldsAsAnOperatorEquation() throws {
    // i[H, S_i] = −(j_i − j_{i−1}) + S_i × h_i with j_i = −J S_i × S_{i+1}, as dense matrices, every
    // component and site: 1e-12 relative to the largest entry (pure rounding of a sum of products).
    let cases = [
      try Self.crown.model(),
      try ExactCrownRing(spins: 4, spinA: 0.5, spinB: 1, exchange: -1.5, fieldTesla: 2, latitudeDegrees: 70)
        .model(),
      try ExactCrownRing(spins: 3, spinA: 1.5, exchange: 1, fieldTesla: 1, latitudeDegrees: 20).model().twisted(
        0),
    ]
    for model in cases {
      let basis = try model.basis(), n = model.siteCount
      let h = model.hamiltonian.denseMatrix(basis)
      let axes = [Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)]
      for i in 0..<n {
        for e in axes {
          var s = SpinOperatorSum()
          s.add(site: i, e)
          let si = s.denseMatrix(basis)
          let commutator = try Matrix.product(h, .none, si, .none) - Matrix.product(si, .none, h, .none)
          var rhs = SpinOperatorSum()
          rhs = rhs + model.bondCurrent(i, along: e).scaled(-1) + model.bondCurrent((i + n - 1) % n, along: e)
          rhs.add(site: i, model.fields[i].cross(e))  // (S × h)·e = S·(h × e)
          var difference = rhs.denseMatrix(basis)
          for k in difference.elements.indices {
            difference.elements[k] = difference.elements[k] - Complex(0, 1) * commutator.elements[k]
          }
          XCTAssertLessThan(difference.maxAbs, 1e-12 * max(1, h.maxAbs), "site \(i), axis \(e)")
          XCTAssertGreaterThan(rhs.denseMatrix(basis).maxAbs, 0.1)
        }
      }
    }
  }

  func testCurrentsVanishAtInfiniteTemperatureAsTheHighTemperatureSeries() throws {
    // With Tr j = Tr(jH) = 0 (checked), ⟨j⟩ = Tr(j H²)/(2D T²) + O(T⁻³): T²·⟨j⟩ by ED at T = 2e4 K must
    // equal Tr(jH²)/(2D) from dense matrices (independent route) to 1e-3 relative (next term O(‖H‖/T)).
    let model = try Self.crown.model()
    let ed = try ExactSpectrum(model: model)
    let basis = try model.basis()
    let h = model.hamiltonian.denseMatrix(basis)
    let h2 = try Matrix.product(h, .none, h, .none)
    for axis in [Vector3(0, 0, 1), Vector3(1, 0, 0)] {
      let j = model.bondCurrent(0, along: axis).denseMatrix(basis)
      let jh = try Matrix.product(j, .none, h, .none), jh2 = try Matrix.product(j, .none, h2, .none)
      var t0 = 0.0, t1 = 0.0, t2 = 0.0
      for k in 0..<basis.dimension { t0 += j[k, k].real; t1 += jh[k, k].real; t2 += jh2[k, k].real }
      let d = Double(basis.dimension)
      XCTAssertEqual(t0 / d, 0, accuracy: 1e-12)
      XCTAssertEqual(t1 / d, 0, accuracy: 1e-12)
      let series = t2 / (2 * d)
      XCTAssertGreaterThan(abs(series), 1e-3)
      var previous = Double.infinity
      for t in [2.0, 20, 200, 2e4] {
        let value = try ed.expectation(model.bondCurrent(0, along: axis), temperature: t)
        XCTAssertLessThan(abs(value), previous)  // decreasing towards 0
        previous = abs(value)
        if t == 2e4 { XCTAssertEqual(value * t * t, series, accuracy: 1e-3 * abs(series)) }
      }
    }
  }

  func testClassicalCrownCurrentFormulaMatchesTheIssue() throws {
    // jᶻ_cl = J S² sin²ϑ_m sin(2π/N): 0.69 K at N = 100, S = ½, J = 100 K, ϑ_m = arccos(3/4)
    // (the issue's number; our sign is + for the clockwise numbering, current along i → i+1).
    let thetaM = acos(0.75)
    let value = 100 * 0.25 * pow(sin(thetaM), 2) * sin(2 * Double.pi / 100)
    XCTAssertEqual(value, 0.69, accuracy: 0.005)
    // And the closed form equals −(1/N)∂E_cl/∂δ by finite differences of the classical energy.
    let sc = try CrownSemiclassics(spins: 100, spin: 0.5, exchange: 100, zeeman: 0.2, fieldLatitude: 0.7)
    let d = 1e-4
    let fd = -(sc.classicalEnergy(twist: d) - sc.classicalEnergy(twist: -d)) / (2 * d) / 100
    XCTAssertEqual(fd, sc.classicalCurrent, accuracy: 1e-6 * sc.classicalCurrent)
  }
}
