import Diagnostics
import Foundation
import TOMLKit

/// Ensemble statistics of a study over one swept axis (the `[aggregate]` section), written as
/// `aggregate.csv` beside `data.csv`.
///
///     [aggregate]
///     over = "realisation"
///
/// For every combination of the other swept parameters (in grid order) and every row index
/// within a point, each chosen output column gets its mean, standard error (sample standard
/// deviation with n − 1, over √n; NaN for n = 1), median (mean of the two middle values for
/// even n), and one `count` column. Columns: the other swept parameters, then
/// `<output>_mean, <output>_stderr, <output>_median` per output, then `count`. The sums run
/// in grid order over the raw table, which does not depend on how points were split over
/// ranks or shards, so `aggregate.csv` is byte-identical across runs too. With `[aggregate]`,
/// a study may have three sweeps and its `[figure]` names `aggregate.csv` columns.
struct StudyAggregate: Sendable, Equatable {
  /// The swept parameter the statistics run over.
  public let over: String

  public init(over: String) { self.over = over }

  /// Suffixes per output column, in order.
  public static let statistics = ["mean", "stderr", "median"]

  /// Columns of `aggregate.csv` for a study with `sweeps` and chosen `outputs`.
  public func columns(sweeps: [Study.Axis], outputs: [String]) -> [String] {
    sweeps.map(\.parameter).filter { $0 != over }
      + outputs.flatMap { o in Self.statistics.map { "\(o)_\($0)" } } + ["count"]
  }

  /// The aggregate table of `data` (the study's raw table: swept columns, then outputs).
  public func table(from data: ResultTable, study: Study) -> ResultTable {
    let swept = study.sweeps.map(\.parameter)
    let kept = swept.indices.filter { swept[$0] != over }
    let outputColumns = study.outputs.indices.map { swept.count + $0 }
    var order: [String] = []
    var groups: [String: (key: [TableValue], rows: [[TableValue]])] = [:]
    var rowInPoint: [String: Int] = [:]
    for row in data.rows {
      // Row index within its point: count rows with identical swept cells seen so far.
      let pointKey = swept.indices.map { "\(row[$0])" }.joined(separator: "\u{1F}")
      let k = rowInPoint[pointKey, default: 0]
      rowInPoint[pointKey] = k + 1
      let key = kept.map { "\(row[$0])" }.joined(separator: "\u{1F}") + "\u{1E}\(k)"
      if groups[key] == nil {
        order.append(key)
        groups[key] = (kept.map { row[$0] }, [])
      }
      groups[key]!.rows.append(row)
    }
    var table = ResultTable(columns: columns(sweeps: study.sweeps, outputs: study.outputs))
    for key in order {
      let group = groups[key]!
      var cells = group.key
      for c in outputColumns {
        let xs = group.rows.map { Self.number($0[c]) }
        let s = Self.statistics(xs)
        cells += [.number(s.mean), .number(s.stderr), .number(s.median)]
      }
      cells.append(.integer(group.rows.count))
      table.append(cells)
    }
    return table
  }

  static func number(_ v: TableValue) -> Double {
    switch v {
    case .number(let x): return x
    case .integer(let i): return Double(i)
    case .text: return .nan
    }
  }

  /// Mean, standard error (n − 1; NaN for n < 2) and median of `xs`, summed in order.
  public static func statistics(_ xs: [Double]) -> (mean: Double, stderr: Double, median: Double) {
    let n = Double(xs.count)
    guard !xs.isEmpty else { return (.nan, .nan, .nan) }
    var sum = 0.0
    for x in xs { sum += x }
    let mean = sum / n
    var squares = 0.0
    for x in xs { squares += (x - mean) * (x - mean) }
    let stderr = xs.count > 1 ? (squares / (n - 1) / n).squareRoot() : .nan
    let sorted = xs.sorted()
    let m = xs.count / 2
    let median = xs.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    return (mean, stderr, median)
  }

  /// Writes `data.csv` (raw), `aggregate.csv` and the figure drawn from the aggregate table.
  public static func write(
    table: ResultTable, study: Study, aggregate: StudyAggregate, to directory: String, gnuplot: String?? = nil
  ) throws -> FigureRenderer.Outcome {
    let aggregated = aggregate.table(from: table, study: study)
    let script = try GnuplotScript.make(plot: study.plot, table: aggregated, dataFile: "aggregate.csv")
    try writeAtomically(table.csv(), to: directory + "/data.csv")
    try writeAtomically(aggregated.csv(), to: directory + "/aggregate.csv")
    try writeAtomically(script, to: directory + "/figure.gp")
    return try FigureRenderer.draw(script: script, in: directory, outputBase: "figure", gnuplot: gnuplot)
  }
}

extension StudyParser {
  /// `[aggregate]` with `over = "<swept parameter>"`; nil when the section is absent.
  func parseAggregate(_ value: TOMLValueConvertible?, sweeps: [Study.Axis]) throws -> StudyAggregate? {
    guard let value else { return nil }
    guard let table = value.table else {
      throw fail("aggregate", Self.render(value), "a table with over = \"<swept parameter>\"", section: nil)
    }
    try checkKeys(table, allowed: ["over"], section: "aggregate", prefix: "aggregate.")
    let swept = sweeps.map(\.parameter)
    guard let over = table["over"]?.string, swept.contains(over) else {
      throw fail(
        "aggregate.over", table["over"].map(Self.render) ?? "(missing)",
        "a swept parameter: \(swept.isEmpty ? "(none swept)" : swept.joined(separator: ", "))",
        section: "aggregate", name: "over")
    }
    return StudyAggregate(over: over)
  }
}
