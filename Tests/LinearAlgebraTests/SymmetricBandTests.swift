@testable import LinearAlgebra
import XCTest

/// Symmetric block-tridiagonal matrices (open and cyclic) as band matrices: `dsbevx` and
/// `dpbtrf` on the reordered band agree with `dsyevd` and Cholesky on the dense matrix.
final class SymmetricBandTests: XCTestCase {
  /// A random symmetric block-tridiagonal matrix: Dᵢ symmetric, Lᵢ₊₁ = Uᵢᵀ (cyclic: L₀ = Uₙ₋₁ᵀ).
  func randomSymmetric(
    blockSize b: Int, blocks n: Int, periodic: Bool, seed: UInt64
  ) throws
    -> BlockTridiagonalMatrix<Double>
  {
    var g = SeededGenerator(seed: seed)
    var m = try BlockTridiagonalMatrix<Double>(blockSize: b, blockCount: n, periodic: periodic)
    for i in 0..<n {
      for r in 0..<b {
        for c in r..<b {
          let v = Double.random(in: -1...1, using: &g)
          m.diagonal[m.index(block: i, row: r, column: c)] = v
          m.diagonal[m.index(block: i, row: c, column: r)] = v
        }
      }
      guard i < n - 1 || periodic else { continue }
      let next = (i + 1) % n
      for r in 0..<b {
        for c in 0..<b {
          let v = Double.random(in: -1...1, using: &g)
          m.upper[m.index(block: i, row: r, column: c)] = v
          m.lower[m.index(block: next, row: c, column: r)] = v
        }
      }
    }
    return m
  }

  func testBandFormIsThePermutedMatrix() throws {
    for (b, n, periodic) in [(1, 3, true), (2, 3, true), (2, 4, true), (3, 5, true), (2, 9, true), (2, 6, false)] {
      let m = try randomSymmetric(blockSize: b, blocks: n, periodic: periodic, seed: UInt64(10 * b + n))
      let band = try m.symmetricBandForm()
      XCTAssertEqual(band.bandwidth, min(periodic ? 3 * b - 1 : 2 * b - 1, b * n - 1))
      let dense = m.dense
      let order = m.bandBlockOrder
      XCTAssertEqual(Set(order), Set(0..<n))
      // (PᵀAP)[p, q] = A[perm p, perm q], scalar indices from block positions: exact copies.
      let permuted = RealMatrix(rows: b * n, columns: b * n) { p, q in
        dense[order[p / b] * b + p % b, order[q / b] * b + q % b]
      }
      XCTAssertEqual(band.dense, permuted, "b=\(b) n=\(n) periodic=\(periodic)")
    }
  }

  /// Lowest eigenvalues: `dsbevx` vs `dsyevd`, both backward stable (error ≲ c·n·ε‖A‖₂ with
  /// n ≤ 27, ‖A‖₂ ≤ 3b); tolerance 1e-12 leaves a factor > 10 over 27·3·3·ε.
  func testLowestEigenvaluesMatchDense() throws {
    for (b, n, periodic) in [(1, 3, true), (2, 3, true), (2, 4, true), (3, 5, true), (2, 9, true), (3, 9, false)] {
      let m = try randomSymmetric(blockSize: b, blocks: n, periodic: periodic, seed: UInt64(100 + 10 * b + n))
      let all = try HermitianEigensystem(m.dense, computeVectors: false).values
      let count = min(3, b * n)
      let lowest = try m.symmetricBandForm().lowestEigenvalues(count: count)
      for k in 0..<count { XCTAssertEqual(lowest[k], all[k], accuracy: 1e-12, "b=\(b) n=\(n) k=\(k)") }
      XCTAssertEqual(try m.smallestSymmetricEigenvalue(), all[0], accuracy: 1e-12)
      // Definiteness on both sides of the lowest eigenvalue.
      for (shift, expected) in [(-all[0] + 0.01, true), (-all[0] - 0.01, false)] {
        var shifted = m
        for i in 0..<n { for r in 0..<b { shifted.diagonal[m.index(block: i, row: r, column: r)] += shift } }
        XCTAssertEqual(try shifted.isSymmetricPositiveDefinite(), expected, "b=\(b) n=\(n) shift=\(shift)")
      }
    }
  }

  func testBadInputIsRefusedBeforeLAPACK() throws {
    var band = try SymmetricBandMatrix(order: 4, bandwidth: 1)
    XCTAssertThrowsError(try band.lowestEigenvalues(count: 5))
    band[0, 1] = .nan
    XCTAssertThrowsError(try band.lowestEigenvalues()) {
      XCTAssertEqual($0 as? LinearAlgebraError, .nonFinite("dsbevx input"))
    }
    XCTAssertThrowsError(try band.isPositiveDefinite())
  }
}
