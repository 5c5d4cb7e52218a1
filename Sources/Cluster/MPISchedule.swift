import Foundation
import Studies

/// The coordinator's queue of pending point indices (shared by its main and compute threads).
///
/// ``take(_:)`` hands out the next indices in grid order; after ``fail(_:)`` (the first error
/// is kept) it hands out nothing, so every rank stops after its current batch.
final class WorkQueue: @unchecked Sendable {
  private let lock = NSLock()
  private let items: [Int]
  private var next = 0
  private var firstError: Error?
  private var localFinished = false

  init(_ items: [Int]) { self.items = items }

  /// Up to `n` next indices; empty when none are left or a point failed.
  func take(_ n: Int) -> [Int] {
    lock.lock()
    defer { lock.unlock() }
    guard firstError == nil, next < items.count else { return [] }
    let end = min(items.count, next + n)
    defer { next = end }
    return Array(items[next..<end])
  }

  /// Indices not yet handed out.
  var remaining: Int {
    lock.lock()
    defer { lock.unlock() }
    return items.count - next
  }

  /// Records an error (the first one wins) and stops the hand-out.
  func fail(_ error: Error) {
    lock.lock()
    defer { lock.unlock() }
    if firstError == nil { firstError = error }
  }

  var error: Error? {
    lock.lock()
    defer { lock.unlock() }
    return firstError
  }

  func localDone() {
    lock.lock()
    defer { lock.unlock() }
    localFinished = true
  }

  var isLocalDone: Bool {
    lock.lock()
    defer { lock.unlock() }
    return localFinished
  }
}

/// Finished points and per-rank accounting on the coordinator; ``deliver(_:rank:seconds:finished:)``
/// serialises the caller's `finished` callback (checkpoint append, progress).
final class Ledger: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Int: StudyEvaluation] = [:]
  var hosts: [String]
  private var points: [Int]
  private var seconds: [Double]

  init(size: Int) {
    hosts = Array(repeating: "", count: size)
    points = Array(repeating: 0, count: size)
    seconds = Array(repeating: 0, count: size)
  }

  func setHost(_ rank: Int32, _ host: String) {
    lock.lock()
    defer { lock.unlock() }
    hosts[Int(rank)] = host
  }

  /// Records a batch of finished points from `rank` and passes it to `finished` (serialised).
  func deliver(
    _ batch: [(point: Int, evaluation: StudyEvaluation)], rank: Int, seconds dt: Double,
    finished: @Sendable ([(point: Int, evaluation: StudyEvaluation)]) throws -> Void
  ) throws {
    lock.lock()
    defer { lock.unlock() }
    if !batch.isEmpty { try finished(batch) }
    for (i, e) in batch { results[i] = e }
    points[rank] += batch.count
    seconds[rank] += dt
  }

  func result(_ i: Int) -> StudyEvaluation? {
    lock.lock()
    defer { lock.unlock() }
    return results[i]
  }

  /// meta.json's `cluster` record.
  func report(elapsed: Double) -> JSONValue {
    lock.lock()
    defer { lock.unlock() }
    var perRank: [JSONValue] = []
    for r in 0..<hosts.count {
      perRank.append(
        .object([
          "rank": .integer(r), "host": .string(hosts[r]), "points": .integer(points[r]),
          "compute_s": .number((seconds[r] * 1000).rounded() / 1000),
        ]))
    }
    return .object([
      "ranks": .integer(hosts.count),
      "hosts": .array(Array(Set(hosts)).sorted().map(JSONValue.string)),
      "scheduling": .string("dynamic: rank 0 hands out guided batches (≤ 16 points); every rank computes"),
      "mpi_library": .string(MPIProcess.libraryVersion),
      "per_rank": .array(perRank),
      "elapsed_s": .number((elapsed * 1000).rounded() / 1000),
    ])
  }
}
