import Dispatch
import Foundation
import LinearAlgebra

/// Evaluates `body` for every input on all cores and returns the results in input order.
///
/// Each point is independent. BLAS runs single-threaded while any parallel map runs (the points
/// are the parallelism): the OpenBLAS thread count is set to 1 when the first of possibly
/// several overlapping or nested maps starts and restored only when the last one ends
/// (``/LinearAlgebra/SingleThreadedBLAS``), so a map never sees the count changed under it by another.
/// `progress`, if given, is called (serially) with the number of finished points. The first
/// error thrown by any point is rethrown.
public func parallelMap<Input: Sendable, Output: Sendable>(
  _ inputs: [Input], progress: (@Sendable (Int) -> Void)? = nil, _ body: @Sendable (Input) throws -> Output
) throws -> [Output] {
  let box = ResultBox<Output>(count: inputs.count)
  SingleThreadedBLAS.enter()
  defer { SingleThreadedBLAS.leave() }
  DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
    let r = Result { try body(inputs[i]) }
    let done = box.store(r, at: i)
    progress?(done)
  }
  return try box.results()
}

/// Thread-safe slot array for ``parallelMap(_:progress:_:)``.
final class ResultBox<Output>: @unchecked Sendable {
  private var slots: [Result<Output, Error>?]
  private var finished = 0
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ r: Result<Output, Error>, at i: Int) -> Int {
    lock.lock()
    defer { lock.unlock() }
    slots[i] = r
    finished += 1
    return finished
  }

  func results() throws -> [Output] { try slots.map { try $0!.get() } }
}
