@testable import Diagnostics
import Foundation
import XCTest

@testable import Studies

/// Progress inside one point: the runner hands a `PointProgress` to a study of one point only, the
/// rows do not depend on it, and its lines are rate-limited with a time-left estimate.
final class PointProgressTests: XCTestCase {
  /// Reports ten steps of its work; the rows are those of `evaluate(_:)`.
  struct Reporting: Computation {
    var name: String { "test-function" }
    var command: [String] { ["test", "function"] }
    var summary: String { "" }
    var example: [String] { [] }
    var parameters: [Parameter] { TestFunctionStudyModel().parameters }
    var outputs: [Column] { TestFunctionStudyModel().outputs }
    func evaluate(_ p: ParameterValues) throws -> StudyEvaluation { try evaluate(p, progress: nil) }
    func evaluate(_ p: ParameterValues, progress: PointProgress?) throws -> StudyEvaluation {
      for step in 1...10 { progress?.report(fraction: Double(step) / 10, "step \(step)") }
      return try TestFunctionStudyModel().evaluate(p)
    }
  }

  func study(_ sweeps: String) throws -> Study {
    try Study.parse(toml: "[study]\nmodel = \"test-function\"\n" + sweeps, catalogue: testModels)
  }

  func testOnePointReportsInsideItsWorkAndSweepsDoNot() throws {
    let one = try study("[parameters]\nx = 1.5\n")
    let lines = LineCollector()
    // progressAfter 0: the first report is due at once; the 1 s interval keeps the rest of a fast run silent.
    let loud = try StudyRunner.computeTable(
      study: one, model: Reporting(), checkpointDirectory: nil, progress: { lines.add($0) }, progressAfter: 0)
    XCTAssertEqual(lines.all.count, 1, "\(lines.all)")
    XCTAssertTrue(lines.all[0].hasPrefix("test function: step 1 (10 %)"), "\(lines.all)")
    let silent = try StudyRunner.computeTable(study: one, model: Reporting(), checkpointDirectory: nil)
    XCTAssertEqual(loud.table, silent.table)

    // Two points: the count of points, never the point's own lines.
    let sweepLines = LineCollector()
    _ = try StudyRunner.computeTable(
      study: try study("[[sweep]]\nparameter = \"x\"\nvalues = [1, 2]\n"), model: Reporting(), checkpointDirectory: nil,
      progress: { sweepLines.add($0) }, progressAfter: 0)
    XCTAssertFalse(sweepLines.all.contains { $0.contains("step") }, "\(sweepLines.all)")
  }

  func testLinesAreRateLimitedAndEstimateTheTimeLeft() {
    let lines = LineCollector()
    let p = PointProgress("magnon exact", after: 0, interval: 3600) { lines.add($0) }
    for n in 1...100 { p.report(fraction: Double(n) / 100, "step \(n)") }
    XCTAssertEqual(lines.all.count, 1, "one line per interval: \(lines.all)")
    // Time left = elapsed · (1 − f)/f: 10 s elapsed at a quarter done → 30 s left.
    XCTAssertEqual(
      PointProgress.line(label: "magnon exact", detail: "sector 2/8 diagonalised", fraction: 0.25, elapsed: 10),
      "magnon exact: sector 2/8 diagonalised (25 %), about 30 s left")
    XCTAssertEqual(
      PointProgress.line(label: "l", detail: "d", fraction: 0.5, elapsed: 600), "l: d (50 %), about 10 min left")
    XCTAssertEqual(PointProgress.line(label: "l", detail: "d", fraction: 1, elapsed: 5), "l: d (100 %)")
    // Work-weighted completion from parallel workers: the fraction is the work done over the total.
    let weighted = LineCollector()
    let w = PointProgress("w", after: 0, interval: 0) { weighted.add($0) }
    DispatchQueue.concurrentPerform(iterations: 4) { _ in w.complete(work: 1, ofTotal: 4) { "sector \($0)/4" } }
    XCTAssertEqual(weighted.all.count, 4)
    XCTAssertEqual(Set(weighted.all.map { $0.split(separator: ":")[1].split(separator: "(")[0] }).count, 4)
    XCTAssertTrue(weighted.all.contains { $0.contains("sector 4/4") && $0.contains("(100 %)") }, "\(weighted.all)")
  }
}
