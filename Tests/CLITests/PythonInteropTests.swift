import Foundation
import XCTest

/// The README's Python example and `examples/load_result.py`, run in a throw-away virtual
/// environment with NumPy and pandas on results the CLI makes: what they print must equal the
/// CLI's own numbers. Skipped (with the reason) only when python3, its venv module or pip is
/// unavailable; the venv is made once per test run (pip takes a minute or two).
final class PythonInteropTests: XCTestCase {
  private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The venv's python, or why there is none; made by the first test that asks.
  private final class VenvCache: @unchecked Sendable {
    let lock = NSLock()
    var result: Result<URL, XCTSkip>?
  }
  private static let cache = VenvCache()

  /// Removes the venv once every test of the class has run.
  override class func tearDown() {
    if case .success(let python)? = cache.result {
      try? FileManager.default.removeItem(at: python.deletingLastPathComponent().deletingLastPathComponent())
    }
    super.tearDown()
  }

  private final class ErrorData: @unchecked Sendable {
    var data = Data()
  }

  private struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// Runs `executable args…` (looked up on PATH when not a path), killed after `timeout` seconds.
  private static func run(_ executable: String, _ args: [String], timeout: Double = 120) throws -> Output {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [executable] + args
    p.standardInput = FileHandle.nullDevice
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let timer = DispatchWorkItem { if p.isRunning { p.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
    let errData = ErrorData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    timer.cancel()
    return Output(
      status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.data, as: UTF8.self))
  }

  /// The python of a venv with numpy and pandas (made once), or XCTSkip saying what is missing.
  private func python() throws -> String {
    let cache = Self.cache
    cache.lock.lock()
    defer { cache.lock.unlock() }
    if cache.result == nil {
      cache.result = Result { try Self.makeVenv() }.mapError { $0 as? XCTSkip ?? XCTSkip("\($0)") }
    }
    return try cache.result!.get().path
  }

  private static func makeVenv() throws -> URL {
    let lastLine = { (o: Output) in (o.stderr + o.stdout).split(separator: "\n").last.map(String.init) ?? "" }
    guard let version = try? run("python3", ["--version"]), version.status == 0 else {
      throw XCTSkip("python3 is not on PATH")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spintransport-venv-\(UUID().uuidString)")
    let venv = try run("python3", ["-m", "venv", dir.path])
    guard venv.status == 0 else { throw XCTSkip("python3 -m venv is unavailable: \(lastLine(venv))") }
    let python = dir.appendingPathComponent("bin/python")
    let started = Date()
    let pip = try run(python.path, ["-m", "pip", "install", "-q", "numpy", "pandas"], timeout: 900)
    guard pip.status == 0 else { throw XCTSkip("pip install numpy pandas failed: \(lastLine(pip))") }
    print("PythonInteropTests: venv with numpy and pandas in \(dir.path), \(Int(Date().timeIntervalSince(started))) s")
    return python
  }

  /// `key=value` pairs of a script line such as `first: a=1.0 b=2.0`.
  private func fields(_ output: String, line prefix: String) -> [String: String] {
    guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return [:] }
    var result: [String: String] = [:]
    for pair in line.dropFirst(prefix.count).split(separator: " ") {
      let kv = pair.split(separator: "=", maxSplits: 1)
      if kv.count == 2 { result[String(kv[0])] = String(kv[1]) }
    }
    return result
  }

  /// Asserts that two number texts are the same double (nan equals nan).
  private func assertSameNumber(_ a: String?, _ b: String?, _ what: String, line: UInt = #line) {
    guard let a, let b, let x = Double(a), let y = Double(b) else {
      return XCTFail("\(what): not numbers: \(a ?? "nil"), \(b ?? "nil")", line: line)
    }
    XCTAssertTrue(x == y || (x.isNaN && y.isNaN), "\(what): python \(a) ≠ CLI \(b)", line: line)
  }

  /// The cells of a JSON table file's `rows` exactly as written (``CLI/jsonRowTexts(_:)``).
  private func rowTexts(_ path: String) throws -> [[String]] {
    CLI.jsonRowTexts(try String(contentsOfFile: path, encoding: .utf8))
  }

  private struct Fixtures {
    let study: String, json: String, csv: String
  }

  /// A study directory (`run examples/ring-currents-vs-flux.toml`), a JSON table with a warning
  /// and NaN row (the critical ring at φ = 0 with μ at its exceptional point E = −h = −0.3 eV),
  /// and a CSV table (`relaxation rates`).
  private func makeFixtures() throws -> Fixtures {
    let dir = try CLI.temporaryDirectory()
    let f = Fixtures(
      study: dir.appendingPathComponent("study").path, json: dir.appendingPathComponent("table.json").path,
      csv: dir.appendingPathComponent("rates.csv").path)
    let toml = Self.root.appendingPathComponent("examples/ring-currents-vs-flux.toml").path
    let study = try CLI.run(["run", toml, "--out", f.study, "--quiet"], timeout: 300)
    XCTAssertEqual(study.status, 0, study.stderr)
    let json = try CLI.run([
      "ring", "sweep", "--cells", "10", "--gamma", "1", "--exchange", "0.3", "--theta", "0", "--azimuth", "30",
      "--mu", "-0.3", "--vary", "flux-phase=-0.1:0.1:3", "--format", "json", "-o", f.json,
    ])
    XCTAssertEqual(json.status, 0, json.stderr)
    XCTAssertTrue(json.stderr.contains("warning:"), json.stderr)
    let csv = try CLI.run(["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "0:5:11", "-o", f.csv])
    XCTAssertEqual(csv.status, 0, csv.stderr)
    return f
  }

  /// The README block between `<!-- NAME:begin -->` and `<!-- NAME:end -->`, written to `directory`.
  private func readmeBlock(_ name: String, into directory: String) throws -> String {
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    guard let begin = readme.range(of: "<!-- \(name):begin -->\n```python\n"),
      let end = readme.range(of: "```\n<!-- \(name):end -->", range: begin.upperBound..<readme.endIndex)
    else { throw XCTSkip("README has no \(name) block") }
    let script = directory + "/\(name).py"
    try String(readme[begin.upperBound..<end.lowerBound]).write(toFile: script, atomically: true, encoding: .utf8)
    return script
  }

  /// What both README examples must print for the fixtures: the largest Re I_s^z of each γ
  /// (against the CLI's data.csv), the units and (empty) warnings of meta.json, the JSON
  /// table's warning, and its NaN count.
  private func checkReadmeOutput(_ r: Output, _ f: Fixtures, line: UInt = #line) throws {
    XCTAssertEqual(r.status, 0, r.stderr, line: line)
    let data = CLI.csv(try String(contentsOfFile: f.study + "/data.csv", encoding: .utf8))
    let g = data.header.firstIndex(of: "gamma_eV")!, s = data.header.firstIndex(of: "re_spin_z_eV")!
    var peaks: [String: Double] = [:]
    for row in data.rows { peaks[row[g]] = max(peaks[row[g]] ?? -.infinity, Double(row[s])!) }
    XCTAssertEqual(peaks.count, 3, line: line)
    for (gamma, peak) in peaks {
      let shown = fields(r.stdout, line: "gamma_eV=\(Double(gamma)!) ")["re_spin_z_eV"]
      assertSameNumber(shown, "\(peak)", "max re_spin_z_eV at γ = \(gamma)", line: line)
    }
    // Units from meta.json and from the JSON table's metadata (the catalogue's units).
    XCTAssertTrue(r.stdout.contains("'re_spin_z_eV': 'eV'"), r.stdout, line: line)
    XCTAssertTrue(r.stdout.contains("'flux_phase_rad': 'rad'"), r.stdout, line: line)
    XCTAssertTrue(r.stdout.contains("warnings: []"), r.stdout, line: line)  // meta.json: none for this study

    let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.json))) as! [String: Any]
    let meta = obj["metadata"] as! [String: Any], warning = (meta["warnings"] as! [String])[0]
    XCTAssertTrue(r.stdout.contains(warning), "the JSON table's warning: \(r.stdout)", line: line)
    let nan = try rowTexts(f.json).joined().filter { $0 == "nan" }.count
    XCTAssertGreaterThan(nan, 0, line: line)
    XCTAssertTrue(r.stdout.contains("NaN cells: \(nan)\n"), "expected \(nan) NaN cells: \(r.stdout)", line: line)
  }

  func testReadmeExampleReadsStudyAndJSONTable() throws {
    let python = try python()
    let f = try makeFixtures()
    let script = try readmeBlock("python-example", into: (f.study as NSString).deletingLastPathComponent)
    try checkReadmeOutput(try Self.run(python, [script, f.study, f.json]), f)
  }

  /// The standard-library example needs no package: it runs with the system python3.
  func testReadmeStandardLibraryExampleReadsStudyAndJSONTable() throws {
    guard let version = try? Self.run("python3", ["--version"]), version.status == 0 else {
      throw XCTSkip("python3 is not on PATH")
    }
    let f = try makeFixtures()
    let script = try readmeBlock("python-stdlib-example", into: (f.study as NSString).deletingLastPathComponent)
    try checkReadmeOutput(try Self.run("python3", [script, f.study, f.json]), f)
  }

  func testLoadResultScriptMatchesTheCLI() throws {
    let python = try python()
    let f = try makeFixtures()
    let script = Self.root.appendingPathComponent("examples/load_result.py").path

    // Study directory and CSV table: rows, units, warnings, first and last rows as the CSV has them.
    for (source, csvPath, warnings) in [(f.study, f.study + "/data.csv", 0), (f.csv, f.csv, 0)] {
      let r = try Self.run(python, [script, source])
      XCTAssertEqual(r.status, 0, r.stderr)
      let table = CLI.csv(try String(contentsOfFile: csvPath, encoding: .utf8))
      XCTAssertTrue(r.stdout.contains("rows: \(table.rows.count)\n"), r.stdout)
      XCTAssertTrue(r.stdout.contains("warnings: \(warnings)\n"), r.stdout)
      for (label, row) in [("first: ", table.rows.first!), ("last: ", table.rows.last!)] {
        let shown = fields(r.stdout, line: label)
        XCTAssertEqual(shown.count, table.header.count, r.stdout)
        for (name, value) in zip(table.header, row) {
          assertSameNumber(shown[name], value, "\(source) \(label)\(name)")
        }
      }
    }
    let study = try Self.run(python, [script, f.study]).stdout
    for unit in ["column: gamma_eV [eV]", "column: flux_phase_rad [rad]", "column: re_charge_A [A]"] {
      XCTAssertTrue(study.contains(unit), study)
    }

    // JSON table: units from metadata, the warning, the NaN row, first and last rows.
    let r = try Self.run(python, [script, f.json])
    XCTAssertEqual(r.status, 0, r.stderr)
    let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.json))) as! [String: Any]
    let columns = obj["columns"] as! [String], rows = try rowTexts(f.json)
    XCTAssertEqual(rows.count, 3)
    // flux_phase_rad, then the eight currents; every unit in the column name.
    XCTAssertEqual(rows.map(\.count), [9, 9, 9])
    let meta = obj["metadata"] as! [String: Any]
    XCTAssertTrue(r.stdout.contains("warnings: 1\nwarning: \((meta["warnings"] as! [String])[0])\n"), r.stdout)
    XCTAssertTrue(r.stdout.contains("column: re_charge_A [A] float64"), r.stdout)
    XCTAssertTrue(r.stdout.contains("column: flux_phase_rad [rad] float64"), r.stdout)
    let nan = rows.joined().filter { $0 == "nan" }.count
    XCTAssertEqual(nan, 8)
    XCTAssertTrue(r.stdout.contains("nan cells: \(nan)\n"), r.stdout)
    for (label, row) in [("first: ", rows.first!), ("last: ", rows.last!)] {
      let shown = fields(r.stdout, line: label)
      for (name, cell) in zip(columns, row) { assertSameNumber(shown[name], cell, "JSON \(label)\(name)") }
    }
  }

  /// What the README says about pandas.read_json is what pandas does.
  func testPandasReadJSONCannotReadTheTableDirectly() throws {
    let python = try python()
    let f = try makeFixtures()
    let check = """
      import json, sys
      import pandas as pd
      path = sys.argv[1]
      try:
          pd.read_json(path, orient="split")
          sys.exit("read_json(orient='split') read the table: update the README")
      except ValueError as error:
          assert "rows" in str(error) and "metadata" in str(error), error
      obj = json.load(open(path))
      frame = pd.DataFrame(obj["rows"], columns=obj["columns"]).astype(float)
      print(frame.shape, int(frame.isna().sum().sum()))
      """
    let r = try Self.run(python, ["-c", check, f.json])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "(3, 9) 8\n")
  }
}
