import Foundation
import XCTest

/// Command injection through gnuplot, end to end (hostile-input issue, class 1): hostile study
/// titles and labels, CSV file names and column names reach a real gnuplot; the figure is
/// drawn (or the name refused in one line) and no command runs.
final class InjectionCLITests: XCTestCase {
  func gnuplotInstalled() -> Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/gnuplot")
    }
  }

  func testHostileStudyTitleAndLabelsDrawAndRunNothing() throws {
    guard gnuplotInstalled() else { throw XCTSkip("gnuplot not installed") }
    let dir = try CLI.temporaryDirectory()
    let marker = dir.appendingPathComponent("PWNED").path
    // TOML basic strings: \n is a newline, \u0060 a backquote.
    let study = """
      [study]
      model = "ring-currents"
      title = "T\\nsystem \\"touch \(marker)\\"\\n#"

      [parameters]
      cells = 4

      [[sweep]]
      parameter = "flux_phase_rad"
      range = [0.1, 0.5, 3]

      [output]
      columns = ["re_charge_A"]

      [figure]
      x_label = "x\\u0060touch \(marker)\\u0060 ' \\\\"
      y_label = "y\\r\\nsystem 'touch \(marker)'"
      """
    let file = dir.appendingPathComponent("hostile.toml").path
    try study.write(toFile: file, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out").path
    let r = try CLI.run(["run", file, "--out", out, "--quiet"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "a command ran through the figure script")
    XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/figure.png"), r.stderr)
  }

  func testHostileCSVFileAndColumnNamesThroughPlot() throws {
    guard gnuplotInstalled() else { throw XCTSkip("gnuplot not installed") }
    let dir = try CLI.temporaryDirectory()
    let marker = dir.appendingPathComponent("PWNED").path
    // The header holds a backquoted command and a quote; names start with '<' (a gnuplot pipe).
    let csv = "x,\"y`touch \(marker)`'\"\n0,1\n1,2\n2,5\n"
    for name in ["< touch PWNED #.csv", "-", "a'b`touch PWNED`.csv"] {
      let path = dir.appendingPathComponent(name).path
      try csv.write(toFile: path, atomically: true, encoding: .utf8)
      let r = try CLI.run(["plot", path, "--x", "x", "--y", "y`touch \(marker)`'"], timeout: 60)
      XCTAssertEqual(r.status, 0, "\(name.debugDescription): \(r.stderr)")
      XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "injection through \(name.debugDescription)")
      XCTAssertFalse(
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("PWNED").path),
        "injection through \(name.debugDescription)")
      let png = (name.hasSuffix(".csv") ? String(name.dropLast(4)) : name) + ".png"
      XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(png).path), png)
    }
    // An output name gnuplot cannot be given verbatim is refused in one line, exit 2: given
    // with --out, or derived from a data file name with a newline.
    let newline = dir.appendingPathComponent("c\nsystem 'touch PWNED'\n.csv").path
    try csv.write(toFile: newline, atomically: true, encoding: .utf8)
    try CLI.assertRefused(
      ["plot", newline, "--x", "x", "--y", "x"], mentions: ["data", "control characters", "--out"])
    let path = dir.appendingPathComponent("ok.csv").path
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    try CLI.assertRefused(
      ["plot", path, "--x", "x", "--y", "y`touch \(marker)`'", "--out", dir.path + "/f\nsystem 'touch PWNED'\n.png"],
      mentions: ["--out", "control characters"])
  }
}
