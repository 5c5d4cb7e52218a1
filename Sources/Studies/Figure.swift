import Diagnostics

/// How a figure's table is drawn (rendered to gnuplot by the Studies figure pipeline).
public struct PlotSpec: Sendable, Equatable {
  /// Kind of plot.
  public enum Kind: Sendable, Equatable {
    /// y(x) curves.
    case xy
    /// Contour lines of column `z` over an (x, y) grid given as rows of (x, y, z).
    case contour(z: String, levels: Int)
    /// A colour map (gnuplot `pm3d map`) of column `z` over an (x, y) grid given as rows of (x, y, z).
    case heatMap(z: String)
  }
  /// Line style of curves.
  public enum Style: String, Sendable, Equatable { case lines, points, linespoints }

  /// One panel (sub-plot) of a figure: its y columns share the y axis.
  public struct Panel: Sendable, Equatable {
    public var y: [String]
    public var yLabel: String
    public var title: String?
    /// Legend text of a y column (column → words); a column not listed is named as it is.
    public var legends: [String: String]
    public init(y: [String], yLabel: String, title: String? = nil, legends: [String: String] = [:]) {
      self.y = y
      self.yLabel = yLabel
      self.title = title
      self.legends = legends
    }
  }

  public var title: String
  public var kind: Kind
  /// Column plotted on the horizontal axis.
  public var x: String
  public var xLabel: String
  /// Panels, drawn side by side (multiplot) when more than one.
  public var panels: [Panel]
  /// One curve per distinct value of this column (legend "label = value"), if set.
  public var groupBy: String?
  public var groupLabel: String?
  public var style: Style
  /// Logarithmic x axis (set after initialisation; default linear).
  public var logX = false
  /// Logarithmic y axis (set after initialisation; default linear).
  public var logY = false
  /// Titles and axis labels printed verbatim (gnuplot `noenhanced`): for labels that are column
  /// names typed by the user (`flux_phase_rad`); figures keep enhanced text (k_M is a subscript).
  public var verbatimText = false
  /// Error bars: y column → the column holding its standard error (drawn as y ± error).
  var errorBars: [String: String] = [:]
  /// Panels per row of a multi-panel figure (nil: up to three side by side; 1: stacked full width).
  public var panelColumns: Int?
  /// Corner of the legend box: where the curves leave room (set after initialisation).
  public var keyCorner: KeyCorner = .topRight

  /// A corner of the plot area, in gnuplot's words.
  public enum KeyCorner: String, Sendable, Equatable {
    case topRight = "top right", topLeft = "top left", bottomRight = "bottom right", bottomLeft = "bottom left"
  }

  public init(
    title: String, kind: Kind = .xy, x: String, xLabel: String, panels: [Panel], groupBy: String? = nil,
    groupLabel: String? = nil, style: Style = .lines
  ) {
    self.title = title
    self.kind = kind
    self.x = x
    self.xLabel = xLabel
    self.panels = panels
    self.groupBy = groupBy
    self.groupLabel = groupLabel
    self.style = style
  }
}

/// What a figure computes: its data table, how to draw it, and paper-vs-ours comparisons.
public struct FigureResult: Sendable {
  public var table: ResultTable
  public var plot: PlotSpec
  /// Lines "paper: … | ours: …" for `index.md` where the paper states a number or a trend.
  public var comparisons: [String]

  public init(table: ResultTable, plot: PlotSpec, comparisons: [String] = []) {
    self.table = table
    self.plot = plot
    self.comparisons = comparisons
  }
}

/// One reproducible paper figure.
///
/// A figure's data come from its ``studies`` (each through the one sweep path, so `spintransport
/// run` of a study written by `reproduce --save-study` gives the same table) and ``assemble``,
/// which turns their tables into the figure's table, plot and paper-vs-ours comparisons
/// (comparison lines and analytic curves are code; data points are not). A figure with no
/// studies makes its data in the closure given to ``init(id:seed:caption:long:compute:)`` alone.
public struct Figure: Sendable {
  /// Stable identifier, `<paper>-<name>`, e.g. "002-fig06", "000-voltage" (what `reproduce --figure` takes).
  public let id: String
  /// The paper's number in the catalogue ("000"…"004"), the id's prefix.
  public let seed: String
  /// One-line caption for `index.md`.
  public let caption: String
  /// The studies the figure's data come from, in the order ``assemble`` receives their tables.
  public let studies: [FigureStudy]
  /// The figure from its studies' tables (pure: no files written, no point evaluated).
  public let assemble: @Sendable ([ResultTable]) throws -> FigureResult
  /// A long figure (minutes): `reproduce` skips it unless asked for (`--long`, or its id with `--figure`).
  public let long: Bool
  /// The paper the figure belongs to, cited in its `meta.json` (set with ``citing(_:)``).
  public private(set) var paper: Paper?

  /// A figure made of `studies`, assembled by `assemble` from their tables.
  public init(
    id: String, seed: String, caption: String, long: Bool = false, studies: [FigureStudy],
    assemble: @escaping @Sendable ([ResultTable]) throws -> FigureResult
  ) {
    self.id = id
    self.seed = seed
    self.caption = caption
    self.long = long
    self.studies = studies
    self.assemble = assemble
  }

  /// A figure whose data `compute` makes without a study (test fixtures: every shipped figure is built
  /// from studies, so `reproduce --save-study` can write each one out).
  public init(
    id: String, seed: String, caption: String, long: Bool = false,
    compute: @escaping @Sendable () throws -> FigureResult
  ) {
    self.init(id: id, seed: seed, caption: caption, long: long, studies: []) { _ in try compute() }
  }

  /// Computes the figure: every study's table through the study runner, then ``assemble``.
  ///
  /// `shared` (one per `reproduce` run, owned by its caller) computes a study that several
  /// figures of the run hold — equal ``Study/canonicalDescription``, so equal tables — once.
  public func compute(sharing shared: SharedResults<String, ResultTable>? = nil) throws -> FigureResult {
    guard let shared, !studies.isEmpty else { return try assemble(try studies.map { try $0.table() }) }
    let resolved = try studies.map { try $0.study() }
    let byKey = Dictionary(
      zip(resolved.map(\.canonicalDescription), studies), uniquingKeysWith: { first, _ in first })
    return try assemble(
      try shared.values(resolved.map(\.canonicalDescription)) { key in
        guard let study = byKey[key] else { preconditionFailure("a study of this figure") }
        return try study.table()
      })
  }

  /// The same figure, attributed to `paper`.
  public func citing(_ paper: Paper) -> Figure {
    var figure = self
    figure.paper = paper
    return figure
  }
}
