import ArgumentParser
import Cluster
import Foundation
import SpinTransport

/// One catalogue command line, parsed against the entry's schema (``CatalogueOptions``): the
/// request it asks for, where its output goes, and each value as typed (for messages).
///
/// Values are read by the schema, never by help text: integer or number, range and choices
/// from each ``/Diagnostics/Parameter``'s domain (``/Diagnostics/Parameter/parse(_:)``);
/// a numeric value written `START:STOP:COUNT` or `v1,v2,…` sweeps its parameter, as
/// `--vary NAME=SPEC` does (NAME a flag or an id); values may start with a minus sign
/// (`--mu -0.5`); an option that takes a value may be given once (`--vary` twice: a 2D grid).
struct CatalogueCommandLine {
  let options: CatalogueOptions
  var request: StudyRequest
  var saveStudy: String?
  var output = OutputOptions()
  var fresh = false
  /// Each parameter's text as typed, by id (for messages that quote the user's value).
  var typed: [String: String] = [:]
  /// For each swept id, the option that swept it (`vary` or the parameter's flag) and its text.
  var sweptBy: [String: (option: String, text: String)] = [:]

  var computation: any Computation { options.computation }

  /// One option as typed: its name (`cells`, `output` for `-o`), what it is, and its value.
  struct Occurrence {
    let name: String
    let option: CatalogueOptions.Option
    let value: String?
  }

  init(_ arguments: [String], options: CatalogueOptions) throws {
    self.options = options
    request = StudyRequest(computation: options.computation)
    let occurrences = try Self.occurrences(in: arguments, options: options)
    try Self.refuseRepeats(occurrences)
    var given: [String: ParameterValue] = [:]
    var switchedColumns: [String] = []
    for o in occurrences {
      switch o.option {
      case .parameter(let p):
        let text = o.value!
        typed[p.id] = text
        if p.isSweepable, p.isNumeric, text.contains(":") || text.contains(",") {
          sweptBy[p.id] = (p.flag, text)
          try addSweep(p, try StudyRequest.parseSweepValues(text, of: p, option: p.id, shown: text))
        } else {
          given[p.id] = try p.parse(text)
        }
      case .columnSwitch(let s): switchedColumns += s.columns
      case .common(.vary):
        let text = o.value!
        guard request.sweeps.count < 2 else {
          throw InvalidParameter("vary", text, allowed: "at most two --vary (a 2D grid)")
        }
        let (p, sweep) = try StudyRequest.parseSweep(text, for: computation)
        sweptBy[p.id] = ("vary", text)
        try addSweep(p, sweep)
      case .common(.saveStudy): saveStudy = o.value
      case .common(.columns):
        let names = o.value!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let known = computation.outputNames
        guard !names.isEmpty, names.allSatisfy(known.contains), Set(names).count == names.count else {
          throw InvalidParameter(
            "columns", names.joined(separator: ","), allowed: "distinct names from " + known.joined(separator: ", "))
        }
        // In the order asked for.
        request.columns = names
      case .common(.format):
        guard let format = OutputFormat(rawValue: o.value!) else {
          throw InvalidParameter(
            "format", o.value!, allowed: "one of " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        output.format = format
      case .common(.output): output.output = o.value
      case .common(.quiet): output.quiet = true
      case .common(.fresh): fresh = true
      }
    }
    for sweep in request.sweeps where given[sweep.id] != nil {
      let p = options.parameter(named: sweep.id)!
      throw p.invalid(given[sweep.id]!, allowed: "either a value or --vary, not both")
    }
    request.given = options.parameters.compactMap { p in given[p.id].map { (p.id, $0) } }
    if request.columns == nil {
      let fixed = ParameterValues(Dictionary(uniqueKeysWithValues: request.given.map { ($0.id, $0.value) }))
      let chosen = Set(computation.defaultColumns(for: fixed) + switchedColumns)
      let columns = computation.outputNames.filter(chosen.contains)
      if columns != computation.outputNames { request.columns = columns }
    }
    try output.validate()
  }

  /// The options in `arguments` with their values: `--name VALUE`, `--name=VALUE`, `-o VALUE`,
  /// bare flags, and flag aliases expanded (`--minimal` → `--table minimal`). Unknown options
  /// (with the nearest name), positional words and missing values are refused.
  static func occurrences(in arguments: [String], options: CatalogueOptions) throws -> [Occurrence] {
    let tokens = arguments.flatMap { token in
      token.hasPrefix("--") ? options.flagAliases[String(token.dropFirst(2))] ?? [token] : [token]
    }
    var out: [Occurrence] = []
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      i += 1
      guard token.hasPrefix("-"), token.count > 1 else {
        throw InvalidParameter(
          "arguments", token,
          allowed: "options --NAME VALUE (see `spintransport \(options.path.joined(separator: " ")) --help`)")
      }
      let name = token == "-o" ? "output" : String(token.drop(while: { $0 == "-" }).prefix(while: { $0 != "=" }))
      guard token.hasPrefix("--") || token == "-o", let option = options.option(named: name) else {
        throw options.unknown(token)
      }
      var value: String? = nil
      if option.takesValue {
        if let eq = token.firstIndex(of: "=") {
          value = String(token[token.index(after: eq)...])
        } else if i < tokens.count {
          value = tokens[i]
          i += 1
        } else {
          throw InvalidParameter(name, "(missing)", allowed: "a value after --\(name)")
        }
      }
      out.append(Occurrence(name: name, option: option, value: value))
    }
    return out
  }

  /// An option that takes a value, given more than once, is an error naming it and its values.
  static func refuseRepeats(_ occurrences: [Occurrence]) throws {
    var seen: [String] = []
    for o in occurrences where !o.option.mayRepeat && !seen.contains(o.name) {
      seen.append(o.name)
      let values = occurrences.filter { $0.name == o.name }.map { $0.value ?? "" }
      guard values.count > 1 else { continue }
      throw InvalidParameter(
        o.name, "given \(values.count) times (\(values.joined(separator: ", ")))", allowed: "give it once")
    }
  }

  private mutating func addSweep(_ parameter: Parameter, _ sweep: StudyRequest.Sweep) throws {
    guard !request.sweeps.contains(where: { $0.id == parameter.id }) else {
      throw InvalidParameter("vary", parameter.flag, allowed: "each parameter swept once")
    }
    guard request.sweeps.count < 2 else {
      throw InvalidParameter("vary", parameter.flag, allowed: "at most two swept parameters (a 2D grid)")
    }
    request.sweeps.append((parameter.id, sweep))
  }
  /// The grid, the output and (unless streamed) the table in memory must fit before anything
  /// runs; the refusal names the option that sets the size with its value as typed: the entry's
  /// row-setting parameter for one point (``/Studies/Computation/rowBound(_:)``), the last swept
  /// option for a sweep.
  func checkSizes(_ study: Study) throws {
    let points = Double(study.pointCount)
    let columns = study.columns.count
    let lastSweep = request.sweeps.last.map { id, _ in options.parameter(named: id)! }
    func typedValue(_ p: Parameter) -> String { typed[p.id] ?? p.defaultValue?.description ?? "" }
    let sweepOption = lastSweep.map { sweptBy[$0.id] ?? ($0.flag, typedValue($0)) }
    var rows = 0.0
    var bound: RowBound?
    for i in 0..<study.pointCount {
      let b = computation.rowBound(study.point(i))
      rows += b?.rows ?? 1
      bound = bound ?? b
    }
    let parameter: String, value: String, what: String
    if let (option, text) = sweepOption {
      (parameter, value) = (option, text)
      what = "\(Study.formatCount(points)) points, \(Study.formatCount(rows)) rows × \(columns) columns"
    } else if let bound {
      (parameter, value, what) = (bound.parameter, typed[bound.parameter] ?? bound.value, bound.what)
    } else {
      return
    }
    try OutputBudget.require(
      OutputBudget.estimate(rows: rows, columns: columns), path: output.output, parameter: parameter, value: value,
      what: what)
    let streamed = request.sweeps.isEmpty && computation is any StreamingComputation
    if !streamed {
      try MemoryBudget.require(
        OutputBudget.tableMemoryEstimate(rows: rows, columns: columns), parameter: parameter, value: value,
        what: "a table of \(Study.formatCount(rows)) rows × \(columns) columns")
    }
  }

  /// The grid's memory, before the study is built (naming the option that swept).
  func checkGrid() throws {
    guard let (id, _) = request.sweeps.last else { return }
    let p = options.parameter(named: id)!
    let (option, text) = sweptBy[id] ?? (p.flag, typed[id] ?? "")
    let points = Double(request.pointCount)
    try MemoryBudget.require(
      Study.gridBytes(points: points, sweeps: request.sweeps.count, model: computation), parameter: option,
      value: text, what: "the grid of \(Study.formatCount(points)) points")
  }

  /// Writes the study (with `--save-study`) or computes and prints the table.
  func execute(renderingErrors render: (InvalidParameter) -> String) throws {
    // A required parameter without a value (and not swept) is refused before anything is
    // written; cross-parameter checks run on every grid point in the runner's `prepare`.
    _ = try computation.resolve(
      ParameterValues(Dictionary(uniqueKeysWithValues: request.given.map { ($0.id, $0.value) })),
      swept: Set(request.sweeps.map(\.id)))
    if let path = saveStudy {
      do { try writeAtomically(request.tomlText, to: path) } catch let error as OutputPathError {
        throw ValidationError("invalid value for --save-study: " + error.description)
      }
      let study = try request.study()
      FileHandle.standardError.write(
        Data(
          "wrote \(path): \(computation.name), \(study.pointCount) point\(study.pointCount == 1 ? "" : "s"); run it with: spintransport run \(path) --out DIR\n"
            .utf8))
      return
    }
    try checkGrid()
    let study: Study
    do { study = try request.study() } catch let error as StudyFileError {
      throw ValidationError(error.description)
    }
    do {
      try checkSizes(study)
      // One point of a streaming entry: rows go out as they are computed (memory O(one row)).
      if request.sweeps.isEmpty, let streaming = computation as? any StreamingComputation {
        try stream(streaming, study: study)
        return
      }
    } catch let error as InvalidParameter {
      throw ValidationError(render(error))
    }
    // Checkpoints only for sweeps written to a regular file: next to it, removed once the file
    // is complete; never beside a device or FIFO (OutputTarget.checkpointDirectory).
    let checkpointDirectory =
      request.sweeps.isEmpty ? nil : try output.output.flatMap { try OutputTarget.resolve($0).checkpointDirectory }
    // One point under mpirun: rank 0 speaks for the job (the serving ranks compute silently).
    let quiet = output.quiet || (request.sweeps.isEmpty && MPIItemExecutor.isServingRank)
    let printLine: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    let computed: StudyRunner.Computed
    // Under mpirun: a sweep's points over the ranks; one point's items (FTLM sectors) over the ranks.
    if request.sweeps.isEmpty { MPIItemExecutor.activateIfLaunched() } else { MPIPointExecutor.activateIfLaunched() }
    do {
      computed = try StudyRunner.computeTable(
        study: study, model: computation, checkpointDirectory: checkpointDirectory, fresh: fresh,
        progress: quiet ? nil : printLine, progressAfter: ProgressReporter.defaultDelay,
        log: quiet ? { _ in } : printLine)
    } catch let error as InvalidParameter {
      throw ValidationError(render(error))
    }
    MPIItemExecutor.endIfServing()  // one point under mpirun: rank 0 alone writes it
    var table = computed.table
    table.metadata["computation"] = .string(computation.name)
    table.metadata["study"] = .object(study.metadata)
    try output.emit(table)
    if let path = computed.checkpointPath { try? FileManager.default.removeItem(atPath: path) }
  }

  /// Runs the single point of `study` through ``/Studies/StreamingComputation/stream(_:columns:into:)``
  /// into the streaming writer (`-o` through a temporary renamed at the end, or stdout); the
  /// bytes equal those of the study runner's table for the same point.
  private func stream(_ computation: any StreamingComputation, study: Study) throws {
    let point = study.point(0)
    let quiet = output.quiet
    try computation.prepare(
      [point], log: quiet ? { _ in } : { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    let writer = try output.streamingWriter(columns: study.columns)
    // Progress in rows written (after 2 s; none with --quiet or when the entry bounds no rows).
    let reporter =
      quiet
      ? nil
      : computation.rowBound(point).map {
        ProgressReporter(computation.command.joined(separator: " "), total: Int(min($0.rows, 1e18)), unit: "rows")
      }
    do {
      let (warnings, pointMetadata) = try computation.streamWithMetadata(point, columns: study.outputIndices) {
        try writer.append($0)
        reporter?.advance()
      }
      var metadata: [String: JSONValue] = [
        "computation": .string(computation.name), "study": .object(study.metadata),
        "units": computation.unitsJSON(of: study.columns),
      ]
      metadata.merge(pointMetadata) { a, _ in a }
      let concerning = study.concerning(warnings, model: computation).deduplicated()
      try output.finish(writer, metadata: metadata, warnings: concerning)
    } catch {
      writer.abandon()
      throw error
    }
  }
}
