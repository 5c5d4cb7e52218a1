import SpinTransport
import XCTest

@testable import Studies

/// A second test model with an integer parameter (exercises integrality checks).
struct SitesTestModel: Computation {
  var name: String { "sites-test" }
  var command: [String] { ["test", "sites"] }
  var summary: String { "test: value = sites · scale" }
  var example: [String] { [] }
  var parameters: [Parameter] {
    [
      .integer("sites", flag: "sites", symbol: "N", default: 4, range: 2...64, help: "sites"),
      .real("scale", flag: "scale", symbol: "s", default: 1, range: 0...10, help: "scale"),
    ]
  }
  var outputs: [Column] { [Column("value", "sites · scale"), Column("twice", "2 · sites · scale")] }
  func evaluate(_ p: ParameterValues) throws -> StudyEvaluation {
    StudyEvaluation(row: [p.number("sites") * p.number("scale"), 2 * p.number("sites") * p.number("scale")])
  }
}

let testModels = Catalogue([TestFunctionStudyModel(), SitesTestModel()])

/// Study-file parsing: valid files resolve to the right grid; each kind of invalid input gives a
/// ``StudyFileError`` naming the key, the value and (where it can be found) the line.
final class StudyParsingTests: XCTestCase {
  func parse(_ text: String) throws -> Study { try Study.parse(toml: text, file: "t.toml", catalogue: testModels) }

  /// Asserts that `text` fails with an error on `key` at `line` whose message contains `mentions`.
  func assertError(
    _ text: String, key: String, line: Int?, mentions: String, file: StaticString = #filePath, at: UInt = #line
  ) {
    XCTAssertThrowsError(try parse(text), file: file, line: at) { error in
      guard let e = error as? StudyFileError else {
        return XCTFail("not a StudyFileError: \(error)", file: file, line: at)
      }
      XCTAssertEqual(e.key, key, "\(e)", file: file, line: at)
      XCTAssertEqual(e.line, line, "\(e)", file: file, line: at)
      XCTAssertTrue(e.description.contains(mentions), "\(e)", file: file, line: at)
      XCTAssertTrue(e.description.hasPrefix("t.toml"), "\(e)", file: file, line: at)
      XCTAssertFalse(e.description.contains("\n"), "one line: \(e)", file: file, line: at)
    }
  }

  let header = "[study]\nmodel = \"test-function\"\n"

  func testOneDimensionalRangeWithDefaultsAndFixedParameters() throws {
    let s = try parse(header + "[parameters]\namplitude = 3\n[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 5]\n")
    XCTAssertEqual(s.modelName, "test-function")
    XCTAssertEqual(s.sweeps, [Study.Axis(parameter: "x", values: [0, 0.25, 0.5, 0.75, 1])])
    XCTAssertEqual(s.parameters["amplitude"], 3)
    XCTAssertEqual(s.parameters["offset"], 0, "default kept")
    XCTAssertEqual(s.fixedNames, ["amplitude"])
    XCTAssertEqual(s.columns, ["x", "f", "g"])
    XCTAssertEqual(s.points.map { $0["x"]! }, [0, 0.25, 0.5, 0.75, 1])
    XCTAssertEqual(s.plot.x, "x")
    XCTAssertEqual(s.plot.panels.first?.y, ["f", "g"])
    XCTAssertNil(s.plot.groupBy)
  }

  func testTwoDimensionalGridIsOuterFirstAndGroupsByOuterSweep() throws {
    let s = try parse(
      header + """
        [[sweep]]
        parameter = "y"
        values = [1, 2]
        [[sweep]]
        parameter = "x"
        range = [0, 2, 3]
        [output]
        columns = ["g"]
        """)
    XCTAssertEqual(s.points.map { [$0["y"]!, $0["x"]!] }, [[1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]])
    XCTAssertEqual(s.columns, ["y", "x", "g"])
    XCTAssertEqual(s.outputIndices, [1])
    XCTAssertEqual(s.plot.x, "x")
    XCTAssertEqual(s.plot.groupBy, "y")
  }

  func testLogScaleAndContourFigure() throws {
    let s = try parse(
      header + """
        [[sweep]]
        parameter = "x"
        range = [0.01, 100, 5]
        scale = "log"
        [[sweep]]
        parameter = "y"
        values = [0, 1]
        [figure]
        kind = "contour"
        z = "g"
        levels = 7
        """)
    // Log spacing: 1e-2, 1e-1, 1, 10, 100 (relative 1e-12: exp/log round-off only).
    for (v, e) in zip(s.sweeps[0].numbers!, [0.01, 0.1, 1, 10, 100]) { XCTAssertEqual(v / e, 1, accuracy: 1e-12) }
    XCTAssertEqual(s.plot.kind, .contour(z: "g", levels: 7))
    XCTAssertEqual(s.plot.x, "x")
    XCTAssertEqual(s.plot.panels.first?.y, ["y"])
  }

  func testFingerprintChangesWithDataButNotWithTitleOrFigure() throws {
    let base = header + "[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 5]\n"
    let a = try parse(base)
    let titled = try parse(
      base.replacingOccurrences(of: "[study]\n", with: "[study]\ntitle = \"other\"\n")
        + "[figure]\nstyle = \"points\"\n")
    let changed = try parse(base.replacingOccurrences(of: "range = [0, 1, 5]", with: "range = [0, 1, 6]"))
    let fixed = try parse(base + "[parameters]\noffset = 1e-300\n")
    XCTAssertEqual(a.fingerprint, titled.fingerprint)
    XCTAssertNotEqual(a.fingerprint, changed.fingerprint)
    XCTAssertNotEqual(a.fingerprint, fixed.fingerprint)
    XCTAssertEqual(a.fingerprint.count, 16)
  }

  func testSyntaxErrorGivesParserLine() {
    assertError(
      header + "[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 5\n", key: "TOML syntax", line: 5, mentions: "valid TOML")
  }

  func testUnknownTopLevelTable() {
    assertError(header + "[sweeps]\nparameter = \"x\"\n", key: "sweeps", line: nil, mentions: "keys study, parameters")
  }

  func testUnknownModelNamesTheRegisteredOnes() {
    assertError(
      "[study]\nmodel = \"ring\"\n[[sweep]]\nparameter = \"x\"\nvalues = [1]\n", key: "study.model", line: 2,
      mentions: "one of test-function, sites-test")
  }

  /// No [[sweep]]: one point (what `--save-study` writes for a command line without --vary).
  func testNoSweepIsOnePoint() throws {
    let s = try parse(header + "[parameters]\nx = 1\n")
    XCTAssertEqual(s.pointCount, 1)
    XCTAssertEqual(s.columns, ["f", "g"])
    XCTAssertEqual(s.plot.x, "f", "without a sweep the figure's x is the first numeric output")
  }

  func testThreeSweepsRejected() {
    let sweep = "[[sweep]]\nparameter = \"x\"\nvalues = [1]\n"
    assertError(
      header + sweep + sweep.replacingOccurrences(of: "\"x\"", with: "\"y\"")
        + sweep.replacingOccurrences(of: "\"x\"", with: "\"offset\""), key: "sweep", line: 3, mentions: "at most two")
  }

  func testRangeWithTwoNumbers() {
    assertError(
      header + "[[sweep]]\nparameter = \"x\"\nrange = [0, 1]\n", key: "sweep[1].range", line: 5, mentions: "[0, 1]")
  }

  func testRangeAndValuesTogether() {
    assertError(
      header + "[[sweep]]\nparameter = \"x\"\nrange = [0, 1, 2]\nvalues = [3]\n", key: "sweep[1].range", line: 5,
      mentions: "exactly one of range")
  }

  func testSweptValueOutsideTheParameterRange() {
    assertError(
      header + "[[sweep]]\nparameter = \"y\"\nvalues = [0]\n[[sweep]]\nparameter = \"x\"\nvalues = [1, 500]\n",
      key: "sweep[2].values", line: 8, mentions: "500 is not")
  }

  func testUnknownSweptParameter() {
    assertError(
      header + "[[sweep]]\nparameter = \"z\"\nvalues = [1]\n", key: "sweep[1].parameter", line: 4,
      mentions: "x, y, amplitude, offset, delay_s")
  }

  func testSameParameterSweptTwice() {
    let sweep = "[[sweep]]\nparameter = \"x\"\nvalues = [1]\n"
    assertError(header + sweep + sweep, key: "sweep[2].parameter", line: 7, mentions: "not swept already")
  }

  func testLogScaleNeedsPositiveEnds() {
    assertError(
      header + "[[sweep]]\nparameter = \"x\"\nrange = [-1, 1, 3]\nscale = \"log\"\n", key: "sweep[1].range", line: 5,
      mentions: "START and STOP > 0")
  }

  func testFixedParameterWrongTypeAndOutOfRangeAndUnknownAndSwept() {
    let sweep = "[[sweep]]\nparameter = \"x\"\nvalues = [1]\n"
    assertError(
      header + sweep + "[parameters]\namplitude = \"big\"\n", key: "parameters.amplitude", line: 7, mentions: "\"big\"")
    assertError(
      header + sweep + "[parameters]\ndelay_s = 11\n", key: "parameters.delay_s", line: 7, mentions: "[0, 10] s")
    assertError(
      header + sweep + "[parameters]\ntemperature = 1\n", key: "parameters.temperature", line: 7,
      mentions: "parameters of test-function")
    assertError(header + sweep + "[parameters]\nx = 1\n", key: "parameters.x", line: 7, mentions: "not also swept")
  }

  func testIntegerParameterRejectsFractionInFixedAndSwept() {
    let h = "[study]\nmodel = \"sites-test\"\n"
    assertError(
      h + "[parameters]\nsites = 4.5\n[[sweep]]\nparameter = \"scale\"\nvalues = [1]\n", key: "parameters.sites",
      line: 4, mentions: "an integer from 2 to 64")
    assertError(
      h + "[[sweep]]\nparameter = \"sites\"\nrange = [2, 3, 3]\n", key: "sweep[1].range", line: 5,
      mentions: "2.5 is not")
  }

  func testOutputColumnsMustBeModelOutputs() {
    assertError(
      header + "[[sweep]]\nparameter = \"x\"\nvalues = [1]\n[output]\ncolumns = [\"h\"]\n", key: "output.columns",
      line: 7, mentions: "from f, g")
  }

  func testFigureErrors() {
    let sweep = "[[sweep]]\nparameter = \"x\"\nvalues = [1]\n"
    assertError(
      header + sweep + "[figure]\nkind = \"contour\"\n", key: "figure.kind", line: 7, mentions: "two [[sweep]]")
    assertError(
      header + sweep + "[figure]\nkind = \"bar\"\n", key: "figure.kind", line: 7, mentions: "\"xy\", \"contour\"")
    assertError(header + sweep + "[figure]\ny = [\"f\", \"q\"]\n", key: "figure.y", line: 7, mentions: "from f, g")
    assertError(header + sweep + "[figure]\nx = \"f\"\n", key: "figure.x", line: 7, mentions: "\"x\"")
    assertError(
      header + sweep + "[figure]\nlevels = 5\n", key: "figure.levels", line: 7, mentions: "kind = \"contour\"")
    assertError(header + sweep + "[figure]\ncolour = 5\n", key: "figure.colour", line: 7, mentions: "keys kind, x")
  }

  func testUnreadableFile() {
    XCTAssertThrowsError(try Study.load(path: "/nonexistent/study.toml", catalogue: testModels)) { error in
      XCTAssertEqual((error as? StudyFileError)?.key, "STUDY")
    }
  }

  func testExampleFilesParse() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let examples = try FileManager.default.contentsOfDirectory(atPath: root.path + "/examples").filter {
      $0.hasSuffix(".toml")
    }
    XCTAssertFalse(examples.isEmpty)
    for name in examples {
      XCTAssertNoThrow(try Study.load(path: root.path + "/examples/" + name, catalogue: .standard), name)
    }
  }
}
