import Numerics
import XCTest

@testable import TightBinding

/// The gap holding μ, from the closed-form bands, against the dense spectrum of a long ring.
final class BandGapTests: XCTestCase {
  /// A ring of 150 cells, diagonalised densely (a second route, no closed form): no level has
  /// Re E strictly inside the reported gap, and levels lie within 0.02 eV of both finite edges
  /// (the levels sample the band at spacing 2π/150 in k, so the last level is within
  /// (bandwidth)·(π/150)² ≈ 4·10⁻⁴·(bandwidth) of an edge at a band extremum; 0.02 eV is safe for
  /// bandwidths ≲ 2 eV and also covers edges at k where the level grid is coarser). A μ inside
  /// a band gives nil; a disordered ring gives nil.
  func testGapAgreesWithTheDenseSpectrumOfALongRing() throws {
    for (gamma, exchange, mu) in [
      (0.5, 0.0, 0.0), (0.5, 0.3, 0.0), (0.5, 0.3, -0.63), (1.2, 0.1, 0.05), (0.5, 0.3, 5.0),
    ] {
      let ring = HatanoNelsonRing(
        cells: 150, gamma: gamma, fluxPhase: 0.1, exchange: exchange, theta: 0.7, azimuth: 0.4)
      let levels = try RingSpectrum.eigenvalues(of: ring, path: .dense).map(\.real)
      if let gap = ring.bandGap(containing: mu) {
        XCTAssertLessThan(gap.lower, mu)
        XCTAssertGreaterThan(gap.upper, mu)
        XCTAssertFalse(levels.contains { $0 > gap.lower + 1e-9 && $0 < gap.upper - 1e-9 }, "γ \(gamma) μ \(mu) \(gap)")
        for edge in [gap.lower, gap.upper] where edge.isFinite {
          XCTAssertLessThan(levels.map { abs($0 - edge) }.min()!, 0.02, "γ \(gamma) μ \(mu) edge \(edge)")
        }
      } else {
        // In a band: levels on both sides of μ within 0.05 eV.
        XCTAssertTrue(
          levels.contains { $0 <= mu && mu - $0 < 0.05 } && levels.contains { $0 >= mu && $0 - mu < 0.05 },
          "γ \(gamma) μ \(mu)")
      }
    }
    // The cases above include gaps: μ = 0 at h = 0 (the defaults of the paper's γ = 0.5) and μ above every band.
    XCTAssertNotNil(HatanoNelsonRing(cells: 10, gamma: 0.5).bandGap(containing: 0))
    XCTAssertEqual(HatanoNelsonRing(cells: 10, gamma: 0.5).bandGap(containing: 5)?.upper, .infinity)
    XCTAssertNil(HatanoNelsonRing(cells: 10, gamma: 0.5, aah: 1).bandGap(containing: 0))
  }
}
