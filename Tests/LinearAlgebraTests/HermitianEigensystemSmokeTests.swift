@testable import LinearAlgebra
import XCTest

/// Smoke test so the LinearAlgebraTests target has a source file on every branch.
final class HermitianEigensystemSmokeTests: XCTestCase {
  /// [[2,1],[1,2]] has eigenvalues 1 and 3 exactly; 1e-12 allows LAPACK round-off (~1e-15).
  func testTwoByTwoEigenvalues() throws {
    let e = try HermitianEigensystem(RealMatrix(rowsOf: [[2, 1], [1, 2]]), computeVectors: false).values
    XCTAssertEqual(e[0], 1, accuracy: 1e-12)
    XCTAssertEqual(e[1], 3, accuracy: 1e-12)
  }
}
