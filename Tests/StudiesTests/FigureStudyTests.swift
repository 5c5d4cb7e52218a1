import Foundation
import SpinTransport
@testable import Studies
import XCTest

/// Every figure is a study: the studies `reproduce --figure ID --save-study FILE` writes, run as
/// `spintransport run FILE --out DIR` runs them, give back the figure's `data.csv` byte for byte.
///
/// Both sides are produced in this test run (no stored bytes): `reproduce` through
/// ``Reproduction/run(ids:outputDirectory:provenance:gnuplot:includeLong:log:)`` (what the CLI
/// command calls), `run` as the CLI's `Run` does it (``Study/load(path:catalogue:)`` on the written
/// file, then ``StudyRunner/run()``). A figure of one study whose table is the figure's table
/// must match directly; every figure must match after its ``Figure/assemble`` turns the `run`
/// outputs (read back from their `data.csv`) into the figure's table — so nothing in the
/// figure's data comes from outside its studies.
final class FigureStudyTests: XCTestCase {
  /// The figures whose data are computed in code (no study; `--save-study` refuses them): none.
  static let computedInCode: Set<String> = []

  func testFiguresWithoutAStudyAreTheKnownOnes() {
    let withoutStudies = Set(FigureCatalogue.all.filter(\.studies.isEmpty).map(\.id))
    XCTAssertEqual(withoutStudies, Self.computedInCode)
  }

  func testEveryQuickFigureIsReproducedByRunningItsSavedStudies() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("figure-studies-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let figures = FigureCatalogue.all.filter { !$0.long && !$0.studies.isEmpty }
    XCTAssertFalse(figures.isEmpty)
    let provenance = Provenance(toolVersion: "test")
    let reproduction = Reproduction(figures: FigureCatalogue.all, planned: FigureCatalogue.planned)
    let report = try reproduction.run(
      ids: figures.map(\.id), outputDirectory: root + "/reproduce", provenance: provenance, gnuplot: .some(nil))
    XCTAssertEqual(report.failed.map(\.id), [])
    var direct: [String] = []
    for figure in figures {
      let expected = try Data(contentsOf: URL(fileURLWithPath: root + "/reproduce/\(figure.id)/data.csv"))
      var tables: [ResultTable] = []
      for (k, figureStudy) in figure.studies.enumerated() {
        let file = FigureStudy.path(root + "/\(figure.id).toml", for: figureStudy, of: figure.studies.count)
        try writeAtomically(figureStudy.tomlText, to: file)
        let study = try Study.load(path: file, catalogue: .standard)
        let model = try XCTUnwrap(Catalogue.standard.computation(named: study.modelName))
        let out = root + "/run/\(figure.id)-\(k)"
        var runner = StudyRunner(study: study, model: model, outputDirectory: out, provenance: provenance)
        runner.gnuplot = .some(nil)
        _ = try runner.run()
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/data.csv"))
        if figure.studies.count == 1, data == expected { direct.append(figure.id) }
        tables.append(try ResultTable(csvData: data))
      }
      let assembled = Data(try figure.assemble(tables).table.csv().utf8)
      XCTAssertTrue(assembled == expected, "\(figure.id): data.csv from its studies differs from reproduce's")
    }
    print(
      "FigureStudyTests: \(figures.count) figures reproduced from their studies; data.csv = the study's own "
        + "table for \(direct.count): \(direct.joined(separator: ", "))")
  }

  /// The long N = 8 figure (not run here): full ED for S ≤ 1, FTLM with the figure's 8 random
  /// vectors of 80 Lanczos steps for S ≥ 3/2 (exact states per sector and seed are the entry's).
  func testN8FigureStudiesSampleWithTheFigureSettings() throws {
    let n8 = try XCTUnwrap(FigureCatalogue.all.first { $0.id == "000-exact-current-vs-temperature-n8" })
    XCTAssertTrue(n8.long)
    XCTAssertEqual(n8.studies.map(\.name), ["s1_2", "s1", "s3_2", "s2"])
    let texts = n8.studies.map(\.tomlText)
    for text in texts.prefix(2) { XCTAssertTrue(text.contains("method = \"full\""), text) }
    for text in texts.suffix(2) {
      XCTAssertTrue(text.contains("method = \"ftlm\""), text)
      XCTAssertTrue(text.contains("ftlm_vectors = 8"), text)
      XCTAssertTrue(text.contains("ftlm_steps = 80"), text)
    }
  }

  /// The file names of a figure's studies: the given path for one study, `-NAME` before the
  /// extension for several.
  func testSaveStudyPaths() throws {
    let one = try XCTUnwrap(FigureCatalogue.all.first { $0.id == "004-fig02" })
    XCTAssertEqual(FigureStudy.path("/d/f.toml", for: one.studies[0], of: one.studies.count), "/d/f.toml")
    let two = try XCTUnwrap(FigureCatalogue.all.first { $0.id == "004-fig03" })
    XCTAssertEqual(
      two.studies.map { FigureStudy.path("/d/f.toml", for: $0, of: two.studies.count) },
      ["/d/f-xi-0.01.toml", "/d/f-xi-0.09.toml"])
    XCTAssertEqual(FigureStudy.path("/d/f", for: two.studies[0], of: 2), "/d/f-xi-0.01")
  }
}
