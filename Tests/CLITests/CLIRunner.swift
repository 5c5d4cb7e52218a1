import Foundation
import XCTest

/// Runs the built `spintransport` binary and captures its output (end-to-end CLI tests).
struct CLIRun {
  let status: Int32
  let stdout: String
  let stderr: String
  /// True when the process was killed after the time limit (a hang).
  var timedOut = false
  /// True when the process ended by a signal (a crash: SIGSEGV, SIGABRT, SIGILL …).
  var crashed = false
}

/// Holds the stderr bytes read on another thread (written once, read after `group.wait()`).
private final class DataBox: @unchecked Sendable {
  var data = Data()
}

enum CLI {
  /// The debug (or release) binary SwiftPM built next to the test bundle.
  static var binary: URL {
    // The test bundle lives in .build/<triple>/debug/; the executable is its sibling.
    var dir = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("spintransport")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/spintransport")
  }

  /// Runs `spintransport args…` and waits for it, killing it after `timeout` seconds
  /// (every case is bounded: a hang is reported as `timedOut`, not a stuck test run). `environment`
  /// adds to this process's variables; `unsetting` removes some.
  static func run(
    _ args: [String], timeout: Double = 120, environment: [String: String] = [:], unsetting: [String] = [],
    stdin: Data? = nil, directory: URL? = nil
  ) throws -> CLIRun {
    let p = Process()
    p.executableURL = binary
    if let directory { p.currentDirectoryURL = directory }
    p.arguments = args
    if !environment.isEmpty || !unsetting.isEmpty {
      var merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      for name in unsetting { merged[name] = nil }
      p.environment = merged
    }
    if let stdin {
      let input = Pipe()
      p.standardInput = input
      try input.fileHandleForWriting.write(contentsOf: stdin)
      try input.fileHandleForWriting.close()
    } else {
      p.standardInput = FileHandle.nullDevice
    }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let killed = DataBox()
    let timer = DispatchWorkItem {
      if p.isRunning {
        killed.data = Data([1])
        kill(p.processIdentifier, SIGKILL)
      }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
    // Read both pipes concurrently so a large output cannot deadlock.
    let errBox = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errBox.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    p.waitUntilExit()
    timer.cancel()
    return CLIRun(
      status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), timedOut: !killed.data.isEmpty,
      crashed: p.terminationReason == .uncaughtSignal)
  }

  /// Asserts the contract for bad input (README): no crash, no hang, exit `status`, exactly one
  /// stderr line that names every string in `mentions` (the parameter, its value, what is
  /// allowed), nothing on stdout, and every path in `untouched` unchanged (absent files stay
  /// absent; existing files keep their bytes).
  @discardableResult
  static func assertRefused(
    _ args: [String], mentions: [String], status: Int32 = 2, untouched: [String] = [], timeout: Double = 60,
    environment: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
  ) throws -> CLIRun {
    let before = untouched.map { FileManager.default.contents(atPath: $0) }
    let r = try run(args, timeout: timeout, environment: environment)
    let shown = args.joined(separator: " ")
    XCTAssertFalse(r.timedOut, "hang (> \(timeout) s): \(shown)", file: file, line: line)
    XCTAssertFalse(r.crashed, "crash (signal \(r.status)): \(shown)\n\(r.stderr)", file: file, line: line)
    XCTAssertEqual(r.status, status, "exit status for \(shown): stderr \(r.stderr)", file: file, line: line)
    let lines = r.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, "expected one error line for \(shown), got: \(r.stderr)", file: file, line: line)
    for m in mentions {
      XCTAssertTrue(r.stderr.contains(m), "error for \(shown) should name '\(m)': \(r.stderr)", file: file, line: line)
    }
    XCTAssertEqual(r.stdout, "", "no table on stdout after a refusal: \(shown)", file: file, line: line)
    for (path, old) in zip(untouched, before) {
      XCTAssertEqual(
        FileManager.default.contents(atPath: path), old, "\(path) changed by a refused run: \(shown)", file: file,
        line: line)
    }
    return r
  }

  /// Runs `spintransport args… -o FIFO` with a reader on a new named pipe and returns what the
  /// reader received; asserts exit 0 and that the FIFO is still a FIFO afterwards (written
  /// through, not replaced by a temporary file + rename).
  static func runIntoFIFO(
    _ args: [String], file: StaticString = #filePath, line: UInt = #line
  ) throws -> (run: CLIRun, received: String) {
    let fifo = try temporaryDirectory().appendingPathComponent("pipe").path
    XCTAssertEqual(mkfifo(fifo, 0o600), 0, file: file, line: line)
    let box = DataBox()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      box.data = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
      done.signal()
    }
    let r = try run(args + ["-o", fifo], timeout: 60)
    XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
    XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "the reader got no end of file", file: file, line: line)
    var info = stat()
    XCTAssertEqual(stat(fifo, &info), 0, file: file, line: line)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the FIFO was replaced by a regular file", file: file, line: line)
    return (r, String(decoding: box.data, as: UTF8.self))
  }

  /// Asserts a successful run whose table holds a non-finite value (nan, inf) only with a
  /// `warning:` line on stderr that says why (README: never a silent NaN).
  static func assertNoSilentNonFinite(
    _ r: CLIRun, _ args: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertFalse(r.timedOut || r.crashed, "hang or crash: \(args.joined(separator: " "))", file: file, line: line)
    let cells = r.stdout.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "[" || $0 == "]" || $0 == " " })
    let nonFinite = cells.contains { ["nan", "-nan", "inf", "-inf", "NaN"].contains(String($0)) }
    if nonFinite {
      XCTAssertTrue(
        r.stderr.contains("warning:"), "non-finite output without a warning: \(args.joined(separator: " "))",
        file: file, line: line)
    }
  }

  /// Asserts the honest failure of an error-controlled time integration that runs out of
  /// internal steps: `args -o FILE` (FILE in a fresh directory) exits 2 with one stderr line
  /// naming the time reached and the reason, and writes no file.
  static func assertStepLimitFailure(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("never.csv").path
    let r = try run(args + ["-o", out])
    XCTAssertEqual(r.status, 2, r.stderr, file: file, line: line)
    XCTAssertTrue(
      r.stderr.hasPrefix("spintransport: error: time integration failed at t = "), r.stderr, file: file, line: line)
    XCTAssertTrue(r.stderr.contains("too many internal steps"), r.stderr, file: file, line: line)
    XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr, file: file, line: line)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out), file: file, line: line)
  }

  /// Asserts that `args` is rejected as bad input: exit 2, one stderr line mentioning
  /// `parameter`, and — when `-o FILE` is among the args — no file written.
  static func assertBadInput(
    _ args: [String], mentions parameter: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let r = try run(args)
    XCTAssertEqual(r.status, 2, "exit status for \(args): stderr \(r.stderr)", file: file, line: line)
    let lines = r.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, "expected one error line, got: \(r.stderr)", file: file, line: line)
    XCTAssertTrue(r.stderr.contains(parameter), "error should name \(parameter): \(r.stderr)", file: file, line: line)
    if let i = args.firstIndex(of: "-o"), i + 1 < args.count {
      XCTAssertFalse(
        FileManager.default.fileExists(atPath: args[i + 1]), "partial output file left", file: file, line: line)
    }
  }

  /// Parses CSV text into (header, rows of fields). Plain splitting: fields here are unquoted.
  static func csv(_ text: String) -> (header: [String], rows: [[String]]) {
    let lines = text.split(separator: "\n").map(String.init)
    guard let first = lines.first else { return ([], []) }
    return (first.components(separatedBy: ","), lines.dropFirst().map { $0.components(separatedBy: ",") })
  }

  /// Asserts that a CSV table has `reference`'s header and shape and that every numeric cell is
  /// within `relative` × (the largest |value| of its column in `reference`) of the reference cell.
  ///
  /// For reference tables printed on one machine: another CPU or BLAS kernel rounds differently,
  /// so such a table is a set of numbers with a tolerance, never bytes. Scaling by the column's
  /// largest value keeps entries that are rounding noise around zero from demanding more digits
  /// than the column has.
  static func assertTableClose(
    _ text: String, to reference: String, relative: Double, file: StaticString = #filePath, line: UInt = #line
  ) {
    let got = csv(text), want = csv(reference)
    XCTAssertEqual(got.header, want.header, file: file, line: line)
    guard got.rows.count == want.rows.count, got.rows.allSatisfy({ $0.count == want.header.count }) else {
      return XCTFail("table shape \(got.rows.count) rows, expected \(want.rows.count)", file: file, line: line)
    }
    for c in want.header.indices {
      let scale = want.rows.compactMap { Double($0[c]).map(abs) }.max() ?? 0
      for (r, row) in want.rows.enumerated() {
        guard let a = Double(got.rows[r][c]), let b = Double(row[c]) else {
          XCTAssertEqual(got.rows[r][c], row[c], "row \(r) column \(want.header[c])", file: file, line: line)
          continue
        }
        XCTAssertEqual(
          a, b, accuracy: relative * scale, "row \(r) column \(want.header[c])", file: file, line: line)
      }
    }
  }

  /// The cells of a JSON table's `rows` exactly as written (numbers as text, `nan` unquoted).
  ///
  /// Read from the text, not through JSONSerialization: Foundation's number parsing on Linux is
  /// not correctly rounded, so two equal doubles could come back different.
  static func jsonRowTexts(_ json: String) -> [[String]] {
    guard let start = json.range(of: "\"rows\"") else { return [] }
    var rows: [[String]] = [], row: [String] = [], token = "", depth = 0
    for c in json[start.upperBound...] {
      switch c {
      case "[":
        depth += 1
      case "]", ",":
        if !token.isEmpty { row.append(token) }
        token = ""
        if c == "]" {
          depth -= 1
          if depth == 1 {
            rows.append(row)
            row = []
          }
          if depth == 0 { return rows }
        }
      case " ", "\n", "\"", ":":
        break
      default:
        if depth >= 2 { token.append(c) }
      }
    }
    return rows
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("spintransport-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
