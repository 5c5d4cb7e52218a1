import Foundation
import XCTest

/// Runs the built `spintransport` binary and captures its output (end-to-end CLI tests).
struct CLIRun {
  let status: Int32
  let stdout: String
  let stderr: String
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

  /// Runs `spintransport args…` and waits for it.
  static func run(_ args: [String]) throws -> CLIRun {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
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
    return CLIRun(
      status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
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

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("spintransport-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
