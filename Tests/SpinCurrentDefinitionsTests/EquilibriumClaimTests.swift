@testable import LinearAlgebra
import Numerics
@testable import SpinCurrentDefinitions
import XCTest

/// Seed 001's claims (Eqs. 8–11) on a Rashba chain and a 2D Rashba patch.
///
/// Tolerance 1e−10 relative to the largest |⟨n|j|n⟩| (the choice): ⟨n|J|n⟩ is a
/// cancellation of terms of size |E_n|·max|x| ≈ 2·17, so rounding leaves ~1e−14 of the scale.
final class EquilibriumClaimTests: XCTestCase {
  let occupations: [Occupation] = [
    .grandCanonical(mu: -0.5, temperature: 0), .grandCanonical(mu: 0, temperature: 0),
    .grandCanonical(mu: 0.7, temperature: 300), .grandCanonical(mu: -1.3, temperature: 3000),
    .fixedCount(particles: 11, temperature: 0), .fixedCount(particles: 20, temperature: 500),
  ]

  func testShiCurrentVanishesInEveryEigenstate() throws {
    for lattice in [Fixture.chain, Fixture.patch] {
      let f = try Fixture.setup(lattice)
      let scale = try f.spectrum.stateExpectations(of: f.ops.bare).map(abs).max()!
      XCTAssertGreaterThan(scale, 0.1, "eigenstates carry bare spin current")
      let shi = try f.spectrum.stateExpectations(of: f.ops.shi)
      XCTAssertLessThan(shi.map(abs).max()!, 1e-10 * scale)
    }
  }

  func testEquations9To11AtSeveralOccupations() throws {
    for lattice in [Fixture.chain, Fixture.patch] {
      for occupation in occupations {
        let check = try DefinitionsCheck.run(lattice, occupation: occupation)
        let scale = check.bareScale
        let j = check.row("bare")!.thermalValue
        let shi = check.row("shi")!.thermalValue
        let label = check.row("label")!.thermalValue
        let tx = check.row("torque_position")!.thermalValue
        XCTAssertEqual(shi, 0, accuracy: 1e-10 * scale, "Eq. 9 \(occupation)")
        XCTAssertEqual(j, -tx, accuracy: 1e-10 * scale, "Eq. 10 \(occupation)")
        XCTAssertEqual(label, -2 * tx, accuracy: 1e-10 * scale, "Eq. 11 \(occupation)")
        XCTAssertLessThan(check.row("shi")!.maxEigenstateAbs, 1e-10 * scale)
      }
    }
  }

  func testBareCurrentPersistsInEquilibrium() throws {
    // Not a vacuous 0 = 0: the generic chain carries a finite equilibrium bare spin current
    // (0.068 eV·a at half filling, values from an independent NumPy check, here only |j| > 0.01).
    for mu in [-0.5, 0.0] {
      let check = try DefinitionsCheck.run(Fixture.chain, occupation: .grandCanonical(mu: mu, temperature: 0))
      XCTAssertGreaterThan(abs(check.row("bare")!.thermalValue), 0.01, "μ = \(mu)")
    }
  }

  func testBareCurrentIsFirstOrderInSpinOrbitCoupling() throws {
    // ⟨j⟩_T(α) = c₁α + O(α²): doubling a small α doubles it (to 1 %, the O(α) correction
    // being ~ α·c₂/c₁ ≈ 1e−3 here). T = 1000 K smooths the level occupations.
    func j(_ alpha: Double) throws -> Double {
      var l = Fixture.chain
      l.rashba = alpha
      return try DefinitionsCheck.run(l, occupation: .grandCanonical(mu: -0.5, temperature: 1000)).row("bare")!
        .thermalValue
    }
    let a = try j(1e-3)
    let b = try j(2e-3)
    XCTAssertGreaterThan(abs(a), 1e-5)
    XCTAssertEqual(b / a, 2, accuracy: 0.02)
  }

  func testWithoutSpinOrbitAllThreeVanishInEquilibrium() throws {
    // α = 0: orbital eigenstates are real, ⟨k|v|k⟩ = 0, so j, J, 𝒥 and ½{τ,X} all vanish
    // thermally, for B ∥ z (τ = 0) and for the tilted default field (τ ≠ 0 from Zeeman).
    for polar in [0.0, Double.pi / 4] {
      let l = SpinOrbitLattice(geometry: .chain(sites: 12), rashba: 0, zeeman: 0.4, zeemanPolar: polar)
      for occupation in occupations.prefix(4) {
        let check = try DefinitionsCheck.run(l, occupation: occupation)
        for row in check.rows {
          XCTAssertEqual(row.thermalValue, 0, accuracy: 1e-12, "\(row.definition) θ_B = \(polar)")
        }
      }
    }
  }

  func testThermalTorqueVanishes() throws {
    // ⟨τ⟩_T = Tr(f(H) i[H, σ_z]) = 0, so ⟨½{τ, X}⟩_T does not depend on the origin of x.
    let f = try Fixture.setup(Fixture.patch, .grandCanonical(mu: 0.3, temperature: 300))
    XCTAssertEqual(try f.spectrum.thermal(of: f.ops.torque, weights: f.weights), 0, accuracy: 1e-12)
  }

  func testOccupations() throws {
    let levels = [-1.0, -0.5, -0.5, 0.2, 0.9]
    // μ on a degenerate level at T = 0: both states get ½.
    XCTAssertEqual(
      try Occupation.grandCanonical(mu: -0.5, temperature: 0).weights(levels).weights, [1, 0.5, 0.5, 0, 0])
    // Two particles, open shell: the level at −0.5 holds 1 of 2.
    let open = try Occupation.fixedCount(particles: 2, temperature: 0).weights(levels)
    XCTAssertEqual(open.weights, [1, 0.5, 0.5, 0, 0])
    XCTAssertEqual(open.warnings.count, 1)
    // T > 0: μ is solved so that Σ f = N (bisection to ~1e−14 in μ).
    let thermal = try Occupation.fixedCount(particles: 3, temperature: 800).weights(levels)
    XCTAssertEqual(thermal.weights.reduce(0, +), 3, accuracy: 1e-9)
    XCTAssertThrowsError(try Occupation.fixedCount(particles: 6, temperature: 0).weights(levels))
    XCTAssertThrowsError(try Occupation.grandCanonical(mu: 0, temperature: -1).weights(levels))
  }
}
