@testable import LinearAlgebra
import Numerics
import XCTest

/// LU solve, Cholesky and the (cyclic) block-tridiagonal solver against dense LU.
final class SolverTests: XCTestCase {
  /// Diagonally dominant random blocks: condition number O(1–10), so agreement with dense LU
  /// to 1e−12 (relative to ‖x‖∞) tests the banded layout and the Woodbury correction, not luck.
  private func randomSystem<E: LinearAlgebraScalar>(
    _ type: E.Type, blockSize b: Int, blocks n: Int, periodic: Bool, seed: UInt64, random: (inout SeededGenerator) -> E
  ) throws -> BlockTridiagonalMatrix<E> {
    var g = SeededGenerator(seed: seed)
    var m = try BlockTridiagonalMatrix<E>(blockSize: b, blockCount: n, periodic: periodic)
    for k in 0..<m.diagonal.count {
      m.lower[k] = random(&g)
      m.upper[k] = random(&g)
      m.diagonal[k] = random(&g)
    }
    for i in 0..<n { for r in 0..<b { m.diagonal[m.index(block: i, row: r, column: r)] += E(realPart: Double(4 * b)) } }
    return m
  }

  func testBlockTridiagonalMatchesDenseLUReal() throws {
    for b in 1...3 {
      for periodic in [false, true] {
        let m = try randomSystem(Double.self, blockSize: b, blocks: 7, periodic: periodic, seed: UInt64(10 * b)) {
          Double.random(in: -1...1, using: &$0)
        }
        var g = SeededGenerator(seed: 99)
        let f = (0..<m.dimension).map { _ in Double.random(in: -1...1, using: &g) }
        let x = try m.solve(f)
        let dense = try RealMatrix.solve(m.dense, f)
        let scale = dense.map(abs).max()!
        for (u, v) in zip(x, dense) { XCTAssertEqual(u, v, accuracy: 1e-12 * scale, "b=\(b) periodic=\(periodic)") }
      }
    }
  }

  /// The initialiser that writes blocks straight into fresh storage holds exactly the entries
  /// written (storage compared entry by entry: no arithmetic involved, so exact equality is the
  /// right test); it checks the dimensions like the zero-filling initialiser and passes on the
  /// writer's error.
  func testBlocksWrittenIntoFreshStorageAreTheMatrix() throws {
    struct WriterFailed: Error {}
    for periodic in [false, true] {
      let m = try randomSystem(Double.self, blockSize: 3, blocks: 9, periodic: periodic, seed: 7) {
        Double.random(in: -1...1, using: &$0)
      }
      let written = try BlockTridiagonalMatrix<Double>(blockSize: 3, blockCount: 9, periodic: periodic) { lo, di, up in
        for k in 0..<m.diagonal.count {
          lo[k] = m.lower[k]
          di[k] = m.diagonal[k]
          up[k] = m.upper[k]
        }
      }
      XCTAssertEqual(written.lower, m.lower)
      XCTAssertEqual(written.diagonal, m.diagonal)
      XCTAssertEqual(written.upper, m.upper)
    }
    XCTAssertThrowsError(
      try BlockTridiagonalMatrix<Double>(blockSize: 2, blockCount: 2, periodic: true) { _, _, _ in }
    )
    XCTAssertThrowsError(
      try BlockTridiagonalMatrix<Double>(blockSize: 2, blockCount: 4) { _, _, _ in throw WriterFailed() }
    ) { XCTAssertTrue($0 is WriterFailed) }
  }

  func testBlockTridiagonalMatchesDenseLUComplex() throws {
    for b in 1...3 {
      for periodic in [false, true] {
        let m = try randomSystem(
          Complex<Double>.self, blockSize: b, blocks: 6, periodic: periodic, seed: UInt64(20 + b)
        ) {
          Complex(Double.random(in: -1...1, using: &$0), Double.random(in: -1...1, using: &$0))
        }
        var g = SeededGenerator(seed: 98)
        let f = (0..<m.dimension).map { _ in
          Complex(Double.random(in: -1...1, using: &g), Double.random(in: -1...1, using: &g))
        }
        let x = try m.solve(f)
        let dense = try ComplexMatrix.solve(m.dense, f)
        let scale = dense.map(\.length).max()!
        for (u, v) in zip(x, dense) { XCTAssertLessThan((u - v).length, 1e-12 * scale, "b=\(b) periodic=\(periodic)") }
      }
    }
  }

  func testSolveAndInverse() throws {
    var g = SeededGenerator(seed: 11)
    let a = RealMatrix.random(30, 30, using: &g) + 10 * RealMatrix.identity(30)
    let x = RealMatrix.random(30, 3, using: &g)
    let solved = try RealMatrix.solve(a, a * x)
    XCTAssertLessThan((solved - x).maxAbs, 1e-12)
    XCTAssertLessThan((a * (try a.inverse()) - .identity(30)).maxAbs, 1e-12)
  }

  /// U†U reproduces A for a Hermitian positive-definite matrix (backward-stable: 1e−12 relative).
  func testCholeskyReproducesPositiveDefiniteMatrix() throws {
    var g = SeededGenerator(seed: 12)
    let x = ComplexMatrix.random(20, 20, using: &g)
    let a = x.adjoint * x + ComplexMatrix.identity(20)
    let u = try a.choleskyUpper()
    XCTAssertLessThan((u.adjoint * u - a).maxAbs / a.maxAbs, 1e-12)
    for j in 0..<20 { for i in (j + 1)..<20 { XCTAssertEqual(u[i, j], .zero) } }
  }

  func testSparseTimesDenseMatchesDense() throws {
    var g = SeededGenerator(seed: 13)
    let triplets = (0..<50).map { _ in
      (
        row: Int.random(in: 0..<10, using: &g), column: Int.random(in: 0..<10, using: &g),
        value: Complex(Double.random(in: -1...1, using: &g), 0)
      )
    }
    let s = try SparseMatrix(rows: 10, columns: 10, triplets: triplets)
    let b = ComplexMatrix.random(10, 4, using: &g)
    XCTAssertLessThan((try s.multiply(b) - s.dense * b).maxAbs, 1e-14)
  }

  // MARK: bad input: each kind throws its documented error before LAPACK is called

  func testBadInputThrowsDocumentedErrors() throws {
    let rect = RealMatrix(rows: 2, columns: 3)
    XCTAssertThrowsError(try HermitianEigensystem(rect)) {
      XCTAssertEqual($0 as? LinearAlgebraError, .notSquare(rows: 2, columns: 3))
    }
    XCTAssertThrowsError(try GeneralEigensystem(ComplexMatrix(rows: 3, columns: 2))) {
      XCTAssertEqual($0 as? LinearAlgebraError, .notSquare(rows: 3, columns: 2))
    }
    XCTAssertThrowsError(try RealMatrix.solve(.identity(3), RealMatrix(rows: 2, columns: 1))) {
      guard case .dimensionMismatch = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
    }
    XCTAssertThrowsError(try RealMatrix.product(rect, .none, rect, .none)) {
      guard case .dimensionMismatch = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
    }
    var nan = ComplexMatrix.identity(3)
    nan[1, 1] = Complex(.nan, 0)
    XCTAssertThrowsError(try GeneralEigensystem(nan)) {
      guard case .nonFinite = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
    }
    XCTAssertThrowsError(try RealMatrix(rows: 2, columns: 2, elements: [1, 2, 3])) {
      guard case .dimensionMismatch = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
    }
    // info > 0: a typed error naming the routine.
    XCTAssertThrowsError(try RealMatrix.solve(RealMatrix(rowsOf: [[1, 2], [2, 4]]), [1.0, 1.0])) {
      guard case .failed(let routine, let info, _) = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
      XCTAssertEqual(routine, "dgetrf")
      XCTAssertEqual(info, 2)
    }
    XCTAssertThrowsError(try ComplexMatrix(RealMatrix(rowsOf: [[1, 2], [2, 1]])).choleskyUpper()) {
      guard case .failed(let routine, _, _) = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
      XCTAssertEqual(routine, "zpotrf")
    }
    XCTAssertThrowsError(try BlockTridiagonalMatrix<Double>(blockSize: 2, blockCount: 2, periodic: true))
    var singular = try BlockTridiagonalMatrix<Double>(blockSize: 1, blockCount: 4)
    singular.diagonal = [1, 0, 1, 1]
    XCTAssertThrowsError(try singular.solve([1, 1, 1, 1])) {
      guard case .failed(let routine, _, _) = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
      XCTAssertEqual(routine, "dgbtrf")
    }
  }
}

/// The block-elimination fast path of `BlockTridiagonalMatrix.solve` and its fallback to the
/// pivoted banded LU.
final class BlockEliminationTests: XCTestCase {
  /// A nonsingular matrix whose first pivot block is zero needs pivoting across blocks: the
  /// fast path must hand over to `?gbtrf` and still give the dense-LU answer (1e−14: a 4×4
  /// permutation-like system is solved exactly up to rounding).
  func testZeroPivotBlockFallsBackToBandedLU() throws {
    var m = try BlockTridiagonalMatrix<Double>(blockSize: 1, blockCount: 4)
    m.diagonal = [0, 0, 2, 3]
    m.upper = [1, 1, 1, 0]
    m.lower = [0, 1, 1, 1]
    let f = [1.0, 2, 3, 4]
    let x = try m.solve(f)
    let dense = try RealMatrix.solve(m.dense, f)
    for (u, v) in zip(x, dense) { XCTAssertEqual(u, v, accuracy: 1e-14) }
  }

  /// Tiny pivot (1e−20) then large growth: whichever path answers, the result must match
  /// dense partial-pivoting LU to 1e−12 relative (what a backward-stable solve guarantees for
  /// this well-conditioned matrix, condition number ≈ 3).
  func testTinyPivotGrowthIsCaught() throws {
    var m = try BlockTridiagonalMatrix<Double>(blockSize: 1, blockCount: 3)
    m.diagonal = [1e-20, 1, 1]
    m.upper = [1, 1, 0]
    m.lower = [0, 1, 1]
    let f = [1.0, 2, 3]
    let x = try m.solve(f)
    let dense = try RealMatrix.solve(m.dense, f)
    for (u, v) in zip(x, dense) { XCTAssertEqual(u, v, accuracy: 1e-12 * dense.map(abs).max()!) }
  }

  /// A large diagonally dominant 3×3-block system (the spin-diffusion shape): the fast path's
  /// backward error is at rounding level (< 1e−14), and the periodic variant agrees with the
  /// dense solve (1e−12 relative, as the existing dense comparisons).
  func testLargeDominantSystemHasSmallBackwardError() throws {
    var g = SeededGenerator(seed: 5)
    for periodic in [false, true] {
      let n = periodic ? 40 : 2000
      var m = try BlockTridiagonalMatrix<Double>(blockSize: 3, blockCount: n, periodic: periodic)
      for k in 0..<m.diagonal.count {
        m.lower[k] = Double.random(in: -1...1, using: &g)
        m.upper[k] = Double.random(in: -1...1, using: &g)
        m.diagonal[k] = Double.random(in: -1...1, using: &g)
      }
      for i in 0..<n { for r in 0..<3 { m.diagonal[m.index(block: i, row: r, column: r)] += 12 } }
      let f = (0..<m.dimension).map { _ in Double.random(in: -1...1, using: &g) }
      let x = try m.solve(f)
      XCTAssertLessThan(m.backwardError(x, f), 1e-14)
      if periodic {
        let dense = try RealMatrix.solve(m.dense, f)
        let scale = dense.map(abs).max()!
        for (u, v) in zip(x, dense) { XCTAssertEqual(u, v, accuracy: 1e-12 * scale) }
      }
    }
  }
}
