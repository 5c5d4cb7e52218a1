import Foundation
@testable import LinearAlgebra
import Numerics
@testable import SpinWaves
import XCTest

/// Exact diagonalisation: hand-derived spectra, sector reduction, Lanczos.
final class ExactSpectrumTests: XCTestCase {
  /// Uniform field h along z on every site.
  static func zModel(spins: [Double], j: Double, h: Double) throws -> ExactRingModel {
    try ExactRingModel(spins: spins, exchange: j, fields: Array(repeating: Vector3(0, 0, h), count: spins.count))
  }

  /// E(S_tot, M) = c₀ − c₁ S_tot(S_tot + 1) − hM with (2S_tot+1)·multiplicity levels, sorted.
  static func handSpectrum(_ multiplets: [(total: Double, count: Int)], c0: Double, c1: Double, h: Double) -> [Double] {
    var e: [Double] = []
    for (s, count) in multiplets {
      for _ in 0..<count {
        for k in 0...Int(2 * s) { e.append(c0 - c1 * s * (s + 1) - h * (s - Double(k))) }
      }
    }
    return e.sorted()
  }

  func testTwoSitesMatchHandDerivedSpectrum() throws {
    // N = 2: both ring bonds join sites 0 and 1, H = −2J S_0·S_1 − h S^z_tot
    //   = −J[S_tot(S_tot+1) − 2S(S+1)] − hM, S_tot = 0…2S, each once.
    // 1e-10 K: dense zheevd of ≤ 16×16 blocks with entries ≲ 10 K (rounding ~1e-14 K).
    for s in [0.5, 1, 1.5] {
      let j = 1.3, h = 0.7
      let ed = try ExactSpectrum(model: try Self.zModel(spins: [s, s], j: j, h: h))
      let hand = Self.handSpectrum(
        (0...Int(2 * s)).map { (Double($0), 1) }, c0: 2 * j * s * (s + 1), c1: j, h: h)
      XCTAssertEqual(ed.energies.count, hand.count)
      for (a, b) in zip(ed.energies, hand) { XCTAssertEqual(a, b, accuracy: 1e-10, "S = \(s)") }
    }
  }

  func testThreeSitesMatchHandDerivedSpectrum() throws {
    // N = 3 is a triangle: H = −(J/2)[S_tot² − 3S(S+1)] − hM. Multiplets of three spins ½: 3/2 once,
    // ½ twice; of three spins 1: 3 once, 2 twice, 1 three times, 0 once.
    let j = 0.9, h = 0.4
    let cases: [(Double, [(total: Double, count: Int)])] = [
      (0.5, [(1.5, 1), (0.5, 2)]), (1, [(3, 1), (2, 2), (1, 3), (0, 1)]),
    ]
    for (s, multiplets) in cases {
      let ed = try ExactSpectrum(model: try Self.zModel(spins: [s, s, s], j: j, h: h))
      let hand = Self.handSpectrum(multiplets, c0: 1.5 * j * s * (s + 1), c1: j / 2, h: h)
      XCTAssertEqual(ed.energies.count, hand.count)
      for (a, b) in zip(ed.energies, hand) { XCTAssertEqual(a, b, accuracy: 1e-10, "S = \(s)") }
    }
  }

  /// Crown, AFM, ferrimagnet and odd-N half-integer rings (the 2π-rotation phase ν = ½ matters there).
  static var symmetryCases: [(String, ExactRingModel)] {
    get throws {
      [
        (
          "crown N=6 S=1/2",
          try ExactCrownRing(spins: 6, spinA: 0.5, exchange: 1, fieldTesla: 1.1, latitudeDegrees: 50).model()
        ),
        (
          "crown N=5 S=1/2",
          try ExactCrownRing(spins: 5, spinA: 0.5, exchange: 1, fieldTesla: 0.8, latitudeDegrees: 70).model()
        ),
        (
          "crown N=3 S=3/2",
          try ExactCrownRing(spins: 3, spinA: 1.5, exchange: 2, fieldTesla: 3, latitudeDegrees: 30).model()
        ),
        (
          "AFM N=4 S=1",
          try ExactCrownRing(spins: 4, spinA: 1, exchange: -1, fieldTesla: 1, latitudeDegrees: 60).model()
        ),
        (
          "ferri N=4 1/2,1",
          try ExactCrownRing(spins: 4, spinA: 0.5, spinB: 1, exchange: -1, fieldTesla: 0.6, latitudeDegrees: 40)
            .model()
        ),
        (
          "z field N=5 S=1/2",
          try ExactCrownRing(spins: 5, spinA: 0.5, exchange: 1, fieldTesla: 0.5, latitudeDegrees: 0).model()
        ),
      ]
    }
  }

  func testSectorReducedEqualsUnreducedSpectraAndObservables() throws {
    // Same Hamiltonian, two routes: dense D×D (one block) and the screw (× S^z) blocks. Spectra to
    // 1e-10 K and every observable to 1e-10 (K or ħ): both are zheevd-accurate (~1e-14 relative) and
    // the reduction is exact, so anything larger is a wrong phase, norm or missing state.
    for (name, model) in try Self.symmetryCases {
      let full = try ExactSpectrum(model: model, reduced: false)
      let reduced = try ExactSpectrum(model: model)
      XCTAssertEqual(full.blocks.count, 1)
      XCTAssertGreaterThan(reduced.blocks.count, 1, name)
      XCTAssertEqual(reduced.energies.count, full.energies.count, name)
      for (a, b) in zip(reduced.energies, full.energies) { XCTAssertEqual(a, b, accuracy: 1e-10, name) }
      for t in [0, 0.7] {
        let a = try reduced.observables(temperature: t), b = try full.observables(temperature: t)
        for (x, y) in [(a.current, b.current), (a.spinA, b.spinA), (a.spinB, b.spinB)] {
          XCTAssertLessThan((x - y).length, 1e-10, "\(name) T = \(t): \(x) vs \(y)")
        }
        XCTAssertEqual(a.specificHeat, b.specificHeat, accuracy: 1e-10, name)
        XCTAssertEqual(a.energy, b.energy, accuracy: 1e-10, name)
      }
    }
  }

  func testSectorEigenvectorsAreEigenvectorsOfTheFullHamiltonian() throws {
    // Expand every sector eigenvector to the product basis and apply the dense H: residual ≤ 1e-10 K.
    let model = try ExactCrownRing(spins: 5, spinA: 0.5, exchange: 1, fieldTesla: 0.8, latitudeDegrees: 70)
      .model()
    let ed = try ExactSpectrum(model: model)
    let h = model.hamiltonian.denseMatrix(try model.basis())
    for b in ed.blocks {
      for c in 0..<b.values.count {
        let v = ed.sectors.expand(b.vectors.column(c), in: b.sector)
        var worst = 0.0
        for i in 0..<v.count {
          var acc = v[i] * .init(-b.values[c], 0)
          for k in 0..<v.count { acc = acc + h[i, k] * v[k] }
          worst = max(worst, acc.length)
        }
        XCTAssertLessThan(worst, 1e-10, "k index \(b.sector.momentum)")
      }
    }
  }

  func testLanczosGroundStateEqualsFullSpectrumMinimum() throws {
    // Lanczos (matrix-free, converged to residual 1e-10·|E|) against the minimum of the full spectrum:
    // 1e-9 relative (the Ritz value error is ~ residual²/gap, far below this; the margin covers rounding).
    for (name, model) in try Self.symmetryCases + [
      (
        "crown N=6 S=1",
        try ExactCrownRing(spins: 6, spinA: 1, exchange: 1, fieldTesla: 0.7, latitudeDegrees: 45).model()
      )
    ] {
      let full = try ExactSpectrum(model: model, computeVectors: false)
      let (lanczos, sectors) = try LanczosGroundState.groundState(model: model, computeVector: true)
      XCTAssertNil(lanczos.warning, name)
      XCTAssertEqual(lanczos.energy, full.groundEnergy, accuracy: 1e-9 * abs(full.groundEnergy), name)
      // Its vector is an eigenvector: ⟨H⟩ = E.
      let e = LanczosGroundState.expectation(
        model.hamiltonian, in: sectors, sector: lanczos.sector, vector: lanczos.vector)
      XCTAssertEqual(e, lanczos.energy, accuracy: 1e-8 * abs(lanczos.energy), name)
    }
  }

  func testSparseEigenstateDiagonalEqualsDenseProduct() throws {
    // ⟨n|O|n⟩ two ways in the same run: the sparse operator applied to the eigenvectors
    // (ExactSpectrum.diagonal) and the dense sector matrix times the eigenvectors by BLAS (zgemm).
    // Tolerance 1e-11 (K or ħ): both are sums of ≲ 10³ products of entries ≲ |J|S² = 1.3, rounding ~1e-14.
    let model = try ExactCrownRing(spins: 5, spinA: 1, exchange: 1.3, fieldTesla: 0.8, latitudeDegrees: 40)
      .model()
    let ed = try ExactSpectrum(model: model)
    let axes = (0..<5).map { _ in Vector3(0.6, 0, 0.8) }
    for (o, op) in ExactObservable.operators(for: model, axes: axes) {
      let sparse = try ed.diagonal(op)
      let sym = op.screwAveraged(sites: 5, cell: ed.sectors.cell, angle: ed.sectors.angle)
      for (b, block) in ed.blocks.enumerated() {
        let ov = try Matrix.product(ed.sectors.matrix(sym, in: block.sector), .none, block.vectors, .none)
        for n in block.values.indices {
          var dense = 0.0
          for i in 0..<ov.rows { dense += (block.vectors[i, n].conjugate * ov[i, n]).real }
          XCTAssertEqual(sparse[b][n], dense, accuracy: 1e-11, "\(o.name) block \(b) state \(n)")
        }
      }
    }
  }

  func testObservableTableHasOneEntryPerNameAndOperatorsForEveryRoute() throws {
    // Names unique; every operator entry is built for any ring (the longitudinal current only with
    // axes), and the twisted ring shares the untwisted one's sectors (same orbit tables, same energies
    // as a ring built afresh with that twist, to 1e-12 K: identical arithmetic).
    let names = ExactObservable.all.map(\.name)
    XCTAssertEqual(Set(names).count, names.count)
    let model = try ExactCrownRing(spins: 4, spinA: 0.5, exchange: 2, fieldTesla: 1, latitudeDegrees: 30)
      .model()
    let withAxes = ExactObservable.operators(for: model, axes: Array(repeating: Vector3(0, 0, 1), count: 4))
    let without = ExactObservable.operators(for: model, axes: nil)
    XCTAssertEqual(withAxes.count, ExactObservable.all.filter(\.isOperator).count)
    XCTAssertEqual(without.count, withAxes.count - 1)
    let fresh = try ExactRingModel(spins: model.spins, exchange: model.exchange!, fields: model.fields, twist: 0.01)
    let a = try ExactSpectrum(model: model.twisted(0.01), computeVectors: false).energies
    let b = try ExactSpectrum(model: fresh, computeVectors: false).energies
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    XCTAssertEqual(model.twisted(0.01).screwSectors.representatives, model.screwSectors.representatives)
  }

  func testMatrixFreeLanczosEqualsStoredMatrixAndFullED() throws {
    // Ground-state energy and T = 0 jᶻ three ways: matrix-free Lanczos, stored-matrix Lanczos, full ED
    // (non-degenerate ground states). Lanczos converged to residual 1e-13·|E|: energy error
    // ~ residual²/gap, vector error ~ residual/gap ≲ 1e-12 here (gaps ≳ 0.05 K), so 1e-10 (K) holds.
    for (s, n) in [(0.5, 8), (1.0, 5)] {
      let model = try ExactCrownRing(spins: n, spinA: s, exchange: 1, fieldTesla: 0.7, latitudeDegrees: 45)
        .model()
      let full = try ExactSpectrum(model: model)
      XCTAssertEqual(full.groundDegeneracy, 1)
      let jz = model.bondCurrent(0, along: Vector3(0, 0, 1))
      let edCurrent = try full.expectation(jz, temperature: 0)
      for matrixFree in [false, true] {
        let (g, sectors) = try LanczosGroundState.groundState(
          model: model, tolerance: 1e-13, computeVector: true, matrixFree: matrixFree)
        let label = "S = \(s), N = \(n), matrix-free \(matrixFree)"
        XCTAssertEqual(g.energy, full.groundEnergy, accuracy: 1e-10, label)
        let current = LanczosGroundState.expectation(jz, in: sectors, sector: g.sector, vector: g.vector)
        XCTAssertEqual(current, edCurrent, accuracy: 1e-10, label)
      }
    }
  }

  func testMatrixFreeProductIsIndependentOfTheTaskSplitAndEqualsTheStoredMatrix() throws {
    // The same H x with one row per task (as parallel as it gets) and one task for all rows: each row
    // is one task's fixed-order sum, so the two are bit-identical. Against the stored sparse matrix
    // (same elements, other summation order): 1e-12·|x|·‖H‖ with ‖H‖ ≲ 20 K here.
    let model = try ExactCrownRing(spins: 6, spinA: 1, exchange: 1.1, fieldTesla: 0.9, latitudeDegrees: 35)
      .model()
    let sectors = model.screwSectors
    for sector in sectors.allSectors(bySz: false) {
      var rng = SplitMix64(seed: 7)
      let x = (0..<sector.dimension).map { _ in Complex(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5) }
      var a = x, b = x, c = x
      MatrixFreeSectorOperator(model.hamiltonian, sectors: sectors, sector: sector, rowsPerTask: 1)
        .multiply(x, into: &a)
      MatrixFreeSectorOperator(model.hamiltonian, sectors: sectors, sector: sector, rowsPerTask: x.count)
        .multiply(x, into: &b)
      sectors.sparseMatrix(model.hamiltonian, in: sector).multiply(x, into: &c)
      XCTAssertEqual(a, b)
      for i in x.indices { XCTAssertEqual((a[i] - c[i]).length, 0, accuracy: 1e-11, "k \(sector.momentum) row \(i)") }
    }
  }

  func testTooLargeHilbertSpaceIsRefusedBeforeAllocation() throws {
    // 40 spins 1/2: 2^40 states; the error names spins and the bytes, thrown before any allocation.
    let model = try ExactCrownRing(spins: 40, spinA: 0.5, exchange: 1, fieldTesla: 1, latitudeDegrees: 45).model()
    XCTAssertThrowsError(try ExactSpectrum(model: model)) { error in
      XCTAssertTrue("\(error)".contains("spins: 40"), "\(error)")
    }
    XCTAssertThrowsError(try LanczosGroundState.groundState(model: model)) { error in
      XCTAssertTrue("\(error)".contains("needs"), "\(error)")
    }
  }
}

extension ScrewSectors {
  /// Product-basis amplitudes of the sector vector `v` (to compare with the unreduced basis).
  func expand(_ v: [Complex<Double>], in sector: Sector) -> [Complex<Double>] {
    var out = [Complex<Double>](repeating: .zero, count: basis.dimension)
    for (a, r) in sector.members.enumerated() {
      let p = periods[r], norm = 1 / Double(p).squareRoot()
      var t = representatives[r]
      for j in 0..<p {
        let ph = -sector.thetas[a] * Double(j)
        out[t] = out[t] + v[a] * Complex(norm * cos(ph), norm * sin(ph))
        t = basis.translated(t, cell: cell)
      }
    }
    return out
  }
}
