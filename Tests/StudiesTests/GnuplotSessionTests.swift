import Foundation
import XCTest

@testable import Studies

/// Long-lived gnuplot sessions (`reproduce` draws every figure through them): the same pictures
/// as a one-shot gnuplot, the same outcome and message when a script fails, no state carried
/// from one script to the next; and `SharedResults`, which lets figures share computations.
final class GnuplotSessionTests: XCTestCase {
  var directory: String!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

  func table(_ offset: Double) -> ResultTable {
    var t = ResultTable(columns: ["x_m", "band", "e_eV"])
    for x in 0..<5 {
      for band in ["up", "down"] {
        t.append([.number(Double(x)), .text(band), .number(Double(x * x) + (band == "up" ? offset : -offset))])
      }
    }
    return t
  }

  let plot = PlotSpec(
    title: "Bands", x: "x_m", xLabel: "x (m)", panels: [.init(y: ["e_eV"], yLabel: "e (eV)")], groupBy: "band",
    groupLabel: "band")

  func testSessionPicturesAreByteIdenticalToOneShotOnes() throws {
    guard let gnuplot = Gnuplot.executablePath() else { throw XCTSkip("gnuplot not installed") }
    let sessions = GnuplotSessions(executable: gnuplot)
    defer { sessions.close() }
    // Several figures through the same session: a later one must not inherit an earlier one's state.
    var logPlot = plot
    logPlot.logY = true
    for (k, (spec, offset)) in [(logPlot, 1.0), (plot, 2.0), (logPlot, 3.0)].enumerated() {
      let one = directory + "/one-\(k)", shared = directory + "/shared-\(k)"
      XCTAssertEqual(try FigureRenderer.write(table: table(offset), plot: spec, to: one, gnuplot: gnuplot), .rendered)
      XCTAssertEqual(
        try FigureRenderer.write(table: table(offset), plot: spec, to: shared, gnuplot: gnuplot, sessions: sessions),
        .rendered)
      for name in ["figure.png", "figure.svg", "figure.gp", "data.csv"] {
        XCTAssertEqual(
          try Data(contentsOf: URL(fileURLWithPath: one + "/" + name)),
          try Data(contentsOf: URL(fileURLWithPath: shared + "/" + name)), "\(name) of figure \(k)")
      }
      let names = try FileManager.default.contentsOfDirectory(atPath: shared)
      XCTAssertTrue(names.allSatisfy { !$0.hasPrefix(".") }, "temporary files removed: \(names)")
    }
  }

  func testFailingScriptGivesTheOneShotOutcomeAndTheSessionGoesOn() throws {
    guard let gnuplot = Gnuplot.executablePath() else { throw XCTSkip("gnuplot not installed") }
    let sessions = GnuplotSessions(executable: gnuplot)
    defer { sessions.close() }
    let broken = "set terminal pngcairo\nset output outbase.'.png'\nplot sin(x) with nonsense\n"
    let alone = try FigureRenderer.draw(script: broken, in: directory, outputBase: "a", gnuplot: gnuplot)
    let inSession = try FigureRenderer.draw(
      script: broken, in: directory, outputBase: "b", gnuplot: gnuplot, sessions: sessions)
    guard case .gnuplotFailed(let message) = alone else { return XCTFail("\(alone)") }
    XCTAssertEqual(inSession, alone)
    XCTAssertTrue(message.contains("nonsense"), message)
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/b.png"))
    // The next figure in the same sessions draws normally.
    let next = directory + "/next"
    XCTAssertEqual(
      try FigureRenderer.write(table: table(1), plot: plot, to: next, gnuplot: gnuplot, sessions: sessions), .rendered)
    XCTAssertTrue(FileManager.default.fileExists(atPath: next + "/figure.svg"))
  }

  func testClosedSessionsFallBackToOneShot() throws {
    guard let gnuplot = Gnuplot.executablePath() else { throw XCTSkip("gnuplot not installed") }
    let sessions = GnuplotSessions(executable: gnuplot)
    sessions.close()
    XCTAssertFalse(sessions.run(scriptFile: "figure.gp", directory: directory))
    XCTAssertEqual(
      try FigureRenderer.write(table: table(1), plot: plot, to: directory, gnuplot: gnuplot, sessions: sessions),
      .rendered)
  }

  func testSharedResultsComputeEachKeyOnceAcrossConcurrentCallers() throws {
    final class Counts: @unchecked Sendable {
      var byKey: [Int: Int] = [:]
      let lock = NSLock()
      func add(_ k: Int) {
        lock.lock()
        byKey[k, default: 0] += 1
        lock.unlock()
      }
    }
    let counts = Counts()
    let shared = SharedResults<Int, Int>()
    struct Odd: Error {}
    // Eight callers, each asking for all keys starting at a different one.
    let results = try parallelMap(Array(0..<8)) { start -> [Int] in
      let keys = (0..<6).map { (start + $0) % 6 }
      return try shared.values(keys) { k in
        counts.add(k)
        usleep(2000)
        return k * k
      }.enumerated().sorted { keys[$0.offset] < keys[$1.offset] }.map(\.element)
    }
    for r in results { XCTAssertEqual(r, [0, 1, 4, 9, 16, 25]) }
    XCTAssertEqual(counts.byKey, [0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 1])
    // A failure is remembered and rethrown to every caller of that key.
    let failing = SharedResults<Int, Int>()
    for _ in 0..<2 {
      XCTAssertThrowsError(
        try failing.values([2, 3]) { k in
          counts.add(10 + k)
          if k == 3 { throw Odd() }
          return k
        }
      ) { XCTAssertTrue($0 is Odd) }
    }
    XCTAssertEqual(counts.byKey[13], 1)
    XCTAssertEqual(try failing.value(2) { _ in -1 }, 2)
  }
}
