import Diagnostics
import Foundation
import TOMLKit

extension Study {
  /// Parses and resolves a study file (schema: docs/studies.md) against the registered models.
  ///
  /// Every check happens here, before any computation: unknown tables and keys, the model name,
  /// parameter names, types, ranges and integrality, sweep shapes (1 or 2 sweeps, `range` or
  /// `values`), output and figure columns. Errors are ``StudyFileError`` with key, value,
  /// what is allowed and, where known, the line (`file` names the file in messages).
  public static func parse(
    toml text: String, file: String = "", catalogue: Catalogue, checkPoints: Bool = true
  ) throws -> Study {
    do {
      try refuseNUL(in: text)
      let parser = StudyParser(text: text, catalogue: catalogue, file: file)
      var study = try parser.parse()
      if checkPoints {
        study.preparationLog = try parser.checkPoints(study, model: catalogue.computation(for: study))
      }
      return study
    } catch var error as StudyFileError {
      error.file = file
      throw error
    }
  }

  /// Refuses a NUL anywhere in a study file, naming its line: a NUL byte (the TOML reader
  /// stops there, so the rest of the file would go unchecked) or a NUL written as the escape
  /// `\u0000` / `\U00000000` (the decoded string would be cut there: `"matrix-sign\u0000"`
  /// would read as `matrix-sign`). Escapes are refused wherever they appear, also in comments.
  static func refuseNUL(in text: String) throws {
    let escape = text.range(of: #"(?<!\\)(\\\\)*\\(u0000|U00000000)"#, options: .regularExpression)
    guard let nul = text.utf8.firstIndex(of: 0) ?? escape?.lowerBound else { return }
    let before = text.utf8[..<nul]
    let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    let start = before.lastIndex(of: UInt8(ascii: "\n")).map { text.utf8.index(after: $0) } ?? text.utf8.startIndex
    let end = text.utf8[nul...].firstIndex(of: UInt8(ascii: "\n")) ?? text.utf8.endIndex
    let shown = String(decoding: text.utf8[start..<end].prefix(80), as: UTF8.self)
    throw StudyFileError(
      key: "STUDY", value: InvalidParameter.visible(shown), allowed: "text without NUL characters", line: line)
  }

  /// `text` (a study file) with `parameters.model` replaced by `resolvedPath`, so that a copy of
  /// the file elsewhere (the `study.toml` kept in an output directory) names the same model
  /// file. Other lines are unchanged; text without such a key is returned as it is.
  public static func withModelPath(_ text: String, resolvedPath: String) -> String {
    var section = ""
    var lines = text.components(separatedBy: "\n")
    for (i, line) in lines.enumerated() {
      let t = line.trimmingCharacters(in: .whitespaces)
      if t.hasPrefix("[") {
        section = t.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        continue
      }
      let quotes = CharacterSet(charactersIn: "\"'")
      guard section == "parameters", let eq = t.firstIndex(of: "="),
        t[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: quotes) == "model"
      else { continue }
      lines[i] = "model = " + StudyRequest.tomlString(resolvedPath)
    }
    return lines.joined(separator: "\n")
  }

  /// Reads and parses the study file at `path` (at most 8 MiB, checked before reading).
  public static func load(path: String, catalogue: Catalogue) throws -> Study {
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
      size.intValue > StudyParser.maximumFileBytes
    {
      throw StudyFileError(
        key: "STUDY", value: "\(path) (\(size.intValue) bytes)",
        allowed: "a study file of at most \(StudyParser.maximumFileBytes) bytes", file: path)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StudyFileError(key: "STUDY", value: path, allowed: "a readable TOML study file", file: path)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw StudyFileError(key: "STUDY", value: path, allowed: "a UTF-8 text file", file: path)
    }
    return try parse(toml: text, file: path, catalogue: catalogue)
  }
}

/// The study-file parser (one instance per file).
struct StudyParser {
  let text: String
  let catalogue: Catalogue
  let lines: [Substring]
  /// The study file (model-file paths are relative to its directory; "" or a name without a
  /// directory: the working directory).
  let file: String

  init(text: String, catalogue: Catalogue, file: String = "") {
    self.text = text
    self.catalogue = catalogue
    self.file = file
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  func fail(
    _ key: String, _ value: String, _ allowed: String, section: String?, name: String? = nil, occurrence: Int = 0
  ) -> StudyFileError {
    StudyFileError(
      key: key, value: value, allowed: allowed, line: line(section: section, key: name, occurrence: occurrence))
  }

  /// 1-based line of `key =` inside `[section]` (the `occurrence`-th `[[section]]`), else of the
  /// section header; nil when not found. (TOMLKit gives positions only for syntax errors.)
  func line(section: String?, key: String?, occurrence: Int = 0, fallbackToHeader: Bool = true) -> Int? {
    var current: String? = nil
    var seen: [String: Int] = [:]
    var headerLine: Int?
    for (i, raw) in lines.enumerated() {
      let t = raw.trimmingCharacters(in: .whitespaces)
      if t.hasPrefix("[") {
        let name =
          t.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: "#").first
          .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")) } ?? ""
        let n = seen[name, default: -1] + 1
        seen[name] = n
        current = n == occurrence ? name : name + "#other"
        if current == section, headerLine == nil { headerLine = i + 1 }
        continue
      }
      guard current == section, let key else { continue }
      if let eq = t.firstIndex(of: "="),
        t[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) == key
      {
        return i + 1
      }
    }
    return fallbackToHeader ? headerLine : nil
  }

  /// TOML value rendered as the user wrote it (roughly), cut to ``renderedLength`` characters
  /// so that an error about a huge value stays one readable line.
  static func render(_ v: TOMLValueConvertible) -> String {
    if let a = v.array {
      var out = "["
      for (k, element) in a.enumerated() {
        if k > 0 { out += ", " }
        out += render(element)
        if out.count > renderedLength, k + 1 < a.count { return out + ", … (\(a.count) values)]" }
      }
      return out + "]"
    }
    let full = renderFull(v)
    guard full.count > renderedLength else { return full }
    return String(full.prefix(renderedLength)) + "… (\(full.count) characters)"
  }

  /// Longest rendering of a value in an error message.
  static let renderedLength = 160
  /// Longest title, description or label (characters).
  static let maximumTextLength = 300
  /// Most values in one sweep (`range` count or `values` list).
  static let maximumSweepCount = 100_000
  /// Largest study file (bytes): a 100 000-value sweep written out takes about 2.5 MB.
  static let maximumFileBytes = 8 * 1024 * 1024

  /// A text key (title, description, label): a string of at most ``maximumTextLength`` characters.
  func text(_ v: TOMLValueConvertible?, key: String, section: String?, name: String) throws -> String? {
    guard let v else { return nil }
    guard let s = v.string, s.count <= Self.maximumTextLength else {
      throw fail(
        key, Self.render(v), "a string of at most \(Self.maximumTextLength) characters", section: section, name: name)
    }
    return s
  }

  static func renderFull(_ v: TOMLValueConvertible) -> String {
    if let s = v.string { return "\"\(s)\"" }
    if let i = v.int { return "\(i)" }
    if let d = v.double { return "\(d)" }
    if let b = v.bool { return "\(b)" }
    if let a = v.array { return "[" + a.map { renderFull($0) }.joined(separator: ", ") + "]" }
    if let t = v.table { return "{" + t.keys.joined(separator: ", ") + "}" }
    return v.debugDescription
  }

  static func number(_ v: TOMLValueConvertible) -> Double? { v.double ?? v.int.map(Double.init) }

  /// A TOML value for an integer parameter: a TOML integer exactly, a float through
  /// ``/Diagnostics/ParameterValue/integer(exactly:)``.
  static func integer(_ v: TOMLValueConvertible) -> ParameterValue? {
    v.int.map { .integer(Int($0)) } ?? v.double.map(ParameterValue.integer(exactly:))
  }

  /// A TOML value as a value of `parameter` (numbers, strings for choices and texts, arrays for lists).
  static func value(_ v: TOMLValueConvertible, for parameter: Parameter) -> ParameterValue? {
    switch parameter.domain {
    case .real: return number(v).map(ParameterValue.number)
    case .integer: return integer(v)
    case .choice, .text: return v.string.map(ParameterValue.text)
    case .reals:
      guard let a = v.array else { return nil }
      let xs = a.compactMap { number($0) }
      return xs.count == a.count ? .numbers(xs) : nil
    }
  }

  /// Keys of `table` must be within `allowed`.
  func checkKeys(_ table: TOMLTable, allowed: [String], section: String?, prefix: String, occurrence: Int = 0) throws {
    for key in table.keys where !allowed.contains(key) {
      throw fail(
        prefix + key, Self.render(table[key]!), "keys " + allowed.joined(separator: ", "),
        section: section, name: key, occurrence: occurrence)
    }
  }

  func parse() throws -> Study {
    let root: TOMLTable
    do {
      root = try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw StudyFileError(
        key: "TOML syntax", value: e.description, allowed: "valid TOML (toml.io)", line: e.source.begin.line)
    }
    try checkKeys(
      root, allowed: ["study", "parameters", "sweep", "output", "figure", "aggregate"], section: nil, prefix: "")

    // [study]
    guard let studyTable = root["study"]?.table else {
      throw fail(
        "study", root["study"].map(Self.render) ?? "(missing)", "a [study] table with model = \"NAME\"", section: nil)
    }
    try checkKeys(studyTable, allowed: ["model", "title", "description"], section: "study", prefix: "study.")
    let modelNames = catalogue.names
    guard let modelValue = studyTable["model"], let modelName = modelValue.string else {
      throw fail(
        "study.model", studyTable["model"].map(Self.render) ?? "(missing)", "a model name: \(modelNames)",
        section: "study", name: "model")
    }
    guard var model = catalogue.computation(named: modelName) else {
      throw fail("study.model", "\"\(modelName)\"", "one of \(modelNames)", section: "study", name: "model")
    }
    // parameters.model names a model file: its [params] join the parameters (before sweeps
    // and [parameters] are read against them). Its errors are the file's, located there.
    let modelFile = try modelFilePath(root, model: model)
    if let modelFile { model = try model.specialized(modelFile: URL(fileURLWithPath: modelFile)) }
    let title =
      try text(studyTable["title"], key: "study.title", section: "study", name: "title") ?? "\(modelName) study"
    _ = try text(studyTable["description"], key: "study.description", section: "study", name: "description")
    let byName = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.id, $0) })
    let parameterNames = model.parameters.map(\.id).joined(separator: ", ")
    var values = ParameterValues(defaultsOf: model.parameters)

    // [[sweep]]
    var sweeps: [Study.Axis] = []
    let sweepArray = root["sweep"]?.array ?? []
    guard root["sweep"] == nil || root["sweep"]!.array != nil, sweepArray.count <= (root["aggregate"] == nil ? 2 : 3),
      sweepArray.allSatisfy({ $0.table != nil })
    else {
      throw fail(
        "sweep", root["sweep"].map(Self.render) ?? "(missing)",
        "at most two [[sweep]] tables (three with [aggregate]), each with parameter and range or values (none: one point)",
        section: "sweep")
    }
    for (k, entry) in sweepArray.enumerated() {
      sweeps.append(
        try parseSweep(entry.table!, index: k, model: model, byName: byName, names: parameterNames, previous: sweeps))
    }

    try checkGridSize(sweeps, model: model)

    // [parameters]
    var fixedNames: [String] = []
    if let p = root["parameters"] {
      guard let table = p.table else {
        throw fail("parameters", Self.render(p), "a table of NAME = number", section: nil)
      }
      for key in table.keys {
        let raw = table[key]!
        guard let parameter = byName[key] else {
          throw fail(
            "parameters.\(key)", Self.render(raw), "parameters of \(modelName): \(parameterNames)",
            section: "parameters", name: key)
        }
        if sweeps.contains(where: { $0.parameter == key }) {
          throw fail(
            "parameters.\(key)", Self.render(raw), "a parameter that is not also swept", section: "parameters",
            name: key)
        }
        guard let x = Self.value(raw, for: parameter), (try? parameter.validate(x)) != nil else {
          throw fail("parameters.\(key)", Self.render(raw), parameter.allowed, section: "parameters", name: key)
        }
        values[key] = x
        fixedNames.append(key)
      }
    }
    if let modelFile { values["model"] = .text(modelFile) }

    for p in model.parameters
    where p.requirement == .required && values[p.id] == nil && !sweeps.contains(where: { $0.parameter == p.id }) {
      throw fail("parameters.\(p.id)", "(missing)", "a value is required: \(p.allowed)", section: "parameters")
    }

    // [output]
    let outputNames = model.outputNames
    var outputs = outputNames
    if let o = root["output"] {
      guard let table = o.table else {
        throw fail("output", Self.render(o), "a table with columns = [...]", section: nil)
      }
      try checkKeys(table, allowed: ["columns"], section: "output", prefix: "output.")
      if let c = table["columns"] {
        let names = c.array?.compactMap { $0.string } ?? []
        guard let array = c.array, names.count == array.count, !names.isEmpty,
          let bad = Optional(names.filter { !outputNames.contains($0) }), bad.isEmpty, Set(names).count == names.count
        else {
          throw fail(
            "output.columns", Self.render(c),
            "a non-empty list of distinct names from \(outputNames.joined(separator: ", "))",
            section: "output", name: "columns")
        }
        outputs = names
      }
    }
    let outputIndices = outputs.map { outputNames.firstIndex(of: $0)! }
    // With [aggregate] the figure is drawn from aggregate.csv (its sweeps and columns).
    let aggregate = try parseAggregate(root["aggregate"], sweeps: sweeps)
    let plot = try parseFigure(
      root["figure"], title: title, sweeps: sweeps.filter { $0.parameter != aggregate?.over },
      outputs: aggregate.map { Array($0.columns(sweeps: [], outputs: outputs)) } ?? outputs, byName: byName,
      textOutputs: Set(model.outputs.filter { $0.kind == .text }.map(\.name)),
      units: Dictionary(model.outputs.map { ($0.name, $0.unit) }, uniquingKeysWith: { a, _ in a }))
    var study = Study(
      title: title, modelName: modelName, parameters: values, parameterOrder: model.parameters.map(\.id),
      fixedNames: fixedNames, sweeps: sweeps, outputs: outputs, outputIndices: outputIndices, plot: plot)
    study.aggregate = aggregate
    return study
  }

  /// The model file named by `parameters.model` when the computation takes one, resolved
  /// against the study file's directory; nil when none is named.
  func modelFilePath(_ root: TOMLTable, model: any Computation) throws -> String? {
    guard model.parameter(named: "model")?.domain == .text, let raw = root["parameters"]?.table?["model"] else {
      return nil
    }
    guard let path = raw.string, !path.isEmpty, path.count <= 4096, !path.contains("\0") else {
      throw fail(
        "parameters.model", Self.render(raw), "the path of a model file (TOML), relative to the study file",
        section: "parameters", name: "model")
    }
    if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
    let directory = URL(fileURLWithPath: file.isEmpty ? "." : file).deletingLastPathComponent()
    return URL(fileURLWithPath: path, relativeTo: directory).standardizedFileURL.path
  }

  /// A point count as an integer when small, else in scientific notation.
  static func formatCount(_ x: Double) -> String { x < 1e9 ? "\(Int(x))" : String(format: "%.3g", x) }
}

extension Study {
  /// A point or row count as an integer when small, `1e+10` style beyond.
  public static func formatCount(_ x: Double) -> String { StudyParser.formatCount(x) }

  /// Bytes a grid of `points` holds until the run ends (one output row per point assumed):
  /// per point a parameter set (~64 B a parameter + 128 B), each output as a cell, a CSV row
  /// (~25 B a column) and a checkpoint line (~30 B an output).
  public static func gridBytes(points: Double, sweeps: Int, model: any Computation) -> Double {
    let columns = Double(sweeps + model.outputs.count)
    let perPoint =
      64 * Double(model.parameters.count) + 128 + 8 * Double(model.outputs.count) + 25 * columns
      + 30 * Double(model.outputs.count)
    return points * perPoint
  }
}
