import SpinTransport
@testable import Diagnostics
import Foundation
import XCTest

@testable import Studies

/// Wraps a model: sleeps a point-dependent time (so points finish out of order) and can be
/// made to fail once `failAfter` points have been evaluated (a simulated interruption).
final class InstrumentedModel: Computation, @unchecked Sendable {
  let base: any Computation
  let failAfter: Int?
  let jitter: Bool
  private var calls = 0
  private let lock = NSLock()
  struct Interrupted: Error {}

  init(_ base: any Computation = TestFunctionStudyModel(), failAfter: Int? = nil, jitter: Bool = false) {
    self.base = base
    self.failAfter = failAfter
    self.jitter = jitter
  }

  var evaluations: Int {
    lock.lock()
    defer { lock.unlock() }
    return calls
  }

  var name: String { base.name }
  var command: [String] { base.command }
  var summary: String { base.summary }
  var example: [String] { base.example }
  var parameters: [Parameter] { base.parameters }
  var outputs: [Column] { base.outputs }

  func evaluate(_ p: ParameterValues) throws -> StudyEvaluation {
    lock.lock()
    calls += 1
    let n = calls
    lock.unlock()
    if let failAfter, n > failAfter { throw Interrupted() }
    // Early points sleep longest, so with several threads later points finish first.
    if jitter { Thread.sleep(forTimeInterval: 0.002 * Double(8 - Int(p.number("x")) % 8)) }
    return try base.evaluate(p)
  }
}

final class StudyRunnerTests: XCTestCase {
  var directory: String!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("studies-test-\(UUID().uuidString)").path
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

  func study(_ sweeps: String, extra: String = "") throws -> Study {
    try Study.parse(toml: "[study]\nmodel = \"test-function\"\n" + sweeps + extra, catalogue: testModels)
  }

  func runner(_ study: Study, _ model: any Computation, in dir: String? = nil) -> StudyRunner {
    var r = StudyRunner(
      study: study, model: model, outputDirectory: dir ?? directory,
      provenance: Provenance(toolVersion: "test", gitRevision: nil))
    r.gnuplot = .some(nil)  // figures are tested in FigurePipelineTests
    return r
  }

  func read(_ name: String, in dir: String? = nil) throws -> String {
    try String(contentsOfFile: (dir ?? directory) + "/" + name, encoding: .utf8)
  }

  func testOneDimensionalRunWritesDataMetaAndScript() throws {
    let s = try study("[[sweep]]\nparameter = \"x\"\nrange = [0, 3, 4]\n", extra: "[parameters]\namplitude = 2\n")
    let report = try runner(s, TestFunctionStudyModel()).run()
    XCTAssertEqual(report.pointCount, 4)
    XCTAssertEqual(report.figure, .gnuplotMissing)
    let csv = try read("data.csv").split(separator: "\n")
    XCTAssertEqual(csv.first, "x,f,g")
    // f = 2 sin(x) cos(0) at x = 1: written as the shortest round-trip decimal of the same Double.
    XCTAssertEqual(csv[2], "1.0,\(2 * sin(1.0)),\(2 * exp(-0.5))")
    let meta = try JSONDecoder().decode(JSONValue.self, from: Data(try read("meta.json").utf8))
    guard case .object(let m) = meta, case .object(let points)? = m["points"],
      case .object(let timing)? = m["timing_s"],
      case .object(let studyMeta)? = m["study"], case .object(let fixed)? = studyMeta["parameters"]
    else { return XCTFail("meta.json layout") }
    XCTAssertEqual(points["computed"], .integer(4))
    XCTAssertNotNil(timing["elapsed"])
    XCTAssertEqual(m["tool_version"], .string("test"))
    XCTAssertEqual(m["git_revision"], .null)
    XCTAssertEqual(fixed["amplitude"], .integer(2))
    XCTAssertTrue(try read("figure.gp").contains("data.csv"))
  }

  func testTwoDimensionalGridRowsFollowInputOrderUnderParallelism() throws {
    let s = try study(
      "[[sweep]]\nparameter = \"y\"\nvalues = [0, 1, 2]\n[[sweep]]\nparameter = \"x\"\nrange = [0, 15, 16]\n")
    let model = InstrumentedModel(jitter: true)
    _ = try runner(s, model).run()
    XCTAssertEqual(model.evaluations, 48)
    let rows = try read("data.csv").split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").map { Double($0)! }
    }
    XCTAssertEqual(rows.count, 48)
    XCTAssertEqual(rows.map { [$0[0], $0[1]] }, s.points.map { [$0.number("y"), $0.number("x")] })
    // Each row's values belong to its own point (no mix-up between threads).
    for r in rows { XCTAssertEqual(r[2], sin(r[1]) * cos(r[0])) }
    // Every point is in the checkpoint exactly once (appended in completion order).
    let order = try read(checkpointName(s)).split(separator: "\n").dropFirst().compactMap { line -> Int? in
      try? JSONDecoder().decode(StudyCheckpoint.Entry.self, from: Data(line.utf8)).point
    }
    XCTAssertEqual(order.count, 48)
    XCTAssertEqual(Set(order), Set(0..<48))
  }

  func checkpointName(_ s: Study) -> String { ".checkpoint-\(s.fingerprint).jsonl" }

  /// An interrupted run resumes: nothing finished is recomputed and data.csv is byte-identical.
  func testResumeAfterInterruptionIsByteIdenticalAndRecomputesNothing() throws {
    let s = try study(
      "[[sweep]]\nparameter = \"y\"\nvalues = [0.5, 1.5]\n[[sweep]]\nparameter = \"x\"\nrange = [0, 7, 40]\n")
    XCTAssertThrowsError(try runner(s, InstrumentedModel(failAfter: 25)).run())
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/data.csv"), "no output from a failed run")
    XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/meta.json"))
    let resumedModel = InstrumentedModel()
    let report = try runner(s, resumedModel).run()
    XCTAssertEqual(report.resumedPoints, 25)
    XCTAssertEqual(report.computedPoints, 55)
    XCTAssertEqual(resumedModel.evaluations, 55, "finished points are not evaluated again")

    let fresh = directory + "/fresh"
    _ = try runner(s, TestFunctionStudyModel(), in: fresh).run()
    XCTAssertEqual(try read("data.csv"), try read("data.csv", in: fresh))

    // A third run recomputes nothing.
    let again = InstrumentedModel()
    XCTAssertEqual(try runner(s, again).run().computedPoints, 0)
    XCTAssertEqual(again.evaluations, 0)
  }

  func testTornLastCheckpointLineIsDroppedAndRecomputed() throws {
    let s = try study("[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 10]\n")
    _ = try runner(s, TestFunctionStudyModel()).run()
    let expected = try read("data.csv")
    let path = directory + "/" + checkpointName(s)
    var lines = try read(checkpointName(s)).split(separator: "\n").map(String.init)
    lines[lines.count - 1] = String(lines[lines.count - 1].prefix(20))  // as if killed mid-write
    try (lines.joined(separator: "\n")).write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(atPath: directory + "/data.csv")
    let model = InstrumentedModel()
    let report = try runner(s, model).run()
    XCTAssertEqual(report.resumedPoints, 9)
    XCTAssertEqual(model.evaluations, 1)
    XCTAssertEqual(try read("data.csv"), expected)
  }

  func testChangedStudyDoesNotReuseStalePoints() throws {
    let a = try study("[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 10]\n")
    _ = try runner(a, TestFunctionStudyModel()).run()
    let b = try study("[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 10]\n", extra: "[parameters]\noffset = 1\n")
    let model = InstrumentedModel()
    let report = try runner(b, model).run()
    XCTAssertEqual(report.resumedPoints, 0)
    XCTAssertEqual(model.evaluations, 10)
    XCTAssertEqual(report.staleCheckpoints.map { ($0 as NSString).lastPathComponent }, [checkpointName(a)])
    XCTAssertEqual(report.table.rows.first?[1], .number(1), "offset 1 applied: f(0) = 1")
  }

  func testFreshIgnoresCheckpoint() throws {
    let s = try study("[[sweep]]\nparameter = \"x\"\nvalues = [1, 2]\n")
    _ = try runner(s, TestFunctionStudyModel()).run()
    var r = runner(s, InstrumentedModel())
    r.fresh = true
    XCTAssertEqual(try r.run().computedPoints, 2)
  }

  func testOutputsAreAtomicNoTemporaryFilesRemain() throws {
    let s = try study("[[sweep]]\nparameter = \"x\"\nvalues = [1, 2, 3]\n")
    var r = runner(s, TestFunctionStudyModel())
    r.gnuplot = nil  // real gnuplot when installed: its temporary outputs must be renamed away too
    _ = try r.run()
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    XCTAssertTrue(names.allSatisfy { !$0.contains(".tmp") }, "\(names)")
    XCTAssertTrue(names.contains("data.csv") && names.contains("meta.json") && names.contains("figure.gp"))
  }

  func testMalformedModelRowIsAnError() throws {
    struct Bad: Computation {
      var name: String { "test-function" }
      var command: [String] { [] }
      var summary: String { "" }
      var example: [String] { [] }
      var parameters: [Parameter] { TestFunctionStudyModel().parameters }
      var outputs: [Column] { TestFunctionStudyModel().outputs }
      func evaluate(_ p: ParameterValues) throws -> StudyEvaluation { StudyEvaluation(row: [1]) }
    }
    let s = try study("[[sweep]]\nparameter = \"x\"\nvalues = [1]\n")
    XCTAssertThrowsError(try runner(s, Bad()).run()) { XCTAssertTrue("\($0)".contains("row of 1 values")) }
  }

  func testWarningsAreCheckpointedAndReported() throws {
    struct Warns: Computation {
      var name: String { "test-function" }
      var command: [String] { [] }
      var summary: String { "" }
      var example: [String] { [] }
      var parameters: [Parameter] { TestFunctionStudyModel().parameters }
      var outputs: [Column] { TestFunctionStudyModel().outputs }
      func evaluate(_ p: ParameterValues) throws -> StudyEvaluation {
        StudyEvaluation(
          row: [1, 2],
          warnings: [NumericalWarning(kind: "ill-conditioned", message: "condition number inf", value: .infinity)])
      }
    }
    let s = try study("[[sweep]]\nparameter = \"x\"\nvalues = [1, 2]\n")
    // One warning, naming the grid points that raised it.
    XCTAssertEqual(try runner(s, Warns()).run().warnings.map(\.message), ["at x = 1.0; x = 2.0: condition number inf"])
    let resumed = try runner(s, Warns()).run()
    XCTAssertEqual(resumed.resumedPoints, 2)
    XCTAssertEqual(resumed.warnings.first?.value, .infinity, "non-finite warning values survive the checkpoint")
  }

  func testProgressLinesOnlyForLongRuns() throws {
    let s = try study("[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 6]\n", extra: "[parameters]\ndelay_s = 0.05\n")
    let lines = LineCollector()
    var r = runner(s, TestFunctionStudyModel())
    r.progress = { lines.add($0) }
    r.progressAfter = 0.04  // scaled down from 2 s so the test stays fast
    _ = try r.run()
    XCTAssertFalse(lines.all.isEmpty)
    XCTAssertTrue(lines.all.last!.hasPrefix("run: 6/6 points (100%)"), "\(lines.all)")

    let quietLines = LineCollector()
    var quick = runner(
      try study("[[sweep]]\nparameter = \"x\"\nvalues = [1, 2]\n"), TestFunctionStudyModel(), in: directory + "/q")
    quick.progress = { quietLines.add($0) }
    _ = try quick.run()
    XCTAssertTrue(quietLines.all.isEmpty, "no progress for a run under progressAfter (2 s)")
  }
}

final class LineCollector: @unchecked Sendable {
  private var lines: [String] = []
  private let lock = NSLock()
  func add(_ line: String) {
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
