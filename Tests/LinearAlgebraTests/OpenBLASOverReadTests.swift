import Foundation
import Numerics
import XCTest

@testable import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Regression test for the release-build SIGSEGV in `zheevd` inside `parallelMap`.
///
/// OpenBLAS 0.3.21's `zgemv_n` (Haswell/Zen) kernel, reached via zheevd → zhetrd → zlatrd for
/// n ≥ 33, reads up to one column past the end of the matrix. Whether that faults depends on
/// what follows the array in memory. Here the padded operand ends exactly at a PROT_NONE page,
/// the worst case: the test passes only if `openBLASOverReadPadding` covers every over-read.
/// (With the padding removed — storage ending at the guard page — the same call segfaults for
/// every n ≥ 33 tried, in C and from Swift; a crash fails the whole test run loudly.)
final class OpenBLASOverReadTests: XCTestCase {
  /// Maps `count` elements whose last one is immediately followed by an inaccessible page.
  private func guardedBuffer(count: Int) throws -> (UnsafeMutablePointer<Complex<Double>>, () -> Void) {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let bytes = count * MemoryLayout<Complex<Double>>.stride
    let span = (bytes + page - 1) / page * page
    guard let base = mmap(nil, span + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      base != MAP_FAILED
    else { throw XCTSkip("mmap failed") }
    XCTAssertEqual(mprotect(base + span, page, PROT_NONE), 0)
    let start = (base + span - bytes).bindMemory(to: Complex<Double>.self, capacity: count)
    return (start, { _ = munmap(base, span + page) })
  }

  func testZheevdWithPaddingEndingAtGuardPage() throws {
    var g = SeededGenerator(seed: 21)
    for n in [33, 60, 80, 161] {
      let r = ComplexMatrix.random(n, n, using: &g)
      let h = r + r.adjoint
      let reference = try HermitianEigensystem(h, computeVectors: false).values
      for computeVectors in [true, false] {
        let pad = openBLASOverReadPadding(leadingDimension: n)
        let (a, release) = try guardedBuffer(count: n * n + pad)
        defer { release() }
        for k in 0..<(n * n) { a[k] = h.elements[k] }
        for k in (n * n)..<(n * n + pad) { a[k] = .zero }
        var values = [Double](repeating: 0, count: n)
        try values.withUnsafeMutableBufferPointer {
          try HermitianEigensystem<Complex<Double>>.zheevd(
            n: n, a: a, values: $0.baseAddress!, computeVectors: computeVectors)
        }
        // Same routine and data, possibly different BLAS blocking/threads: agree to rounding
        // (‖H‖ ≲ 2n here, so 1e-10·n is ~10⁵ ulps of margin yet catches any wrong spectrum).
        for (x, y) in zip(values, reference) { XCTAssertEqual(x, y, accuracy: 1e-10 * Double(n)) }
      }
    }
  }
}
