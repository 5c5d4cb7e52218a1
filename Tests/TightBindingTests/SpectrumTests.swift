@testable import Diagnostics
@testable import LinearAlgebra
import Numerics
import XCTest

@testable import TightBinding

/// Spectra: Bloch = dense = closed form; band labels; bad input.
final class SpectrumTests: XCTestCase {
  /// Largest distance of a greedy nearest-neighbour matching between two multisets.
  func matchDistance(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Double {
    var unused = b
    var worst = 0.0
    for x in a {
      let j = unused.indices.min { (unused[$0] - x).length < (unused[$1] - x).length }!
      worst = max(worst, (unused[j] - x).length)
      unused.remove(at: j)
    }
    return worst
  }

  /// Tolerance 1e−10 eV: eigenvalues of O(1) matrices with condition numbers ≲ 1e3 (we stay
  /// away from the critical ring's exceptional k by the choice φ = 0.1, so k − φ ≠ 0 mod π)
  /// are accurate to κ·ε·‖H‖ ≈ 1e−13.
  func testBlochEqualsDenseEqualsClosedForm() throws {
    for gamma in [0.5, 1.0, 1.5] {
      for (t1, theta, azimuth) in [(0.0, 0.7, 1.2), (0.0, 2.0, 4.0), (0.3, 1.3, 0.5)] {
        let ring = HatanoNelsonRing(
          cells: 6, t1: t1, gamma: gamma, t2: 1, fluxPhase: 0.1, exchange: 0.35, theta: theta, azimuth: azimuth,
          onsite: 0.07)
        let dense = try RingSpectrum.eigenvalues(of: ring, path: .dense)
        let bloch = try RingSpectrum.eigenvalues(of: ring, path: .bloch)
        let closed = ring.momenta.flatMap { ring.closedFormEnergies($0) }
        XCTAssertEqual(dense.count, 24)
        XCTAssertLessThan(matchDistance(dense, bloch), 1e-10, "γ \(gamma) t1 \(t1)")
        XCTAssertLessThan(matchDistance(bloch, closed), 1e-10, "γ \(gamma) t1 \(t1)")
        // The matching is not vacuous: a different flux gives a different spectrum.
        var other = ring
        other.fluxPhase += 0.3
        XCTAssertGreaterThan(matchDistance(dense, other.momenta.flatMap { other.closedFormEnergies($0) }), 1e-3)
      }
    }
  }

  /// Regimes at t₁ = 0 (docs/model-reference.md): γ < t₂ real line gap, γ > t₂ all Re E of a spin branch
  /// pair meet (imaginary gap): at k − φ = π/2 the radicand t₂² − γ² − 2iγt₂ is checked directly.
  func testRegimes() {
    let topological = HatanoNelsonRing(cells: 4, gamma: 0.5, t2: 1)
    let trivial = HatanoNelsonRing(cells: 4, gamma: 1.5, t2: 1)
    // At q = k − φ = 0 the root is √(t₂² − γ²): real (line gap) below, imaginary above.
    XCTAssertEqual(topological.closedFormEnergies(0)[0].imaginary, 0, accuracy: 1e-15)
    XCTAssertEqual(topological.closedFormEnergies(0)[0].real, (1 - 0.25).squareRoot(), accuracy: 1e-15)
    XCTAssertEqual(trivial.closedFormEnergies(0)[0].real, 0, accuracy: 1e-15)
    XCTAssertEqual(trivial.closedFormEnergies(0)[0].imaginary.magnitude, (2.25 - 1).squareRoot(), accuracy: 1e-15)
  }

  func testBandsHaveFourLabelledBranches() throws {
    let ring = HatanoNelsonRing(cells: 2, gamma: 0.5, t2: 1, exchange: 0.2)
    let b = try RingSpectrum.bands(of: ring, kPoints: 5)
    XCTAssertEqual(b.count, 20)
    XCTAssertEqual(b.prefix(4).map(\.band), HatanoNelsonRing.bandLabels)
    XCTAssertEqual(b[0].k, -.pi, accuracy: 1e-15)
    XCTAssertEqual(b[19].k, .pi, accuracy: 1e-15)
    // up branches sit at ε − h: their mean is −h.
    XCTAssertEqual(((b[0].energy + b[1].energy).real) / 2, -0.2, accuracy: 1e-14)
  }

  func testBadInputIsInvalidParameter() {
    XCTAssertThrowsError(try RingSpectrum.eigenvalues(of: HatanoNelsonRing(cells: 1, gamma: 0.5))) {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "cells")
    }
    XCTAssertThrowsError(try RingSpectrum.eigenvalues(of: HatanoNelsonRing(cells: 4, gamma: .nan))) {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "gamma_eV")
    }
    XCTAssertThrowsError(try RingSpectrum.eigenvalues(of: HatanoNelsonRing(cells: 4, gamma: 0.5, aah: 1), path: .bloch))
    XCTAssertThrowsError(try PersistentCurrents.compute(HatanoNelsonRing(cells: 4, gamma: 0.5), mu: .infinity)) {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "mu_eV")
    }
  }
}
