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
  /// (every case is bounded: a hang is reported as `timedOut`, not a stuck test run).
  static func run(
    _ args: [String], timeout: Double = 120, environment: [String: String] = [:], stdin: Data? = nil,
    directory: URL? = nil
  ) throws -> CLIRun {
    let p = Process()
    p.executableURL = binary
    if let directory { p.currentDirectoryURL = directory }
    p.arguments = args
    if !environment.isEmpty {
      p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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

  /// Asserts that CSV text `got` has `want`'s header and shape, equal text cells, and numbers
  /// within `tolerance` × the largest magnitude of their column in `want`: a table computed
  /// on another CPU or BLAS kernel differs from a captured one by rounding, never by more.
  static func assertCSVClose(
    _ got: String, _ want: String, tolerance: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line
  ) {
    let g = csv(got), w = csv(want)
    XCTAssertEqual(g.header, w.header, file: file, line: line)
    XCTAssertEqual(g.rows.map(\.count), w.rows.map(\.count), "table shape", file: file, line: line)
    let scale = w.header.indices.map { j in w.rows.compactMap { Double($0[j]).map(abs) }.max() ?? 0 }
    for (a, b) in zip(g.rows, w.rows) {
      for (j, (x, y)) in zip(a, b).enumerated() {
        guard let u = Double(x), let v = Double(y) else {
          XCTAssertEqual(x, y, file: file, line: line)
          continue
        }
        XCTAssertEqual(u, v, accuracy: tolerance * scale[j], "column \(w.header[j])", file: file, line: line)
      }
    }
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("spintransport-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
