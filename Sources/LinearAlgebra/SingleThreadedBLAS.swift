import Foundation

/// Process-wide "BLAS runs on one thread" regions, reference-counted under a lock.
///
/// The first ``enter()`` saves the OpenBLAS thread count and sets it to 1 (only if it is not 1
/// already); the last matching ``leave()`` restores the saved count. In between, overlapping
/// or nested parallel regions (e.g. two figures computed concurrently, each with its own
/// `Studies.parallelMap`) never change the count. The previous per-map
/// save/set/restore could hand a still-running map a restored multi-threaded BLAS (and
/// leave the process at 1 thread afterwards) when two maps overlapped.
///
/// Not the cause of the release-build SIGSEGV in `zheevd` inside `parallelMap` (that was an
/// OpenBLAS 0.3.21 `zgemv_n` over-read, fixed in LinearAlgebra), but a real race on the
/// OpenBLAS thread count; ``depth`` exists for tests.
public enum SingleThreadedBLAS {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var regions = 0
  nonisolated(unsafe) private static var savedThreadCount = 1

  /// Opens a region: BLAS is single-threaded until the matching ``leave()``.
  public static func enter() {
    lock.lock()
    defer { lock.unlock() }
    if regions == 0 {
      savedThreadCount = BLASInfo.threadCount
      if savedThreadCount != 1 { BLASInfo.setThreadCount(1) }
    }
    regions += 1
  }

  /// Closes a region; the last one restores the thread count saved by the first ``enter()``.
  public static func leave() {
    lock.lock()
    defer { lock.unlock() }
    precondition(regions > 0, "SingleThreadedBLAS.leave() without enter()")
    regions -= 1
    if regions == 0 && savedThreadCount != 1 { BLASInfo.setThreadCount(savedThreadCount) }
  }

  /// Number of open regions (0 when no parallel map runs).
  public static var depth: Int {
    lock.lock()
    defer { lock.unlock() }
    return regions
  }
}
