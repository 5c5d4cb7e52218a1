import SpinTransport
import Foundation
@testable import LinearAlgebra
import Numerics
import XCTest

@testable import Studies

/// Concurrent LAPACK through `parallelMap`: mixed zheevd/zpotrf/zgeev/dgesv work, two maps
/// overlapping from different threads, and the process-wide single-threaded-BLAS region.
///
/// History: release builds segfaulted in zheevd inside `parallelMap` (OpenBLAS 0.3.21 `zgemv_n`
/// over-read, see `OpenBLASOverReadTests`); and each map used to save/set/restore the OpenBLAS
/// thread count, so a map that ended first restored multi-threaded BLAS under a map still
/// running. `testOverlappingMapsKeepBLASSingleThreaded` fails deterministically with that code.
final class ParallelMapBLASTests: XCTestCase {
  /// One piece of work; the result is a fingerprint compared with a serial run.
  struct Task: Sendable {
    let kind: Int, n: Int, seed: UInt64
  }

  /// Deterministic pseudo-random entries in [−1, 1] (SplitMix64).
  static func entries(_ count: Int, seed: UInt64) -> [Double] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { _ in
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      return Double(z >> 11) / Double(1 << 52) - 1
    }
  }

  static func hermitian(_ n: Int, seed: UInt64) throws -> ComplexMatrix {
    let e = entries(2 * n * n, seed: seed)
    let r = try ComplexMatrix(rows: n, columns: n, elements: (0..<(n * n)).map { Complex(e[2 * $0], e[2 * $0 + 1]) })
    return r + r.adjoint
  }

  /// Runs one task and checks its own invariant; returns a fingerprint for the serial comparison.
  static func run(_ t: Task) throws -> [Double] {
    let n = t.n
    switch t.kind {
    case 0:  // zheevd: eigenvalues (Σλ = Tr H checked by the caller via the serial comparison)
      return try HermitianEigensystem(try hermitian(n, seed: t.seed), computeVectors: true).values
    case 1:  // zpotrf of H + (2n) I (positive definite): U†U = A
      var a = try hermitian(n, seed: t.seed)
      for i in 0..<n { a[i, i] = a[i, i] + Complex(Double(2 * n), 0) }
      let u = try a.choleskyUpper()
      let residual = (try Matrix.product(u, .adjoint, u, .none) - a).maxAbs / a.maxAbs
      guard residual < 1e-12 else { throw LinearAlgebraError.dimensionMismatch("zpotrf residual \(residual)") }
      return (0..<n).map { u[$0, $0].real }
    case 2:  // zgeev of a general complex matrix: eigenvalue real parts, sorted
      let e = entries(2 * n * n, seed: t.seed)
      let a = try ComplexMatrix(rows: n, columns: n, elements: (0..<(n * n)).map { Complex(e[2 * $0], e[2 * $0 + 1]) })
      return try GeneralEigensystem(a, computeLeft: false, computeRight: true).values.map(\.real).sorted()
    default:  // dgesv: A x = b with a diagonally dominated random A
      let e = entries(n * n + n, seed: t.seed)
      var a = try RealMatrix(rows: n, columns: n, elements: Array(e[0..<(n * n)]))
      for i in 0..<n { a[i, i] += Double(n) }
      return try RealMatrix.solve(a, Array(e[(n * n)...]))
    }
  }

  static let tasks: [Task] = (0..<24).map { i in Task(kind: i % 4, n: [40, 72, 100][i % 3], seed: UInt64(i + 1)) }

  private func assertMatchesSerial(
    _ results: [[Double]], _ serial: [[Double]], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(results.count, serial.count, file: file, line: line)
    for (r, s) in zip(results, serial) {
      XCTAssertEqual(r.count, s.count, file: file, line: line)
      // Same routines on the same data; only BLAS threading may differ, i.e. rounding order:
      // entries are O(n) ≤ 200, so 1e-9 absolute is ~10⁴ ulps yet far below any real discrepancy.
      for (x, y) in zip(r, s) { XCTAssertEqual(x, y, accuracy: 1e-9, file: file, line: line) }
    }
  }

  func testMixedLAPACKInParallelMapMatchesSerial() throws {
    let serial = try Self.tasks.map(Self.run)
    for _ in 0..<2 { assertMatchesSerial(try parallelMap(Self.tasks, Self.run), serial) }
    XCTAssertEqual(SingleThreadedBLAS.depth, 0)
  }

  /// Map A starts; map B starts on another thread while A runs; A ends while B still runs.
  /// B must still see single-threaded BLAS, and the original count must come back at the end.
  func testOverlappingMapsKeepBLASSingleThreaded() throws {
    let original = BLASInfo.threadCount
    BLASInfo.setThreadCount(2)
    defer { BLASInfo.setThreadCount(original) }
    let serial = try Self.tasks.map(Self.run)
    let aStarted = DispatchSemaphore(value: 0), bEntered = DispatchSemaphore(value: 0)
    let aDone = DispatchSemaphore(value: 0), bDone = DispatchSemaphore(value: 0)
    final class Box: @unchecked Sendable {
      var threadsSeenByB = -1, insideA = -1, results: [[Double]] = [], error: Error?
    }
    let box = Box()
    let other = Thread {
      aStarted.wait()
      do {
        box.results = try parallelMap(Self.tasks) { t in
          if t.seed == 1 {
            bEntered.signal()
            aDone.wait()  // A has returned; this map is still running
            box.threadsSeenByB = BLASInfo.threadCount
          }
          return try Self.run(t)
        }
      } catch { box.error = error }
      bDone.signal()
    }
    other.start()
    let a = try parallelMap(Self.tasks) { t in
      if t.seed == 1 {
        box.insideA = BLASInfo.threadCount
        aStarted.signal()
        bEntered.wait()  // B is inside its map before A can finish
      }
      return try Self.run(t)
    }
    aDone.signal()
    XCTAssertEqual(bDone.wait(timeout: .now() + 60), .success)
    XCTAssertNil(box.error)
    assertMatchesSerial(a, serial)
    assertMatchesSerial(box.results, serial)
    XCTAssertEqual(box.insideA, 1, "BLAS threads inside map A")
    XCTAssertEqual(box.threadsSeenByB, 1, "BLAS threads inside map B after map A returned")
    XCTAssertEqual(BLASInfo.threadCount, 2, "thread count restored after the last map")
    XCTAssertEqual(SingleThreadedBLAS.depth, 0)
  }
}
