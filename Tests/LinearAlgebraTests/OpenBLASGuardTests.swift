@testable import LinearAlgebra
import Numerics
import XCTest

/// Regression test for the OpenBLAS 0.3.21 `?gemv_n` over-read (see `lapackGuard(order:)`):
/// `zheevd`/`zgeev` on many orders above LAPACK's blocking crossover (zhetrd → zlatrd → zgemv
/// with x a matrix row, incx = n), results checked. Whether the over-read faults depends on where
/// malloc places LAPACK's workspace, so this test does NOT reproduce the crash deterministically
/// (it passed 6 of 6 runs with the guard disabled). The crash was seen in
/// `ExactDiagonalizationTests` (SIGSEGV in `zgemv_n_ZEN` ← `zlatrd` ← `zhetrd` ← `zheevd`, 7 of 10
/// runs before the guard, 0 of 12 after); this test keeps the guarded paths exercised at many orders.
final class OpenBLASGuardTests: XCTestCase {
  func testManyHermitianAndGeneralSolvesDoNotOverrunBuffers() throws {
    var g = SeededGenerator(seed: 77)
    for round in 0..<3 {
      for n in stride(from: 33 + round, through: 130, by: 3) {
        let x = ComplexMatrix.random(n, n, using: &g)
        let h = x + x.adjoint
        let e = try HermitianEigensystem(h)
        // Residual ‖HV − VΛ‖/‖H‖ of a backward-stable solver: ~n·ε ≈ 1e−14; 1e−12 has margin.
        let res = (h * e.vectors - e.vectors * ComplexMatrix(.diagonal(e.values))).frobeniusNorm / h.frobeniusNorm
        XCTAssertLessThan(res, 1e-12, "n = \(n)")
        if n % 9 == 0 {
          let ge = try GeneralEigensystem(x)
          XCTAssertEqual(ge.values.count, n)
        }
      }
    }
  }
}
