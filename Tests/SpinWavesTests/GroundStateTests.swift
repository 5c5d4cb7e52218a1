@testable import LinearAlgebra
import Foundation
import XCTest

@testable import SpinWaves

/// Classical ground state: general solver vs Eq. 14, residual, Hessian, random textures.
final class GroundStateTests: XCTestCase {
  /// The paper's example ring at |h| = Δ (field 0.1 T scale), ϑ = 45°.
  let crown = CrownRing(spins: 100, spinLength: 0.5, exchange: 100, fieldTesla: 0.15, g: 2, latitudeDegrees: 45)

  func testGeneralSolverReproducesEq14ForCrown() throws {
    for (n, b, lat) in [(100, 0.15, 45.0), (20, 2.0, 70.0), (50, 0.5, 120.0)] {
      var p = crown
      p.spins = n
      p.fieldTesla = b
      p.latitudeDegrees = lat
      let ring = try p.ring()
      let result = try ClassicalGroundState.search(ring, randomStarts: 2)
      let best = result.best
      // Residual below 1e-12 K: Newton converges quadratically to rounding (|h_eff| ~ 50 K → ~1e-14 K).
      XCTAssertLessThan(best.residual, 1e-12, "N=\(n)")
      XCTAssertTrue(
        best.isStableMinimum,
        "N=\(n): smallest Hessian eigenvalue \(String(describing: best.smallestHessianEigenvalue))")
      let thetaM = CrownTexture.latitude(p)
      // Every site at the Eq. 14 latitude, to 1e-10 rad (the bisection is at machine precision;
      // the Newton solution is at residual 1e-14 K, i.e. angle error ≲ 1e-14/λ with λ ≳ 0.1 K).
      for m in best.texture.directions {
        XCTAssertEqual(acos(max(-1, min(1, m.z))), thetaM, accuracy: 1e-10, "N=\(n)")
      }
      // Radial: azimuth of m̂_i equals that of the field.
      for (i, m) in best.texture.directions.enumerated() {
        let phi = -2 * Double.pi * Double(i) / Double(n)
        XCTAssertEqual(m.x * sin(phi) - m.y * cos(phi), 0, accuracy: 1e-10)
      }
      // No other start found a lower energy.
      for c in result.candidates { XCTAssertGreaterThanOrEqual(c.energy, best.energy - 1e-9 * abs(best.energy)) }
    }
  }

  func testEq14IsStationarityOfRadialEnergy() {
    // Eq. 14 root: exchange pulls the spins towards the pole (ϑ_m < ϑ for ϑ < 90°).
    let t = CrownTexture.latitude(crown)
    XCTAssertLessThan(t, crown.latitude)
    let c = crown.exchange * crown.spinLength / crown.zeemanKelvin * (1 - cos(2 * Double.pi / 100))
    XCTAssertEqual(sin(t - crown.latitude), -c * sin(2 * t), accuracy: 1e-14)
  }

  func testRandomFieldTexturesConverge() throws {
    var rng = SplitMix64(seed: 42)
    for trial in 0..<4 {
      let n = 8 + trial * 3
      let fields = (0..<n).map { _ in
        (0.5 + 2 * rng.nextUnit())
          * Vector3.spherical(theta: acos(2 * rng.nextUnit() - 1), phi: 2 * Double.pi * rng.nextUnit())
      }
      let ring = try HeisenbergRing.ferromagnet(spinLength: 1, exchange: 1, fields: fields)
      let result = try ClassicalGroundState.search(ring, randomStarts: 3, seed: UInt64(trial + 7))
      // Same stated tolerance as the crown: fields and J are O(1) K here.
      XCTAssertLessThan(result.best.residual, 1e-12, "trial \(trial)")
      XCTAssertTrue(result.best.isStableMinimum, "trial \(trial)")
      XCTAssertTrue(result.warnings.isEmpty)
    }
  }

  func testHessianDetectsSaddle() throws {
    // All spins anti-parallel to a strong uniform field: stationary (residual 0) but a maximum.
    let fields = Array(repeating: Vector3(0, 0, 5), count: 6)
    let ring = try HeisenbergRing.ferromagnet(spinLength: 1, exchange: 1, fields: fields)
    let t = ClassicalTexture(ring: ring, directions: Array(repeating: Vector3(0, 0, -1), count: 6))
    XCTAssertEqual(t.residual, 0, accuracy: 1e-15)
    XCTAssertLessThan(try t.smallestHessianEigenvalue(), 0)
    // LSWT refuses it with the "not a stable minimum" error.
    XCTAssertThrowsError(try SpinWaveSpectrum(texture: t)) { error in
      XCTAssertTrue("\(error)".contains("not a stable minimum"), "\(error)")
    }
  }

  func testBadInputIsRejected() {
    XCTAssertThrowsError(
      try HeisenbergRing.ferromagnet(spinLength: 1, exchange: 1, fields: [Vector3(0, 0, 1), Vector3(0, 0, 1)]))
    var p = crown
    p.spinLength = 0
    XCTAssertThrowsError(try p.ring())
    p = crown
    p.exchange = .nan
    XCTAssertThrowsError(try p.ring())
  }
}
