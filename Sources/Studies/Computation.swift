import Diagnostics
import Foundation

/// One computation of the catalogue: its parameter schema, its output columns and a pure
/// evaluation at one parameter point. The single source of truth for every front end.
///
/// The CLI command (`spintransport ring currents`), the study-file model (`model =
/// "ring-currents"`), `--vary`, `--save-study`, `spintransport models` and docs/parameters.md
/// all read the same ``parameters`` and ``outputs``, and every route computes through
/// ``evaluate(_:)``. Paper modules declare the physics' parameters once
/// (`<Model>Parameters.swift`) and wrap them here; this protocol knows no physics.
public protocol Computation: Sendable {
  /// Catalogue and study-file name, e.g. `ring-currents`.
  var name: String { get }
  /// Command path under `spintransport`, e.g. `["ring", "currents"]`.
  var command: [String] { get }
  /// One line: what it computes, with output units.
  var summary: String { get }
  /// The paper whose model this computes (cited by `models`, `--help` and docs/parameters.md); nil for none.
  var paper: Paper? { get }
  /// Longer help (conventions, routes, warnings), shown by `--help` and `models NAME`.
  var discussion: String { get }
  /// Every parameter, in the order of the help text.
  var parameters: [Parameter] { get }
  /// Every output column, in row order.
  var outputs: [Column] { get }
  /// A small, fast (< 1 s) command line of this entry after its command path (e.g.
  /// `["--xi", "0.3", "--vary", "k2-ratio=0:1:3"]`): shown in docs, and every entry's example
  /// is run by the tests (CLI `--vary` against `run` of its `--save-study` file).
  var example: [String] { get }
  /// Bare command-line flags that stand for options (`--minimal` → `--table minimal`).
  var flagAliases: [String: [String]] { get }
  /// Flags that add output columns on the command line (e.g. `--modes`); default none.
  var columnSwitches: [ColumnSwitch] { get }
  /// Output columns shown when the user picks none (a subset of ``outputs`` names, in order).
  func defaultColumns(for values: ParameterValues) -> [String]
  /// Cross-parameter checks at one point, before anything is computed (single values are
  /// already validated against their ``/Diagnostics/Parameter/domain``): the one place the
  /// physics validators run. Throws ``/Diagnostics/InvalidParameter`` naming the parameter's id.
  func check(_ values: ParameterValues) throws
  /// Whole-study checks before any point runs: ``check(_:)`` on every point (once each), then
  /// what needs them all (e.g. memory for the largest point). `points` are every grid point's
  /// values; `log` receives notes (e.g. the time expected).
  func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws
  /// Upper bound on the rows of one point and the parameter that sets them (nil: one row, or
  /// not known): checked against the output and memory bounds before anything runs.
  func rowBound(_ values: ParameterValues) -> RowBound?
  /// Output columns these values leave uncomputed (NaN), with the reason in words ("with
  /// table = minimal"); the study runner warns when a chosen column is among them. Default none.
  func uncomputedColumns(for values: ParameterValues) -> (columns: Set<String>, reason: String)?
  /// The rows of one point; each row has one cell per entry of ``outputs``.
  /// Precondition: `values` passed ``check(_:)`` (and ``prepare(_:log:)``); evaluation trusts
  /// them and does not validate again. Pure and thread-safe: points run in parallel (and on
  /// other ranks or shards).
  func evaluate(_ values: ParameterValues) throws -> StudyEvaluation
  /// ``evaluate(_:)`` reporting progress inside the point (sectors done, iterations, time left) to
  /// `progress`: what the study runner calls for a study of one point when progress is shown. The
  /// rows must equal those of ``evaluate(_:)``. Default: ``evaluate(_:)`` (no progress inside the point).
  func evaluate(_ values: ParameterValues, progress: PointProgress?) throws -> StudyEvaluation
  /// This computation for the model file at `modelFile` (a text parameter `model` names it):
  /// the same entry with the file's own parameters (`[params]`) appended, so that they can be
  /// given on the command line, swept and written in study files like built-in ones. Called by
  /// the CLI before option values are parsed and by the study reader (path relative to the study
  /// file). Throws the model file's located error (`ModelFileError`). Default: `self` (the
  /// computation reads no model files). An override returns a ``ModelFileComputation``.
  func specialized(modelFile: URL) throws -> any Computation
}

extension Computation {
  public var discussion: String { "" }
  public var paper: Paper? { nil }
  public var columnSwitches: [ColumnSwitch] { [] }
  public var flagAliases: [String: [String]] { [:] }
  public func rowBound(_ values: ParameterValues) -> RowBound? { nil }
  public func uncomputedColumns(for values: ParameterValues) -> (columns: Set<String>, reason: String)? { nil }
  public func defaultColumns(for values: ParameterValues) -> [String] { outputs.map(\.name) }
  public func check(_ values: ParameterValues) throws {}
  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    for point in points { try check(point) }
  }
  public func specialized(modelFile: URL) throws -> any Computation { self }
  public func evaluate(_ values: ParameterValues, progress: PointProgress?) throws -> StudyEvaluation {
    try evaluate(values)
  }

  /// The parameter with this id, or with this flag (`flux-phase` or `flux_phase_rad`).
  public func parameter(named name: String) -> Parameter? {
    parameters.first { $0.id == name } ?? parameters.first { $0.flag == name }
  }

  /// Every parameter at its default, then `given` over them, each validated against its
  /// domain. Cross-parameter checks are not run here (``check(_:)`` runs them, once per point,
  /// from ``prepare(_:log:)``). A required parameter without a value (and not in `swept`) is an
  /// error naming it.
  public func resolve(_ given: ParameterValues, swept: Set<String> = []) throws -> ParameterValues {
    var values = ParameterValues(defaultsOf: parameters)
    for (id, value) in given.values {
      guard let p = parameters.first(where: { $0.id == id }) else {
        throw InvalidParameter(
          id, value, allowed: "a parameter of \(name): " + parameters.map(\.id).joined(separator: ", "))
      }
      try p.validate(value)
      values[id] = value
    }
    for p in parameters where p.requirement == .required && values[p.id] == nil && !swept.contains(p.id) {
      throw p.invalid(.text("(missing)"), allowed: "a value is required: \(p.allowed)")
    }
    return values
  }

  /// The names of ``outputs``.
  public var outputNames: [String] { outputs.map(\.name) }
}

/// One output column: name with unit suffix, unit, meaning.
public struct Column: Sendable, Equatable {
  /// What a cell holds.
  public enum Kind: String, Sendable, Equatable { case number, integer, text }
  /// Column name (`re_charge_A`); the unit suffix follows the quantity.
  public let name: String
  /// Unit ("A", "eV", "K", "" dimensionless).
  public let unit: String
  /// One line: what the column holds and its conventions.
  public let meaning: String
  public let kind: Kind

  public init(_ name: String, unit: String = "", kind: Kind = .number, _ meaning: String) {
    self.name = name
    self.unit = unit
    self.meaning = meaning
    self.kind = kind
  }
}

/// A command-line flag that adds output columns to the default ones (`--modes`).
public struct ColumnSwitch: Sendable, Equatable {
  public let flag: String
  public let columns: [String]
  public let help: String
  public init(flag: String, columns: [String], help: String) {
    self.flag = flag
    self.columns = columns
    self.help = help
  }
}

/// What one point produced.
public struct StudyEvaluation: Sendable, Equatable {
  /// Rows of cells (each of length `outputs.count`).
  public var rows: [[TableValue]]
  public var warnings: [NumericalWarning]
  /// Facts about this point for the table's JSON metadata (e.g. conserved integrals). Kept
  /// when the study has one point; not checkpointed.
  public var metadata: [String: JSONValue] = [:]

  public init(rows: [[TableValue]], warnings: [NumericalWarning] = [], metadata: [String: JSONValue] = [:]) {
    self.rows = rows
    self.warnings = warnings
    self.metadata = metadata
  }

  /// Rows of numbers.
  public init(numberRows: [[Double]], warnings: [NumericalWarning] = []) {
    self.init(rows: numberRows.map { $0.map(TableValue.number) }, warnings: warnings)
  }

  /// A single row of numbers.
  public init(row: [Double], warnings: [NumericalWarning] = []) {
    self.init(numberRows: [row], warnings: warnings)
  }

  /// Row `i` as numbers (text cells as NaN): for tests and figures that read numbers back.
  public func numbers(row i: Int = 0) -> [Double] {
    rows[i].map {
      switch $0 {
      case .number(let x): return x
      case .integer(let n): return Double(n)
      case .text: return .nan
      }
    }
  }
}

/// The computations one binary knows: the catalogue (injected; the shipped one is
/// `Catalogue.standard` in the SpinTransport module, tests add fixtures of their own).
public struct Catalogue: Sendable {
  public var computations: [any Computation]

  public init(_ computations: [any Computation]) { self.computations = computations }

  /// The computation named `name` (study-file model name), or nil.
  public func computation(named name: String) -> (any Computation)? { computations.first { $0.name == name } }

  /// The computation at `command` (`["ring", "currents"]`), or nil.
  public func computation(command: [String]) -> (any Computation)? { computations.first { $0.command == command } }

  /// Every name, comma-separated (for errors).
  public var names: String { computations.map(\.name).joined(separator: ", ") }

  /// The computation a study runs: its model by name, specialised to the study's model file
  /// (its `model` parameter, a path already resolved by the study reader) when it names one.
  public func computation(for study: Study) throws -> any Computation {
    guard let base = computation(named: study.modelName) else {
      throw InvalidParameter("model", study.modelName, allowed: "one of \(names)")
    }
    return try base.specialized(for: study.parameters)
  }
}

extension Computation {
  /// ``specialized(modelFile:)`` for the path in `values["model"]` (a text parameter), else `self`.
  public func specialized(for values: ParameterValues) throws -> any Computation {
    guard parameter(named: "model")?.domain == .text, let path = values["model"]?.text, !path.isEmpty else {
      return self
    }
    return try specialized(modelFile: URL(fileURLWithPath: path))
  }
}

/// A computation whose rows can be written as they are computed (profiles in time, long
/// spectra): the CLI streams them to the output without holding the table, so memory stays
/// O(one row) instead of O(rows). Optional: the study runner (sweeps, `run`, `reproduce`) still
/// calls ``Computation/evaluate(_:)``, which must produce the same rows in the same order.
public protocol StreamingComputation: Computation {
  /// Computes `values` (one point, already resolved and checked), passing each row restricted to
  /// the output indices `columns` (in that order) to `sink` as soon as it is known; returns the
  /// numerical warnings. An error from `sink` (a full disk) stops the computation.
  func stream(
    _ values: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws
    -> [NumericalWarning]
  /// ``stream(_:columns:into:)`` plus facts for the JSON metadata known only at the end
  /// (e.g. conserved integrals). Default: no metadata.
  func streamWithMetadata(
    _ values: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws
    -> (warnings: [NumericalWarning], metadata: [String: JSONValue])
}

extension StreamingComputation {
  public func streamWithMetadata(
    _ values: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws -> (warnings: [NumericalWarning], metadata: [String: JSONValue]) {
    (try stream(values, columns: columns, into: sink), [:])
  }
}

/// How many rows one point writes at most, and which parameter sets that number.
public struct RowBound: Sendable, Equatable {
  public var rows: Double
  /// Parameter id (or flag) named when the output would not fit.
  public var parameter: String
  /// That parameter's value as the user wrote it.
  public var value: String
  /// The table in words ("11 snapshots × 801 points").
  public var what: String
  public init(rows: Double, parameter: String, value: String, what: String) {
    self.rows = rows
    self.parameter = parameter
    self.value = value
    self.what = what
  }
}
