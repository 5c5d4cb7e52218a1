import Diagnostics
import Foundation

/// A catalogue computation with the parameters of one model file appended: what
/// ``Computation/specialized(modelFile:)`` returns (through ``specializing(_:modelParameters:modelFile:removing:defaults:)``).
///
/// Everything but ``parameters`` (the base's, less ``removed``, with ``defaults``, then the
/// file's) is the base entry's, so the evaluation is the base's: the
/// base reads the model file named by its `model` parameter and the file's parameters from the
/// values by id (falling back to the file's defaults), which keeps every point self-contained
/// (study runner, MPI ranks, shards). Specialising again starts from the base.
public struct ModelFileComputation: Computation {
  /// The catalogue entry.
  public let base: any Computation
  /// The model file's own parameters (ids, flags and defaults from its `[params]`).
  public let modelParameters: [Parameter]
  /// The model file.
  public let modelFile: URL
  /// Ids of the base's parameters that the model file replaces (e.g. a preset's Hamiltonian
  /// parameters): left out of ``parameters``.
  public let removed: Set<String>
  /// New defaults of the base's parameters, by id (e.g. `cells` from the file).
  public let defaults: [String: ParameterValue]

  public init(
    base: any Computation, modelParameters: [Parameter], modelFile: URL, removing removed: Set<String> = [],
    defaults: [String: ParameterValue] = [:]
  ) {
    self.base = (base as? ModelFileComputation)?.base ?? (base as? StreamingModelFileComputation)?.plain.base ?? base
    self.modelParameters = modelParameters
    self.modelFile = modelFile
    self.removed = removed
    self.defaults = defaults
  }

  public var name: String { base.name }
  public var command: [String] { base.command }
  public var summary: String { base.summary }
  public var paper: Paper? { base.paper }
  public var discussion: String { base.discussion }
  public var parameters: [Parameter] {
    base.parameters.filter { !removed.contains($0.id) }.map { p in
      guard let d = defaults[p.id] else { return p }
      return Parameter(
        p.id, flag: p.flag, symbol: p.symbol, unit: p.unit, domain: p.domain, default: d, requirement: .defaulted,
        help: p.help)
    } + modelParameters
  }
  public var outputs: [Column] { base.outputs }
  public var example: [String] { base.example }
  public var flagAliases: [String: [String]] { base.flagAliases }
  public var columnSwitches: [ColumnSwitch] { base.columnSwitches }
  public func defaultColumns(for values: ParameterValues) -> [String] { base.defaultColumns(for: values) }
  public func check(_ values: ParameterValues) throws { try base.check(values) }
  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    try base.prepare(points, log: log)
  }
  public func rowBound(_ values: ParameterValues) -> RowBound? { base.rowBound(values) }
  public func uncomputedColumns(for values: ParameterValues) -> (columns: Set<String>, reason: String)? {
    base.uncomputedColumns(for: values)
  }
  public func evaluate(_ values: ParameterValues) throws -> StudyEvaluation { try base.evaluate(values) }
  public func evaluate(_ values: ParameterValues, progress: PointProgress?) throws -> StudyEvaluation {
    try base.evaluate(values, progress: progress)
  }
  public func specialized(modelFile: URL) throws -> any Computation { try base.specialized(modelFile: modelFile) }
}

extension ModelFileComputation {
  /// `base` with `modelParameters` appended: a `StreamingModelFileComputation` when `base`
  /// streams its rows (so the CLI still streams), else a ``ModelFileComputation``. What an
  /// override of ``Computation/specialized(modelFile:)`` returns.
  public static func specializing(
    _ base: any Computation, modelParameters: [Parameter], modelFile: URL, removing removed: Set<String> = [],
    defaults: [String: ParameterValue] = [:]
  ) -> any Computation {
    let plain = ModelFileComputation(
      base: base, modelParameters: modelParameters, modelFile: modelFile, removing: removed, defaults: defaults)
    if let streaming = plain.base as? any StreamingComputation {
      return StreamingModelFileComputation(plain: plain, streaming: streaming)
    }
    return plain
  }
}

/// ``ModelFileComputation`` of a streaming base: streams through the base.
struct StreamingModelFileComputation: StreamingComputation {
  let plain: ModelFileComputation
  let streaming: any StreamingComputation

  public var name: String { plain.name }
  public var command: [String] { plain.command }
  public var summary: String { plain.summary }
  public var paper: Paper? { plain.paper }
  public var discussion: String { plain.discussion }
  public var parameters: [Parameter] { plain.parameters }
  public var outputs: [Column] { plain.outputs }
  public var example: [String] { plain.example }
  public var flagAliases: [String: [String]] { plain.flagAliases }
  public var columnSwitches: [ColumnSwitch] { plain.columnSwitches }
  public func defaultColumns(for values: ParameterValues) -> [String] { plain.defaultColumns(for: values) }
  public func check(_ values: ParameterValues) throws { try plain.check(values) }
  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    try plain.prepare(points, log: log)
  }
  public func rowBound(_ values: ParameterValues) -> RowBound? { plain.rowBound(values) }
  public func uncomputedColumns(for values: ParameterValues) -> (columns: Set<String>, reason: String)? {
    plain.uncomputedColumns(for: values)
  }
  public func evaluate(_ values: ParameterValues) throws -> StudyEvaluation { try plain.evaluate(values) }
  public func evaluate(_ values: ParameterValues, progress: PointProgress?) throws -> StudyEvaluation {
    try plain.evaluate(values, progress: progress)
  }
  public func specialized(modelFile: URL) throws -> any Computation { try plain.specialized(modelFile: modelFile) }
  public func stream(
    _ values: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws
    -> [NumericalWarning]
  { try streaming.stream(values, columns: columns, into: sink) }
  public func streamWithMetadata(
    _ values: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws -> (warnings: [NumericalWarning], metadata: [String: JSONValue]) {
    try streaming.streamWithMetadata(values, columns: columns, into: sink)
  }
}
