@testable import LinearAlgebra
import Numerics
import XCTest

/// The factorise-once block-tridiagonal solver against dense LU and the one-shot solver.
final class BlockTridiagonalFactorizationTests: XCTestCase {
  /// Diagonally dominant random blocks (condition O(1–10)): agreement with dense LU to 1e−12
  /// relative to ‖x‖∞ checks the band layout and the precomputed Woodbury correction.
  func testFactorizationMatchesDenseLU() throws {
    var g = SeededGenerator(seed: 7)
    for b in 1...3 {
      for periodic in [false, true] {
        var m = try BlockTridiagonalMatrix<Double>(blockSize: b, blockCount: 9, periodic: periodic)
        for k in 0..<m.diagonal.count {
          m.lower[k] = Double.random(in: -1...1, using: &g)
          m.upper[k] = Double.random(in: -1...1, using: &g)
          m.diagonal[k] = Double.random(in: -1...1, using: &g)
        }
        for i in 0..<9 { for r in 0..<b { m.diagonal[m.index(block: i, row: r, column: r)] += Double(4 * b) } }
        let lu = try m.factorized()
        for _ in 0..<3 {  // several right-hand sides with one factorisation
          let f = (0..<m.dimension).map { _ in Double.random(in: -1...1, using: &g) }
          let x = try lu.solve(f), dense = try RealMatrix.solve(m.dense, f), once = try m.solve(f)
          let scale = dense.map(abs).max()!
          for i in x.indices {
            XCTAssertEqual(x[i], dense[i], accuracy: 1e-12 * scale, "b=\(b) periodic=\(periodic)")
            XCTAssertEqual(x[i], once[i], accuracy: 1e-12 * scale)
          }
        }
      }
    }
  }

  func testBadInputThrows() throws {
    var singular = try BlockTridiagonalMatrix<Double>(blockSize: 1, blockCount: 4)
    XCTAssertThrowsError(try singular.factorized())
    singular.diagonal = [1, 1, 1, 1]
    let lu = try singular.factorized()
    XCTAssertThrowsError(try lu.solve([1, 2, 3]))
    XCTAssertThrowsError(try lu.solve([1, .nan, 3, 4]))
  }
}
