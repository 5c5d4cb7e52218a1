import SpinTransport
import Foundation
import XCTest

@testable import Studies

/// Command injection through the generated gnuplot script (hostile-input issue, class 1).
///
/// Every text that reaches a script (titles, axis labels, panel titles, column names, group
/// values, the data file's name) is set to strings that would run `touch MARKER` if gnuplot
/// interpreted them: a newline followed by `system "touch …"`, a backquoted command (substituted
/// by gnuplot in double-quoted strings and bare words), a quote that closes the string, a
/// trailing backslash (line continuation), a macro `@…`, a Unicode line separator, a carriage
/// return. The figure must render with real gnuplot and the marker must not exist afterwards.
final class GnuplotInjectionTests: XCTestCase {
  var directory: String!
  var marker: String!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("inject-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    marker = directory + "/PWNED"
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

  /// Hostile strings, each of which runs `touch MARKER` if it escapes its quotes.
  var hostile: [String] {
    [
      "a\nsystem \"touch \(marker!)\"\n#",
      "b`touch \(marker!)`",
      "c'; system('touch \(marker!)'); x='",
      "d\\",
      "e\r\nsystem \"touch \(marker!)\"",
      "f\u{2028}system \"touch \(marker!)\"",
      "g @cmd \"`touch \(marker!)`\"",
      "h\u{0B}\u{0C}\u{1B}[31m",
    ]
  }

  func table(columns: [String]) -> ResultTable {
    var t = ResultTable(columns: columns)
    for x in 0..<5 {
      for g in hostile.prefix(2) { t.append([.number(Double(x)), .text(g), .number(Double(x * x)), .number(-1)]) }
    }
    return t
  }

  func testQuotedTextStaysOnOneLineAndInsideItsQuotes() {
    for text in hostile {
      let q = GnuplotScript.quoted(text)
      XCTAssertFalse(q.unicodeScalars.contains { $0.properties.generalCategory == .control }, q)
      XCTAssertFalse(q.contains("\u{2028}"), q)
      // Inside the outer quotes every ' is doubled: splitting on '' leaves no lone quote.
      XCTAssertFalse(q.dropFirst().dropLast().replacingOccurrences(of: "''", with: "").contains("'"), q)
    }
  }

  func testHostileLabelsTitlesColumnsAndGroupsRenderWithoutSideEffect() throws {
    guard let gnuplot = Gnuplot.executablePath() else { throw XCTSkip("gnuplot not installed") }
    for (k, text) in hostile.enumerated() {
      let columns = ["x " + text, "group " + text, "y " + text, "w " + text]
      let grouped = PlotSpec(
        title: text, x: columns[0], xLabel: text,
        panels: [.init(y: [columns[2], columns[3]], yLabel: text, title: text)],
        groupBy: columns[1], groupLabel: text)
      var ungrouped = grouped
      ungrouped.groupBy = nil
      ungrouped.panels.append(.init(y: [columns[3]], yLabel: text, title: text))
      var contour = ResultTable(columns: ["x", "y", "z " + text])
      for i in 0..<4 { for j in 0..<4 { contour.append([Double(i), Double(j), Double(i * j)]) } }
      let contourPlot = PlotSpec(
        title: text, kind: .contour(z: "z " + text, levels: 3), x: "x", xLabel: text,
        panels: [.init(y: ["y"], yLabel: text, title: text)])
      for (name, plot, data) in [
        ("grouped", grouped, table(columns: columns)), ("ungrouped", ungrouped, table(columns: columns)),
        ("contour", contourPlot, contour),
      ] {
        let out = directory + "/\(k)-\(name)"
        let outcome = try FigureRenderer.write(table: data, plot: plot, to: out, gnuplot: gnuplot)
        XCTAssertEqual(outcome, .rendered, "\(name) with \(text.debugDescription)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "injection ran: \(text.debugDescription)")
        let png = try Data(contentsOf: URL(fileURLWithPath: out + "/figure.png"))
        XCTAssertGreaterThan(png.count, 1000)
      }
    }
  }

  func testScriptNamesNoDataFileSoPathsCannotBeInterpreted() throws {
    let columns = ["x", "g", "y", "w"]
    let plot = PlotSpec(title: "t", x: "x", xLabel: "x", panels: [.init(y: ["y"], yLabel: "y")])
    // '< cmd' is a pipe for gnuplot's plot command; '-' is stdin; '$x' a datablock.
    for path in ["< touch \(marker!) #.csv", "-", "$curve_3", "a\nsystem 'touch \(marker!)'\n.csv"] {
      let script = try GnuplotScript.make(plot: plot, table: table(columns: columns), dataFile: path)
      XCTAssertFalse(script.contains("plot '"), "the plot command reads a file: \(script)")
      for line in script.split(separator: "\n") where line.contains("touch") {
        XCTAssertTrue(line.hasPrefix("#"), "path outside a comment: \(line)")
      }
    }
  }

  func testOutputNameWithControlCharactersIsRefused() {
    let plot = PlotSpec(title: "t", x: "x", xLabel: "x", panels: [.init(y: ["y"], yLabel: "y")])
    XCTAssertThrowsError(
      try GnuplotScript.make(plot: plot, table: table(columns: ["x", "g", "y", "w"]), outputBase: "f\nsystem 'ls'")
    ) { error in
      XCTAssertTrue(error is GnuplotScript.UnsafeName, "\(error)")
    }
  }
}
