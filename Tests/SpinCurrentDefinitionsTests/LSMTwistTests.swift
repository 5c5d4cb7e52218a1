@testable import LinearAlgebra
import Numerics
@testable import SpinCurrentDefinitions
import XCTest

/// The LSM twist (Eqs. 15–17): dE/dδP = −⟨ψ|J|ψ⟩ (sign: see LSMTwist), by finite differences
/// of the twisted energy, which never uses J.
final class LSMTwistTests: XCTestCase {
  func testSlopeEqualsMinusShiCurrentForAWavePacket() throws {
    for lattice in [Fixture.chain, Fixture.patch] {
      let system = try lattice.system()
      let ops = try SpinCurrentOperators(system)
      let spin = (Complex(0.8, 0), Complex(0, 0.6))
      let psi = LSMTwist.wavePacket(
        positions: system.positions, center: 2.5, width: 1.5, momentum: 1.1, spin: spin)
      let j = ops.shi.sandwich(psi, psi).real
      // Current-carrying and not an eigenstate.
      XCTAssertGreaterThan(abs(j), 0.1)
      let e = ops.hamiltonian.sandwich(psi, psi).real
      let hpsi = ops.hamiltonian * psi
      XCTAssertGreaterThan(norm(zip(hpsi, psi).map { $0 - Complex(e, 0) * $1 }), 0.1)
      let slope = LSMTwist.slope(ops.hamiltonian, spinDisplacement: ops.spinDisplacement, state: psi)
      // Five-point stencil with δ = 1e−3/max|L|: truncation and rounding ≲ 1e−10; 1e−6 (the
      // issue's tolerance) leaves a wide margin yet would catch any O(δ²) or sign error.
      XCTAssertEqual(slope, -j, accuracy: 1e-6 * max(1, abs(j)))
      // Variational step: boosting along ⟨J⟩ lowers the energy (E(δP) < E(0)).
      let boost = 1e-3 * (j > 0 ? 1 : -1)
      XCTAssertLessThan(
        LSMTwist.energy(ops.hamiltonian, spinDisplacement: ops.spinDisplacement, state: psi, boost: boost), e)
    }
  }

  func testEigenstatesAreStationaryUnderTheTwist() throws {
    let f = try Fixture.setup(Fixture.chain)
    let slopes = try LSMTwist.stateSlopes(
      f.ops.hamiltonian, spinDisplacement: f.ops.spinDisplacement, states: f.spectrum.states)
    let scale = try f.spectrum.stateExpectations(of: f.ops.bare).map(abs).max()!
    // Finite-difference error ≲ 1e−10 absolute (see LSMTwist.slope); the bare scale is ~0.6.
    XCTAssertLessThan(slopes.map(abs).max()!, 1e-8 * scale)
    // Second method for the per-state slopes on a superposition: slope = −⟨J⟩ per state.
    let psi = zip(f.spectrum.states.column(3), f.spectrum.states.column(4)).map {
      ($0 + Complex(0, 1) * $1) / Complex(2.0.squareRoot(), 0)
    }
    let slope = LSMTwist.slope(f.ops.hamiltonian, spinDisplacement: f.ops.spinDisplacement, state: psi)
    XCTAssertEqual(slope, -f.ops.shi.sandwich(psi, psi).real, accuracy: 1e-6)
  }
}
