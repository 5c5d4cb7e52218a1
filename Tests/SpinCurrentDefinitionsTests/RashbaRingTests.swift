@testable import LinearAlgebra
import Numerics
@testable import SpinCurrentDefinitions
@testable import TightBinding
import XCTest

/// The closed Rashba ring at flux Φ: persistent bare spin current (TightBinding operator
/// machinery) versus independent grand-potential derivatives.
final class RashbaRingTests: XCTestCase {
  let chain = SpinOrbitLattice(geometry: .chain(sites: 12), rashba: 0.3, zeeman: 0.4)

  /// μ half way between levels 11 and 12 of the ring (so no level crosses μ in the stencils).
  func midGapMu(_ ring: SpinOrbitLattice) throws -> Double {
    let e = try HermitianEigensystem(try ring.system().hamiltonian(), computeVectors: false).values
    return (e[11] + e[12]) / 2
  }

  func testBareSpinCurrentPersistsAndMatchesTwistDerivative() throws {
    let ring = chain.closedRing(flux: 0.7)
    let mu = try midGapMu(ring)
    let r = try RashbaRingCurrents.compute(ring, mu: mu)
    XCTAssertTrue(r.warnings.isEmpty)
    let spinZ = r.currents.spin[2]
    XCTAssertGreaterThan(abs(spinZ.real), 1e-4, "the bare spin current persists at generic flux")
    XCTAssertEqual(spinZ.imaginary, 0, accuracy: 1e-12, "Hermitian ring: real currents")
    // Five-point stencil with δθ = 0.01/M: truncation ~ (0.01)⁴ relative; 1e−6 relative.
    let twist = try RashbaRingCurrents.spinFromTwistDerivative(ring, mu: mu)
    XCTAssertEqual(spinZ.real, twist, accuracy: 1e-6 * abs(twist))
    // The same parameters on the open chain: the Shi current is zero in equilibrium.
    let open = try DefinitionsCheck.run(chain, occupation: .grandCanonical(mu: mu, temperature: 0))
    XCTAssertEqual(open.row("shi")!.thermalValue, 0, accuracy: 1e-10 * open.bareScale)
  }

  func testChargeCurrentMatchesFluxDerivative() throws {
    for (flux, temperature) in [(0.7, 0.0), (2.1, 0.0), (0.7, 2000.0)] {
      let ring = chain.closedRing(flux: flux)
      let mu = try midGapMu(ring)
      let op = try RashbaRingCurrents.compute(ring, mu: mu, temperature: temperature).currents.charge
      let derivative = try RashbaRingCurrents.chargeFromFluxDerivative(ring, mu: mu, temperature: temperature)
      XCTAssertGreaterThan(abs(op.real), 1e-7, "nonzero persistent charge current (A)")
      // δΦ = 0.01: five-point truncation ~ 1e−8 relative; 1e−6 relative.
      XCTAssertEqual(op.real, derivative, accuracy: 1e-6 * abs(derivative), "Φ = \(flux), T = \(temperature)")
    }
  }

  func testRingCurrentsArePeriodicInFlux() throws {
    let mu = try midGapMu(chain.closedRing(flux: 0.4))
    let a = try RashbaRingCurrents.compute(chain.closedRing(flux: 0.4), mu: mu).currents
    let b = try RashbaRingCurrents.compute(chain.closedRing(flux: 0.4 + 2 * Double.pi), mu: mu).currents
    XCTAssertEqual(a.charge.real, b.charge.real, accuracy: 1e-9 * abs(a.charge.real))
    XCTAssertEqual(a.spin[2].real, b.spin[2].real, accuracy: 1e-9 * abs(a.spin[2].real))
  }
}
