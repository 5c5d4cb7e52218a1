import Diagnostics
import Foundation

/// Runs a ``Study``: points in parallel on all cores, each finished point checkpointed durably,
/// then `data.csv`, `meta.json` and the figure written atomically into the output directory.
///
/// Resuming: run again with the same study and directory; points already in the checkpoint are
/// not recomputed and the final `data.csv` is byte-identical to an uninterrupted run (numbers
/// are restored bit for bit). A changed study has a different fingerprint, so its points are
/// never mixed with the old ones. Progress lines go to `progress` for runs longer than
/// `progressAfter` seconds, at most one per `progressAfter`.
public struct StudyRunner: Sendable {
  public let study: Study
  public let model: any Computation
  public let outputDirectory: String
  public let provenance: Provenance
  /// Receives progress lines (nil: silent).
  public var progress: (@Sendable (String) -> Void)?
  /// Seconds before the first progress line and between lines.
  public var progressAfter: Double = 2
  /// gnuplot executable override (see ``FigureRenderer/write(table:plot:to:gnuplot:sessions:)``).
  public var gnuplot: String?? = nil
  /// Ignore (and replace) any checkpoint of this study.
  public var fresh = false

  public init(study: Study, model: any Computation, outputDirectory: String, provenance: Provenance) {
    self.study = study
    self.model = model
    self.outputDirectory = outputDirectory
    self.provenance = provenance
  }

  /// What a run did.
  public struct Report: Sendable {
    public let table: ResultTable
    public let pointCount: Int
    public let computedPoints: Int
    public let resumedPoints: Int
    public let elapsedSeconds: Double
    public let figure: FigureRenderer.Outcome
    /// Checkpoints of other (changed) studies found in the directory and not used.
    public let staleCheckpoints: [String]
    public let warnings: [NumericalWarning]
  }

  /// A point whose row length does not match the model's outputs (a model bug).
  struct MalformedPoint: Error, CustomStringConvertible {
    public let point: Int
    let rowLength: Int
    public let expected: Int
    public var description: String {
      "model returned a row of \(rowLength) values at point \(point), expected \(expected)"
    }
  }

  /// The run was asked to stop (`shouldStop` of ``computeTable(study:model:checkpointDirectory:fresh:progress:progressAfter:log:shouldStop:)``
  /// returned true before a point started): no table.
  public struct Interrupted: Error, CustomStringConvertible {
    public var description: String { "interrupted" }
  }

  /// The computed table of a study and how it was obtained (see ``StudyRunner/computeTable(study:model:checkpointDirectory:fresh:progress:progressAfter:log:shouldStop:)``).
  public struct Computed: Sendable {
    public let table: ResultTable
    public let computedPoints: Int
    public let resumedPoints: Int
    public let staleCheckpoints: [String]
    public let checkpointPath: String?
    public let warnings: [NumericalWarning]
  }

  /// Computes every point of `study` (in parallel, checkpointed in `checkpointDirectory` when
  /// given) and assembles the table: swept parameters' columns, then the chosen outputs, one
  /// row per output row of each point in grid order. The one sweep path of the tool: `run`,
  /// every command's `--vary` and `reproduce` entries go through here. `shouldStop` is asked
  /// before each point starts; once it returns true the remaining points are skipped and
  /// ``Interrupted`` is thrown (a point already running finishes first).
  public static func computeTable(
    study: Study, model: any Computation, checkpointDirectory: String?, fresh: Bool = false,
    progress: (@Sendable (String) -> Void)? = nil, progressAfter: Double = 2,
    log: @Sendable (String) -> Void = { _ in }, shouldStop: (@Sendable () -> Bool)? = nil
  ) throws -> Computed {
    let start = Date()
    let points = study.points
    if let lines = study.preparationLog {
      lines.forEach(log)
    } else {
      try model.prepare(points, log: log)
    }
    let expected = model.outputs.count
    // A study of one point reports progress inside the point (the entry's sectors, iterations) instead
    // of a count of points.
    let single = points.count == 1 && PointExecution.current == nil
    let inside =
      single
      ? progress.map { PointProgress(model.command.joined(separator: " "), after: progressAfter, sink: $0) } : nil
    let evaluate: @Sendable (Int) throws -> StudyEvaluation = { i in
      if let shouldStop, shouldStop() { throw Interrupted() }
      let evaluation = try inside.map { try model.evaluate(points[i], progress: $0) } ?? model.evaluate(points[i])
      if let bad = evaluation.rows.first(where: { $0.count != expected }) {
        throw MalformedPoint(point: i, rowLength: bad.count, expected: expected)
      }
      return evaluation
    }
    // Under mpirun, serving ranks evaluate points here and end; only the coordinator goes on.
    PointExecution.current?.serveIfWorker(study: study, evaluate: evaluate)
    var stale: [String] = []
    let checkpoint: StudyCheckpoint? = try checkpointDirectory.map { directory in
      try OutputTarget.createDirectory(directory)
      if fresh { try? FileManager.default.removeItem(atPath: directory + "/.checkpoint-\(study.fingerprint).jsonl") }
      let c = try StudyCheckpoint(directory: directory, study: study, pointCount: points.count)
      stale = StudyCheckpoint.others(in: directory, keeping: c.path)
      return c
    }
    let resumed = checkpoint?.finished ?? [:]
    let pending = (0..<points.count).filter { resumed[$0] == nil }
    let meter = ProgressMeter(
      total: points.count, alreadyDone: resumed.count, start: start, every: progressAfter,
      sink: single ? nil : progress)
    let computed: [StudyEvaluation]
    if let executor = PointExecution.current {
      computed = try executor.evaluate(pending: pending, study: study, evaluate: evaluate) { batch in
        try checkpoint?.append(batch)
        for _ in batch { meter.pointFinished() }
      }
    } else {
      computed = try parallelMap(pending) { i -> StudyEvaluation in
        let evaluation = try evaluate(i)
        try checkpoint?.append(point: i, evaluation)
        meter.pointFinished()
        return evaluation
      }
    }
    meter.finish()
    var byPoint = resumed
    for (i, e) in zip(pending, computed) { byPoint[i] = e }

    var table = ResultTable(columns: study.columns)
    var located: [(NumericalWarning, at: String)] = []
    for (i, p) in points.enumerated() {
      let evaluation = byPoint[i]!
      let swept = study.sweeps.map { p[$0.parameter]!.cell }
      let found = study.concerning(
        evaluation.warnings + nonFiniteWarnings(evaluation, at: p, study: study, model: model), model: model)
      let at = zip(study.sweeps, swept).map { "\($0.parameter) = \($1)" }.joined(separator: ", ")
      located += found.map { ($0, at) }
      for row in evaluation.rows { table.append(swept + study.outputIndices.map { row[$0] }) }
    }
    let warnings = Self.locating(located)
    table.warnings = warnings
    table.metadata["units"] = model.unitsJSON(of: study.columns)
    if points.count == 1 { table.metadata.merge(byPoint[0]!.metadata) { a, _ in a } }
    return Computed(
      table: table, computedPoints: pending.count, resumedPoints: resumed.count, staleCheckpoints: stale,
      checkpointPath: checkpoint?.path, warnings: warnings)
  }

  /// Each distinct warning once, naming the grid points that raised it in a sweep
  /// ("at flux_phase = 0.5; flux_phase = 0.75: …", the first three and how many more).
  static func locating(_ located: [(NumericalWarning, at: String)]) -> [NumericalWarning] {
    var order: [NumericalWarning] = []
    var points: [NumericalWarning: [String]] = [:]
    for (w, at) in located {
      let key = NumericalWarning(kind: w.kind, message: w.message, value: 0)
      if points[key] == nil { order.append(w) }
      if !at.isEmpty { points[key, default: []].append(at) }
    }
    return order.map { w in
      let at = points[NumericalWarning(kind: w.kind, message: w.message, value: 0)] ?? []
      guard !at.isEmpty else { return w }
      let more = at.count > 3 ? " and \(at.count - 3) more points" : ""
      return NumericalWarning(
        kind: w.kind, message: "at \(at.prefix(3).joined(separator: "; "))\(more): \(w.message)", value: w.value)
    }
  }

  /// Warnings for the chosen output columns of one point that hold NaN or ±∞ (never a silent
  /// NaN): the model's reason for columns it does not compute at these values
  /// (``Computation/uncomputedColumns(for:)``); for other columns, when the point brought no
  /// warning of its own, the count and first value (``NonFinite/warnings(_:columns:skipping:)``).
  static func nonFiniteWarnings(
    _ evaluation: StudyEvaluation, at point: ParameterValues, study: Study, model: any Computation
  ) -> [NumericalWarning] {
    let names = study.outputIndices.map { model.outputs[$0].name }
    let rows = evaluation.rows.map { row in study.outputIndices.map { row[$0] } }
    let bad = names.enumerated().filter { j, _ in
      rows.contains { if case .number(let x) = $0[j] { return !x.isFinite } else { return false } }
    }.map(\.element)
    var out: [NumericalWarning] = []
    var explained = Set<String>()
    if let (columns, reason) = model.uncomputedColumns(for: point) {
      let uncomputed = bad.filter(columns.contains)
      if !uncomputed.isEmpty {
        out.append(
          NumericalWarning(
            kind: "not-computed",
            message: "\(uncomputed.joined(separator: ", ")) not computed \(reason): nan", value: .nan))
      }
      explained.formUnion(uncomputed)
    }
    if evaluation.warnings.isEmpty {
      out += NonFinite.warnings(rows, columns: names, skipping: explained)
    }
    return out
  }

  /// Refuses to write `study` into `directory` when its `study.toml` holds another study (a
  /// different fingerprint, or a file that does not load): that study's checkpoints and
  /// results would be orphaned or overwritten. An absent `study.toml` is fine. `remedy` ends
  /// the error (how the user may still proceed).
  public static func checkOwnership(
    of directory: String, by study: Study, catalogue: Catalogue, remedy: String = "give --fresh to do so"
  ) throws {
    let path = directory + "/study.toml"
    guard FileManager.default.fileExists(atPath: path) else { return }
    let held: String
    do {
      let other = try Study.load(path: path, catalogue: catalogue)
      guard other.fingerprint != study.fingerprint else { return }
      held = "study \(other.fingerprint)"
    } catch {
      held = "a study.toml that does not load"
    }
    throw InvalidParameter(
      "--out", directory,
      allowed: "a new directory or one of this study (\(study.fingerprint)); it holds \(held), "
        + "whose results and checkpoints would be replaced: \(remedy)")
  }

  public func run() throws -> Report {
    let start = Date()
    // The figure's columns are checked against the table's before any point is computed.
    _ = try GnuplotScript.make(
      plot: study.plot,
      table: ResultTable(
        columns: study.aggregate.map { $0.columns(sweeps: study.sweeps, outputs: study.outputs) } ?? study.columns))
    let computed = try Self.computeTable(
      study: study, model: model, checkpointDirectory: outputDirectory, fresh: fresh, progress: progress,
      progressAfter: progressAfter)
    let table = computed.table
    let outcome =
      try study.aggregate.map {
        try StudyAggregate.write(table: table, study: study, aggregate: $0, to: outputDirectory, gnuplot: gnuplot)
      } ?? FigureRenderer.write(table: table, plot: study.plot, to: outputDirectory, gnuplot: gnuplot)
    let elapsed = Date().timeIntervalSince(start)
    var meta = provenance.json
    meta["study"] = .object(study.metadata)
    meta["columns"] = .array(study.columns.map(JSONValue.string))
    meta["row_count"] = .integer(table.rows.count)
    meta["points"] = .object([
      "total": .integer(study.pointCount), "computed": .integer(computed.computedPoints),
      "resumed": .integer(computed.resumedPoints),
    ])
    meta["timing_s"] = .object(["elapsed": .number(elapsed)])
    meta["units"] = table.metadata["units"] ?? .object([:])
    meta["warnings"] = .array(computed.warnings.map { .string($0.message) })
    meta["figure"] = .string(outcome.label)
    if let cluster = PointExecution.current?.report { meta["cluster"] = cluster }
    meta["checkpoint"] = .string(((computed.checkpointPath ?? "") as NSString).lastPathComponent)
    try writeAtomically(try prettyJSON(.object(meta)), to: outputDirectory + "/meta.json")
    return Report(
      table: table, pointCount: study.pointCount, computedPoints: computed.computedPoints,
      resumedPoints: computed.resumedPoints, elapsedSeconds: elapsed, figure: outcome,
      staleCheckpoints: computed.staleCheckpoints, warnings: computed.warnings)
  }
}

/// Thread-safe progress reporting: one line at most every `every` seconds, none for short runs.
final class ProgressMeter: @unchecked Sendable {
  private let total: Int
  private var done: Int
  private let initiallyDone: Int
  private let start: Date
  private let every: Double
  private let sink: (@Sendable (String) -> Void)?
  private var lastLine: Date
  private var printed = false
  private let lock = NSLock()

  init(total: Int, alreadyDone: Int, start: Date, every: Double, sink: (@Sendable (String) -> Void)?) {
    self.total = total
    self.done = alreadyDone
    self.initiallyDone = alreadyDone
    self.start = start
    self.every = every
    self.sink = sink
    self.lastLine = start
  }

  func pointFinished() {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    let now = Date()
    guard sink != nil, now.timeIntervalSince(lastLine) >= every else { return }
    lastLine = now
    printed = true
    sink?(line(now: now))
  }

  /// The closing line, only when progress lines were printed.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if printed { sink?(line(now: Date())) }
  }

  private func line(now: Date) -> String {
    let elapsed = now.timeIntervalSince(start)
    let newlyDone = done - initiallyDone
    let remaining = total - done
    let eta = newlyDone > 0 ? elapsed / Double(newlyDone) * Double(remaining) : .nan
    var s = String(
      format: "run: %d/%d points (%.0f%%), %.1f s elapsed", done, total, 100 * Double(done) / Double(max(total, 1)),
      elapsed)
    if remaining > 0, eta.isFinite { s += String(format: ", about %.0f s left", eta) }
    return s
  }
}
