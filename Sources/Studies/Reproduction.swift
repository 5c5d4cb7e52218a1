import Diagnostics
import Foundation

/// `spintransport reproduce`: computes catalogue figures in parallel and writes one directory each.
///
/// For every selected figure: `DIR/<id>/data.csv`, `figure.gp`, `figure.png`, `figure.svg` (with
/// gnuplot) and `meta.json` (written last: its presence marks a complete figure). Then
/// `DIR/index.md` lists every planned figure (built, missing — not yet implemented, or failed)
/// with its caption, picture link, timing and the paper-vs-ours comparison lines; `DIR/index.html`
/// shows the same as a gallery of thumbnails (`Reproduction+Gallery.swift`).
/// The catalogue is injectable (`figures`, `planned`) so tests can use fixture figures.
public struct Reproduction: Sendable {
  /// Built figures (the shipped ones are `FigureCatalogue.all` in the SpinTransport module).
  public var figures: [Figure]
  /// Every figure that should exist, built or not (shipped: `FigureCatalogue.planned`).
  public var planned: [(id: String, caption: String)]
  /// The papers the figures reproduce, cited in full at the top of `index.md` and `index.html`.
  public var papers: [Paper]

  public init(
    figures: [Figure], planned: [(id: String, caption: String)], papers: [Paper] = []
  ) {
    self.figures = figures
    self.planned = planned
    self.papers = papers
  }

  /// Every known id: planned ones in catalogue order, then built figures not in the plan.
  public var knownIDs: [String] {
    let plannedIDs = planned.map(\.id)
    return plannedIDs + figures.map(\.id).filter { !plannedIDs.contains($0) }
  }

  /// Checks requested ids before anything is computed; throws ``/Diagnostics/InvalidParameter`` ("figure").
  public func validate(ids: [String]) throws {
    let known = Set(knownIDs)
    for id in ids where !known.contains(id) {
      throw InvalidParameter("figure", id, allowed: "a figure id listed by `spintransport reproduce --list`")
    }
  }

  /// How one figure went.
  public struct FigureRun: Sendable {
    public let id: String
    public let caption: String
    /// Compute time of the figure, s (rendering excluded).
    let computeSeconds: Double
    /// Wall time including writing and rendering, s.
    public let totalSeconds: Double
    public let comparisons: [String]
    public let warnings: [String]
    /// Rendering outcome, or nil when the compute failed.
    public let outcome: FigureRenderer.Outcome?
    /// The error of a failed compute or write.
    public let failure: String?
  }

  /// The result of a reproduction run.
  public struct Report: Sendable {
    public let runs: [FigureRun]
    /// Ids asked for that are planned but not yet implemented.
    public let missing: [String]
    public let wallSeconds: Double
    public let indexPath: String
    /// `DIR/index.html`, the gallery of the same entries.
    public let galleryPath: String
    public var failed: [FigureRun] { runs.filter { $0.failure != nil } }
    /// Figures by decreasing total time.
    public var slowest: [FigureRun] { runs.sorted { $0.totalSeconds > $1.totalSeconds } }
  }

  /// Computes the figures `ids` (all built figures when nil or empty, long ones only with
  /// `includeLong`; a named long figure always runs) into `outputDirectory`.
  ///
  /// Figures run in parallel (``parallelMap(_:progress:_:)``); `log` receives one line per
  /// finished figure. A failing figure is reported, not fatal: the others and `index.md` are
  /// still written. `gnuplot`: as in ``FigureRenderer/write(table:plot:to:gnuplot:sessions:)``.
  public func run(
    ids: [String]?, outputDirectory: String, provenance: Provenance, gnuplot: String?? = nil,
    includeLong: Bool = false, log: (@Sendable (String) -> Void)? = nil
  ) throws -> Report {
    try validate(ids: ids ?? [])
    let start = Date()
    let wanted = (ids?.isEmpty ?? true) ? nil : Set(ids!)
    let selected = figures.filter { wanted?.contains($0.id) ?? (includeLong || !$0.long) }
    let builtIDs = Set(figures.map(\.id))
    let missing = (ids ?? []).filter { !builtIDs.contains($0) }
    try OutputTarget.createDirectory(outputDirectory)
    let counter = Counter()
    let total = selected.count
    // One long-lived gnuplot per figure drawing at once instead of one process per figure.
    let sessions = (gnuplot ?? Gnuplot.executablePath()).map(GnuplotSessions.init(executable:))
    defer { sessions?.close() }
    // A study several selected figures hold is computed once in this run.
    let shared = SharedResults<String, ResultTable>()
    let runs = try parallelMap(selected) { figure -> FigureRun in
      let run = Self.reproduce(
        figure, in: outputDirectory + "/" + figure.id, provenance: provenance, gnuplot: gnuplot, sessions: sessions,
        shared: shared)
      let n = counter.increment()
      let status = run.failure.map { "FAILED: \($0)" } ?? String(format: "%.1f s", run.totalSeconds)
      log?("reproduce: [\(n)/\(total)] \(figure.id) \(status)")
      return run
    }
    let index = outputDirectory + "/index.md"
    let wall = Date().timeIntervalSince(start)
    let gallery = outputDirectory + "/" + Self.galleryFileName
    let report = Report(runs: runs, missing: missing, wallSeconds: wall, indexPath: index, galleryPath: gallery)
    try writeAtomically(
      indexMarkdown(report: report, outputDirectory: outputDirectory, provenance: provenance), to: index)
    try writeAtomically(
      indexHTML(report: report, outputDirectory: outputDirectory, provenance: provenance), to: gallery)
    return report
  }

  /// Computes, writes and renders one figure; never throws (failures are in the run).
  static func reproduce(
    _ figure: Figure, in directory: String, provenance: Provenance, gnuplot: String??, sessions: GnuplotSessions? = nil,
    shared: SharedResults<String, ResultTable>? = nil
  ) -> FigureRun {
    let start = Date()
    var computeSeconds = 0.0
    do {
      let result = try figure.compute(sharing: shared)
      computeSeconds = Date().timeIntervalSince(start)
      let outcome = try FigureRenderer.write(
        table: result.table, plot: result.plot, to: directory, gnuplot: gnuplot, sessions: sessions)
      let warnings = result.table.warnings.deduplicated().map(\.message)
      let total = Date().timeIntervalSince(start)
      var meta = provenance.json
      meta["id"] = .string(figure.id)
      if let paper = figure.paper { meta["paper"] = .string(paper.citation) }
      meta["caption"] = .string(figure.caption)
      meta["columns"] = .array(result.table.columns.map(JSONValue.string))
      meta["row_count"] = .integer(result.table.rows.count)
      meta["parameters"] = .object(result.table.metadata)
      meta["comparisons"] = .array(result.comparisons.map(JSONValue.string))
      meta["units"] = result.table.metadata["units"] ?? .object([:])
      meta["warnings"] = .array(warnings.map(JSONValue.string))
      meta["timing_s"] = .object(["compute": .number(computeSeconds), "total": .number(total)])
      meta["figure"] = .string(outcome.label)
      if case .gnuplotFailed(let line) = outcome { meta["gnuplot_error"] = .string(line) }
      try writeAtomically(try prettyJSON(.object(meta)), to: directory + "/meta.json")
      return FigureRun(
        id: figure.id, caption: figure.caption, computeSeconds: computeSeconds, totalSeconds: total,
        comparisons: result.comparisons, warnings: warnings, outcome: outcome, failure: nil)
    } catch {
      return FigureRun(
        id: figure.id, caption: figure.caption, computeSeconds: computeSeconds,
        totalSeconds: Date().timeIntervalSince(start), comparisons: [], warnings: [], outcome: nil,
        failure: "\(error)")
    }
  }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}

/// JSON text with sorted keys and indentation (meta.json files), newline-terminated.
public func prettyJSON(_ value: JSONValue) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}
