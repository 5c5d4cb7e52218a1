import Foundation
@testable import LinearAlgebra
import XCTest

@testable import SpinWaves

/// The O(N) route of the classical solver (cyclic block-tridiagonal tangent Hessian) against the
/// dense 2N×2N route it replaces: same matrix, same Newton solve, same lowest eigenvalue, same
/// ground state.
final class HessianStructureTests: XCTestCase {
  /// Textures to test: the crown (stationary) and random directions in random fields (not
  /// stationary: the Hessian formula is still a symmetric matrix with the same structure).
  func textures() throws -> [(String, ClassicalTexture)] {
    var rng = SplitMix64(seed: 2024)
    var list: [(String, ClassicalTexture)] = []
    for n in [3, 4, 7, 20, 64] {
      let fields = (0..<n).map { _ in
        (0.2 + 3 * rng.nextUnit())
          * Vector3.spherical(theta: acos(2 * rng.nextUnit() - 1), phi: 2 * Double.pi * rng.nextUnit())
      }
      let ring = try HeisenbergRing.ferromagnet(spinLength: 1.5, exchange: 0.7, fields: fields)
      let m = (0..<n).map { _ in
        Vector3.spherical(theta: acos(2 * rng.nextUnit() - 1), phi: 2 * Double.pi * rng.nextUnit())
      }
      list.append(("random N=\(n)", ClassicalTexture(ring: ring, directions: m)))
      let p = CrownRing(spins: n, spinLength: 0.5, exchange: 100, fieldTesla: 0.5, g: 2, latitudeDegrees: 60)
      let crown = CrownTexture.directions(spins: n, latitude: CrownTexture.latitude(p))
      list.append(("crown N=\(n)", ClassicalTexture(ring: try p.ring(), directions: crown)))
    }
    return list
  }

  func testBlockHessianIsTheDenseHessian() throws {
    for (name, t) in try textures() {
      // Same products in the same order: equal bit for bit (tolerance 0).
      XCTAssertEqual(try t.tangentHessianBlocks.dense, t.tangentHessian, name)
    }
  }

  /// Lowest eigenvalue: `dsbevx` on the reordered band vs `dsyevd` on the dense matrix.
  ///
  /// Both are backward stable: each computed eigenvalue is exact for a matrix within c·n·ε‖H‖₂
  /// (Weyl), c = O(1), n = 2N ≤ 128, i.e. ≲ 3e-14‖H‖₂. Tolerance 1e-12‖H‖_max·2N ≥ 1e-12‖H‖₂
  /// leaves a factor ≥ 30 for the constants.
  func testLowestEigenvalueMatchesDense() throws {
    for (name, t) in try textures() {
      let dense = t.tangentHessian
      let norm = dense.elements.map(abs).max()! * Double(dense.rows)
      let structured = try t.smallestHessianEigenvalue()
      let reference = try t.smallestHessianEigenvalue(route: .dense)
      XCTAssertEqual(structured, reference, accuracy: 1e-12 * norm, name)
      // The band form also gives the next eigenvalues: the three lowest agree the same way.
      let three = try t.tangentHessianBlocks.symmetricBandForm().lowestEigenvalues(count: 3)
      let all = try HermitianEigensystem(dense, computeVectors: false).values
      for k in 0..<3 { XCTAssertEqual(three[k], all[k], accuracy: 1e-12 * norm, "\(name), eigenvalue \(k)") }
    }
  }

  /// The Newton solve (H + μ)t = −g: block-tridiagonal (cyclic) vs dense LU.
  ///
  /// With μ = |λ_min| + 0.1 λ_max the matrix is SPD with condition number κ = (λ_max + μ)/(λ_min + μ).
  /// Both solves are backward stable, so each has forward error ≲ c·n·κ·ε; tolerance 1e3·κ·ε
  /// relative in the ∞-norm (n ≤ 128) — a stated bound, not a fitted one.
  func testShiftedSolveMatchesDense() throws {
    var rng = SplitMix64(seed: 7)
    for (name, t) in try textures() {
      let dense = t.tangentHessian
      let values = try HermitianEigensystem(dense, computeVectors: false).values
      let mu = abs(values.first!) + 0.1 * abs(values.last!)
      var blocks = try t.tangentHessianBlocks
      var shifted = dense
      for k in 0..<dense.rows {
        shifted[k, k] += mu
        blocks.diagonal[blocks.index(block: k / 2, row: k % 2, column: k % 2)] += mu
      }
      XCTAssertTrue(try blocks.isSymmetricPositiveDefinite(), name)
      let rhs = (0..<dense.rows).map { _ in 2 * rng.nextUnit() - 1 }
      let x = try blocks.solve(rhs)
      let reference = try RealMatrix.solve(shifted, rhs)
      let kappa = (values.last! + mu) / (values.first! + mu)
      let scale = reference.map(abs).max()!
      for (a, b) in zip(x, reference) { XCTAssertEqual(a, b, accuracy: 1e3 * kappa * .ulpOfOne * scale, name) }
    }
  }

  /// dpbtrf on the band form decides definiteness like Cholesky on the dense matrix, on both sides of 0.
  func testPositiveDefinitenessAgreesWithDenseCholesky() throws {
    for (name, t) in try textures() {
      let lowest = try t.smallestHessianEigenvalue(route: .dense)
      for shift in [-lowest - 0.05 * abs(lowest) - 1e-3, -lowest + 0.05 * abs(lowest) + 1e-3] {
        var blocks = try t.tangentHessianBlocks
        var dense = t.tangentHessian
        for k in 0..<dense.rows {
          dense[k, k] += shift
          blocks.diagonal[blocks.index(block: k / 2, row: k % 2, column: k % 2)] += shift
        }
        XCTAssertEqual(try blocks.isSymmetricPositiveDefinite(), (try? dense.choleskyUpper()) != nil, name)
        XCTAssertEqual(try blocks.isSymmetricPositiveDefinite(), lowest + shift > 0, name)
      }
    }
  }

  /// The ground state at the paper's N = 100 is the one the dense route gives, to 1e-10 relative:
  /// both routes converge to residual ~1e-14 K, and at |h_eff| ~ 50 K with the Hessian's lowest
  /// eigenvalue ≳ 0.01 K the directions are fixed to ≲ 1e-12; 1e-10 leaves a factor 100.
  func testGroundStateUnchangedAgainstDenseRoute() throws {
    for (b, lat) in [(0.15, 45.0), (0.14693, 71.14)] {
      let p = CrownRing(spins: 100, spinLength: 0.5, exchange: 100, fieldTesla: b, g: 2, latitudeDegrees: lat)
      let ring = try p.ring()
      let eq14 = [("eq14-crown", CrownTexture.directions(spins: 100, latitude: CrownTexture.latitude(p)))]
      let fast = try ClassicalGroundState.search(ring, extraStarts: eq14, randomStarts: 2)
      let dense = try ClassicalGroundState.search(ring, extraStarts: eq14, randomStarts: 2, route: .dense)
      // Several starts reach the same minimum; which label wins the tie is rounding, so compare states.
      XCTAssertEqual(fast.best.energy, dense.best.energy, accuracy: 1e-10 * abs(dense.best.energy))
      let lowest = try XCTUnwrap(dense.best.smallestHessianEigenvalue)
      XCTAssertEqual(try XCTUnwrap(fast.best.smallestHessianEigenvalue), lowest, accuracy: 1e-10 * abs(lowest))
      XCTAssertEqual(fast.candidates.map(\.isStableMinimum), dense.candidates.map(\.isStableMinimum))
      for (u, v) in zip(fast.best.texture.directions, dense.best.texture.directions) {
        XCTAssertLessThanOrEqual((u - v).length, 1e-10)
      }
      XCTAssertLessThan(fast.best.residual, 1e-12)
      XCTAssertEqual(fast.candidates.count, dense.candidates.count)
      for (c, d) in zip(fast.candidates, dense.candidates) {
        XCTAssertEqual(c.energy, d.energy, accuracy: 1e-10 * abs(d.energy), c.start)
      }
    }
  }

  /// Rings with couplings beyond nearest neighbours keep the dense route (no block structure).
  func testNextNearestNeighbourRingUsesDenseRoute() throws {
    var j = RealMatrix(rows: 6, columns: 6)
    for i in 0..<6 {
      j[i, (i + 1) % 6] = -1
      j[(i + 1) % 6, i] = -1
      j[i, (i + 2) % 6] = -0.2
      j[(i + 2) % 6, i] = -0.2
    }
    let ring = try HeisenbergRing(spinLength: 1, exchange: j, fields: Array(repeating: Vector3(0.3, 0, 1), count: 6))
    XCTAssertFalse(ring.isNearestNeighbour)
    XCTAssertFalse(HessianRoute.automatic.usesBlocks(ring))
    let result = try ClassicalGroundState.search(ring, randomStarts: 1)
    XCTAssertLessThan(result.best.residual, 1e-12)
    XCTAssertTrue(result.best.isStableMinimum)
  }
}
