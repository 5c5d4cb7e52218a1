import Foundation

/// Values computed at most once per key and shared by concurrent callers — e.g. the profiles
/// several figures of one paper all compare against, while those figures run in parallel.
///
/// ``values(_:compute:)`` first computes, in the order given, every key no caller has claimed
/// yet, skipping keys another caller is computing at that moment; then it waits for those.
/// So two callers needing the same keys split the work instead of one idling. A thrown error
/// is remembered like a value (a computation that is a pure function of its key fails the same
/// way each time) and rethrown to every caller asking for that key.
///
/// Only for computations that are pure functions of their key (deterministic, bit-identical on
/// every run): a caller then gets the same bits it would have computed itself. Values are kept
/// for the lifetime of the instance; keep one instance per kind of value and run (e.g. the
/// study tables of one `reproduce` run), and use it only for a bounded set of keys. `compute`
/// must not ask the same instance for values.
public final class SharedResults<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private enum Slot {
    case computing
    case done(Result<Value, any Error>)
  }

  private var slots: [Key: Slot] = [:]
  private let condition = NSCondition()

  public init() {}

  /// The values of `keys`, in that order, each computed by `compute` at most once over all callers.
  ///
  /// - Throws: the error `compute` threw for the first key (in `keys` order) that failed.
  public func values(_ keys: [Key], compute: (Key) throws -> Value) throws -> [Value] {
    var known: [Key: Result<Value, any Error>] = [:]
    for key in keys where known[key] == nil {
      condition.lock()
      let slot = slots[key]
      if slot == nil { slots[key] = .computing }
      condition.unlock()
      switch slot {
      case nil:
        let result = Result { try compute(key) }
        condition.lock()
        slots[key] = .done(result)
        condition.broadcast()
        condition.unlock()
        known[key] = result
      case .done(let result): known[key] = result
      case .computing: continue  // another caller's; collected below
      }
    }
    condition.lock()
    for key in keys where known[key] == nil {
      while true {
        if case .done(let result)? = slots[key] {
          known[key] = result
          break
        }
        condition.wait()
      }
    }
    condition.unlock()
    return try keys.map { try known[$0]!.get() }
  }

  /// The value of one key (see ``values(_:compute:)``).
  public func value(_ key: Key, compute: (Key) throws -> Value) throws -> Value {
    try values([key], compute: compute)[0]
  }
}
