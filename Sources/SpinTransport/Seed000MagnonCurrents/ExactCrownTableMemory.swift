import Diagnostics
import Foundation
import Studies

/// What makes a temperature sweep of `magnon exact` diagonalise (or sample) once: the study's
/// temperatures per ring, learnt in `prepare`, and the tables computed for them, shared by the points.
///
/// Every point whose non-temperature parameters agree (the key) asks for the table of all the
/// study's temperatures of that key; the first computes it with ``ExactCrownTable/rows(_:)`` (one
/// spectrum, every temperature), the others wait for it and read their row. A row of a
/// multi-temperature table is the row a single-temperature table gives (each temperature is
/// evaluated from the same spectrum independently; FTLM's samples do not depend on T), so the
/// sharing changes no number, only the time. The warnings are those of the key's whole temperature
/// set. A point whose temperature was not planned (a point evaluated without `prepare`, e.g. on
/// another MPI rank) computes its own single-temperature table. Thread-safe.
///
/// Owned by one ``MagnonExactComputation`` value — the model a study runner is handed — so it
/// lives as long as that run's model, never as a process-wide global. Bounded: the plan holds the
/// temperatures of the last prepared study only (`plan` replaces it), and at most ``capacity``
/// finished tables are kept (a few kB each; the oldest finished one is dropped first).
final class ExactCrownTableMemory: @unchecked Sendable {
  static let capacity = 32

  private struct TableKey: Hashable {
    let values: ParameterValues
    let temperatures: [Double]
  }
  private enum State {
    case computing
    case done(Result<ResultTable, Error>)
  }
  private let condition = NSCondition()
  private var plans: [ParameterValues: [Double]] = [:]
  private var tables: [TableKey: State] = [:]
  private var order: [TableKey] = []

  /// Records the temperatures of `points` per key (the values without `temperatureID`),
  /// replacing the plan of an earlier study.
  func plan(_ points: [ParameterValues], temperatureID: String) {
    var found: [ParameterValues: Set<Double>] = [:]
    for p in points {
      guard let t = p[temperatureID]?.number else { continue }
      var key = p
      key[temperatureID] = nil
      found[key, default: []].insert(t)
    }
    condition.lock()
    plans = found.mapValues { $0.sorted() }
    condition.unlock()
  }

  /// The table holding the row of `point` (temperature `t`): shared with the planned points of the
  /// same key, computed by `compute(temperatures)` once.
  func table(
    for point: ParameterValues, temperatureID: String, temperature t: Double,
    compute: ([Double]) throws -> ResultTable
  ) throws -> ResultTable {
    var values = point
    values[temperatureID] = nil
    condition.lock()
    let planned = plans[values].flatMap { $0.contains(t) ? $0 : nil } ?? [t]
    let key = TableKey(values: values, temperatures: planned)
    while case .computing = tables[key] { condition.wait() }
    if case .done(let result) = tables[key] {
      condition.unlock()
      return try result.get()
    }
    tables[key] = .computing
    order.append(key)
    condition.unlock()
    let result = Result { try compute(planned) }
    condition.lock()
    tables[key] = .done(result)
    while order.count > Self.capacity, let first = order.first, case .done = tables[first] {
      tables[first] = nil
      order.removeFirst()
    }
    condition.broadcast()
    condition.unlock()
    return try result.get()
  }
}
