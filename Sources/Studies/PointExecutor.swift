import Diagnostics
import Foundation

/// Evaluates a study's pending points somewhere other than (or besides) this process's cores:
/// the hook through which MPI ranks join ``StudyRunner/computeTable(study:model:checkpointDirectory:fresh:progress:progressAfter:log:shouldStop:)``.
///
/// Studies knows no MPI: the CLI installs an executor in ``PointExecution/current`` when it was
/// launched by `mpirun` (module `Cluster`). computeTable then calls ``serveIfWorker(study:evaluate:)``
/// before it touches the checkpoint — on a rank that only serves points this evaluates what
/// the coordinator hands out and ends the process — and, on the coordinator,
/// ``evaluate(pending:study:evaluate:finished:)`` instead of the local ``parallelMap(_:progress:_:)``.
/// The checkpoint, the table and every output are written by the coordinator only, through the
/// same code as a single-process run, so the output bytes do not depend on the executor.
public protocol PointExecutor: AnyObject, Sendable {
  /// On a serving rank: evaluates the points the coordinator sends (by index of
  /// `study.points`) with `evaluate` until told to stop, then ends the process (exit 0).
  /// On the coordinator: returns at once.
  func serveIfWorker(study: Study, evaluate: @escaping @Sendable (Int) throws -> StudyEvaluation)
  /// On the coordinator: evaluates every index of `pending` on some rank, calling `finished`
  /// with each arriving batch of points (serialised, in arrival order; the runner checkpoints
  /// a batch with one fsync), and returns the
  /// evaluations in `pending` order. The first error of any point is rethrown after every
  /// rank has stopped (no hang); points finished before it have been passed to `finished`.
  func evaluate(
    pending: [Int], study: Study, evaluate: @escaping @Sendable (Int) throws -> StudyEvaluation,
    finished: @escaping @Sendable ([(point: Int, evaluation: StudyEvaluation)]) throws -> Void
  ) throws -> [StudyEvaluation]
  /// What the last ``evaluate(pending:study:evaluate:finished:)`` did (ranks, hosts, per-rank
  /// point counts and times), recorded in meta.json under `cluster`; nil before any.
  var report: JSONValue? { get }
}

/// The executor of this process (nil: points run on this process's cores, as always).
public enum PointExecution {
  nonisolated(unsafe) public static var current: (any PointExecutor)?
}
