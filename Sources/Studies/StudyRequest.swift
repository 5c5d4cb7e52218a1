import Diagnostics
import Foundation

/// A command line turned into a study: fixed parameter values, up to two sweeps and the chosen
/// columns of one ``Computation`` — and the TOML text of the same study.
///
/// Every catalogue command goes through here: ``study()`` builds the ``Study`` directly, the
/// value ``Study/parse(toml:file:catalogue:checkPoints:)`` builds from ``tomlText`` (what
/// `--save-study` writes), so `--vary` on the command line and `spintransport run` on the saved
/// file write the same bytes. Values are validated first (``/Diagnostics/InvalidParameter``
/// naming the parameter's id; the CLI shows its flag).
public struct StudyRequest: Sendable {
  /// How one parameter is swept.
  public enum Sweep: Sendable, Equatable {
    /// COUNT values from START to STOP, both included (evenly spaced, or geometric when `log`).
    case range(start: Double, stop: Double, count: Int, log: Bool)
    /// The listed values, in order.
    case values([ParameterValue])
  }

  public let computation: any Computation
  /// Values the user gave, by parameter id, in the computation's parameter order.
  public var given: [(id: String, value: ParameterValue)]
  /// Swept parameters (outer first).
  public var sweeps: [(id: String, sweep: Sweep)]
  /// Output columns (nil: the computation's default columns).
  public var columns: [String]?
  public var title: String?

  public init(computation: any Computation) {
    self.computation = computation
    self.given = []
    self.sweeps = []
  }

  /// Parses `NAME=START:STOP:COUNT` (`:log` appended for geometric spacing) or `NAME=v1,v2,…`;
  /// NAME is a flag (`flux-phase`) or an id (`flux_phase_rad`). Errors name `option`.
  public static func parseSweep(
    _ text: String, for computation: any Computation, option: String = "vary"
  ) throws -> (
    Parameter, Sweep
  ) {
    let sweepable = computation.parameters.filter(\.isSweepable)
    let names = sweepable.map { "\($0.flag) (\($0.id))" }.joined(separator: ", ")
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 else {
      throw InvalidParameter(option, text, allowed: "NAME=START:STOP:COUNT or NAME=v1,v2,… with NAME one of \(names)")
    }
    guard let parameter = computation.parameter(named: parts[0]), parameter.isSweepable else {
      throw InvalidParameter(option, text, allowed: "NAME one of \(names)")
    }
    return (parameter, try parseSweepValues(parts[1], of: parameter, option: option, shown: text))
  }

  /// The part after `=`: a range or a list, each value checked against `parameter`.
  public static func parseSweepValues(
    _ spec: String, of parameter: Parameter, option: String, shown: String
  ) throws
    -> Sweep
  {
    let fields = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    if parameter.isNumeric, fields.count == 3 || (fields.count == 4 && fields[3] == "log") {
      let log = fields.count == 4
      guard let a = Double(fields[0]), let b = Double(fields[1]), let n = Int(fields[2]), a.isFinite, b.isFinite,
        (1...StudyParser.maximumSweepCount).contains(n), !log || (a > 0 && b > 0)
      else {
        throw InvalidParameter(
          option, shown,
          allowed:
            "START:STOP:COUNT\(log ? ":log" : "") with finite START, STOP\(log ? " > 0" : "") and COUNT from 1 to \(StudyParser.maximumSweepCount)"
        )
      }
      for x in [a, b] {
        do { try parameter.validate(.number(x)) } catch {
          throw InvalidParameter(option, shown, allowed: "values of \(parameter.flag) that are \(parameter.allowed)")
        }
      }
      if case .integer = parameter.domain {
        let values = SweepRange(name: parameter.id, start: a, stop: b, count: n).values
        if let bad = values.first(where: { $0.rounded() != $0 }) {
          throw InvalidParameter(
            option, shown, allowed: "integer values of \(parameter.flag) at every point (\(bad) is not)")
        }
      }
      return .range(start: a, stop: b, count: n, log: log)
    }
    let items = spec.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !items.isEmpty, items.count <= StudyParser.maximumSweepCount else {
      throw InvalidParameter(option, shown, allowed: "at most \(StudyParser.maximumSweepCount) values")
    }
    var values: [ParameterValue] = []
    for item in items {
      do { values.append(try parameter.parse(item)) } catch {
        throw InvalidParameter(
          option, shown,
          allowed: parameter.isNumeric
            ? "START:STOP:COUNT or comma-separated values of \(parameter.flag) that are \(parameter.allowed)"
            : "comma-separated values of \(parameter.flag): \(parameter.allowed)")
      }
    }
    return .values(values)
  }

  /// The study as TOML text (the format of docs/studies.md), every parameter written out with
  /// its value (given or default) and a comment with its symbol and help.
  public var tomlText: String {
    var s = "# Written by spintransport --save-study; run with: spintransport run FILE --out DIR\n"
    s += "[study]\nmodel = \(Self.tomlString(computation.name))\n"
    if let title { s += "title = \(Self.tomlString(title))\n" }
    let swept = Set(sweeps.map(\.id))
    let givenByID = Dictionary(given.map { ($0.id, $0.value) }, uniquingKeysWith: { _, b in b })
    var lines: [String] = []
    for p in computation.parameters where !swept.contains(p.id) {
      guard let v = givenByID[p.id] ?? p.defaultValue else { continue }
      lines.append("\(p.id) = \(Self.tomlValue(v))  # \(p.symbol.isEmpty ? "" : p.symbol + ": ")\(p.help)")
    }
    if !lines.isEmpty { s += "\n[parameters]\n" + lines.joined(separator: "\n") + "\n" }
    for (id, sweep) in sweeps {
      s += "\n[[sweep]]\nparameter = \(Self.tomlString(id))\n"
      switch sweep {
      case .range(let a, let b, let n, let log):
        s += "range = [\(Self.tomlNumber(a)), \(Self.tomlNumber(b)), \(n)]\n"
        if log { s += "scale = \"log\"\n" }
      case .values(let vs):
        s += "values = [" + vs.map(Self.tomlValue).joined(separator: ", ") + "]\n"
      }
    }
    if let columns { s += "\n[output]\ncolumns = [" + columns.map(Self.tomlString).joined(separator: ", ") + "]\n" }
    return s
  }

  /// A TOML basic string with `"`, `\` and control characters escaped.
  static func tomlString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f {
          out += String(format: "\\u%04X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A finite number as TOML: integers as integers, others in shortest round-trip form.
  static func tomlNumber(_ x: Double) -> String {
    if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  static func tomlValue(_ v: ParameterValue) -> String {
    switch v {
    case .number(let x): return tomlNumber(x)
    case .integer(let i): return String(i)
    case .text(let t): return tomlString(t)
    case .numbers(let xs): return "[" + xs.map(tomlNumber).joined(separator: ", ") + "]"
    }
  }

  /// Number of grid points of the request.
  public var pointCount: Int {
    sweeps.reduce(1) { n, s in
      switch s.sweep {
      case .range(_, _, let c, _): return n * c
      case .values(let v): return n * v.count
      }
    }
  }

  /// The study, built directly: equal to the one ``Study/parse(toml:file:catalogue:checkPoints:)``
  /// builds from ``tomlText`` (parameters as the file lists them, numbers as they read back, the
  /// default figure). Each point's cross-parameter checks run in the study runner.
  public func study() throws -> Study {
    let model = computation
    let swept = Set(sweeps.map(\.id))
    var values = ParameterValues(defaultsOf: model.parameters)
    for (id, value) in given {
      values[id] = Self.asWritten(value, for: model.parameters.first { $0.id == id }!)
    }
    for p in model.parameters where p.requirement == .required && values[p.id] == nil && !swept.contains(p.id) {
      throw p.invalid(.text("(missing)"), allowed: "a value is required: \(p.allowed)")
    }
    // ``tomlText`` lists every parameter with a value that is not swept; the file's reader
    // gives its keys in sorted order.
    let fixedNames = model.parameters.map(\.id).filter { values[$0] != nil && !swept.contains($0) }.sorted()
    let axes: [Study.Axis] = sweeps.map { id, sweep in
      let parameter = model.parameters.first { $0.id == id }!
      switch sweep {
      case .range(let a, let b, let n, let log):
        let grid = SweepRange.grid(start: Self.zeroSigned(a), stop: Self.zeroSigned(b), count: n, log: log)
        if case .integer = parameter.domain {
          return Study.Axis(parameter: id, values: grid.map(ParameterValue.integer(exactly:)))
        }
        return Study.Axis(parameter: id, numbers: grid)
      case .values(let listed):
        return Study.Axis(parameter: id, values: listed.map { Self.asWritten($0, for: parameter) })
      }
    }
    let outputs = columns ?? model.outputNames
    let title = self.title ?? "\(model.name) study"
    let plot = try StudyParser(text: "", catalogue: Catalogue([model])).parseFigure(
      nil, title: title, sweeps: axes, outputs: outputs,
      byName: Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.id, $0) }),
      textOutputs: Set(model.outputs.filter { $0.kind == .text }.map(\.name)),
      units: Dictionary(model.outputs.map { ($0.name, $0.unit) }, uniquingKeysWith: { a, _ in a }))
    return Study(
      title: title, modelName: model.name, parameters: values, parameterOrder: model.parameters.map(\.id),
      fixedNames: fixedNames, sweeps: axes, outputs: outputs,
      outputIndices: outputs.map { model.outputNames.firstIndex(of: $0)! }, plot: plot)
  }

  /// `value` as the study file reads it back from ``tomlText`` for `parameter`: a real as a
  /// number (−0 written `0`), an integer as an integer.
  static func asWritten(_ value: ParameterValue, for parameter: Parameter) -> ParameterValue {
    switch (parameter.domain, value) {
    case (.real, .number(let x)): return .number(zeroSigned(x))
    case (.real, .integer(let i)): return .number(Double(i))
    case (.integer, .number(let x)): return .integer(exactly: x)
    case (.reals, .numbers(let xs)): return .numbers(xs.map(zeroSigned))
    default: return value
    }
  }

  /// `x`, with −0 as +0 (``tomlNumber(_:)`` writes both as `0`).
  static func zeroSigned(_ x: Double) -> Double { x == 0 ? 0 : x }
}
