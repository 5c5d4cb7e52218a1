import Foundation
import XCTest

/// `reproduce --figure ID --save-study FILE`: the figure's study as a file `run` executes.
/// (Every quick figure against its studies, byte for byte: FigureStudyTests in StudiesTests.)
final class ReproduceSaveStudyCLITests: XCTestCase {
  private var dir: URL!
  override func setUpWithError() throws { dir = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }
  private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  private func csv(_ path: String) throws -> [[Substring]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
  }

  /// Fig. 2 of the longitudinal-relaxation paper: `run` of the saved study gives the figure's
  /// cells byte for byte (the figure lists k²/k_M² before ξ; the study sweeps ξ outside).
  func testSavedStudyOfAFigureRunsToItsData() throws {
    let saved = try CLI.run(
      ["reproduce", "--figure", "004-fig02", "--save-study", path("fig2.toml"), "--out", path("unused")])
    XCTAssertEqual(saved.status, 0, saved.stderr)
    XCTAssertTrue(saved.stderr.contains("wrote \(path("fig2.toml")): relaxation-rates, 603 points"), saved.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("unused")), "--save-study computes nothing")
    let ran = try CLI.run(["run", path("fig2.toml"), "--out", path("run"), "--quiet"])
    XCTAssertEqual(ran.status, 0, ran.stderr)
    let figure = try CLI.run(["reproduce", "--figure", "004-fig02", "--out", path("res"), "--quiet"])
    XCTAssertEqual(figure.status, 0, figure.stderr)
    let study = try csv(path("run/data.csv")), data = try csv(path("res/004-fig02/data.csv"))
    XCTAssertEqual(study[0], ["xi", "k2_ratio", "gamma_plus_r", "gamma_minus_r"])
    XCTAssertEqual(data[0], ["k2_ratio", "xi", "gamma_plus", "gamma_minus"])
    XCTAssertEqual(study.count, data.count)
    for (s, d) in zip(study.dropFirst(), data.dropFirst()) { XCTAssertEqual([s[1], s[0], s[2], s[3]], d) }
  }

  /// A figure of several studies writes one file per study, named FILE-NAME.ext.
  func testFigureOfSeveralStudiesWritesOneFileEach() throws {
    let saved = try CLI.run(["reproduce", "--figure", "004-fig03", "--save-study", path("fig3.toml")])
    XCTAssertEqual(saved.status, 0, saved.stderr)
    for name in ["fig3-xi-0.01.toml", "fig3-xi-0.09.toml"] {
      XCTAssertTrue(saved.stderr.contains("wrote \(path(name))"), saved.stderr)
      let text = try String(contentsOfFile: path(name), encoding: .utf8)
      XCTAssertTrue(text.contains("model = \"relaxation-rates\""), text)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("fig3.toml")))
  }

  /// (A figure computed in code is refused too: NewModelInThreePlacesTests, on the toy figure.)
  func testSaveStudyNeedsExactlyOneFigure() throws {
    try CLI.assertRefused(["reproduce", "--save-study", path("s.toml")], mentions: ["--save-study", "exactly one"])
    try CLI.assertRefused(
      ["reproduce", "--figure", "004-fig02", "--figure", "004-fig04", "--save-study", path("s.toml")],
      mentions: ["--save-study", "004-fig02, 004-fig04"])
    XCTAssertFalse(FileManager.default.fileExists(atPath: path("s.toml")))
  }
}
