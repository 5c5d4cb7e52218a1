import SpinTransport
import Foundation
import XCTest

@testable import Studies

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `reproduce` writes `index.html` beside `index.md`: one card per built figure, every text escaped.
final class GalleryTests: XCTestCase {
  /// Text that would run script or break out of an attribute if it reached the page unescaped.
  static let hostile = "<script>alert(1)</script> \" onerror=\"alert(2)\" ' & &amp; </figure>\u{7}"

  private var dir = ""

  override func setUp() {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent("gallery-\(UUID().uuidString)").path
  }

  override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

  /// A figure whose caption, comparison line and failure come from "user" text.
  private func reproduction() -> Reproduction {
    struct Boom: Error, CustomStringConvertible { var description: String { "failed: \(GalleryTests.hostile)" } }
    let broken = Figure(id: "900-broken", seed: "900", caption: "Broken " + Self.hostile) { throw Boom() }
    let curves = FigureCatalogue.testFixtures[0]
    let hostileCurves = Figure(id: "900-hostile", seed: "900", caption: "Caption " + Self.hostile) {
      var result = try curves.compute()
      result.comparisons = ["paper: " + Self.hostile + " | ours: fine"]
      return result
    }
    return Reproduction(
      figures: FigureCatalogue.testFixtures + [hostileCurves, broken],
      planned: [("900-missing", "Missing " + Self.hostile)])
  }

  /// The page parses as XML (Plot writes void elements self-closed), has one figure card per built
  /// figure, and every hostile text comes back as the same characters in element text or attribute
  /// values — never as markup. (U+0007 becomes a space: control characters are not kept.)
  func testGalleryEscapesEveryTextAndHasOneCardPerBuiltFigure() throws {
    let report = try reproduction().run(
      ids: ["test-curves", "900-hostile", "900-broken"], outputDirectory: dir,
      provenance: Provenance(toolVersion: "t", gitRevision: "abc"), gnuplot: .some(nil))
    XCTAssertEqual(report.galleryPath, dir + "/index.html")
    let html = try String(contentsOfFile: report.galleryPath, encoding: .utf8)
    XCTAssertFalse(html.contains("<script"), html)
    XCTAssertFalse(html.contains("\" onerror"), html)
    XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot; onerror=&quot;alert(2)&quot; &#39;"))
    XCTAssertTrue(html.contains("&amp;amp;"), "an existing entity is escaped again, shown as typed")
    XCTAssertTrue(html.contains("Content-Security-Policy"))

    let page = try PageOutline(html: html)
    XCTAssertEqual(page.elements["figure"], 2, "test-curves and 900-hostile are built")
    let visible = Self.hostile.replacingOccurrences(of: "\u{7}", with: " ")
    XCTAssertTrue(page.text.contains("Caption " + visible), page.text)
    XCTAssertTrue(page.text.contains("paper: " + visible + " | ours: fine"), page.text)
    XCTAssertTrue(page.text.contains("failed: failed: " + visible), page.text)
    XCTAssertTrue(page.text.contains("Missing " + visible), page.text)
    XCTAssertTrue(page.text.contains("not run (select with --figure test-contour)"), page.text)
    XCTAssertTrue(page.attributes.contains("figure-900-hostile"))
    XCTAssertTrue(page.attributes.contains("./900-hostile/data.csv"))
    XCTAssertEqual(page.elements["img"] ?? 0, 0, "no gnuplot: no picture, no broken image")
    XCTAssertTrue(page.text.contains("no picture (gnuplot-missing)"), page.text)
  }

  /// With gnuplot, each built figure's thumbnail is its PNG inside a link to the PNG, and the SVG is linked.
  func testThumbnailsLinkToPNGAndSVG() throws {
    guard Gnuplot.executablePath() != nil else { throw XCTSkip("gnuplot not installed (scripts/bootstrap)") }
    _ = try reproduction().run(
      ids: ["test-curves", "test-contour"], outputDirectory: dir, provenance: Provenance(toolVersion: "t"))
    let page = try PageOutline(html: String(contentsOfFile: dir + "/index.html", encoding: .utf8))
    XCTAssertEqual(page.elements["img"], 2)
    for id in ["test-curves", "test-contour"] {
      XCTAssertTrue(page.images.contains("./\(id)/figure.png"), "\(page.images)")
      XCTAssertTrue(page.links.contains("./\(id)/figure.svg"), "\(page.links)")
      XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/\(id)/figure.png"))
    }
  }

  /// A figure listed from an earlier run's `meta.json` (a file anyone can edit) is escaped too.
  func testEarlierRunMetadataIsEscaped() throws {
    try FileManager.default.createDirectory(atPath: dir + "/test-contour", withIntermediateDirectories: true)
    let meta: JSONValue = .object([
      "figure": .string("rendered"), "comparisons": .array([.string(Self.hostile)]),
      "timing_s": .object(["total": .number(1.5)]),
    ])
    try writeAtomically(try prettyJSON(meta), to: dir + "/test-contour/meta.json")
    _ = try reproduction().run(
      ids: ["test-curves"], outputDirectory: dir, provenance: Provenance(toolVersion: "t"), gnuplot: .some(nil))
    let html = try String(contentsOfFile: dir + "/index.html", encoding: .utf8)
    XCTAssertFalse(html.contains("<script"), html)
    let page = try PageOutline(html: html)
    XCTAssertTrue(page.text.contains(Self.hostile.replacingOccurrences(of: "\u{7}", with: " ")), page.text)
    XCTAssertTrue(page.images.contains("./test-contour/figure.png"))
  }

  /// Links percent-encode the id: no scheme, no parent directory, no quote survives.
  func testRelativeLinksCannotLeaveTheDirectory() {
    XCTAssertEqual(HTMLEscaping.relativeLink(id: "002-fig06", file: "figure.png"), "./002-fig06/figure.png")
    XCTAssertEqual(
      HTMLEscaping.relativeLink(id: "javascript:alert(1)", file: "figure.png"), "./javascript%3Aalert%281%29/figure.png"
    )
    XCTAssertEqual(HTMLEscaping.relativeLink(id: "..", file: "x"), "./%2E%2E/x")
    XCTAssertEqual(HTMLEscaping.relativeLink(id: "a/../\"b", file: "x"), "./a%2F..%2F%22b/x")
    XCTAssertEqual(HTMLEscaping.escape("a<b>&\"'\u{0}\tc\n"), "a&lt;b&gt;&amp;&quot;&#39; \tc\n")
  }
}

/// Elements, attribute values and text of an XHTML-compatible page, read with XMLParser.
private final class PageOutline: NSObject, XMLParserDelegate {
  var elements: [String: Int] = [:]
  var attributes: [String] = []
  var images: [String] = []
  var links: [String] = []
  var text = ""
  private var error: Error?

  init(html: String) throws {
    super.init()
    let body = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
    let parser = XMLParser(data: Data(body.utf8))
    parser.delegate = self
    guard parser.parse() else {
      throw error ?? parser.parserError ?? NSError(domain: "PageOutline", code: 1)
    }
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    elements[name, default: 0] += 1
    self.attributes += attributes.values
    if name == "img", let src = attributes["src"] { images.append(src) }
    if name == "a", let href = attributes["href"] { links.append(href) }
    text += " "
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}
