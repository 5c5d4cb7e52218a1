import Diagnostics
import TOMLKit

extension StudyParser {
  /// The optional `[figure]` table → a ``PlotSpec`` over the study's columns.
  ///
  /// Defaults: one sweep → y(x) of every output against the swept parameter; two sweeps → one
  /// curve per value of the first (outer) sweep against the second; `kind = "contour"` → contour
  /// lines of `z` (default: first output) over the two swept parameters, `kind = "heatmap"` → a
  /// colour map of it. Aggregate statistics (`<output>_mean` with `<output>_stderr`) are drawn
  /// as the means with standard-error bars. Without `y` and `y_label`
  /// the outputs are drawn one panel per unit (`units`: output name → unit, "" dimensionless), so
  /// amperes and electronvolts never share an axis; more than ``maximumUnitPanels`` units share one panel.
  func parseFigure(
    _ value: TOMLValueConvertible?, title: String, sweeps: [Study.Axis], outputs: [String],
    byName: [String: Parameter], textOutputs: Set<String> = [], units: [String: String] = [:]
  ) throws -> PlotSpec {
    let table: TOMLTable
    if let value {
      guard let t = value.table else { throw fail("figure", Self.render(value), "a [figure] table", section: nil) }
      table = t
    } else {
      table = TOMLTable()
    }
    try checkKeys(
      table, allowed: ["kind", "x", "y", "z", "group", "title", "x_label", "y_label", "levels", "style"],
      section: "figure", prefix: "figure.")
    func string(_ key: String, allowed: [String], default fallback: String?) throws -> String? {
      guard let v = table[key] else { return fallback }
      guard let s = v.string, allowed.isEmpty ? s.count <= Self.maximumTextLength : allowed.contains(s) else {
        let what =
          allowed.isEmpty
          ? "a string of at most \(Self.maximumTextLength) characters"
          : "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", ")
        throw fail("figure.\(key)", Self.render(v), what, section: "figure", name: key)
      }
      return s
    }
    // Default labels are column names: escape "_" so gnuplot's enhanced text prints it literally.
    func literal(_ text: String) -> String { text.replacingOccurrences(of: "_", with: "\\_") }
    func label(_ column: String) -> String {
      guard let p = byName[column] else { return literal(column) }
      return p.symbol.isEmpty ? literal(column) : p.unit.isEmpty ? p.symbol : "\(p.symbol) (\(p.unit))"
    }
    let swept = sweeps.map(\.parameter)
    let kind = try string("kind", allowed: ["xy", "contour", "heatmap"], default: "xy")!
    let figureTitle = try string("title", allowed: [], default: title)!
    let styleName = try string("style", allowed: PlotSpec.Style.allCases.map(\.rawValue), default: "lines")!
    let style = PlotSpec.Style(rawValue: styleName)!

    if kind == "contour" || kind == "heatmap" {
      guard sweeps.count == 2 else {
        throw fail(
          "figure.kind", "\"\(kind)\"", "\"xy\" (a \(kind) needs two [[sweep]] tables)", section: "figure",
          name: "kind")
      }
      let x = try string("x", allowed: swept, default: swept[0])!
      let y = try string("y", allowed: swept.filter { $0 != x }, default: swept.first { $0 != x })!
      let z = try string("z", allowed: outputs, default: outputs[0])!
      var levels = 10
      if let v = table["levels"], kind == "heatmap" {
        throw fail(
          "figure.levels", Self.render(v), "levels only with kind = \"contour\"", section: "figure", name: "levels")
      }
      if let v = table["levels"] {
        guard let n = v.int, (1...100).contains(n) else {
          throw fail("figure.levels", Self.render(v), "an integer from 1 to 100", section: "figure", name: "levels")
        }
        levels = n
      }
      if table["group"] != nil {
        throw fail(
          "figure.group", Self.render(table["group"]!), "no group for a contour", section: "figure", name: "group")
      }
      return PlotSpec(
        title: figureTitle, kind: kind == "heatmap" ? .heatMap(z: z) : .contour(z: z, levels: levels), x: x,
        xLabel: try string("x_label", allowed: [], default: label(x))!,
        panels: [.init(y: [y], yLabel: try string("y_label", allowed: [], default: label(y))!)], style: style)
    }
    if table["levels"] != nil || table["z"] != nil {
      let key = table["levels"] != nil ? "levels" : "z"
      throw fail(
        "figure.\(key)", Self.render(table[key]!), "\(key) only with kind = \"contour\" or \"heatmap\"",
        section: "figure", name: key)
    }
    // Without a sweep (one point), x is an output column (the first numeric one by default).
    let numericOutputs = outputs.filter { !textOutputs.contains($0) }
    // A swept choice (e.g. geometry = interface, torus) cannot be an axis: it groups the curves,
    // and x is the numeric sweep, or else the first numeric output.
    let numericSwept = swept.filter { byName[$0]?.isNumeric ?? true }
    let defaultX =
      numericSwept.count == swept.count && !swept.isEmpty
      ? (sweeps.count == 2 ? swept[1] : swept[0])
      : (numericSwept.last ?? numericOutputs.first ?? outputs[0])
    let x = try string("x", allowed: numericSwept.isEmpty ? numericOutputs : numericSwept, default: defaultX)!
    let others = swept.filter { $0 != x }
    if others.isEmpty, let g = table["group"] {
      throw fail(
        "figure.group", Self.render(g), "no group with one [[sweep]] (group names the other swept parameter)",
        section: "figure", name: "group")
    }
    let group = try string("group", allowed: others, default: others.first)
    if sweeps.count == 2, group == nil {
      throw fail(
        "figure.group", "(missing)", "the other swept parameter: \(others.joined())", section: "figure", name: "group")
    }
    var ys = numericOutputs.filter { $0 != x }
    if ys.isEmpty { ys = numericOutputs }
    // Ensemble statistics (aggregate.csv): the figure is each mean ± its standard error.
    let errorColumn: (String) -> String? = { y in
      guard y.hasSuffix("_mean") else { return nil }
      let e = String(y.dropLast("_mean".count)) + "_stderr"
      return numericOutputs.contains(e) ? e : nil
    }
    if ys.contains(where: { errorColumn($0) != nil }) { ys = ys.filter { errorColumn($0) != nil } }
    if let v = table["y"] {
      let names = v.array?.compactMap { $0.string } ?? (v.string.map { [$0] } ?? [])
      guard !names.isEmpty, names.allSatisfy(numericOutputs.contains), v.string != nil || names.count == v.array!.count
      else {
        throw fail(
          "figure.y", Self.render(v), "numeric output columns from \(numericOutputs.joined(separator: ", "))",
          section: "figure",
          name: "y")
      }
      ys = names
    }
    let xLabel = try string("x_label", allowed: [], default: label(x))!
    let errorBars = Dictionary(uniqueKeysWithValues: ys.compactMap { y in errorColumn(y).map { (y, $0) } })
    if table["y"] == nil && table["y_label"] == nil,
      let panels = Self.unitPanels(ys, units: units, label: literal), panels.count > 1
    {
      var plot = PlotSpec(
        title: figureTitle, x: x, xLabel: xLabel, panels: panels, groupBy: group, groupLabel: group, style: style)
      plot.errorBars = errorBars
      return plot
    }
    let yLabel = try string("y_label", allowed: [], default: ys.map(literal).joined(separator: ", "))!
    var plot = PlotSpec(
      title: figureTitle, x: x, xLabel: xLabel,
      panels: [.init(y: ys, yLabel: yLabel)], groupBy: group, groupLabel: group, style: style)
    plot.errorBars = errorBars
    return plot
  }
}

extension StudyParser {
  /// Most panels the default figure splits into (one per unit); beyond it one shared panel.
  static let maximumUnitPanels = 4

  /// One panel per unit of `columns`, in order of first appearance; nil when a column's unit is
  /// unknown or there are more than ``maximumUnitPanels`` units. Aggregate columns
  /// (`<output>_mean`, …) take their output's unit; `count` is dimensionless.
  static func unitPanels(
    _ columns: [String], units: [String: String], label: (String) -> String
  ) -> [PlotSpec.Panel]? {
    func unit(_ c: String) -> String? {
      if let u = units[c] { return u }
      if c == "count" { return "" }
      for s in StudyAggregate.statistics where c.hasSuffix("_" + s) {
        if let u = units[String(c.dropLast(s.count + 1))] { return u }
      }
      return nil
    }
    var order: [String] = []
    var byUnit: [String: [String]] = [:]
    for c in columns {
      guard let u = unit(c) else { return nil }
      if byUnit[u] == nil { order.append(u) }
      byUnit[u, default: []].append(c)
    }
    guard order.count <= maximumUnitPanels else { return nil }
    return order.map { u in
      let ys = byUnit[u]!
      // One column: its name (which carries the unit suffix); several: the unit they share.
      return PlotSpec.Panel(y: ys, yLabel: ys.count == 1 ? label(ys[0]) : (u.isEmpty ? "dimensionless" : u))
    }
  }
}

extension PlotSpec {
  /// `columns` one panel per unit as listed for the catalogue's outputs (`units`), or nil when a
  /// column's unit is unknown or there are too many units (see `StudyParser.unitPanels(_:units:label:)`).
  public static func unitPanels(_ columns: [String], units: [String: String]) -> [Panel]? {
    StudyParser.unitPanels(columns, units: units) { $0 }
  }
}

extension PlotSpec.Style: CaseIterable {
  public static var allCases: [PlotSpec.Style] { [.lines, .points, .linespoints] }
}
