import SpinTransport
import XCTest

@testable import Studies

/// Figure captions name the paper's figure and cite the paper; titles speak of physics.
final class FigureCitationTests: XCTestCase {
  /// Every caption cites the paper whose model it computes; an id `NNN-figK` names a figure of
  /// that paper (usually Fig. K: ids stay as `reproduce --figure` takes them).
  func testEveryCaptionCitesItsPaper() throws {
    let byPrefix: [String: Paper] = [
      "000": .heisenbergRing, "001": .spinCurrentDefinitions, "002": .hatanoNelsonRing, "003": .sdExchangeDiffusion,
      "004": .longitudinalRelaxation,
    ]
    XCTAssertFalse(FigureCatalogue.planned.isEmpty)
    for (id, caption) in FigureCatalogue.planned {
      let paper = try XCTUnwrap(byPrefix[String(id.prefix(3))], id)
      XCTAssertTrue(caption.contains(paper.short), "\(id): \(caption)")
      if id.range(of: #"-fig0*[0-9]+$"#, options: .regularExpression) != nil {
        XCTAssertTrue(caption.contains("Fig"), "\(id): \(caption)")
      }
    }
    let fig7 = try XCTUnwrap(FigureCatalogue.planned.first { $0.id == "002-fig07" }).caption
    XCTAssertTrue(fig7.hasSuffix("Fig. 7 of Karmakar, Ganguly and Maiti, arXiv:2509.06109 (2025)"), fig7)
  }

  /// Every built figure carries its paper (cited in its meta.json), the one its caption cites.
  func testEveryBuiltFigureCarriesItsPaper() throws {
    for figure in FigureCatalogue.all {
      let paper = try XCTUnwrap(figure.paper, figure.id)
      XCTAssertTrue(figure.caption.contains(paper.short), "\(figure.id): \(figure.caption)")
    }
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
    XCTAssertEqual(Paper.hatanoNelsonRing.figure(4, panels: "a, b"), "Fig. 4(a, b) of " + Paper.hatanoNelsonRing.short)
    XCTAssertEqual(Paper.sdExchangeDiffusion.figures(6, 7), "Figs. 6–7 of " + Paper.sdExchangeDiffusion.short)
    XCTAssertEqual(Paper.implemented.count, 5)
  }
}
