@testable import Diagnostics
import Foundation
@testable import LinearAlgebra
@testable import SpinWaves
import XCTest

/// FTLM (random vectors + exact low states per screw sector) against full ED where ED is cheap.
///
/// Tolerance: 4 jackknife standard errors (+1e-10 K for rounding). The sampling is seeded, so each
/// comparison is deterministic; for a Gaussian estimator a 4σ excursion has probability 6e-5, so a
/// biased estimator (wrong weights, a missing sector, a wrong operator projection) fails while an
/// honest one passes with room. Each test also requires the error to be below 5 % of the quantity's scale
/// (the comparison is not empty) and non-zero at T > 0 (the spread is really measured).
final class FiniteTemperatureLanczosTests: XCTestCase {
  static let cases: [(String, ExactCrownRing)] = [
    ("S=1 N=6", ExactCrownRing(spins: 6, spinA: 1, exchange: 1, fieldTesla: 0.6, latitudeDegrees: 45)),
    ("S=3/2 N=4", ExactCrownRing(spins: 4, spinA: 1.5, exchange: 1, fieldTesla: 0.8, latitudeDegrees: 60)),
  ]

  static func jz(_ model: ExactRingModel) -> SpinOperatorSum { model.bondCurrent(0, along: Vector3(0, 0, 1)) }

  func testThermalAveragesAgreeWithFullDiagonalisationWithinFourStandardErrors() throws {
    for (name, crown) in Self.cases {
      let model = try crown.model()
      let ed = try ExactSpectrum(model: model)
      let jz = try ed.diagonal(Self.jz(model))
      let ftlm = try FiniteTemperatureLanczos(
        model: model, operators: [Self.jz(model)],
        settings: .init(randomVectors: 12, lanczosSteps: 60, exactStates: 3, seed: 7))
      XCTAssertTrue(ftlm.warnings.isEmpty, "\(name): \(ftlm.warnings)")
      for t in [0.3, 0.7, 1.5, 4.0] {
        let f = ftlm.thermal(temperature: t)
        let exact = ed.thermodynamics(temperature: t)
        let current = ed.average(jz, temperature: t)
        // Scales against which the error must be small: |E|, C (≥ 0.01), |F|, and J S² for jᶻ (its
        // natural size; the current itself → 0 as T → ∞ while the random-vector noise does not).
        let js2 = crown.exchange * crown.spinA * crown.spinA
        for (what, value, error, reference, scale) in [
          ("E", f.energy, f.energyError, exact.energy, abs(exact.energy)),
          ("C", f.specificHeat, f.specificHeatError, exact.specificHeat, max(exact.specificHeat, 1e-2)),
          ("F", f.freeEnergy, f.freeEnergyError, exact.freeEnergy, abs(exact.freeEnergy)),
          ("jz", f.expectations[0], f.expectationErrors[0], current, js2),
        ] {
          XCTAssertGreaterThan(error, 0, "\(name) \(what) T = \(t): the spread must be measured")
          XCTAssertLessThan(error, 0.05 * scale, "\(name) \(what) T = \(t): error too large to test")
          XCTAssertEqual(value, reference, accuracy: 4 * error + 1e-10, "\(name) \(what) T = \(t)")
        }
      }
    }
  }

  func testStandardErrorFallsLikeOneOverRootR() throws {
    // Independent samples: the error at 4R is half the error at R. Averaged over E and jᶻ at three
    // temperatures (the jackknife error of one quantity from 8 samples is itself uncertain by ≈ 25 %),
    // the ratio must lie in [0.3, 0.75]. Correlated random vectors (e.g. shifted copies of one RNG
    // stream) keep the ratio near 1 and fail here.
    let model = try Self.cases[0].1.model()
    func meanError(_ r: Int) throws -> Double {
      let f = try FiniteTemperatureLanczos(
        model: model, operators: [Self.jz(model)], settings: .init(randomVectors: r, lanczosSteps: 60, seed: 3))
      let values = [0.7, 1.5, 4.0].flatMap { t -> [Double] in
        let th = f.thermal(temperature: t)
        return [th.energyError / abs(th.energy), th.expectationErrors[0]]
      }
      return values.reduce(0, +) / Double(values.count)
    }
    let ratio = try meanError(32) / meanError(8)
    XCTAssertGreaterThan(ratio, 0.3)
    XCTAssertLessThan(ratio, 0.75)
  }

  func testZeroTemperatureIsTheExactGroundState() throws {
    // The lowest states come from fully reorthogonalised Lanczos (residual ≤ 1e-11 relative): E_0 and
    // ⟨jᶻ⟩ on the ground manifold carry errors O(residual) ≪ 1e-8 K, with no statistical part.
    for (name, crown) in Self.cases {
      let model = try crown.model()
      let ed = try ExactSpectrum(model: model)
      let ftlm = try FiniteTemperatureLanczos(
        model: model, operators: [Self.jz(model)], settings: .init(randomVectors: 2, lanczosSteps: 20))
      let f = ftlm.thermal(temperature: 0)
      XCTAssertEqual(f.energy, ed.groundEnergy, accuracy: 1e-8, name)
      XCTAssertEqual(ftlm.groundEnergy, ed.groundEnergy, accuracy: 1e-8, name)
      XCTAssertEqual(ftlm.gap, ed.gap, accuracy: 1e-8, name)
      let current = ed.average(try ed.diagonal(Self.jz(model), onlyWeighted: 0), temperature: 0)
      XCTAssertGreaterThan(abs(current), 1e-3, "\(name): a vanishing current would make this test empty")
      XCTAssertEqual(f.expectations[0], current, accuracy: 1e-8, name)
      XCTAssertEqual(f.expectationErrors[0], 0, name)
      // Low T, where the sampled complement has weight e^{−gap'/T} ≲ 1e-30: still exact.
      let cold = ed.gap / 80
      let g = ftlm.thermal(temperature: cold)
      XCTAssertEqual(g.energy, ed.thermodynamics(temperature: cold).energy, accuracy: 1e-8, name)
    }
  }

  func testHighTemperatureEnergyIsTheTraceOverTheDimension() throws {
    // T = 1e4 K ≫ ‖H‖ ≈ 10 K: ⟨H⟩ → Tr H / D (= 0 for spin operators; from the ED levels here), and the
    // FTLM estimate of it is a pure random-vector trace estimate, so 4σ applies.
    let (name, crown) = Self.cases[0]
    let model = try crown.model()
    let levels = try ExactSpectrum(model: model, computeVectors: false).energies
    let trace = levels.reduce(0, +) / Double(levels.count)
    XCTAssertEqual(trace, 0, accuracy: 1e-9, "spin operators are traceless")
    let ftlm = try FiniteTemperatureLanczos(
      model: model, operators: [], settings: .init(randomVectors: 12, lanczosSteps: 30, seed: 11))
    let f = ftlm.thermal(temperature: 1e4)
    XCTAssertGreaterThan(f.energyError, 0, name)
    XCTAssertEqual(f.energy, trace, accuracy: 4 * f.energyError, name)
  }

  func testBadSettingsAreRefusedByName() throws {
    let model = try Self.cases[0].1.model()
    XCTAssertThrowsError(
      try FiniteTemperatureLanczos(model: model, operators: [], settings: .init(randomVectors: 1))
    ) { error in
      XCTAssertTrue("\(error)".contains("ftlm_vectors"), "\(error)")
    }
    XCTAssertThrowsError(
      try FiniteTemperatureLanczos(model: model, operators: [], settings: .init(lanczosSteps: 0))
    ) { error in
      XCTAssertTrue("\(error)".contains("ftlm_steps"), "\(error)")
    }
  }
}
