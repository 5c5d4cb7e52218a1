import Foundation

/// How often each validation ran, so a test can show that one point is validated once.
///
/// Validators call ``record(_:)`` with their name (`HatanoNelsonRing.validate`); in a debug
/// build the count is kept, in a release build the call does nothing. `counting(_:)` runs a
/// body from zero counts and returns them. Thread-safe (points run in parallel); the counts are
/// process-wide, so the counting tests must not run beside other work.
public enum ValidationCount {
  #if DEBUG
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counts: [String: Int] = [:]
  #endif

  /// Counts one run of the validation `name` (debug builds only).
  public static func record(_ name: String) {
    #if DEBUG
      lock.lock()
      counts[name, default: 0] += 1
      lock.unlock()
    #endif
  }

  /// Runs `body` from zero counts; returns how often each validation ran meanwhile (empty in a
  /// release build).
  static func counting(_ body: () throws -> Void) rethrows -> [String: Int] {
    #if DEBUG
      lock.lock()
      counts = [:]
      lock.unlock()
      try body()
      lock.lock()
      defer { lock.unlock() }
      return counts
    #else
      try body()
      return [:]
    #endif
  }
}
