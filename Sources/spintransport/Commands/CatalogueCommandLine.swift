import ArgumentParser
import Cluster
import Foundation
import SpinTransport

/// One catalogue command line, parsed against the entry's schema (no physics here).
struct CatalogueCommandLine {
  let computation: any Computation
  var request: StudyRequest
  var saveStudy: String?
  var output: OutputOptions
  var fresh = false

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

  init(_ arguments: [String], computation: any Computation) throws {
    self.computation = computation
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
      if name != "vary", let before = seen[name] {
        throw InvalidParameter(name, "given twice (\(before), …)", allowed: "give it once")
      }
      switch name {
      case "vary":
        guard request.sweeps.count < 2 else {
          throw InvalidParameter("vary", try value(of: token, name: name), allowed: "at most two --vary (a 2D grid)")
        }
        let (parameter, sweep) = try StudyRequest.parseSweep(try value(of: token, name: name), for: computation)
        try addSweep(parameter, sweep)
      case "save-study": saveStudy = try value(of: token, name: name)
      case "columns":
        let names = try value(of: token, name: name).split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        let known = computation.outputNames
        guard !names.isEmpty, let bad = Optional(names.filter { !known.contains($0) }), bad.isEmpty else {
          throw InvalidParameter("columns", names.joined(separator: ","), allowed: known.joined(separator: ", "))
        }
        request.columns = known.filter(names.contains)
      case "format", "output": outputTokens += ["--\(name)", try value(of: token, name: name)]
      case "quiet": outputTokens.append("--quiet")
      case "fresh": fresh = true
      default:
        if let s = computation.columnSwitches.first(where: { $0.flag == name }) {
          switchedColumns += s.columns
        } else if let parameter = computation.parameters.first(where: { $0.flag == name }) {
          let text = try value(of: token, name: name)
          seen[name] = text
          if parameter.isSweepable, parameter.isNumeric, text.contains(":") || text.contains(",") {
            try addSweep(parameter, try StudyRequest.parseSweepValues(text, of: parameter, option: parameter.id, shown: text))
          } else {
            given[parameter.id] = try parameter.parse(text)
          }
          i += 1
          continue
        } else {
          throw InvalidParameter(
            name, token,
            allowed: "an option of `\(computation.command.joined(separator: " "))`: "
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
    // Cross-parameter checks on the fixed values (each point is checked again before it runs).
    _ = try computation.resolve(
      ParameterValues(Dictionary(uniqueKeysWithValues: request.given.map { ($0.id, $0.value) })),
      swept: Set(request.sweeps.map(\.id)))
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

  /// Writes the study (with `--save-study`) or computes and prints the table.
  func execute(renderingErrors render: (InvalidParameter) -> String) throws {
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
    let study: Study
    do { study = try request.study() } catch let error as StudyFileError {
      throw ValidationError(error.description)
    }
    // Checkpoints only for sweeps written to a file: next to it, removed once the file is complete.
    let checkpointDirectory = request.sweeps.isEmpty ? nil : output.output.map(OutputTarget.parentDirectory)
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
}
