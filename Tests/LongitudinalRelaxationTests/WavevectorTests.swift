@testable import Diagnostics
@testable import LongitudinalRelaxation
import Numerics
import XCTest

/// k(ω) at real frequency, e^{−iωt}: roots of det(Γ(k) + iω𝟙) = 0 (Eq. 41, corrected Eq. 44),
/// the limits Eqs. 42–43, and the time-convention correction of the printed Eq. 44.
final class WavevectorTests: XCTestCase {
  let omegas = [-7.0, -0.3, 1e-6, 1e-3, 0.05, 0.3, 1.0, 2.0, 10.0, 1e3]

  /// Both roots ±k satisfy the e^{−iωt} dispersion to 1e−12 (scaled by (r + w + |D k²| + |ω|)²,
  /// so the determinant's rounding, a few ε of that scale, passes with ~10³ margin).
  func testRootsSatisfyDispersion() throws {
    for xi in [0.0, 0.1, 0.3, 0.9, 1.0] {
      for (wm, wM) in [(0.0, 0.0), (0.05, 0.01), (0.05, 0.5), (1.3, 2.0)] {
        let model = try RelaxationModel(xi: xi, exchangeRate: 1.7, exchangeWavevector: 0.4, wm: wm * 1.7, wM: wM * 1.7)
        for w in omegas {
          let omega = w * 1.7
          let root = try model.wavevector(omega: omega)
          XCTAssertGreaterThanOrEqual(root.kRatio.imaginary, 0)
          for sign in [1.0, -1.0] {
            let k = root.kRatio * Complex(sign * 0.4)
            let residual = model.scaledDispersionResidual(wavevectorSquared: k * k, omega: omega)
            XCTAssertLessThanOrEqual(residual, 1e-12, "ξ=\(xi) wm=\(wm) wM=\(wM) ω=\(omega)")
          }
        }
      }
    }
  }

  /// Eq. 44 with i → −i reduces to Eq. 41 at w = 0 (same rational function: rounding only).
  func testCorrectedEquation44ReducesToEquation41() throws {
    for xi in [0.1, 0.3, 0.9] {
      let model = try RelaxationModel(xi: xi)
      for omega in omegas {
        let a = try model.wavevectorSquaredRatio(omega: omega),
          b = model.wavevectorSquaredRatioWithoutLatticeDecay(omega: omega)
        XCTAssertLessThanOrEqual((a - b).length, 1e-14 * max(1, b.length))
      }
    }
  }

  /// The printed Eq. 44 is the complex conjugate (e^{+iωt}): it solves det(Γ − iω𝟙) = 0 and
  /// fails det(Γ + iω𝟙) = 0 by O(1) — the reason the project uses i → −i.
  func testPrintedEquation44UsesTheOppositeTimeConvention() throws {
    let model = try RelaxationModel(xi: 0.3, wm: 0.05, wM: 0.2)
    for omega in [0.3, 1.0, 4.0] {
      let printed = model.printedEquation44(omega: omega), ours = try model.wavevectorSquaredRatio(omega: omega)
      XCTAssertLessThanOrEqual((printed - ours.conjugate).length, 1e-14 * ours.length)
      XCTAssertGreaterThan(model.scaledDispersionResidual(wavevectorSquared: printed, omega: omega), 1e-3)
      XCTAssertLessThanOrEqual(model.scaledDispersionResidual(wavevectorSquared: printed, omega: -omega), 1e-12)
    }
  }

  /// Eq. 42 (ω ≪ ξr): k²/k_M² → iω/(ξr). From Eq. 41 the relative deviation is
  /// |(1 − iω/r)/(1 − iω/(ξr)) − 1| ≈ (1 − ξ)ω/(ξr): ≤ 2ω/(ξr), and linear in ω (ratio 10
  /// between ω and ω/10 within 1%).
  func testLowFrequencyLimitEquation42() throws {
    for xi in [0.1, 0.3, 0.9] {
      let model = try RelaxationModel(xi: xi)
      var deviations: [Double] = []
      for omega in [1e-3 * xi, 1e-4 * xi] {
        let exact = try model.wavevectorSquaredRatio(omega: omega), limit = model.lowFrequencyLimit(omega: omega)
        let dev = (exact - limit).length / limit.length
        XCTAssertLessThanOrEqual(dev, 2 * omega / xi)
        deviations.append(dev)
      }
      XCTAssertEqual(deviations[0] / deviations[1], 10, accuracy: 0.1)
    }
  }

  /// Eq. 43 (ω ≫ r): k²/k_M² → iω/r; relative deviation ≈ (1 − ξ)r/ω: ≤ 2r/ω and ∝ 1/ω.
  func testHighFrequencyLimitEquation43() throws {
    for xi in [0.1, 0.3, 0.9] {
      let model = try RelaxationModel(xi: xi)
      var deviations: [Double] = []
      for omega in [1e3, 1e4] {
        let exact = try model.wavevectorSquaredRatio(omega: omega), limit = model.highFrequencyLimit(omega: omega)
        let dev = (exact - limit).length / limit.length
        XCTAssertLessThanOrEqual(dev, 2 / omega)
        deviations.append(dev)
      }
      XCTAssertEqual(deviations[0] / deviations[1], 10, accuracy: 0.1)
    }
  }

  /// With lattice decay, ω = 0 gives a purely decaying response: k²/k_M² real and negative,
  /// −w_m/r − w_M/(w_M(1 − ξ) + ξr), so k = i·κ.
  func testStaticResponseWithLatticeDecayIsPureDecay() throws {
    let model = try RelaxationModel(xi: 0.1, wm: 0.05, wM: 0.2)
    let root = try model.wavevector(omega: 0)
    let expected = -0.05 - 0.2 / (0.2 * 0.9 + 0.1)
    XCTAssertEqual(root.k2Ratio.real, expected, accuracy: 1e-15)
    XCTAssertEqual(root.k2Ratio.imaginary, 0, accuracy: 1e-15)
    XCTAssertEqual(root.kRatio.real, 0, accuracy: 1e-15)
    XCTAssertEqual(root.kRatio.imaginary, (-expected).squareRoot(), accuracy: 1e-15)
  }

  func testDegenerateStaticPointIsRejected() throws {
    let model = try RelaxationModel(xi: 0)
    XCTAssertThrowsError(try model.wavevector(omega: 0)) { XCTAssertEqual(($0 as? InvalidParameter)?.name, "omega_r") }
    XCTAssertThrowsError(try model.wavevector(omega: .infinity)) {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "omega_r")
    }
  }
}
