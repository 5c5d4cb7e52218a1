import Foundation

/// A value built on first use and shared by every copy of the struct that holds it (thread-safe).
///
/// For caches whose value is fixed by the owner's immutable fields (e.g. the screw-sector tables of
/// an ``ExactRingModel``): concurrent first uses build it once, under a lock.
final class SharedLazy<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value?
  private let build: @Sendable () -> Value
  init(_ build: @escaping @Sendable () -> Value) { self.build = build }

  var value: Value {
    lock.lock()
    defer { lock.unlock() }
    if let stored { return stored }
    let v = build()
    stored = v
    return v
  }
}
