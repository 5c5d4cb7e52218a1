@testable import Diagnostics
import Foundation
@testable import ModelFiles
@testable import Studies
import XCTest

/// A fixture computation that takes a model file: evaluates its expression `[value] f` with the
/// file's parameters, so a study can check that the file's [params] are keys and sweepable.
struct ModelFixture: Computation {
  var name: String { "model-fixture" }
  var command: [String] { ["fixture", "model"] }
  var summary: String { "a model-file expression at one point" }
  var parameters: [Parameter] {
    [
      .real("x", flag: "x", symbol: "x", default: 1, help: "an own parameter"),
      Parameter(
        "model", flag: "model", symbol: "", domain: .text, default: nil, requirement: .optional, help: "model file"),
    ]
  }
  var outputs: [Column] { [Column("f", "the file's expression")] }
  var example: [String] { [] }

  func load(_ values: ParameterValues) throws -> (ModelDocument, [ModelParameter]) {
    let doc = try ModelDocument.load(URL(fileURLWithPath: values.text("model")))
    return (doc, try doc.parameters(reserved: parameters, variables: ["x"]))
  }

  func specialized(modelFile: URL) throws -> any Computation {
    let doc = try ModelDocument.load(modelFile)
    let params = try doc.parameters(reserved: parameters, variables: ["x"])
    return ModelFileComputation.specializing(self, modelParameters: params.map(\.parameter), modelFile: modelFile)
  }

  func evaluate(_ values: ParameterValues) throws -> StudyEvaluation {
    let (doc, params) = try load(values)
    let names = ["x"] + params.map(\.name)
    let f = try doc.root.required("f", allowed: "f = expression").modelValue(variables: names)
    let env = [values.number("x")] + params.map { $0.value(in: values) }
    return StudyEvaluation(row: [try f.real(env.map { .init($0, 0) })])
  }
}

final class ModelFileStudyTests: XCTestCase {
  func testStudyReadsModelParametersRelativeToTheStudyFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("modelstudy-\(UUID().uuidString)")
    let sub = dir.appendingPathComponent("models")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try """
    family = "spin"
    f = "a * x + b^2"
    [params]
    a = { value = 2, unit = "eV", min = 0, max = 10 }
    b = 3
    """.write(to: sub.appendingPathComponent("m.toml"), atomically: true, encoding: .utf8)
    let studyText = """
      [study]
      model = "model-fixture"
      [parameters]
      model = "models/m.toml"
      x = 0.5
      b = 4
      [[sweep]]
      parameter = "a_eV"
      values = [1, 2, 3]
      """
    let studyFile = dir.appendingPathComponent("s.toml")
    try studyText.write(to: studyFile, atomically: true, encoding: .utf8)
    let catalogue = Catalogue([ModelFixture()])
    let study = try Study.load(path: studyFile.path, catalogue: catalogue)
    XCTAssertEqual(study.parameters["model"], .text(sub.appendingPathComponent("m.toml").standardizedFileURL.path))
    XCTAssertEqual(study.pointCount, 3)
    let model = try catalogue.computation(for: study)
    XCTAssertEqual(model.parameters.map(\.id), ["x", "model", "a_eV", "b"])
    for k in 0..<3 {
      let f = try model.evaluate(study.point(k)).numbers()[0]
      XCTAssertEqual(f, Double(k + 1) * 0.5 + 16)  // exact in binary
    }
    // The base entry evaluates the same point (the runner may hold either).
    XCTAssertEqual(try ModelFixture().evaluate(study.point(2)).numbers()[0], 17.5)
    // A key that is not a parameter of the file or the computation is named.
    let bad = studyText.replacingOccurrences(of: "b = 4", with: "c = 4")
    XCTAssertThrowsError(try Study.parse(toml: bad, file: studyFile.path, catalogue: catalogue)) {
      XCTAssertTrue("\($0)".contains("parameters.c"), "\($0)")
    }
    // An error in the model file is the file's, located.
    try "family = \"spin\"\nf = 1\n[params]\nsin = 1".write(
      to: sub.appendingPathComponent("m.toml"), atomically: true, encoding: .utf8)
    XCTAssertThrowsError(try Study.load(path: studyFile.path, catalogue: catalogue)) {
      XCTAssertTrue("\($0)".contains("m.toml:4:1: parameter name params.sin is taken"), "\($0)")
      XCTAssertTrue($0 is ModelFileError)
    }
  }

  /// The command-line route: the study text a command line renders names the model file and
  /// its parameters, and parses back through the specialised entry.
  func testCommandLineRequestRoundTrip() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("modelreq-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("m.toml")
    try "family = \"spin\"\nf = \"a + x\"\n[params]\na = 1".write(to: file, atomically: true, encoding: .utf8)
    let entry = try ModelFixture().specialized(modelFile: file)
    var request = StudyRequest(computation: entry)
    request.given = [("model", .text(file.path)), ("a", .number(5))]
    let study = try request.study()
    XCTAssertEqual(try entry.evaluate(study.point(0)).numbers()[0], 6)
  }
}
