import Foundation
import XCTest

/// Texture and profile model files from the command line: located one-line errors before any
/// output, `model check --format json` of the worked examples checked against closed forms,
/// the `--profile` shorthand equal to a profile file with the same table, and the worked
/// examples' files equal to what docs/model-files.md shows.
final class TextureModelFileCLITests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func testBadTextureAndProfileFilesAreOneLocatedLine() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let grid = "family = \"texture\"\n[grid]\nstart = 0\nend = 1e-8\n"
    let table = grid + "[[region]]\ntable = \"t.csv\"\n"
    // (model file, CSV table or nil, command, file:line:column relative to dir, words)
    let interface = ["diffusion", "interface", "--points", "11"]
    let cases: [(String, String?, [String], String, String)] = [
      (
        grid + "[[region]]\ndirection = [0, 0, 1]\nmagnitude = \"1/(x-x)\"\n", nil, interface, "bad.toml:7:15",
        "division"
      ),
      (grid + "[[region]]\ndirection = [0, 0, \"inf\"]\n", nil, interface, "bad.toml:6:21", "unknown name inf"),
      (table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n10,0,0,inf\n", interface, "t.csv:3:8", "a finite number"),
      (table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n10,0,0,1\n10,0,1,1\n", interface, "t.csv:4:1", "does not increase"),
      (table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n", interface, "t.csv:1:1", "at least two"),
      (table, "x_nm,m_x,m_y,m_z,m_w\n0,0,0,1,0\n10,0,0,1,0\n", interface, "t.csv:1:18", "unknown column \"m_w\""),
      (
        grid + "[[region]]\ndirection = [0, 0, 1]\n[[region]]\nstart = 2e-8\ndirection = [1, 0, 0]\n", nil,
        ["diffusion", "evolve", "--points", "11", "--steps", "1"], "bad.toml:8:9", "grid's end"
      ),
      (
        "family = \"profile\"\n[profile]\ndM = \"1/(x - x)\"\n", nil, ["relaxation", "evolve", "--points", "11"],
        "bad.toml:3:8", "division"
      ),
      (
        "family = \"profile\"\n[profile]\ntable = \"t.csv\"\n", "x,dM\n0,1\n-1,0\n", ["relaxation", "evolve"],
        "t.csv:3:1", "does not increase"
      ),
      (
        "family = \"profile\"\n[profile]\ndm = 1\nspeed = 2\n", nil, ["relaxation", "evolve"], "bad.toml:4:1",
        "unknown key profile.speed"
      ),
    ]
    for (toml, csv, command, place, words) in cases {
      if let csv { try csv.write(to: dir.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8) }
      let file = dir.appendingPathComponent("bad.toml")
      try toml.write(to: file, atomically: true, encoding: .utf8)
      let r = try CLI.run(command + ["--model", file.path])
      XCTAssertEqual(r.status, 2, "\(toml): \(r.stderr)")
      XCTAssertEqual(r.stdout, "", toml)
      XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
      XCTAssertTrue(
        r.stderr.hasPrefix("spintransport: error: \(dir.standardizedFileURL.path)/\(place)"), "\(place): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains(words), "\(words): \(r.stderr)")
    }
  }

  func json(_ args: [String]) throws -> [String: Any] {
    let r = try CLI.run(args, directory: Self.root)
    XCTAssertEqual(r.status, 0, r.stderr)
    return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
  }

  /// `model check --format json` of the Néel-wall example: the texture on the grid nodes lies
  /// within the normalised-interpolation bound h²/(4w²) = (0.5 nm)²/(4·(4 nm)²) ≈ 3.9e−3 of the
  /// closed-form wall the table was sampled from, with |M/M₀| = 1, and the left end is held at
  /// the equilibrium there.
  func testNeelWallCheckHoldsTheSampledWall() throws {
    let j = try json(["model", "check", "models/examples/neel-wall.toml", "--format", "json"])
    let x = try XCTUnwrap(j["x_m"] as? [Double])
    let m = try XCTUnwrap(j["M_over_M0"] as? [[Double]])
    XCTAssertEqual(x.count, 401)
    XCTAssertEqual(m.count, 401)
    let w = 4e-9, bound = 0.5 * 0.5 / (4 * 4 * 4)
    var worst = 0.0
    for (xi, mi) in zip(x, m) {
      let exact = [1 / cosh(xi / w), 0, -tanh(xi / w)]
      worst = max(worst, sqrt(zip(mi, exact).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)))
      XCTAssertEqual(sqrt(mi.map { $0 * $0 }.reduce(0, +)), 1, accuracy: 1e-14)
    }
    XCTAssertLessThanOrEqual(worst, bound)
    XCTAssertGreaterThan(worst, 1e-6, "the comparison sees the interpolation error")
    let ends = try XCTUnwrap(j["ends"] as? [String: Any])
    XCTAssertEqual((ends["right"] as? [String: Any])?["kind"] as? String, "no-flux")
  }

  /// `model check --format json` of the Gaussian example: ∫(dM + dm)dx on the grid equals the
  /// closed form ½√π·width (the midpoint rule is exponentially accurate for a Gaussian far
  /// from the ends: 1e−10 is rounding-level), and dM at each point is the formula.
  func testGaussianProfileCheckMatchesTheClosedForm() throws {
    let j = try json(["model", "check", "models/examples/gaussian-profile.toml", "--format", "json"])
    let total = try XCTUnwrap(j["integral_M_plus_m"] as? Double)
    XCTAssertEqual(total, 0.5 * Double.pi.squareRoot() * 2, accuracy: 1e-10)
    let x = try XCTUnwrap(j["x_kM"] as? [Double]), dM = try XCTUnwrap(j["dM"] as? [Double])
    for (xi, d) in zip(x, dM) { XCTAssertEqual(d, exp(-((xi - 3) / 2) * ((xi - 3) / 2)), accuracy: 1e-15) }
  }

  /// `--initial file --profile FILE.csv` and a profile model file naming the same table print
  /// the same rows (one mechanism; both runs here, compared byte for byte in the same run).
  func testProfileShorthandEqualsAProfileFile() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("hat.csv")
    try "x,dM,dm\n-5,0,0\n0,1,0.25\n5,0,0\n".write(to: csv, atomically: true, encoding: .utf8)
    let model = dir.appendingPathComponent("hat.toml")
    try "family = \"profile\"\n[profile]\ntable = \"hat.csv\"\n".write(to: model, atomically: true, encoding: .utf8)
    let common = ["relaxation", "evolve", "--xi", "0.3", "--points", "41", "--times", "0,1"]
    let a = try CLI.run(common + ["--initial", "file", "--profile", csv.path])
    let b = try CLI.run(common + ["--model", model.path])
    XCTAssertEqual(a.status, 0, a.stderr)
    XCTAssertEqual(b.status, 0, b.stderr)
    XCTAssertEqual(a.stdout, b.stdout)
    XCTAssertGreaterThan(a.stdout.split(separator: "\n").count, 80)
  }

  /// The worked examples' files are the ones docs/model-files.md shows (its TOML blocks that
  /// start with the file's title), so the commands there run on what the reader sees.
  func testWorkedExampleFilesAreAsShown() throws {
    let page = try String(contentsOf: Self.root.appendingPathComponent("docs/model-files.md"), encoding: .utf8)
    let blocks = page.components(separatedBy: "```toml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
    for name in ["neel-wall.toml", "gaussian-profile.toml", "spiral.toml"] {
      let file = try String(
        contentsOf: Self.root.appendingPathComponent("models/examples/\(name)"), encoding: .utf8)
      XCTAssertTrue(blocks.contains { $0 + "\n" == file }, "\(name) differs from the page")
    }
  }
}
