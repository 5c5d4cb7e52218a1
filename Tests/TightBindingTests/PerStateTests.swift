import Numerics
import PhysicalConstants
import XCTest

@testable import TightBinding

/// Per-state values: their sum over occupied states is the projector total, on both paths.
final class PerStateTests: XCTestCase {
  /// Relative 1e−9: the per-state route (L†OR)_nn and the projector route Tr(P O) differ only by
  /// the rounding of L†R = 𝟙 (κ·ε with κ ≲ 10 here).
  func testOccupiedStateSumEqualsTotal() throws {
    for (ring, path) in [
      (
        HatanoNelsonRing(cells: 5, gamma: 0.5, fluxPhase: 0.13, exchange: 0.3, theta: 0.8, azimuth: 0.4),
        RingSpectrum.Path.bloch
      ),
      (
        HatanoNelsonRing(cells: 5, gamma: 1.5, fluxPhase: 0.13, exchange: 0.3, theta: 0.8, azimuth: 0.4, aah: 0.7),
        .dense
      ),
    ] {
      let mu = -0.45
      let states = try PersistentCurrents.states(ring, path: path)
      XCTAssertEqual(states.count, 4 * ring.cells)
      XCTAssertEqual(states.compactMap(\.momentum).isEmpty, path == .dense)
      let sum = states.filter { $0.energy.real <= mu }.reduce(RingCurrents.zero) { $0 + $1.currents }
      let total = try PersistentCurrents.compute(ring, mu: mu, path: path).currents
      let scale = [PhysicalConstants.amperePerElectronVoltHopping, 1, 1, 1]
      for j in 0..<4 {
        let a = sum.all[j] / Complex(scale[j], 0)
        let b = total.all[j] / Complex(scale[j], 0)
        XCTAssertTrue(RingTest.close(a, b, rel: 1e-9, abs: 1e-13), "\(path) j \(j): \(a) vs \(b)")
      }
      XCTAssertGreaterThan(total.charge.length, 0)
      XCTAssertTrue(states.allSatisfy { $0.conditionNumber >= 1 })
    }
  }
}
