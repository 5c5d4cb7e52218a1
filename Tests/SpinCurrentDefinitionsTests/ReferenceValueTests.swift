import Foundation
@testable import SpinCurrentDefinitions
import XCTest

/// Reference values from an independent NumPy implementation (dense H built from the formula in
/// docs/model-reference.md, `numpy.linalg.eigh`, operators formed by explicit commutators, positions
/// centred at the chain middle — ⟨j⟩_T does not depend on the origin and ⟨½{τ,X}⟩_T does not
/// either because ⟨τ⟩_T = 0). Script (t = 1, T = 0, occupied E ≤ μ):
///
///     T = -t*I - 1j*a*sy  (hop i → i+1),  Z = B n·σ,  v = i[H,X],  j = {S,v}/2,  J = i[H,SX]
///
/// Tolerance 1e−12 absolute: two LAPACK-based diagonalisations of the same 24×24 or 32×32
/// matrix agree to ~1e−15 in these sums of occupied-state expectations (no level within 0.01 eV of μ).
final class ReferenceValueTests: XCTestCase {
  func check(
    sites: Int, rashba: Double, zeeman: Double, polar: Double, azimuth: Double, mu: Double, bare: Double
  )
    throws
  {
    let l = SpinOrbitLattice(
      geometry: .chain(sites: sites), rashba: rashba, zeeman: zeeman, zeemanPolar: polar, zeemanAzimuth: azimuth)
    let c = try DefinitionsCheck.run(l, occupation: .grandCanonical(mu: mu, temperature: 0))
    XCTAssertEqual(c.row("bare")!.thermalValue, bare, accuracy: 1e-12)
    XCTAssertEqual(c.row("torque_position")!.thermalValue, -bare, accuracy: 1e-12)
  }

  func testNumPyReferenceValues() throws {
    let q = Double.pi / 4
    let h = Double.pi / 2
    try check(sites: 12, rashba: 0.3, zeeman: 0.4, polar: q, azimuth: h, mu: 0, bare: 0.06821283488867513)
    try check(sites: 12, rashba: 0.3, zeeman: 0.4, polar: q, azimuth: h, mu: -1, bare: -0.1480995289178239)
    // n̂ = (1, 1, 1)/√3.
    try check(
      sites: 12, rashba: 0.3, zeeman: 0.4, polar: Foundation.acos(1 / 3.0.squareRoot()), azimuth: q, mu: 0,
      bare: -0.3765219588530815)
    try check(sites: 12, rashba: 0.01, zeeman: 0.4, polar: q, azimuth: h, mu: -0.5, bare: -0.01698493191280104)
  }
}
