import Foundation
import LinearAlgebra
import Numerics
import XCTest

@testable import SpinWaves

/// The matrix-free product in all screw momenta at once, the Lanczos ground state it drives, and the
/// twist derivative as a Hellmann–Feynman operator — each against an independent route.
final class MatrixFreeLanczosTests: XCTestCase {
  /// Rings of both spin lengths: the crown (no S^z conservation; S = ½ has orbits shorter than L,
  /// so some rows exist only in some momenta) and fields along z (S^z sectors).
  static func rings() throws -> [(String, ExactRingModel)] {
    [
      (
        "crown N=8 S=1/2",
        try ExactCrownRing(spins: 8, spinA: 0.5, exchange: 1, fieldTesla: 0.7, latitudeDegrees: 45).model()
      ),
      (
        // Small sectors (9–14 states): early Ritz values with residuals of a few K; pruning with the margin
        // r alone dropped the ground sector here at step 4.
        "crown N=6 S=1/2 strong exchange",
        try ExactCrownRing(spins: 6, spinA: 0.5, exchange: 10, fieldTesla: 2, latitudeDegrees: 45).model()
      ),
      (
        "crown N=5 S=1",
        try ExactCrownRing(spins: 5, spinA: 1, exchange: 1.2, fieldTesla: 0.9, latitudeDegrees: 35).model()
      ),
      (
        "AFM N=6 S=1 fields along z",
        try ExactRingModel(
          spins: Array(repeating: 1, count: 6), exchange: -1, fields: Array(repeating: Vector3(0, 0, 0.4), count: 6))
      ),
    ]
  }

  func testEveryColumnOfTheWideProductIsTheSingleSectorProductBitForBit() throws {
    // Column n of the width-L product reads the same orbit words, phases and x entries in the same order
    // as the product in sector n alone (rows outside the sector are zero in x and in y), so the two are
    // identical, not merely close; against the stored sparse sector matrix (same elements, another
    // summation order) 1e-12 relative to ‖H‖·|x| ≲ 20.
    for (name, model) in try Self.rings() {
      let sectors = model.screwSectors, h = model.hamiltonian
      let groups: [Double?] =
        h.conservesTotalSz ? Array(Set(sectors.magnetizations)).sorted().map { Optional($0) } : [nil]
      for m in groups {
        let wide = MatrixFreeSectorOperator(
          h, sectors: sectors, momenta: Array(0..<sectors.cellCount), magnetization: m)
        let w = wide.width
        var rng = SplitMix64(seed: 11)
        var x = (0..<(wide.rows.count * w)).map { _ in Complex(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5) }
        for (a, mask) in wide.partialMasks { for c in 0..<w where mask[c] == 0 { x[a * w + c] = .zero } }
        var y = x
        wide.multiply(x, into: &y)
        for n in 0..<w {
          let sector = sectors.sector(momentum: n, magnetization: m)
          guard sector.dimension > 0 else { continue }
          let rowOfRep = Dictionary(uniqueKeysWithValues: wide.rows.enumerated().map { (Int($0.element), $0.offset) })
          let xs = sector.members.map { x[rowOfRep[$0]! * w + n] }
          var single = xs, stored = xs
          MatrixFreeSectorOperator(h, sectors: sectors, sector: sector).multiply(xs, into: &single)
          sectors.sparseMatrix(h, in: sector).multiply(xs, into: &stored)
          for (i, r) in sector.members.enumerated() {
            XCTAssertEqual(y[rowOfRep[r]! * w + n], single[i], "\(name) M \(String(describing: m)) n \(n) row \(i)")
            XCTAssertEqual((single[i] - stored[i]).length, 0, accuracy: 1e-12 * 20, "\(name) n \(n) row \(i)")
          }
        }
      }
    }
  }

  func testWideProductIsIndependentOfTheTaskSplit() throws {
    // One row per task (as parallel as it gets) and one task for all rows: each y row is one task's
    // fixed-order sum, so the two are bit-identical.
    let model = try ExactCrownRing(spins: 8, spinA: 0.5, exchange: 1, fieldTesla: 0.7, latitudeDegrees: 45)
      .model()
    let sectors = model.screwSectors, momenta = Array(0..<sectors.cellCount)
    let fine = MatrixFreeSectorOperator(model.hamiltonian, sectors: sectors, momenta: momenta, rowsPerTask: 1)
    let coarse = MatrixFreeSectorOperator(
      model.hamiltonian, sectors: sectors, momenta: momenta, rowsPerTask: fine.rows.count)
    var rng = SplitMix64(seed: 5)
    let x = (0..<(fine.rows.count * fine.width)).map { _ in Complex(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5) }
    var a = x, b = x
    fine.multiply(x, into: &a)
    coarse.multiply(x, into: &b)
    XCTAssertEqual(a, b)
  }

  func testLowestLevelOfEveryMomentumEqualsFullDiagonalisation() throws {
    // The width-L recurrence converges each column on its own (residual 1e-12·|E|): its lowest Ritz
    // value per sector against zheevd of that sector: the Ritz error is ~ residual²/gap, so 1e-10 K
    // leaves room for rounding (|E| ≲ 10 K).
    for (name, model) in try Self.rings() {
      let full = try ExactSpectrum(model: model, computeVectors: false)
      let lowest = try LanczosGroundState.lowestPerMomentum(
        model.hamiltonian, sectors: model.screwSectors, tolerance: 1e-12, maxIterations: 500, progress: nil)
      XCTAssertEqual(lowest.count, full.blocks.count, name)
      for block in full.blocks {
        let r = try XCTUnwrap(
          lowest.first {
            $0.sector.momentum == block.sector.momentum && $0.sector.magnetization == block.sector.magnetization
          })
        XCTAssertNil(r.warning, name)
        XCTAssertEqual(r.energy, block.values[0], accuracy: 1e-10, "\(name) n \(block.sector.momentum)")
      }
    }
  }

  func testPruningKeepsTheGroundLevelAndEveryMomentumNearItAndDropsOnlyHigherOnes() throws {
    // With pruning the wide recurrence reports a subset of the momenta; against zheevd per sector: the
    // reported levels are the sector minima (1e-10 K, as above), the lowest of them is E_0, every sector
    // whose minimum lies within 1e-9·max(1,|E_0|) K of E_0 is among them, and every omitted sector's
    // minimum lies above that window (the bound the pruning rests on). Pruning must actually drop some
    // momentum here, else the test would be empty (checked).
    var droppedAny = false
    for (name, model) in try Self.rings() {
      let full = try ExactSpectrum(model: model, computeVectors: false)
      let e0 = full.groundEnergy, window = 1e-9 * max(1, abs(full.groundEnergy))
      let pruned = try LanczosGroundState.lowestPerMomentum(
        model.hamiltonian, sectors: model.screwSectors, tolerance: 1e-12, maxIterations: 500, prune: true)
      XCTAssertEqual(pruned.map(\.energy).min()!, e0, accuracy: 1e-10, name)
      for block in full.blocks {
        let r = pruned.first {
          $0.sector.momentum == block.sector.momentum && $0.sector.magnetization == block.sector.magnetization
        }
        if let r {
          XCTAssertEqual(r.energy, block.values[0], accuracy: 1e-10, "\(name) n \(block.sector.momentum)")
        } else {
          droppedAny = true
          XCTAssertGreaterThan(block.values[0], e0 + window, "\(name) n \(block.sector.momentum) dropped")
        }
      }
    }
    XCTAssertTrue(droppedAny)
  }

  func testGroundVectorPassReproducesTheRitzVector() throws {
    // The vector pass repeats the converged column's recurrence alone (same start, width 1) and sums
    // y_j q_j with the wide run's y: its true residual |Hψ − E_0 ψ| (one more product) must be of the
    // Ritz residual's size, here ≤ 1e-12·max(1,|E_0|) K plus rounding ~1e-14·‖H‖ ≲ 1e-12 K: 1e-10 K.
    for (name, model) in try Self.rings() {
      let levels = try LanczosGroundState.lowestLevels(
        model.hamiltonian, sectors: model.screwSectors, tolerance: 1e-12, maxIterations: 500, prune: true)
      let ground = try XCTUnwrap(levels.min { $0.result.energy < $1.result.energy })
      let (vector, residual) = try LanczosGroundState.groundVector(
        model.hamiltonian, sectors: model.screwSectors, level: ground)
      XCTAssertEqual(vector.count, ground.result.sector.dimension, name)
      XCTAssertLessThan(residual, 1e-10, name)
    }
  }

  func testMomentumGroupsGiveTheSameLevelsAsOneWideRecurrence() throws {
    // Memory short: momenta in groups of 3 instead of all L at once. Each column's recurrence is its own
    // (only the row chunking of its sums may differ), so the lowest levels agree to rounding: 1e-12 K.
    let model = try ExactCrownRing(spins: 8, spinA: 0.5, exchange: 1, fieldTesla: 0.7, latitudeDegrees: 45)
      .model()
    let all = try LanczosGroundState.lowestPerMomentum(
      model.hamiltonian, sectors: model.screwSectors, tolerance: 1e-12, maxIterations: 500, progress: nil)
    let grouped = try LanczosGroundState.lowestPerMomentum(
      model.hamiltonian, sectors: model.screwSectors, tolerance: 1e-12, maxIterations: 500, width: 3, progress: nil)
    XCTAssertEqual(all.count, 8)
    XCTAssertEqual(all.map(\.sector.momentum), grouped.map(\.sector.momentum))
    for (a, b) in zip(all, grouped) { XCTAssertEqual(a.energy, b.energy, accuracy: 1e-12, "n \(a.sector.momentum)") }
  }

  func testMatrixFreeGroundStateEnergyAndCurrentEqualFullED() throws {
    // E_0, bond 0's jᶻ and the twist column (the bond average of jᶻ, Hellmann–Feynman) on the matrix-free
    // ground vector against full ED at T = 0 (non-degenerate ground states, checked). Residual
    // 1e-13·|E|: energy error ~ residual²/gap, vector error ~ residual/gap ≲ 1e-12 here, so 1e-10 (K).
    for (name, model) in try Self.rings() {
      let full = try ExactSpectrum(model: model)
      XCTAssertEqual(full.groundDegeneracy, 1, name)
      let (g, sectors) = try LanczosGroundState.groundState(
        model: model, tolerance: 1e-13, computeVector: true, matrixFree: true)
      XCTAssertNil(g.warning, name)
      XCTAssertEqual(g.energy, full.groundEnergy, accuracy: 1e-10, name)
      let edValues = try full.observables(temperature: 0).values
      for (o, op) in ExactObservable.operators(for: model, axes: nil) {
        let value = LanczosGroundState.expectation(op, in: sectors, sector: g.sector, vector: g.vector)
        XCTAssertEqual(value, edValues[o.name]!, accuracy: 1e-10, "\(name) \(o.name)")
      }
    }
  }

  func testTwistOperatorEqualsTheFiniteDifferenceTwistRoute() throws {
    // −(1/N_b)∂F/∂δ two ways in the same run: the bond-averaged current operator on the eigenstates
    // (Hellmann–Feynman) and the 5-point stencil on F(δ) from four twisted spectra (step 1e-3:
    // truncation ~1e-13·F⁽⁵⁾, rounding ~1e-15·|F|/1e-3 ≈ 1e-11 K for |F| ≲ 10 K), so 1e-7 relative
    // plus 2e-11 K. Irregular fields leave no screw symmetry: every bond carries its own current and
    // bond 0's differs from the average (checked), so the twist operator is not bond 0's in disguise.
    let n = 5
    // A crown-like winding field (it drives the current) with irregular azimuths, polar angles and sizes.
    let fields = (0..<n).map { i -> Vector3 in
      let x = Double(i)
      let phi: Double = -2 * Double.pi * x / Double(n) + 0.3 * sin(1.7 * x)
      let theta: Double = 0.8 + 0.1 * x
      let size: Double = 0.9 + 0.2 * cos(2.3 * x)
      return Vector3(size * sin(theta) * cos(phi), size * sin(theta) * sin(phi), size * cos(theta))
    }
    let model = try ExactRingModel(spins: Array(repeating: 1, count: n), exchange: 1.1, fields: fields)
    XCTAssertEqual(model.screw.cell, n)
    let ed = try ExactSpectrum(model: model)
    XCTAssertEqual(ed.groundDegeneracy, 1)
    for t in [0.0, 0.5, 3.0] {
      let values = try ed.observables(temperature: t).values
      let op: Double = values["spin_current_z_twist_K"]!, bond0: Double = values["spin_current_z_K"]!
      let (twist, warning) = try ExactSpectrum.twistCurrent(model: model, temperature: t)
      XCTAssertNil(warning)
      XCTAssertGreaterThan(abs(op), 1e-3, "a vanishing current would make this test empty")
      XCTAssertGreaterThan(abs(op - bond0), 1e-3 * abs(op), "bond 0 must differ from the average here")
      XCTAssertEqual(op, twist, accuracy: 1e-7 * abs(twist) + 2e-11, "T = \(t)")
    }
  }
}
