/// The gnuplot script (`figure.gp`) that draws a ``PlotSpec`` from the `data.csv` beside it.
///
/// The script is self-describing and re-runnable by hand (`cd DIR && gnuplot figure.gp`): it
/// holds the plotted columns of `data.csv` as inline datablocks written from the table (full
/// precision), writes `figure.png` (pngcairo) and `figure.svg`. It names no data file, so no
/// file name reaches gnuplot. Curves of a long-format table are split by the `groupBy` column
/// into one datablock each (interleaved groups still draw as connected lines; group values
/// containing commas need no CSV parsing by gnuplot). Every text (title, labels, column names,
/// group values) enters through ``quoted(_:)``, which keeps it inert (see there). Contour plots embed
/// their (x, y, z) grid as a datablock with one blank line between x scans (gnuplot's grid
/// format). Axis labels and titles use gnuplot's enhanced text (k_M is a subscript) unless
/// ``PlotSpec/verbatimText`` is set (then `set termoption noenhanced` follows each `set terminal`,
/// which resets it); legend entries, which come from column names and group values, are always
/// printed verbatim (`noenhanced`).
public enum GnuplotScript {
  /// Errors of script generation (a PlotSpec naming a column the table lacks).
  struct MissingColumn: Error, CustomStringConvertible, Sendable {
    public let column: String
    public let available: [String]
    public var description: String {
      "plot column '\(column)' is not in the table (columns: \(available.joined(separator: ", ")))"
    }
  }

  /// Quotes `text` as a gnuplot single-quoted string: the one way text enters a script.
  ///
  /// gnuplot reads its input line by line and substitutes backquotes (`` `cmd` `` runs a shell
  /// command) and macros (`@name`) everywhere except inside single-quoted strings, where only
  /// `''` is special. So a single-quoted string is inert as long as it stays on one line:
  /// `'` is doubled, and every control character (newline, carriage return, form feed, the
  /// Unicode line/paragraph separators …), which would end the line and let the rest run as a
  /// command, becomes a space. Backslashes, backquotes, `@` and `"` are kept literally.
  public static func quoted(_ text: String) -> String {
    "'" + singleLine(text).replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// Quotes a file name for `set output` (or any other file gnuplot opens) so it names a file.
  ///
  /// gnuplot opens an output name that begins with `|` as a pipe to a shell command, and a
  /// data or `load` name that begins with `<` as one; a relative name is therefore written as
  /// `./NAME`, which gnuplot always reads as a path (relative to the script's directory, where
  /// it is run). The result is then ``quoted(_:)``.
  static func quotedFileName(_ name: String) -> String {
    quoted(name.hasPrefix("/") || name.hasPrefix("./") ? name : "./" + name)
  }

  /// `text` with every control character (Unicode Cc, U+2028, U+2029) replaced by a space.
  static func singleLine(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
            ? " " : scalar
        }))
  }

  /// `text` for a `#` comment line: one line, and no trailing backslash (which would continue
  /// the comment onto the next line and swallow the command there).
  static func commentText(_ text: String) -> String {
    var line = singleLine(text)
    while line.hasSuffix("\\") { line.removeLast() }
    return line
  }

  /// A name that cannot be quoted faithfully (it holds control characters) where the script
  /// must use it verbatim (an output file name).
  public struct UnsafeName: Error, CustomStringConvertible, Sendable {
    let role: String
    public let name: String
    public var description: String {
      "invalid \(role) \(String(reflecting: name)) (allowed: a name without control characters such as newlines)"
    }
  }

  /// The script for `plot` over `table` (named `dataFile` in a comment only), writing `<outputBase>.png/.svg`.
  ///
  /// `outputBase` may be overridden at run time by defining the gnuplot variable `outbase`
  /// before the script (the renderer does this to write temporary files, then renames).
  /// Throws `MissingColumn` when the spec names a column the table lacks, ``UnsafeName``
  /// when `outputBase` holds control characters.
  public static func make(
    plot: PlotSpec, table: ResultTable, dataFile: String = "data.csv", outputBase: String = "figure",
    size: (width: Int, height: Int)? = nil
  ) throws -> String {
    func index(_ name: String) throws -> Int {
      guard let j = table.columns.firstIndex(of: name) else {
        throw MissingColumn(column: name, available: table.columns)
      }
      return j + 1
    }
    let panelCount = max(plot.panels.count, 1)
    let layout = panelLayout(panelCount, columns: plot.panelColumns)
    let width = size?.width ?? (panelCount > 1 ? max(560 * layout.columns, 1000) : 800)
    let height = size?.height ?? (layout.rows > 1 ? max(1000, 330 * layout.rows) : 560)
    if singleLine(outputBase) != outputBase { throw UnsafeName(role: "figure file name", name: outputBase) }
    var s = """
      # \(commentText(plot.title))
      # Generated by spintransport from \(commentText(dataFile)) (data embedded below as datablocks);
      # writes \(commentText(outputBase)).png and \(commentText(outputBase)).svg.
      # Re-run by hand in this directory: gnuplot \(commentText(outputBase)).gp
      if (!exists("outbase")) outbase = \(quotedFileName(outputBase))
      set datafile separator ','
      set encoding utf8

      """
    let body: String
    switch plot.kind {
    case .xy:
      let parts = try xyBody(plot: plot, table: table, index: index)
      s += parts.blocks
      body = parts.commands
    case .contour(let z, let levels):
      let parts = try gridBody(plot: plot, table: table, z: z, style: .contour(levels: levels), index: index)
      s += parts.grid
      body = parts.commands
    case .heatMap(let z):
      let parts = try gridBody(plot: plot, table: table, z: z, style: .heatMap, index: index)
      s += parts.grid
      body = parts.commands
    }
    for (terminal, ext) in [
      ("pngcairo size \(width),\(height) font 'DejaVu Sans,10'", "png"),
      ("svg size \(width),\(height) dynamic font 'DejaVu Sans,10'", "svg"),
    ] {
      s += "\nset terminal \(terminal)\nset output outbase.'.\(ext)'\n"
      // After `set terminal`, which resets the text mode to the terminal's default (enhanced).
      if plot.verbatimText { s += "set termoption noenhanced\n" }
      if panelCount > 1 {
        s += "set multiplot layout \(layout.rows),\(layout.columns) title \(quoted(plot.title))\n"
      }
      s += body
      if panelCount > 1 { s += "unset multiplot\n" }
      s += "unset output\n"
    }
    return s
  }

  /// Rows × columns of the multiplot grid for `count` panels (`columns` per row, default at most 3).
  static func panelLayout(_ count: Int, columns perRow: Int? = nil) -> (rows: Int, columns: Int) {
    let columns = max(1, min(count, perRow ?? 3))
    return ((count + columns - 1) / columns, columns)
  }

  /// Datablocks and plot commands for y(x) panels (one curve per y column and group value).
  ///
  /// The data go into `blocks` (written once, before the terminals); `commands` draw them and
  /// are repeated for each terminal.
  static func xyBody(
    plot: PlotSpec, table: ResultTable, index: (String) throws -> Int
  ) throws -> (blocks: String, commands: String) {
    let xIndex = try index(plot.x)
    let style = plot.style.rawValue
    var groups: [String] = []
    var groupIndex: Int?
    if let g = plot.groupBy {
      let j = try index(g)
      groupIndex = j
      var seen = Set<String>()
      for row in table.rows where seen.insert(row[j - 1].description).inserted { groups.append(row[j - 1].description) }
    }
    let single = plot.panels.count <= 1
    var blocks = ""
    var written = Set<String>()
    /// Writes the datablock `name` of (x, y) rows, or (x, y, error) with an error column, once.
    func block(_ name: String, y yIndex: Int, error errorIndex: Int?, rows: [[TableValue]]) {
      guard written.insert(name).inserted else { return }
      blocks += "\(name) << EOD\n"
      for row in rows {
        blocks += "\(gnuplotNumber(row[xIndex - 1])) \(gnuplotNumber(row[yIndex - 1]))"
        if let e = errorIndex { blocks += " \(gnuplotNumber(row[e - 1]))" }
        blocks += "\n"
      }
      blocks += "EOD\n"
    }
    /// `using … with …` for a curve: y ± error as error bars when the column has one.
    func drawing(error errorIndex: Int?) -> String {
      guard errorIndex != nil else { return "using 1:2 with \(style) lw 1.5" }
      return "using 1:2:3 with \(plot.style == .points ? "yerrorbars" : "yerrorlines") lw 1.5"
    }
    var s = "set grid\nset key \(plot.keyCorner.rawValue) box opaque\nset xlabel \(quoted(plot.xLabel))\n"
    s += plot.errorBars.isEmpty ? "set key title ''\n" : "set key title 'error bars: ± standard error' noenhanced\n"
    // Legend entries come from column names and group values: printed literally (noenhanced);
    // axis labels and titles keep gnuplot's enhanced text (subscripts such as k_M are intended).
    // Powers of ten as 10^{n} need enhanced text; verbatim text writes them 1e-06.
    let decade = plot.verbatimText ? "'%.0e'" : "'10^{%L}'"
    s += plot.logX ? "set logscale x\nset format x \(decade)\n" : "unset logscale x\nset format x '% h'\n"
    s += plot.logY ? "set logscale y\nset format y \(decade)\n" : "unset logscale y\nset format y '% h'\n"
    for panel in plot.panels {
      s += "set ylabel \(quoted(panel.yLabel))\n"
      let title = single ? (panel.title ?? plot.title) : (panel.title ?? "")
      s += "set title \(quoted(title))\n"
      var curves: [String] = []
      for y in panel.y {
        let yIndex = try index(y)
        let errorIndex = try plot.errorBars[y].map(index)
        if let gj = groupIndex {
          let label = plot.groupLabel ?? plot.groupBy!
          for (k, value) in groups.enumerated() {
            // One datablock per group written from the table (full precision); filtering the CSV
            // in gnuplot with strcol() fails for group values that contain commas.
            let name = "$curve_\(yIndex)_\(k)"
            block(name, y: yIndex, error: errorIndex, rows: table.rows.filter { $0[gj - 1].description == value })
            // An empty group label: the group value alone is the legend ("Eq. 16, h = 6Δ").
            let entry = label.isEmpty ? value : "\(label) = \(value)"
            let legend = panel.y.count > 1 ? "\(panel.legends[y] ?? y), \(entry)" : entry
            curves.append("\(name) \(drawing(error: errorIndex)) title \(quoted(legend)) noenhanced")
          }
        } else {
          // Embedded too: the script names no data file, so no path can be read by gnuplot as a
          // command ('< cmd' pipes, '-' stdin, '$block') or break out of its quotes.
          let name = "$curve_\(yIndex)"
          block(name, y: yIndex, error: errorIndex, rows: table.rows)
          let legend = plot.errorBars[y].map { "\(y) ± \($0)" } ?? panel.legends[y] ?? y
          curves.append("\(name) \(drawing(error: errorIndex)) title \(quoted(legend)) noenhanced")
        }
      }
      s += "set datafile separator whitespace\n"
      s += "plot " + curves.joined(separator: ", \\\n  ") + "\n"
      s += "set datafile separator ','\n"
    }
    return (blocks, s)
  }

  /// A table cell as a gnuplot number: shortest round-trip decimal, `NaN` for non-finite or text.
  static func gnuplotNumber(_ v: TableValue) -> String {
    switch v {
    case .number(let x): return x.isFinite ? "\(x)" : "NaN"
    case .integer(let i): return "\(i)"
    case .text(let t): return Double(t).map { "\($0)" } ?? "NaN"
    }
  }

  /// How a (x, y, z) grid is drawn.
  enum GridStyle {
    /// Contour lines at `levels` levels.
    case contour(levels: Int)
    /// A colour map (`pm3d map`) with a colour box labelled by z.
    case heatMap
  }

  /// Contour lines or a colour map of `z` over the (x, y) grid: the grid is embedded as a datablock.
  static func gridBody(
    plot: PlotSpec, table: ResultTable, z: String, style: GridStyle, index: (String) throws -> Int
  ) throws -> (grid: String, commands: String) {
    let xj = try index(plot.x) - 1
    guard let yName = plot.panels.first?.y.first else {
      throw MissingColumn(column: "(panel y column)", available: table.columns)
    }
    let yj = try index(yName) - 1
    let zj = try index(z) - 1
    func number(_ v: TableValue) -> Double {
      switch v {
      case .number(let x): return x
      case .integer(let i): return Double(i)
      case .text(let t): return Double(t) ?? .nan
      }
    }
    let points = table.rows.map { (number($0[xj]), number($0[yj]), number($0[zj])) }
      .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var block = "$grid << EOD\n"
    var previousX: Double?
    for p in points {
      if let px = previousX, px != p.0 { block += "\n" }
      block += "\(p.0) \(p.1) \(p.2.isFinite ? "\(p.2)" : "NaN")\n"
      previousX = p.0
    }
    block += "EOD\n"
    let panelTitle = plot.panels.first?.title ?? plot.title
    let drawing: String
    switch style {
    case .contour(let levels):
      drawing = """
        set view map
        set contour base
        unset surface
        set cntrparam levels \(max(levels, 1))
        set key outside right title \(quoted(z)) noenhanced
        """
    case .heatMap:
      // Values of both signs: a diverging palette, white at zero, on a range symmetric about it.
      let zs = points.map(\.2).filter(\.isFinite)
      let largest = zs.map(abs).max() ?? 0
      let signed = zs.contains { $0 < 0 } && zs.contains { $0 > 0 }
      let palette =
        signed
        ? "set palette defined (-1 '#2166ac', 0 '#f7f7f7', 1 '#b2182b')\nset cbrange [\(-largest):\(largest)]"
        : "set palette rgbformulae 33,13,10"
      drawing = """
        set pm3d map
        \(palette)
        set autoscale xfix
        set autoscale yfix
        set cblabel \(quoted(z)) noenhanced
        unset key
        """
    }
    let plotting: String
    switch style {
    case .contour: plotting = "splot $grid using 1:2:3 with lines title ''"
    case .heatMap: plotting = "splot $grid using 1:2:3 with pm3d title ''"
    }
    return (
      block,
      """
      \(drawing)
      set xlabel \(quoted(plot.xLabel))
      set ylabel \(quoted(plot.panels.first?.yLabel ?? yName))
      set title \(quoted(panelTitle))
      set datafile separator whitespace
      \(plotting)
      set datafile separator ','

      """
    )
  }
}
