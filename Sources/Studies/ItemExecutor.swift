import Foundation

/// Spreads the independent work items of one point (FTLM sectors) over processes: the hook through
/// which MPI ranks share a single long point, as ``PointExecutor`` shares a sweep's points.
///
/// Studies knows no MPI: the CLI installs an executor in ``ItemExecution/current`` for a study of one
/// point launched by `mpirun` (module `Cluster`). An entry whose point splits into items asks it to
/// ``map(count:_:)``: each item's result is a lossless text (the entry's own encoding, e.g. every
/// double by its bit pattern), so the coordinator's results equal a single process's bit for bit and
/// the entry reduces them in item order, independent of how many ranks computed them.
public protocol ItemExecutor: AnyObject, Sendable {
  /// Evaluates `item` for every index in 0..<`count` on some process and returns the results in index
  /// order on the coordinator. A process that only serves computes its share, sends it and ends
  /// (exit 0) inside this call, so only the coordinator goes on to write the output. The first error
  /// of any item is rethrown on the coordinator.
  func map(count: Int, _ item: @escaping @Sendable (Int) throws -> String) throws -> [String]
}

/// The item executor of this process (nil: a point's items run on this process's cores).
public enum ItemExecution {
  nonisolated(unsafe) public static var current: (any ItemExecutor)?
}
