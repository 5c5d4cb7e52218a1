@testable import Diagnostics
import XCTest

@testable import Studies

/// The Studies side of cluster runs: shards partition the points, scheduler variables map to
/// shards, `[aggregate]` parses and computes the statistics, evaluations cross the wire bit for bit.
final class ClusterStudyTests: XCTestCase {
  func testShardsPartitionThePointsStrided() throws {
    for (count, points) in [(1, 10), (3, 81), (7, 5), (4, 0)] {
      var seen: [Int] = []
      for i in 1...count {
        let shard = try StudyShard(index: i, count: count)
        let mine = shard.points(of: points)
        XCTAssertTrue(mine.allSatisfy(shard.contains))
        XCTAssertTrue(mine.allSatisfy { $0 % count == i - 1 }, "strided")
        seen += mine
      }
      XCTAssertEqual(seen.sorted(), Array(0..<points), "every point in exactly one shard")
    }
    XCTAssertThrowsError(try StudyShard(parsing: "0/3"))
    XCTAssertThrowsError(try StudyShard(parsing: "3"))
    XCTAssertEqual(try StudyShard(parsing: "2/8"), try StudyShard(index: 2, count: 8))
  }

  func testSchedulerVariables() throws {
    XCTAssertNil(try StudyShard.fromEnvironment([:]))
    XCTAssertNil(try StudyShard.fromEnvironment(["SGE_TASK_ID": "undefined"]), "SGE outside an array job")
    let slurm0 = ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "10"]
    XCTAssertEqual(try StudyShard.fromEnvironment(slurm0), try StudyShard(index: 1, count: 10), "0-based array")
    let slurm1 = ["SLURM_ARRAY_TASK_ID": "10", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "10"]
    XCTAssertEqual(try StudyShard.fromEnvironment(slurm1), try StudyShard(index: 10, count: 10), "1-based array")
    let list = [
      "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9",
      "SLURM_ARRAY_TASK_COUNT": "3",
    ]
    XCTAssertThrowsError(try StudyShard.fromEnvironment(list), "--array=1,5,9 is not a range") {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "SLURM_ARRAY_TASK_COUNT")
    }
    let sge = ["SGE_TASK_ID": "7", "SGE_TASK_FIRST": "3", "SGE_TASK_LAST": "9", "SGE_TASK_STEPSIZE": "2"]
    XCTAssertEqual(try StudyShard.fromEnvironment(sge), try StudyShard(index: 3, count: 4))
    XCTAssertEqual(
      try StudyShard.fromEnvironment(["PBS_ARRAY_INDEX": "4"], count: 5), try StudyShard(index: 4, count: 5))
    XCTAssertThrowsError(try StudyShard.fromEnvironment(["PBS_ARRAYID": "4"]))
    XCTAssertThrowsError(try StudyShard.fromEnvironment(["PBS_ARRAY_INDEX": "6"], count: 5))
  }

  func testStatisticsAndRanges() {
    let s = StudyAggregate.statistics([3, 1, 2, 10])
    XCTAssertEqual(s.mean, 4)
    XCTAssertEqual(s.median, 2.5)
    let variance = (1.0 + 9 + 4 + 36) / 3
    XCTAssertEqual(s.stderr, (variance / 4).squareRoot(), accuracy: 1e-15)
    XCTAssertTrue(StudyAggregate.statistics([5]).stderr.isNaN)
    XCTAssertEqual(StudyAggregate.statistics([5]).median, 5)
    XCTAssertEqual(StudyMerge.ranges([9, 0, 3, 4, 5]), "0, 3-5, 9")
    XCTAssertEqual(StudyMerge.ranges(Array(stride(from: 0, to: 10, by: 2)), limit: 2), "0, 2, … (3 more ranges)")
  }

  let aggregateStudy = """
    [study]
    model = "test-function"
    [[sweep]]
    parameter = "x"
    values = [1, 2]
    [[sweep]]
    parameter = "y"
    values = [0.5, 1.5, 2.5]
    [[sweep]]
    parameter = "offset"
    values = [0, 1, 2, 3]
    [aggregate]
    over = "offset"
    [figure]
    x = "y"
    group = "x"
    y = ["f_mean"]
    """

  func testAggregateParsesAndAveragesOverItsAxis() throws {
    let study = try Study.parse(toml: aggregateStudy, catalogue: testModels)
    XCTAssertEqual(study.aggregate, StudyAggregate(over: "offset"))
    XCTAssertEqual(study.pointCount, 24)
    var data = ResultTable(columns: study.columns)
    for i in 0..<study.pointCount {
      let p = study.point(i)
      data.append([p["x"]!.cell, p["y"]!.cell, p["offset"]!.cell, .number(Double(i)), .number(-Double(i))])
    }
    let table = study.aggregate!.table(from: data, study: study)
    XCTAssertEqual(
      table.columns, ["x", "y", "f_mean", "f_stderr", "f_median", "g_mean", "g_stderr", "g_median", "count"])
    XCTAssertEqual(table.rows.count, 6)
    // Group (x = 1, y = 1.5) holds points 4…7 (offset inner): mean 5.5, median 5.5, count 4.
    XCTAssertEqual(table.rows[1][0], .number(1))
    XCTAssertEqual(table.rows[1][1], .number(1.5))
    XCTAssertEqual(table.rows[1][2], .number(5.5))
    XCTAssertEqual(table.rows[1][4], .number(5.5))
    XCTAssertEqual(table.rows[1][5], .number(-5.5))
    XCTAssertEqual(table.rows[1][8], .integer(4))
    // Errors: over must be swept; three sweeps need [aggregate].
    XCTAssertThrowsError(
      try Study.parse(
        toml: aggregateStudy.replacingOccurrences(of: "over = \"offset\"", with: "over = \"amplitude\""),
        catalogue: testModels)
    ) { XCTAssertTrue("\($0)".contains("aggregate.over"), "\($0)") }
    let noAggregate = aggregateStudy.components(separatedBy: "[aggregate]")[0]
    XCTAssertThrowsError(try Study.parse(toml: noAggregate, catalogue: testModels)) {
      XCTAssertTrue("\($0)".contains("three with [aggregate]"), "\($0)")
    }
  }

  func testWireLineRoundTripsBits() throws {
    let e = StudyEvaluation(
      rows: [[.number(0.1 + 0.2), .number(-.nan), .number(.infinity), .integer(-3), .text("a,b")]])
    let line = try e.wireLine(point: 17)
    XCTAssertFalse(line.contains("\n"))
    let back = try XCTUnwrap(StudyEvaluation.fromWireLine(line))
    XCTAssertEqual(back.point, 17)
    guard case .number(let x) = back.evaluation.rows[0][0], case .number(let n) = back.evaluation.rows[0][1] else {
      return XCTFail("numbers expected")
    }
    XCTAssertEqual(x.bitPattern, (0.1 + 0.2).bitPattern)
    XCTAssertEqual(n.bitPattern, (-Double.nan).bitPattern)
    XCTAssertEqual(back.evaluation.rows[0][3], .integer(-3))
    XCTAssertEqual(back.evaluation.rows[0][4], .text("a,b"))
    XCTAssertNil(StudyEvaluation.fromWireLine("{\"point\": 1"))
  }
}
