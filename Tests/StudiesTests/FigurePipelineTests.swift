import SpinTransport
@testable import Diagnostics
import Foundation
import XCTest

@testable import Studies

/// The figure pipeline: gnuplot script generation, rendering with and without gnuplot, a failing
/// gnuplot, and `reproduce` over an injected catalogue.
final class FigurePipelineTests: XCTestCase {
  var directory: String!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("figures-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

  func groupedTable() -> ResultTable {
    var t = ResultTable(columns: ["x_m", "band", "e_eV", "w_eV"])
    for x in 0..<4 {
      for band in ["up+", "down-"] { t.append([.number(Double(x)), .text(band), .number(Double(x * x)), .number(1)]) }
    }
    return t
  }

  func testScriptHasLabelsLegendPerGroupAndBothTerminals() throws {
    let plot = PlotSpec(
      title: "Bands", x: "x_m", xLabel: "position x (m)", panels: [.init(y: ["e_eV"], yLabel: "energy (eV)")],
      groupBy: "band", groupLabel: "band")
    let s = try GnuplotScript.make(plot: plot, table: groupedTable())
    XCTAssertTrue(s.contains("set xlabel 'position x (m)'"))
    XCTAssertTrue(s.contains("set ylabel 'energy (eV)'"))
    // One inline datablock per group, holding exactly that group's (x, y) rows.
    XCTAssertTrue(s.contains("$curve_3_0 << EOD\n0.0 0.0\n1.0 1.0\n2.0 4.0\n3.0 9.0\nEOD\n"), s)
    XCTAssertFalse(s.contains("strcol"))
    XCTAssertTrue(s.contains("title 'band = down-'"))
    XCTAssertTrue(s.contains("set terminal pngcairo"))
    XCTAssertTrue(s.contains("set terminal svg"))
    XCTAssertTrue(s.contains("outbase.'.png'") && s.contains("outbase.'.svg'"))
    XCTAssertFalse(s.contains("multiplot"), "one panel: no multiplot")
  }

  /// Regression: group values containing commas are CSV-quoted; the script must not depend on
  /// gnuplot parsing them (it did, and gnuplot failed with "no datablock named $curve_3_0").
  func testGroupValuesWithCommasRenderWithRealGnuplot() throws {
    var t = ResultTable(columns: ["d_m", "curve", "U_V"])
    for d in 1...5 {
      for curve in ["Eq. 17 integral, I_m from Eq. 15", "dipole, I_m from Eq. 15"] {
        t.append([.number(Double(d)), .text(curve), .number(1 / Double(d * d))])
      }
    }
    let plot = PlotSpec(
      title: "comma groups", x: "d_m", xLabel: "d (m)", panels: [.init(y: ["U_V"], yLabel: "U (V)")], groupBy: "curve")
    let script = try GnuplotScript.make(plot: plot, table: t)
    XCTAssertTrue(script.contains("$curve_3_1 << EOD\n1.0 1.0\n2.0 0.25\n"), script)
    guard let gnuplot = Gnuplot.executablePath() else { throw XCTSkip("gnuplot not installed") }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gp-comma-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try t.csv().write(to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    let outbase = dir.appendingPathComponent("figure").path
    let r = try Gnuplot.run(script: "outbase = '\(outbase)'\ncd '\(dir.path)'\n" + script, executable: gnuplot)
    XCTAssertEqual(r.status, 0, r.output)
    XCTAssertFalse(r.output.contains("no datablock"), r.output)
    XCTAssertTrue(FileManager.default.fileExists(atPath: outbase + ".png"))
  }

  func testMultiplotForSeveralPanelsAndQuoting() throws {
    let plot = PlotSpec(
      title: "It's two", x: "x_m", xLabel: "x",
      panels: [.init(y: ["e_eV"], yLabel: "e"), .init(y: ["w_eV"], yLabel: "w")])
    let s = try GnuplotScript.make(plot: plot, table: groupedTable())
    XCTAssertTrue(s.contains("set multiplot layout 1,2 title 'It''s two'"))
    XCTAssertEqual(s.components(separatedBy: "unset multiplot").count - 1, 2, "once per terminal")
    XCTAssertEqual(GnuplotScript.panelLayout(5).rows, 2)
  }

  func testContourEmbedsGridWithBlankLineBetweenScans() throws {
    var t = ResultTable(columns: ["x", "y", "z"])
    for x in [1.0, 0.0] { for y in [0.0, 1.0] { t.append([x, y, x + y]) } }
    let plot = PlotSpec(
      title: "c", kind: .contour(z: "z", levels: 4), x: "x", xLabel: "x", panels: [.init(y: ["y"], yLabel: "y")])
    let s = try GnuplotScript.make(plot: plot, table: t)
    XCTAssertTrue(s.contains("$grid << EOD\n0.0 0.0 0.0\n0.0 1.0 1.0\n\n1.0 0.0 1.0\n1.0 1.0 2.0\nEOD\n"), s)
    XCTAssertTrue(s.contains("set cntrparam levels 4"))
  }

  func testMissingColumnIsAnError() {
    let plot = PlotSpec(title: "t", x: "nope", xLabel: "x", panels: [.init(y: ["e_eV"], yLabel: "e")])
    XCTAssertThrowsError(try GnuplotScript.make(plot: plot, table: groupedTable())) {
      XCTAssertTrue("\($0)".contains("'nope'"))
    }
  }

  func plot() -> PlotSpec {
    PlotSpec(title: "t", x: "x_m", xLabel: "x", panels: [.init(y: ["e_eV"], yLabel: "e")], groupBy: "band")
  }

  func testWithoutGnuplotDataAndScriptAreWritten() throws {
    let outcome = try FigureRenderer.write(table: groupedTable(), plot: plot(), to: directory, gnuplot: .some(nil))
    XCTAssertEqual(outcome, .gnuplotMissing)
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
    XCTAssertEqual(names, ["data.csv", "figure.gp"])
  }

  func testWithGnuplotPNGAndSVGAreWritten() throws {
    guard let gnuplot = Gnuplot.executablePath() else { throw XCTSkip("gnuplot not installed") }
    let outcome = try FigureRenderer.write(table: groupedTable(), plot: plot(), to: directory, gnuplot: gnuplot)
    XCTAssertEqual(outcome, .rendered)
    let png = try Data(contentsOf: URL(fileURLWithPath: directory + "/figure.png"))
    XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "PNG signature")
    let svg = try String(contentsOfFile: directory + "/figure.svg", encoding: .utf8)
    XCTAssertTrue(svg.contains("<svg"))
    XCTAssertTrue(svg.contains("up+") && svg.contains("down-"), "legend entries in the SVG")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    XCTAssertTrue(names.allSatisfy { !$0.hasPrefix(".") }, "temporary files renamed or removed: \(names)")
  }

  func testFailingGnuplotLeavesNoPicture() throws {
    let fake = directory + "/fake-gnuplot"
    try "#!/bin/sh\necho 'line 3: broken terminal' >&2\nexit 1\n".write(toFile: fake, atomically: true, encoding: .utf8)
    chmod(fake, 0o755)
    let out = directory + "/fig"
    let outcome = try FigureRenderer.write(table: groupedTable(), plot: plot(), to: out, gnuplot: fake)
    XCTAssertEqual(outcome, .gnuplotFailed("line 3: broken terminal"))
    XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: out)), ["data.csv", "figure.gp"])
  }

  func testCSVReadingRoundTrip() throws {
    var t = groupedTable()
    t.append([.number(9), .text("a, \"quoted\""), .number(-1e-300), .number(.nan)])
    let back = try ResultTable(csv: t.csv())
    XCTAssertEqual(back.columns, t.columns)
    XCTAssertEqual(back.rows.count, t.rows.count)
    XCTAssertEqual(back.rows.last?[1], .text("a, \"quoted\""))
    XCTAssertEqual(back.rows.last?[2], .number(-1e-300))
    XCTAssertEqual(back.csv(), t.csv())
    XCTAssertThrowsError(try ResultTable(csv: "a,b\n1\n")) { XCTAssertTrue("\($0)".contains("line 2")) }
  }
}

/// `reproduce` over an injected catalogue: built, failing and missing figures in index.md.
final class ReproductionTests: XCTestCase {
  func testIndexListsBuiltMissingAndFailedFiguresAndFilesAreComplete() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    struct Boom: Error, CustomStringConvertible { var description: String { "did not converge" } }
    let failing = Figure(id: "900-broken", seed: "900", caption: "Broken") { throw Boom() }
    let reproduction = Reproduction(
      figures: FigureCatalogue.testFixtures + [failing],
      planned: [("900-missing", "Seed 900: not built"), ("test-curves", "fixture curves"), ("900-broken", "Broken")])
    XCTAssertEqual(reproduction.knownIDs, ["900-missing", "test-curves", "900-broken", "test-contour"])
    XCTAssertThrowsError(try reproduction.validate(ids: ["nope"])) {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "figure")
    }

    let report = try reproduction.run(
      ids: ["test-curves", "900-broken", "900-missing"], outputDirectory: dir,
      provenance: Provenance(toolVersion: "t", gitRevision: "abc"), gnuplot: .some(nil))
    XCTAssertEqual(report.runs.map(\.id).sorted(), ["900-broken", "test-curves"])
    XCTAssertEqual(report.missing, ["900-missing"])
    XCTAssertEqual(report.failed.map(\.id), ["900-broken"])
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir + "/test-curves"))
    XCTAssertEqual(files, ["data.csv", "figure.gp", "meta.json"])
    XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/900-broken/meta.json"))
    let index = try String(contentsOfFile: dir + "/index.md", encoding: .utf8)
    XCTAssertTrue(index.contains("| 900-missing | Seed 900: not built | missing — not yet implemented |"), index)
    XCTAssertTrue(
      index.contains("| test-curves | fixture curves | built | [data](test-curves/data.csv) (gnuplot-missing)"), index)
    XCTAssertTrue(index.contains("| 900-broken | Broken | failed: did not converge |"), index)
    XCTAssertTrue(index.contains("| test-contour | TEST FIXTURE: contours of x² − y² | not run"), index)
    XCTAssertTrue(index.contains("### test-curves\n\n- paper: ∫₀^{2π} sin²(x) dx = π | ours: 3.1416"), index)
    XCTAssertTrue(index.contains("(git abc)"))

    // A later run of another figure keeps test-curves listed as built (from its meta.json).
    _ = try reproduction.run(
      ids: ["test-contour"], outputDirectory: dir, provenance: Provenance(toolVersion: "t"), gnuplot: .some(nil))
    let second = try String(contentsOfFile: dir + "/index.md", encoding: .utf8)
    XCTAssertTrue(second.contains("| test-curves | fixture curves | built |"), second)
    XCTAssertTrue(second.contains("| test-contour | TEST FIXTURE: contours of x² − y² | built |"), second)
  }

  func testLongFiguresAreSkippedUnlessAskedForAndListedAsLong() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-long-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let curves = FigureCatalogue.testFixtures.first { $0.id == "test-curves" }!
    let long = Figure(id: "900-long", seed: "900", caption: "Long", long: true) { try curves.compute() }
    let reproduction = Reproduction(
      figures: [curves, long], planned: [("900-long", "Long"), ("test-curves", "curves")])
    let provenance = Provenance(toolVersion: "t")
    let all = try reproduction.run(ids: nil, outputDirectory: dir, provenance: provenance, gnuplot: .some(nil))
    XCTAssertEqual(all.runs.map(\.id), ["test-curves"])
    let index = try String(contentsOfFile: dir + "/index.md", encoding: .utf8)
    XCTAssertTrue(
      index.contains("| 900-long | Long | long — run with `reproduce --long` or `--figure 900-long` |"), index)
    let named = try reproduction.run(
      ids: ["900-long"], outputDirectory: dir, provenance: provenance, gnuplot: .some(nil))
    XCTAssertEqual(named.runs.map(\.id), ["900-long"])
    try FileManager.default.removeItem(atPath: dir)
    let withLong = try reproduction.run(
      ids: nil, outputDirectory: dir, provenance: provenance, gnuplot: .some(nil), includeLong: true)
    XCTAssertEqual(Set(withLong.runs.map(\.id)), ["test-curves", "900-long"])
  }

  func testPlannedIDsAreUniqueAndCatalogueFiguresArePlanned() {
    let ids = FigureCatalogue.planned.map(\.id)
    XCTAssertEqual(Set(ids).count, ids.count)
    for figure in FigureCatalogue.all {
      XCTAssertTrue(ids.contains(figure.id), "\(figure.id) not in FigureCatalogue.planned")
    }
  }

  /// The fixture's comparison is a real check: the trapezoid rule on a full period of sin² is
  /// exact up to round-off (1e-12).
  func testFixtureComparisonValue() {
    XCTAssertEqual(FigureCatalogue.trapezoidSinSquared(), Double.pi, accuracy: 1e-12)
  }
}
