import Foundation
import SpinTransport
import XCTest

@testable import spintransport

/// The CLI builds its ``Study`` directly from the command line (no study-file text): for every
/// catalogue entry's example (and the toy's), that value equals the one `run` builds from the
/// `--save-study` text — points, columns, fingerprint, metadata and figure.
final class StudyRequestTests: XCTestCase {
  func testDirectStudyEqualsTheSavedStudyFileForEveryExample() throws {
    for computation in CommandTree.withToy.catalogue.computations {
      let options = CatalogueOptions(computation)
      for args in [computation.example, computation.example + ["--columns", computation.outputNames.last!]] {
        let line = try CatalogueCommandLine(args, options: options)
        let direct = try line.request.study()
        let parsed = try Study.parse(
          toml: line.request.tomlText, file: "(test)", catalogue: Catalogue([computation]), checkPoints: false)
        let what = "\(computation.name) \(args.joined(separator: " "))"
        XCTAssertEqual(direct.canonicalDescription, parsed.canonicalDescription, what)
        XCTAssertEqual(direct.fingerprint, parsed.fingerprint, what)
        XCTAssertEqual(direct.metadata, parsed.metadata, what)
        XCTAssertEqual(direct.points, parsed.points, what)
        XCTAssertEqual(direct.columns, parsed.columns, what)
        XCTAssertEqual(direct.outputIndices, parsed.outputIndices, what)
        XCTAssertEqual(direct.plot, parsed.plot, what)
        XCTAssertEqual(direct.title, parsed.title, what)
      }
    }
  }

  /// A negative zero and an integer given to a real parameter read back as the file writes them.
  func testValuesAsTheFileReadsThemBack() throws {
    let toy = ToyWaveComputation()
    let line = try CatalogueCommandLine(
      ["--phase", "-0", "--amplitude", "3", "--vary", "step=-0,1"], options: CatalogueOptions(toy))
    let direct = try line.request.study()
    let parsed = try Study.parse(toml: line.request.tomlText, catalogue: Catalogue([toy]), checkPoints: false)
    XCTAssertEqual(direct.canonicalDescription, parsed.canonicalDescription)
    XCTAssertEqual(direct.points, parsed.points)
  }
}
