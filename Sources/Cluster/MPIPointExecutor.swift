import Diagnostics
import Foundation
import Studies

/// Study points over MPI ranks with dynamic scheduling: rank 0 coordinates, every rank computes.
///
/// Rank 0 runs one compute thread (taking points from the same queue as the other ranks) and,
/// on its main thread, answers the other ranks: each worker says hello (its study fingerprint
/// and host), then receives batches of point indices and returns each point as a checkpoint
/// line (``/Studies/StudyEvaluation/wireLine(point:)``). Batches are guided: ⌊remaining/4K⌋
/// points, at most 16, at least 1 — large early, single points at the end, so uneven point costs
/// balance. Rank 0 hands out the next batch before it checkpoints the batch just received
/// (one write + fsync per batch).
/// Points are evaluated by the same `evaluate` closure as a single-process run, and rank 0
/// writes the checkpoint and outputs through the same code, so the bytes match.
///
/// Failure modes: a point that throws on any rank stops the hand-out; every rank finishes its
/// batch and is told to stop; rank 0 rethrows that point's error (an ``/Diagnostics/InvalidParameter``
/// stays one, so the exit status is the single-process one). A rank running a different study
/// (fingerprint) is an error. A rank that dies makes `mpirun` abort the job; rerunning resumes
/// from the checkpoint.
public final class MPIPointExecutor: PointExecutor, @unchecked Sendable {
  enum Tag {
    static let hello: Int32 = 1
    static let work: Int32 = 2
    static let result: Int32 = 3
    static let stop: Int32 = 4
  }

  /// A point's error from another rank (not an ``InvalidParameter``): its message, verbatim.
  struct RemotePointError: Error, CustomStringConvertible {
    public let rank: Int32
    public let point: Int
    public let description: String
  }

  /// A point's failure as sent between ranks.
  struct Failure: Codable {
    var point: Int
    var message: String
    var invalid: [String]?  // InvalidParameter: name, value, allowed, symbol, unit
  }

  private let lock = NSLock()
  private var storedReport: JSONValue?
  public var report: JSONValue? {
    lock.lock()
    defer { lock.unlock() }
    return storedReport
  }

  public init() {}

  /// Installs an executor in ``/Studies/PointExecution/current`` when launched by `mpirun`;
  /// otherwise does nothing (MPI is not initialised).
  public static func activateIfLaunched() {
    if MPIProcess.launchedByMPI() { PointExecution.current = MPIPointExecutor() }
  }

  public func serveIfWorker(study: Study, evaluate: @escaping @Sendable (Int) throws -> StudyEvaluation) {
    MPIProcess.start()
    guard MPIProcess.rank != 0 else { return }
    MPIProcess.send("\(study.fingerprint)\n\(MPIProcess.host)", to: 0, tag: Tag.hello)
    while true {
      let message = MPIProcess.receive(from: 0)
      if message.tag == Tag.stop { break }
      let indices = message.text.split(separator: ",").compactMap { Int($0) }
      var lines: [String] = []
      var failure = "-"
      let start = Date()
      for i in indices {
        do {
          lines.append(try evaluate(i).wireLine(point: i))
        } catch {
          failure = Self.encode(Self.failure(of: error, point: i))
          break
        }
      }
      let seconds = Date().timeIntervalSince(start)
      MPIProcess.send(([String(seconds), failure] + lines).joined(separator: "\n"), to: 0, tag: Tag.result)
    }
    exit(0)  // MPI_Finalize runs at exit; the coordinator writes every output.
  }

  public func evaluate(
    pending: [Int], study: Study, evaluate: @escaping @Sendable (Int) throws -> StudyEvaluation,
    finished: @escaping @Sendable ([(point: Int, evaluation: StudyEvaluation)]) throws -> Void
  ) throws -> [StudyEvaluation] {
    MPIProcess.start()
    let size = Int(MPIProcess.size)
    let queue = WorkQueue(pending)
    let ledger = Ledger(size: size)
    ledger.hosts[0] = MPIProcess.host
    let start = Date()
    // Rank 0's own compute thread (no MPI calls: only the main thread calls MPI here).
    let chunk: @Sendable () -> Int = { max(1, min(16, queue.remaining / (4 * size))) }
    let local = Thread {
      while case let batch = queue.take(chunk()), !batch.isEmpty {
        let t0 = Date()
        var done: [(point: Int, evaluation: StudyEvaluation)] = []
        do {
          for i in batch { done.append((i, try evaluate(i))) }
        } catch {
          queue.fail(error)
        }
        do {
          try ledger.deliver(done, rank: 0, seconds: Date().timeIntervalSince(t0), finished: finished)
        } catch {
          queue.fail(error)
        }
      }
      queue.localDone()
    }
    local.stackSize = 64 << 20
    local.start()
    var active = Set(1..<size)
    while !active.isEmpty || !queue.isLocalDone {
      guard let message = MPIProcess.poll() else {
        usleep(100)
        continue
      }
      let source = message.source
      var received: [(Int, StudyEvaluation)] = []
      var seconds = 0.0
      if message.tag == Tag.hello {
        let parts = message.text.split(separator: "\n", omittingEmptySubsequences: false)
        ledger.setHost(source, parts.count > 1 ? String(parts[1]) : "?")
        if parts.first.map(String.init) != study.fingerprint {
          queue.fail(
            RemotePointError(
              rank: source, point: -1,
              description:
                "rank \(source) runs a different study (fingerprint \(parts.first ?? "")); launch every rank with the same command"
            ))
        }
      } else if message.tag == Tag.result {
        let lines = message.text.split(separator: "\n", omittingEmptySubsequences: false)
        seconds = lines.first.flatMap { Double($0) } ?? 0
        if lines.count > 1, lines[1] != "-", let failure = Self.decode(String(lines[1])) {
          queue.fail(Self.error(of: failure, rank: source))
        }
        for line in lines.dropFirst(2) {
          guard let (i, e) = StudyEvaluation.fromWireLine(line) else { continue }
          received.append((i, e))
        }
      }
      // Hand out the next batch first, so the worker computes while we checkpoint.
      let batch = queue.take(chunk())
      if batch.isEmpty {
        MPIProcess.send([], to: source, tag: Tag.stop)
        active.remove(Int(source))
      } else {
        MPIProcess.send(batch.map(String.init).joined(separator: ","), to: source, tag: Tag.work)
      }
      do {
        try ledger.deliver(received, rank: Int(source), seconds: seconds, finished: finished)
      } catch {
        queue.fail(error)
      }
    }
    while !queue.isLocalDone { usleep(100) }
    lock.lock()
    storedReport = ledger.report(elapsed: Date().timeIntervalSince(start))
    lock.unlock()
    if let error = queue.error { throw error }
    return try pending.map { i in
      guard let e = ledger.result(i) else {
        throw RemotePointError(rank: -1, point: i, description: "point \(i) was not computed by any rank")
      }
      return e
    }
  }

  static func failure(of error: Error, point: Int) -> Failure {
    if let p = error as? InvalidParameter {
      return Failure(point: point, message: "\(p)", invalid: [p.name, p.value, p.allowed, p.symbol, p.unit])
    }
    let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    return Failure(point: point, message: text, invalid: nil)
  }

  static func error(of failure: Failure, rank: Int32) -> Error {
    if let f = failure.invalid, f.count == 5 {
      return InvalidParameter(id: f[0], symbol: f[3], unit: f[4], value: f[1], allowed: f[2])
    }
    return RemotePointError(rank: rank, point: failure.point, description: failure.message)
  }

  static func encode(_ failure: Failure) -> String {
    (try? String(decoding: JSONEncoder().encode(failure), as: UTF8.self)) ?? "{}"
  }

  static func decode(_ text: String) -> Failure? { try? JSONDecoder().decode(Failure.self, from: Data(text.utf8)) }
}
