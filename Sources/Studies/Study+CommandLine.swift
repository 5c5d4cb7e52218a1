import Diagnostics
import Foundation

/// A command line turned into a study: fixed parameter values, up to two sweeps and the chosen
/// columns of one ``Computation`` — and the TOML text of the same study.
///
/// Every `--vary` goes through here: the CLI renders the request as study-file text
/// (``tomlText``) and parses that text with ``Study/parse(toml:file:catalogue:checkPoints:)``, so `--vary`
/// on the command line and `spintransport run` on the file written by `--save-study` build the
/// same ``Study`` and write the same bytes. Values are validated first (``/Diagnostics/InvalidParameter``
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
  public static func parseSweep(_ text: String, for computation: any Computation, option: String = "vary") throws -> (
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
  public static func parseSweepValues(_ spec: String, of parameter: Parameter, option: String, shown: String) throws
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
          allowed: "START:STOP:COUNT\(log ? ":log" : "") with finite START, STOP\(log ? " > 0" : "") and COUNT from 1 to \(StudyParser.maximumSweepCount)"
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
  public static func tomlString(_ text: String) -> String {
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
  public static func tomlNumber(_ x: Double) -> String {
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

  /// The study (parsed from ``tomlText``, the same path as `spintransport run`).
  public func study() throws -> Study {
    // Point checks run in the study runner, so their errors name the command line's flags.
    try Study.parse(toml: tomlText, file: "(command line)", catalogue: Catalogue([computation]), checkPoints: false)
  }
}
