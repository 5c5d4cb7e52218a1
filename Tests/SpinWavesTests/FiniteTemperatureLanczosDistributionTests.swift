import Foundation
@testable import LinearAlgebra
@testable import SpinWaves
import XCTest

/// FTLM's sectors spread over processes (the `distribute` hook that MPI ranks use) give the same bits as
/// one process: each sector depends only on (seed, sector, vector), its samples cross as bit patterns,
/// and the sums run over the sectors in index order. Exact equality is the right tolerance here: both
/// sides run the same arithmetic on the same inputs in the same order, in this process.
final class FiniteTemperatureLanczosDistributionTests: XCTestCase {
  func testAnySplitOfTheSectorsGivesTheSameBits() throws {
    let model = try ExactCrownRing(spins: 6, spinA: 1, exchange: 1, fieldTesla: 0.6, latitudeDegrees: 45).model()
    let ops = [model.bondCurrent(0, along: Vector3(0, 0, 1)), model.bondCurrent(0, along: Vector3(1, 0, 0))]
    let settings = FiniteTemperatureLanczos.Settings(randomVectors: 4, lanczosSteps: 30, exactStates: 2, seed: 11)
    let local = try FiniteTemperatureLanczos(model: model, operators: ops, settings: settings)
    for ranks in [1, 2, 3, 5] {
      // "Rank" r computes sectors r, r + P, …, last rank first; results return through the wire text.
      let split: FiniteTemperatureLanczos.Distribute = { count, item in
        var texts = [String?](repeating: nil, count: count)
        for r in (0..<ranks).reversed() {
          for k in stride(from: r, to: count, by: ranks).reversed() { texts[k] = try item(k) }
        }
        return texts.map { $0! }
      }
      let spread = try FiniteTemperatureLanczos(model: model, operators: ops, settings: settings, distribute: split)
      for t in [0.0, 0.4, 2.0] {
        let a = local.thermal(temperature: t), b = spread.thermal(temperature: t)
        let bitsA = ([a.energy, a.specificHeat, a.freeEnergy] + a.expectations + a.expectationErrors).map(\.bitPattern)
        let bitsB = ([b.energy, b.specificHeat, b.freeEnergy] + b.expectations + b.expectationErrors).map(\.bitPattern)
        XCTAssertEqual(bitsA, bitsB, "\(ranks) ranks, T = \(t)")
      }
      XCTAssertEqual(local.gap.bitPattern, spread.gap.bitPattern)
    }
  }

  func testWireTextIsLosslessForNonFiniteValues() throws {
    let data = FiniteTemperatureLanczos.SectorData(
      exactEnergies: [-1.5, .ulpOfOne], exactDiagonals: [[.nan, -0.0]], ritz: [[.infinity, 1e-310]],
      weights: [[-.infinity]], operatorWeights: [[[.pi]]], exactResidual: 3e-12, sectorLabel: "k index 2, M = -1")
    let back = try FiniteTemperatureLanczos.SectorData(wire: data.wire)
    XCTAssertEqual(back.exactEnergies.map(\.bitPattern), data.exactEnergies.map(\.bitPattern))
    XCTAssertEqual(back.exactDiagonals[0].map(\.bitPattern), data.exactDiagonals[0].map(\.bitPattern))
    XCTAssertEqual(back.ritz[0].map(\.bitPattern), data.ritz[0].map(\.bitPattern))
    XCTAssertEqual(back.weights[0].map(\.bitPattern), data.weights[0].map(\.bitPattern))
    XCTAssertEqual(back.operatorWeights[0][0].map(\.bitPattern), [Double.pi.bitPattern])
    XCTAssertEqual(back.exactResidual, 3e-12)
    XCTAssertEqual(back.sectorLabel, "k index 2, M = -1")
    XCTAssertFalse(data.wire.contains("\n"), "one line per item between ranks")
  }
}
