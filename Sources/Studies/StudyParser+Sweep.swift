import Diagnostics
import Foundation
import TOMLKit

/// The `[[sweep]]` tables of a study file and the checks on the grid they span (size before
/// anything is allocated, every point's parameters before anything is computed).
extension StudyParser {
  /// One `[[sweep]]` table: `parameter`, and `range = [START, STOP, COUNT]` (+ `scale`) or `values = [...]`.
  func parseSweep(
    _ table: TOMLTable, index k: Int, model: any Computation, byName: [String: Parameter], names: String,
    previous: [Study.Axis]
  ) throws -> Study.Axis {
    let prefix = "sweep[\(k + 1)]."
    try checkKeys(
      table, allowed: ["parameter", "range", "values", "scale"], section: "sweep", prefix: prefix, occurrence: k)
    guard let nameValue = table["parameter"], let name = nameValue.string, let parameter = byName[name],
      parameter.isSweepable
    else {
      throw fail(
        prefix + "parameter", table["parameter"].map(Self.render) ?? "(missing)",
        "a sweepable parameter of \(model.name): \(names)",
        section: "sweep", name: "parameter", occurrence: k)
    }
    if previous.contains(where: { $0.parameter == name }) {
      throw fail(
        prefix + "parameter", "\"\(name)\"", "a parameter not swept already", section: "sweep", name: "parameter",
        occurrence: k)
    }
    var values: [Double] = []
    var texts: [String]? = nil
    switch (table["range"], table["values"]) {
    case (let r?, nil):
      let scale = table["scale"]?.string ?? "linear"
      guard ["linear", "log"].contains(scale), table["scale"] == nil || table["scale"]!.string != nil else {
        throw fail(
          prefix + "scale", Self.render(table["scale"]!), "\"linear\" or \"log\"", section: "sweep", name: "scale",
          occurrence: k)
      }
      let allowed =
        "[START, STOP, COUNT] with finite START, STOP and an integer COUNT from 1 to \(Self.maximumSweepCount)"
        + (scale == "log" ? ", START and STOP > 0" : "")
      guard let a = r.array, a.count == 3, let start = Self.number(a[0]), let stop = Self.number(a[1]),
        let count = a[2].int,
        start.isFinite, stop.isFinite, (1...Self.maximumSweepCount).contains(count),
        scale == "linear" || (start > 0 && stop > 0)
      else { throw fail(prefix + "range", Self.render(r), allowed, section: "sweep", name: "range", occurrence: k) }
      values = SweepRange.grid(start: start, stop: stop, count: count, log: scale == "log")
    case (nil, let v?):
      if table["scale"] != nil {
        throw fail(
          prefix + "scale", Self.render(table["scale"]!), "scale only with range", section: "sweep", name: "scale",
          occurrence: k)
      }
      let numbers = v.array?.compactMap { Self.number($0) } ?? []
      let strings = v.array?.compactMap { $0.string } ?? []
      if case .choice = parameter.domain, let a = v.array, !a.isEmpty, strings.count == a.count,
        a.count <= Self.maximumSweepCount
      {
        texts = strings
        break
      }
      guard let a = v.array, !a.isEmpty, numbers.count == a.count, a.count <= Self.maximumSweepCount else {
        throw fail(
          prefix + "values", Self.render(v), "a non-empty list of at most \(Self.maximumSweepCount) numbers",
          section: "sweep", name: "values", occurrence: k)
      }
      values = numbers
    default:
      throw fail(
        prefix + "range", table["range"].map(Self.render) ?? "(missing)",
        "exactly one of range = [START, STOP, COUNT] or values = [...]", section: "sweep", name: "range", occurrence: k)
    }
    let key = table["range"] != nil ? "range" : "values"
    let cells: [ParameterValue]
    if let texts {
      cells = texts.map(ParameterValue.text)
    } else if case .integer = parameter.domain {
      // Listed integers exactly (TOML integers are 64-bit); range points through Double.
      cells =
        key == "values"
        ? (table["values"]?.array ?? []).compactMap(Self.integer) : values.map(ParameterValue.integer(exactly:))
    } else {
      cells = values.map(ParameterValue.number)
    }
    if let bad = cells.first(where: { (try? parameter.validate($0)) == nil }) {
      throw fail(
        prefix + key, Self.render(table[key]!), "values of \(name) that are \(parameter.allowed) (\(bad) is not)",
        section: "sweep", name: key, occurrence: k)
    }
    return Study.Axis(parameter: name, values: cells)
  }

  /// The grid (product of the sweeps' counts) must fit in memory: every point holds its
  /// parameter set, its output rows, its CSV text and its checkpoint line until the run ends.
  func checkGridSize(_ sweeps: [Study.Axis], model: any Computation) throws {
    let points = sweeps.reduce(1.0) { $0 * Double($1.values.count) }
    do {
      try MemoryBudget.require(
        Study.gridBytes(points: points, sweeps: sweeps.count, model: model), parameter: "sweep", value: "",
        what: "the grid of \(Self.formatCount(points)) points")
    } catch let error as InvalidParameter {
      let counts = sweeps.map { "\($0.values.count)" }.joined(separator: " × ")
      throw fail(
        "sweep", "\(counts) = \(Self.formatCount(points)) points", error.allowed, section: "sweep", name: "range",
        occurrence: sweeps.count - 1)
    }
  }

  /// The computation's cross-parameter checks on every point, before anything runs; an
  /// ``InvalidParameter`` becomes a ``StudyFileError`` on the parameter's key and line
  /// (`sweep[k].values` when that parameter is swept). Returns the lines `prepare` logged.
  func checkPoints(_ study: Study, model: any Computation) throws -> [String] {
    let lines = LogLines()
    do {
      try model.prepare(study.points, log: { lines.append($0) })
      return lines.all
    } catch let error as InvalidParameter {
      if let k = study.sweeps.firstIndex(where: { $0.parameter == error.name }) {
        let key =
          line(section: "sweep", key: "range", occurrence: k, fallbackToHeader: false) != nil ? "range" : "values"
        throw fail(
          "sweep[\(k + 1)].\(key)", "\(error.name) = \(error.value)", error.allowed, section: "sweep", name: key,
          occurrence: k)
      }
      let known = model.parameters.contains { $0.id == error.name }
      throw fail(
        known ? "parameters.\(error.name)" : error.name, error.value, error.allowed,
        section: known ? "parameters" : nil,
        name: known ? error.name : nil)
    }
  }
}

/// Lines logged from any thread, kept in order.
private final class LogLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  func append(_ line: String) {
    lock.lock()
    lines.append(line)
    lock.unlock()
  }
  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return lines
  }
}
