@testable import Diagnostics
@testable import LinearAlgebra
import Numerics
@testable import SpinCurrentDefinitions
@testable import TightBinding
import XCTest

/// Operator-level identities (docs/model-reference.md), exact up to rounding.
///
/// Tolerance 1e−12 absolute: every entry is a sum of at most a few products of entries of size
/// ≤ max(t, α, B)·max|x| ≈ 1 × 17; double rounding is ~1e−15 of that.
final class OperatorIdentityTests: XCTestCase {
  func testOtherSpinAxisUsesTheProductRoute() throws {
    // σ_y currents (matrix-product route; σ_y is the Rashba axis of the chain): identities, Eq. 8.
    let ops = try SpinCurrentOperators(try Fixture.chain.system(), axis: 1)
    XCTAssertLessThan(maxDifference(ops.shi, ops.bare + ops.torquePosition), 1e-12)
    let spectrum = try SpinCurrentExpectations(hamiltonian: ops.hamiltonian)
    let scale = try spectrum.stateExpectations(of: ops.bare).map(abs).max()!
    XCTAssertGreaterThan(scale, 0.1)
    XCTAssertLessThan(try spectrum.stateExpectations(of: ops.shi).map(abs).max()!, 1e-10 * scale)
  }

  func testRashbaHoppingMatrices() {
    let l = SpinOrbitLattice(geometry: .chain(sites: 3), hopping: 1.2, rashba: 0.3)
    let x = l.hoppingMatrix(dx: 1, dy: 0)  // −t − iα σ_y
    XCTAssertEqual(x, SpinMatrix.scalar(-1.2) + Complex(0, -0.3) * SpinMatrix.sigmaY)
    let y = l.hoppingMatrix(dx: 0, dy: 1)  // −t + iα σ_x
    XCTAssertEqual(y, SpinMatrix.scalar(-1.2) + Complex(0, 0.3) * SpinMatrix.sigmaX)
    // Reversed hop gives the adjoint (Hermitian H).
    XCTAssertEqual(l.hoppingMatrix(dx: -1, dy: 0), x.adjoint)
  }

  func testShiEqualsBarePlusTorqueDipoleChainAndPatch() throws {
    for lattice in [Fixture.chain, Fixture.patch] {
      let ops = try SpinCurrentOperators(try lattice.system())
      let half = Complex<Double>(0.5, 0)
      XCTAssertLessThan(maxDifference(ops.shi, ops.bare + ops.torquePosition), 1e-12)
      // Bond-by-bond v of TightBinding equals i[H, X] on open lattices.
      let vCommutator = Complex<Double>(0, 1) * ComplexMatrix.commutator(ops.hamiltonian, ops.position)
      XCTAssertLessThan(maxDifference(ops.velocity, vCommutator), 1e-12)
      // Bare current from the builder equals ½{σ_z, v} formed here.
      XCTAssertLessThan(maxDifference(ops.bare, half * ComplexMatrix.anticommutator(ops.spin, ops.velocity)), 1e-12)
      for m in [ops.bare, ops.shi, ops.label, ops.torque, ops.torquePosition] {
        XCTAssertLessThan(maxDifference(m, m.adjoint), 1e-12, "operators are Hermitian")
      }
      XCTAssertGreaterThan(ops.torque.maxAbs, 0.1, "SOC gives a torque")
      // The entrywise (diagonal σ_z, X) construction equals the matrix products.
      let i = Complex<Double>(0, 1)
      XCTAssertLessThan(maxDifference(ops.torque, i * ComplexMatrix.commutator(ops.hamiltonian, ops.spin)), 1e-12)
      XCTAssertLessThan(
        maxDifference(ops.shi, i * ComplexMatrix.commutator(ops.hamiltonian, ops.spin * ops.position)), 1e-12)
      XCTAssertLessThan(
        maxDifference(ops.torquePosition, half * ComplexMatrix.anticommutator(ops.torque, ops.position)), 1e-12)
    }
  }

  func testWithoutSpinOrbitAndFieldAlongZTheThreeCurrentsCoincide() throws {
    let l = SpinOrbitLattice(geometry: .chain(sites: 10), rashba: 0, zeeman: 0.4, zeemanPolar: 0)
    let ops = try SpinCurrentOperators(try l.system())
    XCTAssertEqual(ops.torque.maxAbs, 0, accuracy: 1e-14)
    XCTAssertLessThan(maxDifference(ops.shi, ops.bare), 1e-12)
    XCTAssertLessThan(maxDifference(ops.label, ops.bare), 1e-12)
  }

  func testLocalBondDecompositionSumsToTotal() throws {
    let f = try Fixture.setup(Fixture.chain)
    let rho = try f.spectrum.densityMatrix(weights: f.weights)
    for op in [f.ops.bare, f.ops.shi, f.ops.label, f.ops.torquePosition] {
      let local = SpinCurrentExpectations.local(of: op, density: rho)
      let total = try f.spectrum.thermal(of: op, weights: f.weights)
      // Sum of ~4·16 terms of size ≲ 10: rounding ≲ 1e−13.
      XCTAssertEqual(local.total, total, accuracy: 1e-12)
    }
    // The bare current lives on bonds only (v has no on-site block): one value per chain bond.
    let bare = SpinCurrentExpectations.local(of: f.ops.bare, density: rho)
    XCTAssertEqual(bare.bonds.count, 15)
    XCTAssertEqual(bare.sites.map(abs).max()!, 0, accuracy: 1e-15)
    XCTAssertTrue(bare.bonds.allSatisfy { $0.j == $0.i + 1 })
  }

  func testTwistedHamiltonianIsUnitarilyEquivalent() throws {
    let ops = try SpinCurrentOperators(try Fixture.patch.system())
    let e0 = try HermitianEigensystem(ops.hamiltonian, computeVectors: false).values
    let t = LSMTwist.twistedHamiltonian(ops.hamiltonian, spinDisplacement: ops.spinDisplacement, boost: 0.37)
    let e1 = try HermitianEigensystem(t, computeVectors: false).values
    // zheevd backward error ~ n ε ‖H‖ ≈ 36·2e−16·3: 1e−12 is safe.
    for (a, b) in zip(e0, e1) { XCTAssertEqual(a, b, accuracy: 1e-12) }
  }

  func testInvalidLatticeParameters() {
    XCTAssertThrowsError(try SpinOrbitLattice(geometry: .chain(sites: 1), rashba: 0.1).system()) {
      XCTAssertEqual(($0 as? Diagnostics.InvalidParameter)?.name, "sites")
    }
    XCTAssertThrowsError(try SpinOrbitLattice(geometry: .chain(sites: 4), rashba: .nan).system()) {
      XCTAssertEqual(($0 as? Diagnostics.InvalidParameter)?.name, "rashba_eV")
    }
    XCTAssertThrowsError(try SpinOrbitLattice(geometry: .patch(length: 30, width: 30), rashba: 0.1).system()) {
      XCTAssertEqual(($0 as? Diagnostics.InvalidParameter)?.name, "width")
    }
    XCTAssertThrowsError(
      try DefinitionsCheck.run(Fixture.chain.closedRing(flux: 0.1), occupation: .grandCanonical(mu: 0, temperature: 0)))
  }
}
