import Foundation
import XCTest

extension CLI {
  /// The catalogue's one-sweep-path promise for one command line: `ARGS -o FILE` and `run` on the
  /// study file written by `ARGS --save-study` give byte-identical tables (both exit 0, the
  /// table holds at least `minimumBytes`).
  static func assertVaryEqualsRun(
    _ args: [String], minimumBytes: Int = 1, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("cli.csv").path
    let study = dir.appendingPathComponent("study.toml").path
    let out = dir.appendingPathComponent("out").path
    let shown = args.joined(separator: " ")
    let direct = try run(args + ["-o", csv, "--quiet"])
    XCTAssertEqual(direct.status, 0, "\(shown): \(direct.stderr)", file: file, line: line)
    let save = try run(args + ["--save-study", study])
    XCTAssertEqual(save.status, 0, "\(shown) --save-study: \(save.stderr)", file: file, line: line)
    let runOut = try run(["run", study, "--out", out, "--quiet"])
    XCTAssertEqual(runOut.status, 0, "run of \(shown): \(runOut.stderr)", file: file, line: line)
    let a = try XCTUnwrap(FileManager.default.contents(atPath: csv), shown, file: file, line: line)
    let b = try XCTUnwrap(FileManager.default.contents(atPath: out + "/data.csv"), shown, file: file, line: line)
    XCTAssertGreaterThanOrEqual(a.count, minimumBytes, shown, file: file, line: line)
    XCTAssertEqual(a, b, "\(shown): CLI and run differ", file: file, line: line)
  }
}
