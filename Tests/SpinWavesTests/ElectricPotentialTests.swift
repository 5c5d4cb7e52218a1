@testable import LinearAlgebra
import Foundation
import PhysicalConstants
import XCTest

@testable import SpinWaves

/// Eq. 17: line integral, dipole limit, on-axis closed form, the paper's voltage estimate.
final class ElectricPotentialTests: XCTestCase {
  let thetaM = 30 * Double.pi / 180
  let radius = 100e-9 / (2 * Double.pi)  // L = 100 nm
  let current = 1e-10  // A·m²/s

  func testOnAxisIntegralMatchesClosedForm() throws {
    // Clockwise crown on the axis: φ(z) = (μ₀/4π) I_m 2πR (z sinϑ_m + R cosϑ_m)/(R² + z²)^{3/2}.
    let loop = try MagnetizationCurrentLoop(
      radius: radius, texture: .crown(latitude: thetaM), magnetizationCurrent: current)
    for z in [-3 * radius, -0.2 * radius, 0, 0.5 * radius, 10 * radius] {
      let exact =
        1e-7 * PhysicalConstants.vacuumPermeability / (4e-7 * Double.pi) * current * 2 * Double.pi * radius
        * (z * sin(thetaM) + radius * cos(thetaM)) / pow(radius * radius + z * z, 1.5)
      // 1e-12 relative: 64 segments × 8-point Gauss–Legendre on a smooth periodic integrand.
      XCTAssertEqual(loop.potential(at: Vector3(0, 0, z)), exact, accuracy: 1e-12 * abs(exact), "z = \(z)")
    }
  }

  func testFarFieldApproachesDipole() throws {
    let loop = try MagnetizationCurrentLoop(
      radius: radius, texture: .crown(latitude: thetaM), magnetizationCurrent: current)
    // p = +ẑ (I_m/c²) L sinϑ_m for the clockwise current.
    let c = PhysicalConstants.speedOfLight
    XCTAssertEqual(
      loop.dipoleMoment.z, current / (c * c) * 2 * Double.pi * radius * sin(thetaM),
      accuracy: 1e-14 * abs(loop.dipoleMoment.z))
    XCTAssertEqual(loop.dipoleMoment.x, 0, accuracy: 1e-14 * abs(loop.dipoleMoment.z))
    // Finding: the radial part cosϑ_m r̂ of dr′ × m̂ adds a quadrupole, relative size ≈ cotϑ_m R/r
    // (on the axis exactly: φ = (μ₀/4π) I_m 2πR (z sinϑ_m + R cosϑ_m)/(R²+z²)^{3/2}). So the issue's
    // "1e-3 at 50 R" holds for ϑ_m = 90° (no radial part; next term O((R/r)²) ≈ 4e-4); at ϑ_m = 30°
    // it needs r ≳ 2000 R (cot 30°/2000 = 8.7e-4). Both are asserted with 1e-3 relative.
    let flat = try MagnetizationCurrentLoop(
      radius: radius, texture: .crown(latitude: Double.pi / 2), magnetizationCurrent: current)
    for (subject, distance) in [(flat, 50.0), (loop, 2000.0)] {
      for direction in [Vector3(0, 0, 1), Vector3(0.6, 0, 0.8), Vector3(0.3, -0.5, 0.81).normalized, Vector3(0, 0, -1)]
      {
        let r = distance * radius * direction
        XCTAssertEqual(
          subject.potential(at: r), subject.dipolePotential(at: r), accuracy: 1e-3 * abs(subject.dipolePotential(at: r))
        )
      }
    }
    // …and at 50 R for ϑ_m = 30° the deviation is the quadrupole cotϑ_m R/z on the axis (to O((R/z)²)).
    let z = 50 * radius
    let relative = loop.potential(at: Vector3(0, 0, z)) / loop.dipolePotential(at: Vector3(0, 0, z)) - 1
    XCTAssertEqual(relative, radius / z / tan(thetaM), accuracy: 1e-3)
  }

  func testInterpolatedTextureConvergesToCrown() throws {
    // Slerp-interpolated site directions → the analytic crown as N grows (chord vs arc O(1/N²)).
    let crown = try MagnetizationCurrentLoop(
      radius: radius, texture: .crown(latitude: thetaM), magnetizationCurrent: current)
    let point = Vector3(0.7 * radius, 0.2 * radius, 0.4 * radius)
    var errors: [Double] = []
    for n in [25, 50, 100] {
      let loop = try MagnetizationCurrentLoop(
        radius: radius, texture: .sites(CrownTexture.directions(spins: n, latitude: thetaM)),
        magnetizationCurrent: current)
      errors.append(abs(loop.potential(at: point) - crown.potential(at: point)) / abs(crown.potential(at: point)))
    }
    XCTAssertGreaterThan(errors[0] / errors[1], 3)  // ≈ 4 for O(1/N²)
    XCTAssertGreaterThan(errors[1] / errors[2], 3)
  }

  func testPaperVoltageEstimate() throws {
    // Paper: U ≈ 0.5 nV (T/K)(L/nm)/(d/nm)² with I_m = gμ_B k_B T/ħ (g = 2, sinϑ_m = 1 in the
    // dipole formula), i.e. ≈ 0.3 nV for T = 60 K, d = L = 100 nm.
    let perKelvin = MagnonCurrent.magnetizationCurrent(spinCurrentKelvin: 1, g: 2)  // gμ_B k_B/ħ per K
    let unitLoop = try MagnetizationCurrentLoop(
      radius: 1e-9 / (2 * Double.pi), texture: .crown(latitude: Double.pi / 2), magnetizationCurrent: perKelvin)
    let coefficient = try unitLoop.axialVoltage(distance: 1e-9).dipole  // T = 1 K, L = d = 1 nm
    // "≈ 0.5 nV": the paper rounds; 0.486 nV is what the formula gives (stated tolerance 5 %).
    XCTAssertEqual(coefficient, 0.5e-9, accuracy: 0.05 * 0.5e-9)
    let loop = try MagnetizationCurrentLoop(
      radius: 100e-9 / (2 * Double.pi), texture: .crown(latitude: Double.pi / 2), magnetizationCurrent: 60 * perKelvin)
    let u = try loop.axialVoltage(distance: 100e-9)
    XCTAssertEqual(u.dipole, 0.3e-9, accuracy: 0.05 * 0.3e-9)  // 0.291 nV; "≈ 0.3 nV"
    // The exact integral at d = L = 100 nm = 2πR is smaller than the dipole value by
    // (1 + R²/d²)^{-3/2} = 0.963.
    XCTAssertEqual(u.exact / u.dipole, pow(1 + 1 / (4 * Double.pi * Double.pi), -1.5), accuracy: 1e-10)
  }
}
