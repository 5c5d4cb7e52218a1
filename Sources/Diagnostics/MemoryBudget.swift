import Foundation

/// Checks that a computation's memory estimate fits in the memory available, *before* allocating.
///
/// Every size a user can give (sites, spins, grid points, k-points, sweep counts, steps ×
/// snapshots, study grid products) goes through ``require(_:parameter:value:what:)`` with an
/// estimate in bytes of what that size will allocate. A refusal is an ``InvalidParameter``
/// naming the parameter, the value, the bytes needed and the bytes available, so the CLI prints
/// one line and exits with status 2 instead of Swift's "Fatal error: failed to allocate".
///
/// Available memory is `MemAvailable` of `/proc/meminfo`, capped by the cgroup limit
/// (`/sys/fs/cgroup/memory.max`) when one is set; elsewhere the physical memory. The
/// environment variable `SPINTRANSPORT_MEMORY_LIMIT` (bytes, or with a `K`/`M`/`G` suffix)
/// overrides it: tests use it to prove the guard without allocating gigabytes, and a user on a
/// shared node can set their share.
public enum MemoryBudget {
  /// Fraction of the available memory one computation may plan to use (the rest is headroom
  /// for the estimate's slack, the OS and the output being written).
  public static let usableFraction = 0.8

  /// How long a reading of the system's available memory is reused, s: ``require(_:parameter:value:what:)``
  /// runs once per point of a sweep (thousands per second), and reading `/proc/meminfo` and the
  /// cgroup limit costs ≈ 0.1 ms each time.
  static let systemReadingLifetime = 1.0

  /// Bytes this process may plan to allocate now.
  ///
  /// `SPINTRANSPORT_MEMORY_LIMIT` is read on every call; the system's figure at most once per
  /// `systemReadingLifetime`.
  public static func availableBytes() -> Double {
    if let raw = getenv("SPINTRANSPORT_MEMORY_LIMIT"), let limit = parseBytes(String(cString: raw)) {
      return limit
    }
    return SystemMemoryReading.shared.value(maximumAge: systemReadingLifetime, read: systemAvailableBytes)
  }

  /// `MemAvailable` capped by the cgroup limit, read now (physical memory when unreadable).
  static func systemAvailableBytes() -> Double {
    var available = Double(ProcessInfo.processInfo.physicalMemory)
    if let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
      for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
        let fields = line.split(separator: " ")
        if fields.count >= 2, let kib = Double(fields[1]) { available = kib * 1024 }
      }
    }
    if let cgroup = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
      let limit = Double(cgroup.trimmingCharacters(in: .whitespacesAndNewlines))
    {
      available = min(available, limit)
    }
    return available
  }

  /// `text` as bytes: a plain number or one with a K, M, G or T suffix (powers of 1024).
  public static func parseBytes(_ text: String) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces).uppercased()
    let scales: [Character: Double] = [
      "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024,
    ]
    if let last = t.last, let scale = scales[last], let x = Double(t.dropLast()), x >= 0 { return x * scale }
    if let x = Double(t), x >= 0 { return x }
    return nil
  }

  /// Throws ``InvalidParameter`` when `bytes` exceeds the usable share of available memory.
  ///
  /// - Parameters:
  ///   - bytes: estimate of what the computation will allocate (may be huge or infinite:
  ///     compute it in `Double` so it cannot overflow).
  ///   - parameter: the parameter's name as the user gave it (e.g. `"cells"`, `"vary"`).
  ///   - value: the value the user gave.
  ///   - what: what the memory is for, in words ("the dense 4N×4N eigenproblem").
  public static func require(
    _ bytes: Double, parameter: String, value: Any, what: @autoclosure () -> String
  ) throws {
    ValidationCount.record("MemoryBudget.require(\(parameter))")
    let available = availableBytes()
    guard bytes.isFinite, bytes <= usableFraction * available else {
      throw InvalidParameter(
        parameter, value,
        allowed: "a size whose memory fits: \(what()) needs \(formatBytes(bytes)), "
          + "\(formatBytes(usableFraction * available)) usable of \(formatBytes(available)) available")
    }
  }

  /// Human-readable byte count ("1.5 GiB", "730 MiB", "12 KiB"); "∞" for non-finite.
  public static func formatBytes(_ bytes: Double) -> String {
    guard bytes.isFinite else { return "more than can be counted" }
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var x = bytes
    var k = 0
    while x >= 1024, k < units.count - 1 {
      x /= 1024
      k += 1
    }
    if k >= units.count - 1 && x >= 1024 { return String(format: "%.3g B", bytes) }
    return k == 0 ? "\(Int(x)) B" : String(format: x < 10 ? "%.1f %@" : "%.0f %@", x, units[k])
  }
}

/// The last reading of the system's available memory and when it was taken (thread-safe).
final class SystemMemoryReading: @unchecked Sendable {
  static let shared = SystemMemoryReading()
  private let lock = NSLock()
  private var bytes = 0.0
  private var taken: UInt64?

  /// The cached reading when younger than `maximumAge` seconds, else a fresh one from `read`.
  func value(maximumAge: Double, read: () -> Double) -> Double {
    lock.lock()
    defer { lock.unlock() }
    let now = DispatchTime.now().uptimeNanoseconds
    if let taken, Double(now - taken) < maximumAge * 1e9 { return bytes }
    bytes = read()
    taken = now
    return bytes
  }
}
