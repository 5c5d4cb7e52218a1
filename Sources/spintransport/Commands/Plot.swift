import ArgumentParser
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport plot data.csv --x COL --y COL…`: a quick look at any table.
  struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Quick plot of a CSV table: writes FILE.png, FILE.svg and the FILE.gp script (gnuplot).")

    @Argument(help: "CSV file with one header row (e.g. a data.csv).")
    var data: String

    @Option(name: .long, help: "Column on the horizontal axis.")
    var x: String

    @Option(name: .long, parsing: .upToNextOption, help: "Column(s) on the vertical axis.")
    var y: [String]

    @Option(name: .long, help: "One curve per distinct value of this column.")
    var group: String?

    @Option(name: .long, help: "Output picture (.png or .svg; both are written). Default: next to the CSV, <name>.png.")
    var out: String?

    @Option(name: .long, help: "Figure title (default: the CSV file name).")
    var title: String?

    @Option(name: .long, help: "Horizontal axis label (default: the --x column name).")
    var xlabel: String?

    @Option(name: .long, help: "Vertical axis label (default: the --y column names; with it, all --y share one panel).")
    var ylabel: String?

    @Flag(name: .long, help: "Logarithmic horizontal axis.")
    var logx = false

    @Flag(name: .long, help: "Logarithmic vertical axis.")
    var logy = false

    @Option(
      name: .long,
      help: "Draw this column as a heat map (colour) over the (--x, --y) grid of a two-parameter sweep; give one --y.")
    var heatmap: String?

    func validate() throws {
      guard !y.isEmpty else { throw ValidationError("missing --y COLUMN") }
      if let heatmap, y.count != 1 {
        throw ValidationError(
          "invalid value for --y: \(y.joined(separator: " ")) (allowed: one column with --heatmap \(heatmap))")
      }
      if let out, !(out.hasSuffix(".png") || out.hasSuffix(".svg")) {
        throw ValidationError("invalid value for --out: \(out) (allowed: a file name ending in .png or .svg)")
      }
      if let out, out.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        throw ValidationError(
          "invalid value for --out: \(String(reflecting: out)) (allowed: a file name without control characters)")
      }
      // Every file plot writes (picture, its SVG twin, the script) is classified by OutputTarget
      // before anything is read or drawn: a device or FIFO is written through, never replaced.
      for path in ["png", "svg", "gp"].map({ base + "." + $0 }) {
        do { _ = try OutputTarget.resolve(path) } catch let error as OutputPathError {
          throw ValidationError("invalid value for \(out == nil ? "data" : "--out"): " + error.description)
        }
      }
    }

    /// The output path without extension: `--out` without `.png`/`.svg`, else the CSV's path
    /// without `.csv`.
    var base: String {
      let target = out ?? (data.hasSuffix(".csv") ? String(data.dropLast(4)) : data) + ".png"
      return (target as NSString).deletingPathExtension
    }

    /// Refuses a table gnuplot could not draw, naming the column: no data rows, or an x or y
    /// column without a finite number (on rows where x is finite, for y).
    func checkPlottable(_ table: ResultTable) throws {
      guard !table.rows.isEmpty else {
        throw InvalidParameter("data", data, allowed: "a CSV file with at least one data row below its header")
      }
      let xj = table.columns.firstIndex(of: x)!
      let finiteX = table.rows.filter { $0[xj].number?.isFinite ?? false }
      guard !finiteX.isEmpty else {
        throw InvalidParameter("--x", x, allowed: "a column holding finite numbers (\(x) in \(data) has none)")
      }
      for name in y {
        let yj = table.columns.firstIndex(of: name)!
        guard finiteX.contains(where: { $0[yj].number?.isFinite ?? false }) else {
          throw InvalidParameter(
            "--y", name, allowed: "a column holding finite numbers where --x is finite (\(name) in \(data) has none)")
        }
      }
    }

    func run() throws {
      // A table in memory takes about 12× its CSV text (cells, strings, the script's datablocks).
      if let size = (try? FileManager.default.attributesOfItem(atPath: data))?[.size] as? NSNumber {
        do {
          try MemoryBudget.require(
            12 * size.doubleValue, parameter: "data", value: data, what: "plotting a \(size.intValue)-byte CSV file")
        } catch let error as InvalidParameter {
          throw ValidationError("invalid value for data: \(data) (allowed: \(error.allowed))")
        }
      }
      guard let bytes = FileManager.default.contents(atPath: data) else {
        throw ValidationError("invalid value for data: \(data) (allowed: a readable CSV file)")
      }
      let table: ResultTable
      do { table = try ResultTable(csvData: bytes) } catch {
        throw ValidationError("invalid value for data: \(data) (\(error))")
      }
      let named =
        [("x", x)] + y.map { ("y", $0) } + (group.map { [("group", $0)] } ?? [])
        + (heatmap.map { [("heatmap", $0)] } ?? [])
      for (option, name) in named where !table.columns.contains(name) {
        throw ValidationError(
          "invalid value for --\(option): \(name) (allowed: a column of \(data): \(table.columns.joined(separator: ", ")))"
        )
      }
      try checkPlottable(table)
      if out == nil, data.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        throw ValidationError(
          "invalid value for data: \(String(reflecting: data)) (allowed: a file name without control characters, "
            + "or name the picture with --out)")
      }
      let base = self.base
      let dir = OutputTarget.parentDirectory(base)
      let name = (base as NSString).lastPathComponent
      let csvPath = relativePath(of: data, from: dir)
      let plot = plotSpec()
      let script = try GnuplotScript.make(plot: plot, table: table, dataFile: csvPath, outputBase: name)
      try writeAtomically(script, to: base + ".gp")
      switch try FigureRenderer.draw(script: script, in: dir, outputBase: name) {
      case .rendered:
        try printLine("wrote \(base).png, \(base).svg and \(base).gp")
      case .gnuplotMissing:
        let message =
          "gnuplot not found on PATH: wrote only the script \(base).gp; install gnuplot (make bootstrap) "
          + "and run `gnuplot \(name).gp` in \(dir)"
        FileHandle.standardError.write(Data("spintransport: \(message)\n".utf8))
        throw ExitCode.failure
      case .gnuplotFailed(let line):
        FileHandle.standardError.write(
          Data("spintransport: error: gnuplot failed: \(line) (script: \(base).gp)\n".utf8))
        throw ExitCode.failure
      }
    }

    /// What to draw: labels verbatim (column names such as `flux_phase_rad`); without --ylabel,
    /// one panel per unit of the --y columns (units of the catalogue's columns of that name), so
    /// a current in A and an energy in eV never share an axis.
    func plotSpec() -> PlotSpec {
      let units = Dictionary(
        CommandTree.current.catalogue.computations.flatMap { $0.outputs.map { ($0.name, $0.unit) } },
        uniquingKeysWith: { a, b in a == b ? a : "?" + a })
      let panels =
        ylabel == nil && heatmap == nil
        ? PlotSpec.unitPanels(y, units: units.filter { !$0.value.hasPrefix("?") }) ?? []
        : []
      var plot = PlotSpec(
        title: title ?? (data as NSString).lastPathComponent,
        kind: heatmap.map { .heatMap(z: $0) } ?? .xy, x: x, xLabel: xlabel ?? x,
        panels: panels.isEmpty ? [.init(y: y, yLabel: ylabel ?? y.joined(separator: ", "))] : panels,
        groupBy: group, groupLabel: group)
      if panels.count == 1, let ylabel { plot.panels[0].yLabel = ylabel }
      plot.logX = logx
      plot.logY = logy
      plot.verbatimText = true
      return plot
    }

    /// `path` as seen from `directory` (absolute when it cannot be made relative simply).
    func relativePath(of path: String, from directory: String) -> String {
      let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
      let dir = URL(fileURLWithPath: directory).standardizedFileURL.path
      return absolute.hasPrefix(dir + "/") ? String(absolute.dropFirst(dir.count + 1)) : absolute
    }
  }
}
