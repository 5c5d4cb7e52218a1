import Diagnostics
import Foundation
import TightBinding

/// Memory checks and time announcements of the `ring` commands, done before any big allocation.
///
/// Order matters for the CLI contract: the memory check comes first (a refusal is the only line
/// on stderr), then — for one big dense diagonalisation, which cannot report progress — one
/// line with the estimated time, then the work. Loops (Bloch blocks, sweep points) report
/// through a ``/Diagnostics/ProgressReporter`` instead.
extension RingTables {
  /// Checks memory for `workload` and, unless `quiet`, announces a long dense diagonalisation
  /// on `sink` (one line: size, path and the estimated time from ``/TightBinding/RingResources/estimatedSeconds(_:path:workload:)``).
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming `--cells` when the estimate exceeds the memory budget.
  public static func prepare(
    _ ring: HatanoNelsonRing, path: RingSpectrum.Path, workload: RingWorkload, quiet: Bool,
    sink: (String) -> Void
  ) throws {
    let concrete = workload == .derivative ? RingSpectrum.Path.dense : try RingSpectrum.concretePath(path, ring)
    try RingResources.require(ring, path: concrete, workload: workload)
    guard !quiet, let seconds = try RingResources.estimatedSeconds(ring, path: concrete, workload: workload),
      seconds >= 5
    else { return }
    let n = workload == .derivative ? 4 * ring.cells : Int(RingResources.denseDimension(ring, path: concrete))
    let what =
      workload == .derivative
      ? "17 dense \(n)×\(n) non-Hermitian eigenproblems (derivative method)"
      : "one dense \(n)×\(n) non-Hermitian eigenproblem (\(concrete.rawValue) path)"
    sink(
      "ring \(workload.rawValue): \(what), \(RingResources.formatDuration(seconds)) "
        + "(a timed 256×256 zgeev scaled by n³); no progress can be shown until it ends")
  }

  /// A progress reporter over the Bloch blocks when `path` resolves to Bloch and N is large
  /// enough to take seconds; nil otherwise or when `quiet`.
  public static func blochProgress(
    _ ring: HatanoNelsonRing, path: RingSpectrum.Path, label: String, quiet: Bool
  ) -> ProgressReporter? {
    guard !quiet, ring.cells >= 10_000, (try? RingSpectrum.concretePath(path, ring)) == .bloch else { return nil }
    return ProgressReporter(label, total: ring.cells, unit: "Bloch blocks")
  }

  /// Checks the memory of `ring bands` and, unless `quiet`, announces a table that takes long
  /// to build and write (time of a 2000-k-point table, built and rendered, scaled linearly).
  public static func prepareBands(
    _ ring: HatanoNelsonRing, kPoints: Int, format: OutputFormat, quiet: Bool, sink: (String) -> Void
  ) throws {
    try Require.atLeast(kPoints, 2, "k-points")
    try MemoryBudget.require(
      RingSpectrum.bandBytes(kPoints: kPoints), parameter: "k-points", value: kPoints,
      what: "\(kPoints) k-points × 4 bands of table rows")
    guard !quiet, kPoints > 100_000 else { return }
    let sample = 2000
    let start = Date()
    _ = try bands(ring, kPoints: sample).rendered(format)
    let seconds = Date().timeIntervalSince(start) * Double(kPoints) / Double(sample)
    guard seconds >= 5 else { return }
    sink(
      "ring bands: \(4 * kPoints) rows × 4 columns, \(RingResources.formatDuration(seconds)) to build and write "
        + "(a timed \(sample)-k-point table scaled linearly)")
  }

  /// Peak bytes of a sweep of `count` points: one row per point (the columns at
  /// ``/TightBinding/RingResources/bytesPerOutputCell``, the point's ring, result and value ≈ 400 B) plus one
  /// point's computation per core running at once (the largest of the sweep's two ends).
  public static func sweepBytes(
    _ ring: HatanoNelsonRing, mu: Double, range: SweepRange, method: CurrentMethod, path: RingSpectrum.Path
  ) throws -> Double {
    let columns = Double(currentColumns.count + 1)
    let rows = Double(range.count) * (columns * RingResources.bytesPerOutputCell + 400)
    var perPoint = 0.0
    for value in [range.start, range.stop] {
      let (r, _) = try point(ring, mu: mu, name: range.name, value: value)
      var concrete = method == .derivative ? RingSpectrum.Path.dense : try RingSpectrum.concretePath(path, r)
      // An aah sweep through 0 switches the automatic path; count the dense one.
      if range.name == "aah", path == .automatic, method == .operator { concrete = .spinResolved }
      perPoint = max(
        perPoint, RingResources.bytes(r, path: concrete, workload: method == .derivative ? .derivative : .currents))
    }
    let cores = Double(min(max(1, range.count), ProcessInfo.processInfo.activeProcessorCount))
    return rows + cores * perPoint
  }

  /// `ring sweep` from a ``SweepRange``: checks the memory of the whole sweep *before* the
  /// values are materialised (a COUNT of 10⁹ is refused, not allocated), then runs
  /// ``sweep(_:mu:name:values:temperature:method:path:progress:)``.
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming `--vary` (count) or `--cells` (one point too large).
  public static func sweep(
    _ ring: HatanoNelsonRing, mu: Double, range: SweepRange, temperature: Double = 0,
    method: CurrentMethod = .operator, path: RingSpectrum.Path = .automatic, quiet: Bool = true,
    sink: (String) -> Void = { _ in }
  ) throws -> ResultTable {
    guard (range.stop - range.start).isFinite else {
      throw InvalidParameter(
        "vary", "\(range.name)=\(range.start):\(range.stop):\(range.count)",
        allowed: "START and STOP whose difference is a finite number")
    }
    let bytes = try sweepBytes(ring, mu: mu, range: range, method: method, path: path)
    let rowBytes = Double(range.count) * (Double(currentColumns.count + 1) * RingResources.bytesPerOutputCell + 400)
    if range.name == "cells" || rowBytes < bytes / 2 {
      // The points themselves are the problem: name --cells (the size of one point).
      let cells = range.name == "cells" ? max(range.start, range.stop) : Double(ring.cells)
      try MemoryBudget.require(
        bytes, parameter: "cells", value: Int(cells),
        what: "\(range.count) sweep points, \(ProcessInfo.processInfo.activeProcessorCount) at a time")
    } else {
      try MemoryBudget.require(
        bytes, parameter: "vary", value: "\(range.name)=\(range.start):\(range.stop):\(range.count)",
        what: "\(range.count) sweep points (one table row each)")
    }
    if !quiet, let seconds = try sweepSeconds(ring, mu: mu, range: range, method: method, path: path),
      seconds >= 5
    {
      sink(
        "ring sweep: \(range.count) points with dense diagonalisations, \(RingResources.formatDuration(seconds)) "
          + "(a timed 256×256 zgeev scaled by n³); progress follows as points finish")
    }
    let reporter = quiet ? nil : ProgressReporter("ring sweep", total: range.count, unit: "points")
    return try sweep(
      ring, mu: mu, name: range.name, values: range.values, temperature: temperature, method: method, path: path,
      progress: reporter.map { r in { @Sendable done in r.update(done: done) } })
  }

  /// Estimated wall time (s) of a sweep whose points are dense diagonalisations: the larger end
  /// point's ``/TightBinding/RingResources/estimatedSeconds(_:path:workload:)`` × points ÷ cores; nil when
  /// the points use the Bloch path.
  static func sweepSeconds(
    _ ring: HatanoNelsonRing, mu: Double, range: SweepRange, method: CurrentMethod, path: RingSpectrum.Path
  ) throws -> Double? {
    let value = range.name == "cells" ? max(range.start, range.stop) : range.start
    let (r, _) = try point(ring, mu: mu, name: range.name, value: value)
    var concrete = method == .derivative ? RingSpectrum.Path.dense : try RingSpectrum.concretePath(path, r)
    if range.name == "aah", path == .automatic, method == .operator { concrete = .spinResolved }
    let workload: RingWorkload = method == .derivative ? .derivative : .currents
    guard let perPoint = try RingResources.estimatedSeconds(r, path: concrete, workload: workload) else { return nil }
    let cores = Double(min(max(1, range.count), ProcessInfo.processInfo.activeProcessorCount))
    return perPoint * Double(range.count) / cores
  }
}
