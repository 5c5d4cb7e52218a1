import Foundation
@testable import LinearAlgebra
import Numerics
@testable import SpinWaves
import XCTest

/// Spin rings and chains the paper never had, built from explicit bonds, spins and fields: symmetry
/// detection, twist = operator for the spin current, the classical limit of ED, anisotropic classical
/// ground states — each against an independent route in the same run.
final class UserSpinSystemTests: XCTestCase {
  /// A field of magnitude h at latitude ϑ winding k times: h_j = h r̂(ϑ, −2πkj/N).
  static func woundFields(n: Int, winding k: Int, h: Double, latitude: Double) -> [Vector3] {
    (0..<n).map { h * Vector3.spherical(theta: latitude, phi: -2 * Double.pi * Double(k * $0) / Double(n)) }
  }

  /// Seeded random fields, each component uniform in [−h, h].
  static func randomFields(n: Int, h: Double, seed: UInt64) -> [Vector3] {
    var g = SplitMix64(seed: seed)
    return (0..<n).map { _ in
      Vector3(h * (2 * g.nextUnit() - 1), h * (2 * g.nextUnit() - 1), h * (2 * g.nextUnit() - 1))
    }
  }

  /// XXZ exchange −diag(J_xy, J_xy, J_z) plus a DM vector D: K_bc = Σ_a ε_abc D_a.
  static func xxzDM(_ jxy: Double, _ jz: Double, dm d: Vector3) -> Matrix3 {
    let c = Spin3.crossWith(d)
    return [
      [-jxy + c[0][0], c[0][1], c[0][2]], [c[1][0], -jxy + c[1][1], c[1][2]], [c[2][0], c[2][1], -jz + c[2][2]],
    ]
  }

  static func ringBonds(_ n: Int, _ k: Matrix3) -> [ExchangeBond] {
    (0..<n).map { ExchangeBond($0, ($0 + 1) % n, coupling: k) }
  }
  static func chainBonds(_ n: Int, _ k: Matrix3) -> [ExchangeBond] {
    (0..<(n - 1)).map { ExchangeBond($0, $0 + 1, coupling: k) }
  }

  /// Mean over bonds of ⟨ẑ·j_b⟩ at temperature t (K).
  static func meanOperatorCurrent(_ ed: ExactSpectrum, _ t: Double) throws -> Double {
    let m = ed.model
    return try m.bonds.indices.reduce(0.0) {
      $0 + (try ed.expectation(m.bondCurrent($1, along: Vector3(0, 0, 1)), temperature: t))
    }
      / Double(m.bondCount)
  }

  func testSymmetryDetection() throws {
    let n = 6
    // The crown (winding 1) keeps the paper's α = −2π/N; winding 2 gives α = −4π/N.
    let crown = try ExactRingModel(
      spins: Array(repeating: 0.5, count: n), exchange: 1,
      fields: Self.woundFields(n: n, winding: 1, h: 0.7, latitude: 0.6))
    XCTAssertEqual(crown.screw.cell, 1)
    XCTAssertEqual(crown.screw.angle, -2 * Double.pi / Double(n), accuracy: 1e-15)
    let twice = try ExactRingModel(
      spins: Array(repeating: 0.5, count: n), bonds: Self.ringBonds(n, Spin3.scaled(Spin3.identity, -1)),
      fields: Self.woundFields(n: n, winding: 2, h: 0.7, latitude: 0.6))
    XCTAssertEqual(twice.screw.cell, 1)
    XCTAssertEqual(twice.screw.angle, -4 * Double.pi / Double(n), accuracy: 1e-12)
    // An anisotropic exchange invariant under rotations about z keeps the screw; one that is not loses it.
    let xxz = try ExactRingModel(
      spins: Array(repeating: 1, count: n), bonds: Self.ringBonds(n, Self.xxzDM(1, 0.5, dm: Vector3(0, 0, 0.3))),
      fields: Self.woundFields(n: n, winding: 2, h: 0.7, latitude: 0.6))
    XCTAssertEqual(xxz.screw.cell, 1)
    let dmx = try ExactRingModel(
      spins: Array(repeating: 1, count: n), bonds: Self.ringBonds(n, Self.xxzDM(1, 0.5, dm: Vector3(0.3, 0, 0))),
      fields: Self.woundFields(n: n, winding: 2, h: 0.7, latitude: 0.6))
    XCTAssertEqual(dmx.screw.cell, n)
    // Random fields and an open chain: no screw (one sector); fields along z keep S^z conservation.
    let random = try ExactRingModel(
      spins: Array(repeating: 0.5, count: n), exchange: 1, fields: Self.randomFields(n: n, h: 1, seed: 7))
    XCTAssertEqual(random.screw.cell, n)
    let chain = try ExactRingModel(
      spins: Array(repeating: 0.5, count: n), bonds: Self.chainBonds(n, Spin3.scaled(Spin3.identity, -1)),
      fields: (0..<n).map { Vector3(0, 0, 0.1 * Double($0)) })
    XCTAssertEqual(chain.screw.cell, n)
    XCTAssertFalse(chain.isRing)
    XCTAssertTrue(chain.hamiltonian.conservesTotalSz)
  }

  func testReducedSpectrumEqualsUnreducedOnUserRings() throws {
    // The symmetry sectors are a change of basis: the spectra must agree to rounding (zheevd backward
    // error ~ 1e-15·‖H‖ per eigenvalue, ‖H‖ ≈ 10 K here): 1e-10 K.
    let n = 6
    let models = [
      try ExactRingModel(
        spins: Array(repeating: 0.5, count: n), bonds: Self.ringBonds(n, Spin3.scaled(Spin3.identity, -1)),
        fields: Self.woundFields(n: n, winding: 2, h: 0.7, latitude: 0.6)),
      try ExactRingModel(
        spins: Array(repeating: 0.5, count: n), bonds: Self.ringBonds(n, Self.xxzDM(1, 0.4, dm: Vector3(0, 0, 0.3))),
        fields: Self.woundFields(n: n, winding: -1, h: 0.5, latitude: 1.1)),
      try ExactRingModel(
        spins: (0..<n).map { $0 % 2 == 0 ? 0.5 : 1 }, bonds: Self.ringBonds(n, Spin3.scaled(Spin3.identity, 1)),
        fields: Self.woundFields(n: n, winding: 2, h: 0.5, latitude: 0.3)),
    ]
    for model in models {
      XCTAssertLessThan(model.screw.cell, n, "the symmetry must be found")
      let reduced = try ExactSpectrum(model: model, computeVectors: false).energies
      let full = try ExactSpectrum(model: model, reduced: false, computeVectors: false).energies
      XCTAssertEqual(reduced.count, full.count)
      XCTAssertLessThan(zip(reduced, full).map { abs($0 - $1) }.max()!, 1e-10)
    }
  }

  func testTwistEqualsOperatorOnUserSystems() throws {
    // −(1/N_b)∂F/∂δ with δ twisting every bond (K_b → K_b R_z(δ)) is, by Hellmann–Feynman, the bond
    // average of ⟨S_iᵀK_b C_ẑ S_j⟩ for ANY bonds and fields. 5-point stencil step 1e-3: truncation
    // ~1e-13·F⁽⁵⁾, rounding ~1e-15·|F|/1e-3 ≈ 1e-11 K (|F| ≲ 10 K here): 1e-7 relative plus 2e-11 K.
    // The fields are non-coplanar (a coplanar texture makes H real in a rotated frame: no current).
    let n = 5
    let cases: [(String, ExactRingModel)] = [
      (
        "twice-wound crown N=6 S=1/2",
        try ExactRingModel(
          spins: Array(repeating: 0.5, count: 6), bonds: Self.ringBonds(6, Spin3.scaled(Spin3.identity, -1)),
          fields: Self.woundFields(n: 6, winding: 2, h: 0.8, latitude: 0.7))
      ),
      (
        "random-field XXZ+DM ring N=5 S=1/2",
        try ExactRingModel(
          spins: Array(repeating: 0.5, count: n),
          bonds: Self.ringBonds(n, Self.xxzDM(1, 0.6, dm: Vector3(0.2, -0.1, 0.4))),
          fields: Self.randomFields(n: n, h: 1, seed: 11))
      ),
      (
        "domain-wall open chain N=5 S=1",
        try ExactRingModel(
          spins: Array(repeating: 1, count: n), bonds: Self.chainBonds(n, Spin3.scaled(Spin3.identity, -1)),
          fields: (0..<n).map { j in
            // A wall whose in-plane part also turns: θ_j a tanh profile, φ_j = 0.5 j.
            let theta = Double.pi / 2 * (1 + tanh((Double(j) - 2) / 1.2))
            return 0.6 * Vector3.spherical(theta: theta, phi: 0.5 * Double(j))
          })
      ),
    ]
    for (name, model) in cases {
      let ed = try ExactSpectrum(model: model)
      for t in [0.0, 0.4, 2.0] {
        if t == 0 && ed.groundDegeneracy > 1 { continue }  // E_0(δ) has a kink at a level crossing
        let op = try Self.meanOperatorCurrent(ed, t)
        let (twist, _) = try ExactSpectrum.twistCurrent(model: model, temperature: t)
        XCTAssertGreaterThan(abs(op), 1e-4, "\(name): a vanishing current would make this test empty")
        XCTAssertEqual(twist, op, accuracy: 1e-7 * abs(op) + 2e-11, "\(name) T = \(t)")
      }
    }
  }

  func testClassicalLimitOfExactDiagonalisation() throws {
    // A random-field ring with fields h_i = S b_i: E_0(S) = S² e_cl + S e_1 + O(1), where e_cl is the
    // classical minimum (spin length 1) and S e_1 the LSWT zero-point energy F₂(T = 0) of the same
    // texture (RingSpinWaves). So r(S) = E_0 − S² e_cl − F₂ is O(S⁰): r/S² must fall like 1/S², and
    // without the LSWT term the remainder (E_0 − S² e_cl)/S² falls only like 1/S. Both from this run.
    let n = 3
    let b = Self.randomFields(n: n, h: 1.5, seed: 3)
    var ratios: [(s: Double, classical: Double, semiclassical: Double)] = []
    for s in [1.0, 2.0, 4.0] {
      let model = try ExactRingModel(
        spins: Array(repeating: s, count: n), bonds: Self.ringBonds(n, Spin3.scaled(Spin3.identity, -1)),
        fields: b.map { s * $0 })
      let e0 = try ExactSpectrum(model: model, computeVectors: false).groundEnergy
      let semi = try RingSemiclassics(model: model, randomStarts: 4)
      XCTAssertTrue(semi.isStableMinimum)
      let ecl = semi.texture.energy
      let f2 = try semi.spinWaves().freeEnergy(temperature: 0)
      ratios.append((s, (e0 - ecl) / (s * s), (e0 - ecl - f2) / (s * s)))
    }
    for k in 1..<ratios.count {
      // Doubling S: the classical remainder halves (O(1/S)), the semiclassical one quarters (O(1/S²)).
      XCTAssertEqual(ratios[k].classical / ratios[k - 1].classical, 0.5, accuracy: 0.15, "\(ratios)")
      XCTAssertLessThan(abs(ratios[k].semiclassical), 0.35 * abs(ratios[k - 1].semiclassical), "\(ratios)")
      XCTAssertLessThan(abs(ratios[k].semiclassical), 0.2 * abs(ratios[k].classical), "\(ratios)")
    }
  }

  func testAnisotropicClassicalGroundState() throws {
    // XXZ + DM ring with a twice-wound field: the search runs on HeisenbergRing's 3×3 couplings
    // (ClassicalTexture), the check on RingTexture's own energy and effective field (independent code
    // for the same E_cl): energies agree to rounding (1e-12 relative), the texture is stationary for
    // RingTexture (residual ≤ 1e-9 of the largest field), Hellmann–Feynman jᶻ_cl equals −(1/N)dE_cl/dδ
    // on the Newton-continued textures (5-point, step 1e-4: error ~1e-16/1e-4² of the curvature: 1e-7 relative).
    let n = 7
    let model = try ExactRingModel(
      spins: Array(repeating: 1, count: n), bonds: Self.ringBonds(n, Self.xxzDM(1, 0.7, dm: Vector3(0.1, 0, 0.5))),
      fields: Self.woundFields(n: n, winding: 2, h: 0.9, latitude: 0.8))
    XCTAssertFalse(model.isIsotropic)
    let ring = try RingTexture.classicalRing(of: model)
    XCTAssertFalse(ring.isIsotropic)
    let semi = try RingSemiclassics(model: model, randomStarts: 4)
    XCTAssertTrue(semi.isStableMinimum)
    let viaRing = ClassicalTexture(ring: ring, directions: semi.texture.directions).energy
    XCTAssertEqual(semi.texture.energy, viaRing, accuracy: 1e-12 * abs(viaRing))
    let scale = semi.texture.effectiveFields.map(\.length).max()!
    XCTAssertLessThan(semi.texture.residual, 1e-9 * scale)
    let fd = try semi.classicalTwistCurrent()
    XCTAssertGreaterThan(abs(semi.classicalCurrent), 1e-3)
    XCTAssertEqual(fd, semi.classicalCurrent, accuracy: 1e-7 * abs(semi.classicalCurrent))
    // The dense and block-tridiagonal Hessians of the anisotropic ring are the same matrix.
    let texture = ClassicalTexture(ring: ring, directions: semi.texture.directions)
    XCTAssertEqual(
      try texture.smallestHessianEigenvalue(route: .dense), try texture.smallestHessianEigenvalue(route: .automatic),
      accuracy: 1e-10 * scale)
  }

  func testBondBuiltCrownEqualsBuiltIn() throws {
    // The crown from explicit Heisenberg bonds is the same operator as the built-in ring: identical
    // Hamiltonian terms, so identical spectra (the same numbers in the same order through zheevd).
    let p = ExactCrownRing(spins: 5, spinA: 1, exchange: 2, fieldTesla: 1.5, latitudeDegrees: 50)
    let builtIn = try p.model()
    let viaBonds = try ExactRingModel(
      spins: builtIn.spins, bonds: Self.ringBonds(5, Spin3.scaled(Spin3.identity, -2)), fields: builtIn.fields)
    XCTAssertEqual(builtIn.screw.cell, viaBonds.screw.cell)
    XCTAssertEqual(builtIn.screw.angle, viaBonds.screw.angle)
    XCTAssertEqual(
      try ExactSpectrum(model: builtIn, computeVectors: false).energies,
      try ExactSpectrum(model: viaBonds, computeVectors: false).energies)
  }
}

extension UserSpinSystemTests {
  func testClassicalDomainWallChainCurrentsObeyContinuity() throws {
    // An open Heisenberg chain of S = 1 in a field that turns through a tanh wall (θ_j) while its
    // in-plane part winds (φ_j = 0.4 j): the classical ground state (ClassicalGroundState on the
    // chain's HeisenbergRing) carries bond currents j_b = (K_bᵀS_i m̂_i) × S_j m̂_j. Stationarity, found by
    // the solver's own effective field, must be continuity for these currents at every site:
    // j_{j−1} − j_j + S m̂_j × h_j = 0 (the chain ends have one bond). Residual of the solver ≤ 1e-13 of
    // the largest field, so the balance holds to 1e-10 K on currents of order J S² = 1 K.
    let n = 12, s = 1.0
    let fields = (0..<n).map { j -> Vector3 in
      let theta = Double.pi / 2 * (1 + tanh((Double(j) - 5.5) / 2))
      return 0.8 * Vector3.spherical(theta: theta, phi: 0.4 * Double(j))
    }
    let bonds = Self.chainBonds(n, Spin3.scaled(Spin3.identity, -1))
    let spins = Array(repeating: s, count: n)
    let ring = try RingTexture.classicalRing(spins: spins, bonds: bonds, fields: fields)
    XCTAssertTrue(ring.isIsotropic)
    let best = try ClassicalGroundState.search(ring, randomStarts: 3).best
    XCTAssertTrue(best.isStableMinimum)
    let m = best.texture.directions
    let j = RingTexture.bondCurrents(spins: spins, bonds: bonds, directions: m)
    XCTAssertGreaterThan(j.map(\.length).max()!, 1e-2, "a current-free texture would make this test empty")
    for site in 0..<n {
      let incoming = site > 0 ? j[site - 1] : .zero, outgoing = site < n - 1 ? j[site] : .zero
      let balance: Vector3 = incoming - outgoing + s * m[site].cross(fields[site])
      XCTAssertLessThan(balance.length, 1e-10, "site \(site)")
    }
  }
}
