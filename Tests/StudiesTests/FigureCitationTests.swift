import SpinTransport
import XCTest

@testable import Studies

/// Figure captions name the paper's figure and cite the paper; titles speak of physics.
final class FigureCitationTests: XCTestCase {
  /// An id `NNN-figK` is Fig. K of its paper: the caption says "Fig. K of" and cites the paper;
  /// every other caption cites the paper whose model it computes.
  func testEveryCaptionCitesItsPaper() throws {
    let byPrefix: [String: Paper] = [
      "000": .heisenbergRing, "001": .spinCurrentDefinitions, "002": .hatanoNelsonRing, "003": .sdExchangeDiffusion,
      "004": .longitudinalRelaxation,
    ]
    XCTAssertFalse(FigureCatalogue.planned.isEmpty)
    for (id, caption) in FigureCatalogue.planned {
      let paper = try XCTUnwrap(byPrefix[String(id.prefix(3))], id)
      XCTAssertTrue(caption.contains(paper.short), "\(id): \(caption)")
      if let range = id.range(of: #"-fig0*[0-9]+$"#, options: .regularExpression) {
        let number = try XCTUnwrap(Int(id[range].drop { !$0.isNumber }), id)
        XCTAssertTrue(caption.contains("Fig. \(number) of \(paper.short)"), "\(id): \(caption)")
      }
    }
    let fig7 = try XCTUnwrap(FigureCatalogue.planned.first { $0.id == "002-fig07" }).caption
    XCTAssertTrue(fig7.hasSuffix("Fig. 7 of Karmakar, Ganguly and Maiti, arXiv:2509.06109 (2025)"), fig7)
  }

  /// The full and short forms of a citation.
  func testCitationForms() {
    XCTAssertEqual(
      Paper.heisenbergRing.citation,
      "F. Schütz, M. Kollar and P. Kopietz, “Persistent Spin Currents in Mesoscopic Heisenberg Rings”, "
        + "Phys. Rev. Lett. 91, 017205 (2003), doi:10.1103/PhysRevLett.91.017205")
    XCTAssertEqual(
      Paper.heisenbergRing.figure(3), "Fig. 3 of Schütz, Kollar and Kopietz, Phys. Rev. Lett. 91, 017205 (2003)")
    XCTAssertEqual(Paper.longitudinalRelaxation.short, "Saslow, Sun and Xu, arXiv:2112.01291 (2021)")
    XCTAssertEqual(Paper.implemented.count, 5)
  }
}
