import ArgumentParser
import Cluster
import Diagnostics
import Foundation
import SpinTransport

/// One catalogue command line, parsed against the entry's schema (no physics here).
struct CatalogueCommandLine {
  let computation: any Computation
  var request: StudyRequest
  var saveStudy: String?
  var output: OutputOptions
  var fresh = false
  /// Each option's text as typed (for messages that quote the user's value).
  var typed: [String: String] = [:]
  /// For each swept id, the option that swept it (`vary` or the parameter's flag) and its text.
  var sweptBy: [String: (option: String, text: String)] = [:]

  /// Options every catalogue command takes besides its parameters.
  static let commonOptions: [(flag: String, takesValue: Bool, help: String)] = [
    ("vary", true, "Sweep a parameter: NAME=START:STOP:COUNT (append :log for geometric spacing) or NAME=v1,v2,…; "
      + "NAME is the flag or the study key. Give it twice for a 2D grid (outer first)."),
    ("save-study", true, "Write the TOML study equivalent to this command line to FILE and exit (run it with "
      + "`spintransport run FILE --out DIR`)."),
    ("columns", true, "Output columns to print, comma-separated (default: the entry's default columns)."),
    ("format", true, "Output format: csv or json."),
    ("output", true, "Write the table to FILE (atomically) instead of stdout (also -o). With --vary, finished "
      + "points are checkpointed next to FILE, so rerunning an interrupted command resumes."),
    ("quiet", false, "Silence progress lines on stderr (warnings are still printed)."),
    ("fresh", false, "With --vary and -o: ignore a checkpoint left by an interrupted run."),
  ]

  init(_ given: [String], computation: any Computation) throws {
    self.computation = computation
    // Bare flags that stand for options (`--minimal` → `--table minimal`).
    let arguments = given.flatMap { token in
      token.hasPrefix("--") ? computation.flagAliases[String(token.dropFirst(2))] ?? [token] : [token]
    }
    request = StudyRequest(computation: computation)
    output = OutputOptions()
    var outputTokens: [String] = []
    var given: [String: ParameterValue] = [:]
    var seen: [String: String] = [:]
    var switchedColumns: [String] = []
    var i = 0
    func value(of token: String, name: String) throws -> String {
      if let eq = token.firstIndex(of: "=") { return String(token[token.index(after: eq)...]) }
      guard i + 1 < arguments.count else {
        throw InvalidParameter(name, "(missing)", allowed: "a value after --\(name)")
      }
      i += 1
      return arguments[i]
    }
    while i < arguments.count {
      let token = arguments[i]
      guard token.hasPrefix("-"), token.count > 1 else {
        throw InvalidParameter(
          "arguments", token, allowed: "options --NAME VALUE (see `spintransport \(computation.command.joined(separator: " ")) --help`)")
      }
      let name: String =
        token == "-o" ? "output" : String(token.drop(while: { $0 == "-" }).prefix(while: { $0 != "=" }))
      // Flags without a value (--quiet, --fresh, column switches) may repeat.
      let isFlag = name == "quiet" || name == "fresh" || computation.columnSwitches.contains { $0.flag == name }
      if name != "vary", !isFlag, let before = seen[name] {
        throw InvalidParameter(name, "given twice (\(before), …)", allowed: "give it once")
      }
      switch name {
      case "vary":
        guard request.sweeps.count < 2 else {
          throw InvalidParameter("vary", try value(of: token, name: name), allowed: "at most two --vary (a 2D grid)")
        }
        let text = try value(of: token, name: name)
        let (parameter, sweep) = try StudyRequest.parseSweep(text, for: computation)
        sweptBy[parameter.id] = ("vary", text)
        try addSweep(parameter, sweep)
      case "save-study": saveStudy = try value(of: token, name: name)
      case "columns":
        let names = try value(of: token, name: name).split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        let known = computation.outputNames
        guard !names.isEmpty, let bad = Optional(names.filter { !known.contains($0) }), bad.isEmpty,
          Set(names).count == names.count
        else {
          throw InvalidParameter(
            "columns", names.joined(separator: ","), allowed: "distinct names from " + known.joined(separator: ", "))
        }
        // In the order asked for.
        request.columns = names
      case "format", "output": outputTokens += ["--\(name)", try value(of: token, name: name)]
      case "quiet": outputTokens.append("--quiet")
      case "fresh": fresh = true
      default:
        if let s = computation.columnSwitches.first(where: { $0.flag == name }) {
          switchedColumns += s.columns
        } else if let parameter = computation.parameters.first(where: { $0.flag == name }) {
          let text = try value(of: token, name: name)
          seen[name] = text
          typed[parameter.id] = text
          if parameter.isSweepable, parameter.isNumeric, text.contains(":") || text.contains(",") {
            sweptBy[parameter.id] = (parameter.flag, text)
            try addSweep(parameter, try StudyRequest.parseSweepValues(text, of: parameter, option: parameter.id, shown: text))
          } else {
            given[parameter.id] = try parameter.parse(text)
          }
          i += 1
          continue
        } else {
          let options =
            computation.parameters.map(\.flag) + Self.commonOptions.map(\.flag)
            + computation.columnSwitches.map(\.flag) + computation.flagAliases.keys.sorted()
          let suggestion = NearestName.nearest(to: name, among: options).map { "did you mean --\($0)? " } ?? ""
          throw InvalidParameter(
            "option", token,
            allowed: suggestion + "an option of `\(computation.command.joined(separator: " "))`: "
              + (computation.parameters.map { "--" + $0.flag } + Self.commonOptions.map { "--" + $0.flag })
              .joined(separator: ", "))
        }
      }
      seen[name] = seen[name] ?? token
      i += 1
    }
    for sweep in request.sweeps where given[sweep.id] != nil {
      let p = computation.parameters.first { $0.id == sweep.id }!
      throw p.invalid(given[sweep.id]!, allowed: "either a value or --vary, not both")
    }
    request.given = computation.parameters.compactMap { p in given[p.id].map { (p.id, $0) } }
    if request.columns == nil {
      let fixed = ParameterValues(Dictionary(uniqueKeysWithValues: request.given.map { ($0.id, $0.value) }))
      let chosen = Set(computation.defaultColumns(for: fixed) + switchedColumns)
      let columns = computation.outputNames.filter(chosen.contains)
      if columns != computation.outputNames { request.columns = columns }
    }
    output = try OutputOptions.parse(outputTokens)
    try output.validate()
    func addSweep(_ parameter: Parameter, _ sweep: StudyRequest.Sweep) throws {
      guard !request.sweeps.contains(where: { $0.id == parameter.id }) else {
        throw InvalidParameter("vary", parameter.flag, allowed: "each parameter swept once")
      }
      guard request.sweeps.count < 2 else {
        throw InvalidParameter("vary", parameter.flag, allowed: "at most two swept parameters (a 2D grid)")
      }
      request.sweeps.append((parameter.id, sweep))
    }
  }

  /// The grid, the output and (unless streamed) the table in memory must fit before anything
  /// runs; the refusal names the option that sets the size with its value as typed: the entry's
  /// row-setting parameter for one point (``/Studies/Computation/rowBound(_:)``), the last swept
  /// option for a sweep.
  func checkSizes(_ study: Study) throws {
    let points = Double(study.pointCount)
    let columns = study.columns.count
    let lastSweep = request.sweeps.last.map { id, _ in computation.parameters.first { $0.id == id }! }
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
    let p = computation.parameters.first { $0.id == id }!
    let (option, text) = sweptBy[id] ?? (p.flag, typed[id] ?? "")
    let points = Double(request.pointCount)
    try MemoryBudget.require(
      Study.gridBytes(points: points, sweeps: request.sweeps.count, model: computation), parameter: option,
      value: text, what: "the grid of \(Study.formatCount(points)) points")
  }

  /// Writes the study (with `--save-study`) or computes and prints the table.
  func execute(renderingErrors render: (InvalidParameter) -> String) throws {
    // Cross-parameter checks on the fixed values (each point is checked again before it runs).
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
    let quiet = output.quiet
    let printLine: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    let computed: StudyRunner.Computed
    if !request.sweeps.isEmpty { MPIPointExecutor.activateIfLaunched() }
    do {
      computed = try StudyRunner.computeTable(
        study: study, model: computation, checkpointDirectory: checkpointDirectory, fresh: fresh,
        progress: quiet || request.sweeps.isEmpty ? nil : printLine, progressAfter: ProgressReporter.defaultDelay,
        log: quiet ? { _ in } : printLine)
    } catch let error as InvalidParameter {
      throw ValidationError(render(error))
    }
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
    let reporter = quiet ? nil : computation.rowBound(point).map {
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



  /// A sweep as typed: `flag=START:STOP:COUNT` or `flag=v1,v2`.
  private func sweepText(_ id: String, _ sweep: StudyRequest.Sweep) -> String {
    let flag = computation.parameters.first { $0.id == id }?.flag ?? id
    switch sweep {
    case .range(let a, let b, let n, let log):
      return "\(flag)=\(ParameterValue.render(a)):\(ParameterValue.render(b)):\(n)" + (log ? ":log" : "")
    case .values(let values): return "\(flag)=" + values.map(\.description).joined(separator: ",")
    }
  }
}
