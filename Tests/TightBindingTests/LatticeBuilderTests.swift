@testable import LinearAlgebra
import Numerics
import XCTest

@testable import TightBinding

/// The general lattice builder: Hamiltonian assembly, v = i[H, X] bond by bond, spin operators.
final class LatticeBuilderTests: XCTestCase {
  /// A random open chain with arbitrary (non-Hermitian, spin-mixing) hoppings.
  func randomChain(sites m: Int, seed: UInt64) throws -> TightBindingSystem {
    var rng = SplitMix(seed: seed)
    func rm() -> SpinMatrix {
      SpinMatrix(rng.complex(), rng.complex(), rng.complex(), rng.complex())
    }
    var model = LatticeModel()
    for i in 0..<m { model.addSite(position: Double(i), onsite: rm()) }
    for i in 0..<(m - 1) { model.addBond(i + 1, i, forward: rm(), backward: rm(), displacement: 1) }
    // A next-nearest-neighbour hopping, one direction only.
    model.addHopping(to: 0, from: 2, matrix: rm(), displacement: -2)
    return try model.finalize()
  }

  func testHamiltonianBlocksAndOrdering() throws {
    var model = LatticeModel()
    let a = model.addSite(position: 0, onsite: .along(0, 0, 0.3))
    let b = model.addSite(position: 1, onsite: .scalar(0.5))
    let t = SpinMatrix(Complex(1, 2), Complex(3, 4), Complex(5, 6), Complex(7, 8))
    model.addHopping(to: b, from: a, matrix: t, displacement: 1)
    let h = try model.finalize().hamiltonian()
    XCTAssertEqual(h.rows, 4)
    // index = 2·site + spin
    XCTAssertEqual(h[0, 0], Complex(0.3, 0))
    XCTAssertEqual(h[1, 1], Complex(-0.3, 0))
    XCTAssertEqual(h[2, 2], Complex(0.5, 0))
    XCTAssertEqual(h[2, 0], Complex(1, 2))
    XCTAssertEqual(h[2, 1], Complex(3, 4))
    XCTAssertEqual(h[3, 0], Complex(5, 6))
    XCTAssertEqual(h[3, 1], Complex(7, 8))
    XCTAssertEqual(h[0, 2], .zero)  // H_ji independent: not set
  }

  /// Open chain: x_i − x_j = d_ij, so the bond-by-bond v must equal i[H, X] exactly (up to
  /// rounding of O(1) entries: 1e−13).
  func testVelocityIsCommutatorOnOpenChain() throws {
    let s = try randomChain(sites: 6, seed: 1)
    let h = s.hamiltonian()
    let x = s.positionOperator()
    let commutator = Complex<Double>(0, 1) * ComplexMatrix.commutator(h, x)
    let v = try s.velocityOperator().dense
    XCTAssertLessThan((v - commutator).maxAbs, 1e-13)
    XCTAssertEqual(try s.sparseHamiltonian().dense, h)
  }

  /// {σ_α, v}/2 bond by bond equals the dense anticommutator with σ_α on every site.
  func testSpinVelocityIsAnticommutator() throws {
    let s = try randomChain(sites: 5, seed: 2)
    let v = try s.velocityOperator().dense
    for alpha in 0..<3 {
      let sigma = try s.spinOperator(alpha).dense
      let expected = Complex<Double>(0.5, 0) * ComplexMatrix.anticommutator(sigma, v)
      XCTAssertLessThan((try s.spinVelocityOperator(alpha).dense - expected).maxAbs, 1e-13)
    }
  }

  /// Twisted Hamiltonians: central differences (step 1e−5, error ~1e−10·|H'''|) give v and
  /// −{σ_α, v}/2, so the derivative method and the operators share one convention.
  func testTwistDerivativesGiveCurrentOperators() throws {
    let s = try randomChain(sites: 5, seed: 3)
    let d = 1e-5
    let dv =
      Complex<Double>(1 / (2 * d), 0)
      * (s.hamiltonian(twist: .charge(d)) - s.hamiltonian(twist: .charge(-d)))
    XCTAssertLessThan((dv - (try s.velocityOperator().dense)).maxAbs, 1e-8)
    for alpha in 0..<3 {
      let ds =
        Complex<Double>(-1 / (2 * d), 0)
        * (s.hamiltonian(twist: .spin(axis: alpha, angle: d)) - s.hamiltonian(twist: .spin(axis: alpha, angle: -d)))
      XCTAssertLessThan((ds - (try s.spinVelocityOperator(alpha).dense)).maxAbs, 1e-8)
    }
  }

  func testHermitianBondGivesHermitianHamiltonianAndSpinTwistKeepsIt() throws {
    var model = LatticeModel()
    for i in 0..<3 { model.addSite(position: Double(i), onsite: .along(0.1, 0.2, 0.3)) }
    let soc = SpinMatrix.scalar(1) + Complex(0, 0.3) * SpinMatrix.sigmaY
    model.addHermitianBond(1, 0, hopping: soc, displacement: 1)
    model.addHermitianBond(2, 1, hopping: soc, displacement: 1)
    model.addHermitianBond(0, 2, hopping: soc, displacement: 1)  // closing bond of a ring
    let s = try model.finalize()
    XCTAssertTrue(s.isHermitian())
    let ht = s.hamiltonian(twist: .spin(axis: 0, angle: 0.4))
    XCTAssertLessThan((ht - ht.adjoint).maxAbs, 1e-14)
  }

  func testInvalidLatticeIsRejected() {
    XCTAssertThrowsError(try LatticeModel().finalize())
    var m = LatticeModel()
    m.addSite(position: 0)
    m.addHopping(to: 0, from: 1, matrix: .identity, displacement: 1)
    XCTAssertThrowsError(try m.finalize())
    var n = LatticeModel()
    n.addSite(position: .nan)
    XCTAssertThrowsError(try n.finalize())
  }
}

/// Deterministic pseudo-random numbers for reproducible tests.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  mutating func next() -> UInt64 {
    state = state &+ 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in [a, b).
  mutating func uniform(_ a: Double = -1, _ b: Double = 1) -> Double {
    a + (b - a) * Double(next() >> 11) / Double(1 << 53)
  }
  mutating func complex() -> Complex<Double> { Complex(uniform(), uniform()) }
}
