@testable import LinearAlgebra
import XCTest

@testable import TightBinding

/// Anderson disorder of the ring: counter-based draws keyed by (seed, realisation).
final class AndersonDisorderTests: XCTestCase {
  /// Site i's offset is the (i+1)-th output of one SplitMix64 stream (computed directly, in any
  /// order), inside [−W/2, W/2], and depends on seed and realisation.
  func testOffsetsAreTheStreamOfTheirKeyInAnyOrder() {
    let d = AndersonDisorder(strength: 2, seed: 42, realisation: 7)
    var g = SplitMix64(seed: d.key)
    let sequential = (0..<100).map { _ in 2 * (g.nextUnit() - 0.5) }
    let direct = (0..<100).reversed().map { d.offset(site: $0) }.reversed()
    XCTAssertEqual(Array(direct), sequential)
    XCTAssertTrue(sequential.allSatisfy { abs($0) <= 1 })
    XCTAssertGreaterThan(sequential.max()!, 0.8)
    XCTAssertLessThan(sequential.min()!, -0.8)
    let other = AndersonDisorder(strength: 2, seed: 42, realisation: 8)
    let reseeded = AndersonDisorder(strength: 2, seed: 43, realisation: 7)
    XCTAssertNotEqual(other.offset(site: 0), d.offset(site: 0))
    XCTAssertNotEqual(reseeded.offset(site: 0), d.offset(site: 0))
    let mean = sequential.reduce(0, +) / 100
    XCTAssertLessThan(abs(mean), 0.2, "uniform in [−1, 1]: mean ≈ 0")
  }

  /// W = 0 leaves the ring clean (Bloch path allowed); W > 0 is disordered and spin-independent.
  func testDisorderEntersTheOnSiteEnergiesOnly() throws {
    var ring = HatanoNelsonRing(cells: 6, gamma: 0.5, exchange: 0.3)
    XCTAssertTrue(ring.isClean)
    let clean = (0..<12).map(ring.siteEnergy)
    ring.anderson = AndersonDisorder(strength: 1, seed: 1, realisation: 0)
    XCTAssertFalse(ring.isClean)
    for i in 0..<12 { XCTAssertEqual(ring.siteEnergy(i), clean[i] + ring.anderson.offset(site: i)) }
    ring.anderson.strength = -1
    XCTAssertThrowsError(try ring.validate())
  }
}
