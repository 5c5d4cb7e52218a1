@testable import LinearAlgebra
import Foundation
@testable import SpinWaves
import XCTest

/// ED against the 1/S expansion (classical crown + LSWT) for the same observable jᶻ.
final class ExactSemiclassicsTests: XCTestCase {
  /// N = 3 crown, J = 1 K, |h| = 2JS (ϑ_m independent of S), field latitude 50°, T = 0.
  static func point(_ s: Double) throws -> (ed: Double, edGap: Double, semi: CrownSemiclassics) {
    let n = 3, j = 1.0, h = 2 * j * s, lat = 50 * Double.pi / 180
    let fields = (0..<n).map { h * Vector3.spherical(theta: lat, phi: -2 * Double.pi * Double($0) / Double(n)) }
    let model = try ExactRingModel(spins: Array(repeating: s, count: n), exchange: j, fields: fields)
    let ed = try ExactSpectrum(model: model)
    XCTAssertEqual(ed.groundDegeneracy, 1)
    return (
      ed.average(try ed.diagonal(model.bondCurrent(0, along: Vector3(0, 0, 1)), onlyWeighted: 0), temperature: 0),
      ed.gap,
      try CrownSemiclassics(spins: n, spin: s, exchange: j, zeeman: h, fieldLatitude: lat)
    )
  }

  func testLargeSpinApproachesClassicalPlusSpinWavesWithTheExpectedPowersOfOneOverS() throws {
    // Measured (J = 1 K): (ED − cl)/cl = 6.9e-3, 2.9e-3, 1.4e-3, 1.1e-3 at S = 1, 2, 4, 5, i.e. S·rel ≈ 0.0054–0.0069;
    // (ED − cl − LSWT)/cl = 1.8e-3, 4.1e-4, 9.7e-5, 6.2e-5, i.e. S²·rel ≈ 0.0015–0.0018. Asserted: on S = 2, 3,
    // 4, 5 each scaled residual stays within ±15 % of its S = 5 value (a 1/S or 1/S² law; a wrong order
    // of the expansion would drift by a factor 1.5–2.5 over this range), and LSWT always improves on
    // the classical value. The magnon gap: |ED − LSWT|/gap·S within ±15 % too (gap error O(S⁰), gap O(S)).
    var scaled1: [Double] = [], scaled2: [Double] = [], scaledGap: [Double] = []
    for s in [2.0, 3, 4, 5] {
      let p = try Self.point(s)
      let cl = p.semi.classicalCurrent, sc = try p.semi.current(temperature: 0).total
      let r1 = abs(p.ed - cl) / cl, r2 = abs(p.ed - sc) / cl
      XCTAssertLessThan(r2, 0.25 * r1, "S = \(s): LSWT must improve on the classical current")
      scaled1.append(r1 * s)
      scaled2.append(r2 * s * s)
      let lswtGap = try p.semi.gap()
      scaledGap.append(abs(p.edGap - lswtGap) / lswtGap * s)
    }
    for series in [scaled1, scaled2, scaledGap] {
      for x in series { XCTAssertEqual(x, series.last!, accuracy: 0.15 * series.last!, "\(series)") }
    }
  }

  func testNumberConservingTruncationHasNoZeroPointCurrent() throws {
    // B = 0: no zero-point term, so at T = 0 the number-conserving LSWT adds exactly nothing to jᶻ_cl,
    // while the full (Colpa) LSWT does; at T > 0 both carry a thermal part.
    let p = try Self.point(1)
    XCTAssertEqual(try p.semi.current(temperature: 0, anomalous: false).total, p.semi.classicalCurrent, accuracy: 1e-12)
    XCTAssertGreaterThan(abs(try p.semi.spinWaveCurrent(temperature: 0)), 1e-4)
    XCTAssertGreaterThan(abs(try p.semi.current(temperature: 1, anomalous: false).thermal), 1e-4)
  }

  func testCrownMagnonsEqualGeneralColpaSpectrumOnTheSolvedTexture() throws {
    // Independent route: the general LSWT (SpinWaveSpectrum, 2N×2N Colpa on the texture found by the
    // general classical solver) against the momentum-space formulas. 1e-8 K: both dense-LAPACK-accurate;
    // the textures agree to the solver's residual (1e-13 relative).
    let p = CrownRing(spins: 8, spinLength: 1, exchange: 10, fieldTesla: 3, g: 2, latitudeDegrees: 55)
    let ring = try p.ring()
    let texture = try ClassicalGroundState.search(ring).best.texture
    let semi = try CrownSemiclassics(
      spins: 8, spin: 1, exchange: 10, zeeman: p.zeemanKelvin, fieldLatitude: p.latitude)
    XCTAssertEqual(acos(texture.directions[0].z), semi.thetaM, accuracy: 1e-9)
    for anomalous in [true, false] {
      let general = try SpinWaveSpectrum(texture: texture, anomalous: anomalous).energies
      let crown = try semi.magnons(anomalous: anomalous).energies.sorted()
      for (a, b) in zip(general, crown) { XCTAssertEqual(a, b, accuracy: 1e-8) }
    }
  }
}
