@testable import Diagnostics
import Foundation
@testable import LinearAlgebra
@testable import ModelFiles
import SpinTransport
@testable import Studies
import XCTest

/// Texture and profile model files: the presets equal the built-in geometries, diffusion through
/// a CSV texture converges at the scheme's order and approaches the formula's texture, a formula
/// profile equals the built-in relaxation step, and bad files are refused before any computation.
final class TextureModelFileTests: XCTestCase {
  /// The repository's `models/` folder.
  static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("models")

  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("texture-model-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

  func write(_ text: String, _ name: String) throws -> URL {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// Rows of `computation` at `given` (the rest at defaults), as numbers.
  func rows(_ computation: any Computation, _ given: [String: ParameterValue]) throws -> [[Double]] {
    let e = try computation.evaluate(try computation.resolve(ParameterValues(given)))
    return (0..<e.rows.count).map { e.numbers(row: $0) }
  }

  /// The largest absolute difference of two tables of the same shape.
  func largestDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
    XCTAssertEqual(a.count, b.count)
    return zip(a, b).map { zip($0, $1).map { abs($0 - $1) }.max()! }.max() ?? .infinity
  }

  /// The interface preset reproduces `diffusion interface` at random points to 1e−12 (absolute, m
  /// normalised, |m| ≲ 3; x scaled by 1/L). Both sides build the same grid and evaluate the same
  /// closed forms, so the difference is rounding in the expressions (a few ulps) carried
  /// through a well-conditioned solve (backward error ~1e−16).
  func testInterfacePresetEqualsTheBuiltInAtRandomPoints() throws {
    let builtIn = DiffusionInterfaceComputation()
    let preset = try builtIn.specialized(modelFile: Self.models.appendingPathComponent("interface-texture.toml"))
    XCTAssertNotNil(preset.parameter(named: "wall-width"))
    var rng = SplitMix64(seed: 2026)
    for _ in 0..<6 {
      let length = 5e-9 + 45e-9 * rng.nextUnit()
      let given: [String: ParameterValue] = [
        "length_m": .number(length), "wall_width_m": .number(0.2e-9 + 5e-9 * rng.nextUnit()),
        "angle_deg": .number(180 * rng.nextUnit()), "precession_ratio": .number(1 + 99 * rng.nextUnit()),
        "points": .number(Double(51 + 2 * Int(rng.next() % 100))), "refinement": .number(4 * rng.nextUnit()),
      ]
      let a = try rows(builtIn, given)
      var withModel = given
      withModel["model"] = .text(Self.models.appendingPathComponent("interface-texture.toml").path)
      let b = try rows(preset, withModel)
      let scaled = { (t: [[Double]]) in t.map { [$0[0] / length] + $0.dropFirst() } }
      XCTAssertLessThanOrEqual(largestDifference(scaled(a), scaled(b)), 1e-12, "\(given)")
    }
  }

  /// The torus preset reproduces `diffusion torus` at random points to 1e−12, and the evolution
  /// (`diffusion evolve`, fixed step) from m = 0 on either texture agrees to 1e−12 after 6 steps.
  func testTorusPresetEqualsTheBuiltInAtRandomPoints() throws {
    let file = Self.models.appendingPathComponent("torus-texture.toml")
    let builtIn = DiffusionTorusComputation()
    let preset = try builtIn.specialized(modelFile: file)
    var rng = SplitMix64(seed: 7)
    for _ in 0..<5 {
      let side = 5e-9 + 45e-9 * rng.nextUnit()
      let given: [String: ParameterValue] = [
        "side_m": .number(side), "wall_width_m": .number(0.2e-9 + 3e-9 * rng.nextUnit()),
        "precession_ratio": .number(1 + 99 * rng.nextUnit()), "points": .number(Double(8 + Int(rng.next() % 300))),
      ]
      let a = try rows(builtIn, given)
      var withModel = given
      withModel["model"] = .text(file.path)
      let b = try rows(preset, withModel)
      let scaled = { (t: [[Double]]) in t.map { [$0[0] / side] + $0.dropFirst() } }
      XCTAssertLessThanOrEqual(largestDifference(scaled(a), scaled(b)), 1e-12, "\(given)")
    }
    let evolve = DiffusionEvolveComputation()
    let evolvePreset = try evolve.specialized(modelFile: file)
    let common: [String: ParameterValue] = [
      "points": .number(41), "steps": .number(6), "every": .number(3), "precession_ratio": .number(20),
    ]
    let a = try rows(
      evolve,
      common.merging(["geometry": .text("torus"), "length_m": .number(1e-8), "wall_width_m": .number(1e-9)]) {
        $1
      })
    let b = try rows(
      evolvePreset,
      common.merging(["model": .text(file.path), "side_m": .number(1e-8), "wall_width_m": .number(1e-9)]) { $1 })
    let scaled = { (t: [[Double]]) in t.map { [$0[0] * 1e13, $0[1] / 1e-8] + $0.dropFirst(2) } }
    XCTAssertLessThanOrEqual(largestDifference(scaled(a), scaled(b)), 1e-12)
  }

  /// A model file changes the physics it should: the interface preset with the right layer's
  /// direction reversed gives another profile (the equality above is not a pass-through).
  func testAnEditedPresetGivesAnotherProfile() throws {
    let text = try String(contentsOf: Self.models.appendingPathComponent("interface-texture.toml"), encoding: .utf8)
    let edited = try write(
      text.replacingOccurrences(of: "[\"sin(angle*pi/180)\", 0", with: "[\"-sin(angle*pi/180)\", 0"), "edited.toml")
    let builtIn = DiffusionInterfaceComputation()
    let given: [String: ParameterValue] = ["length_m": .number(1e-8), "points": .number(101)]
    let a = try rows(builtIn, given)
    let b = try rows(try builtIn.specialized(modelFile: edited), given.merging(["model": .text(edited.path)]) { $1 })
    XCTAssertGreaterThan(largestDifference(a, b), 1e-2)
  }

  /// The Néel wall n̂ = (sech(x/w), 0, −tanh(x/w)) as a CSV table (x_nm, m_x, m_y, m_z) and as a formula.
  func neelWallFiles(samples: Int) throws -> (table: URL, formula: URL) {
    let w = 4.0, l = 40.0
    var csv = "# Néel wall, w = 4 nm\nx_nm,m_x,m_y,m_z\n"
    for k in 0..<samples {
      let x = -l / 2 + l * Double(k) / Double(samples - 1)
      csv += "\(x),\(1 / cosh(x / w)),0,\(-tanh(x / w))\n"
    }
    _ = try write(csv, "wall-\(samples).csv")
    let grid = "[grid]\nstart = -20e-9\nend = 20e-9\n"
    let table = try write(
      "family = \"texture\"\n\(grid)\n[[region]]\ntable = \"wall-\(samples).csv\"\n", "wall-table-\(samples).toml")
    let formula = try write(
      """
      family = "texture"
      [params]
      w = { value = 4e-9, unit = "m" }
      \(grid)
      [[region]]
      direction = ["1/cosh(x/w)", 0, "-tanh(x/w)"]
      """, "wall-formula.toml")
    return (table, formula)
  }

  /// Grid convergence of `diffusion interface --model` on a CSV texture (81 samples every 0.5 nm):
  /// nested uniform grids of 81…641 nodes (a node on every sample), observed order of the
  /// successive differences log₂(d_h/d_{h/2}) within 1.8…2.2 (the scheme is second order; the
  /// texture's kinks sit on nodes). Then the CSV texture's profile approaches the formula's as
  /// the samples are refined, at second order (ratio 3.3…4.7 per halving of the sample spacing).
  func testDiffusionThroughACSVTextureConvergesAtSecondOrder() throws {
    let computation = DiffusionInterfaceComputation()
    let (table, formula) = try neelWallFiles(samples: 81)
    let specialised = try computation.specialized(modelFile: table)
    let base: [String: ParameterValue] = ["model": .text(table.path), "precession_ratio": .number(10)]
    let solutions = try [81, 161, 321, 641].map {
      try rows(specialised, base.merging(["points": .number(Double($0))]) { $1 })
    }
    var d: [Double] = []
    for k in 0..<3 {
      let coarse = solutions[k], fine = solutions[k + 1]
      d.append(coarse.indices.map { i in (1...3).map { abs(coarse[i][$0] - fine[2 * i][$0]) }.max()! }.max()!)
    }
    XCTAssertGreaterThan(d[0], 1e-8, "\(d)")
    for k in 0..<2 {
      let order = log2(d[k] / d[k + 1])
      XCTAssertGreaterThan(order, 1.8, "differences \(d)")
      XCTAssertLessThan(order, 2.2, "differences \(d)")
    }
    let points: [String: ParameterValue] = ["points": .number(801), "precession_ratio": .number(10)]
    let exact = try rows(
      try computation.specialized(modelFile: formula), points.merging(["model": .text(formula.path)]) { $1 })
    var differences: [Double] = []
    for samples in [41, 81, 161] {
      let file = try neelWallFiles(samples: samples).table
      let p = try rows(try computation.specialized(modelFile: file), points.merging(["model": .text(file.path)]) { $1 })
      differences.append(largestDifference(p, exact))
    }
    for k in 0..<2 {
      XCTAssertGreaterThan(differences[k] / differences[k + 1], 3.3, "\(differences)")
      XCTAssertLessThan(differences[k] / differences[k + 1], 4.7, "\(differences)")
    }
  }

  /// The spiral example is invariant under a shift by one node combined with a rotation about x
  /// (600 nodes, 200 per pitch): the steady |m| is the same at every node to rounding (1e−9
  /// relative: a cyclic block solve of 600 nodes), m ≠ 0, and |m| falls as the pitch shortens
  /// (faster turning, the accumulation lags further behind m_eq = n̂).
  func testSpiralAccumulationIsUniformAlongTheRing() throws {
    let file = Self.models.appendingPathComponent("examples/spiral.toml")
    let spiral = try DiffusionTorusComputation().specialized(modelFile: file)
    var means: [Double] = []
    for pitch in [1e-8, 2e-8] {
      let r = try rows(
        spiral, ["model": .text(file.path), "pitch_m": .number(pitch), "precession_ratio": .number(10)])
      XCTAssertEqual(r.count, 600)
      let norms = r.map { ($0[1] * $0[1] + $0[2] * $0[2] + $0[3] * $0[3]).squareRoot() }
      let mean = norms.reduce(0, +) / Double(norms.count)
      XCTAssertGreaterThan(mean, 1e-3)
      XCTAssertLessThanOrEqual(norms.map { abs($0 - mean) }.max()!, 1e-9 * mean)
      means.append(mean)
    }
    XCTAssertLessThan(means[0], means[1])
  }

  /// A texture table written inline (columns, or the direction as rows [m_x, m_y, m_z]) holds the
  /// numbers of the CSV table written with the same decimals, so `diffusion interface` gives the
  /// same doubles through both (exact equality: the same samples enter the same solver).
  func testInlineTextureTableEqualsTheCSVTable() throws {
    let (csvModel, _) = try neelWallFiles(samples: 41)
    let csv = try String(contentsOf: directory.appendingPathComponent("wall-41.csv"), encoding: .utf8)
    let records = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: ",") }
    func column(_ k: Int) -> String { "[" + records.map { String($0[k]) }.joined(separator: ", ") + "]" }
    let grid = "family = \"texture\"\n[grid]\nstart = -20e-9\nend = 20e-9\n\n[[region]]\n"
    let columns = try write(
      grid + "table = { x_nm = \(column(0)), m_x = \(column(1)), m_y = \(column(2)), m_z = \(column(3)) }\n",
      "inline-columns.toml")
    let vectors = records.map { "[\($0[1]), \($0[2]), \($0[3])]" }.joined(separator: ", ")
    let rowsForm = try write(grid + "table = { x_nm = \(column(0)), m = [\(vectors)] }\n", "inline-rows.toml")
    let computation = DiffusionInterfaceComputation()
    let given: [String: ParameterValue] = ["points": .number(161), "precession_ratio": .number(10)]
    func profile(_ file: URL) throws -> [[Double]] {
      try rows(try computation.specialized(modelFile: file), given.merging(["model": .text(file.path)]) { $1 })
    }
    let reference = try profile(csvModel)
    XCTAssertEqual(try profile(columns), reference)
    XCTAssertEqual(try profile(rowsForm), reference)
  }

  /// A profile table written inline gives `relaxation evolve` the doubles of the same CSV table.
  func testInlineProfileTableEqualsTheCSVTable() throws {
    let x = (0...20).map { -5 + 0.5 * Double($0) }
    let dM = x.map { exp(-$0 * $0 / 3) }, dm = x.map { -0.25 * exp(-($0 - 1) * ($0 - 1)) }
    _ = try write("x,dM,dm\n" + (0..<x.count).map { "\(x[$0]),\(dM[$0]),\(dm[$0])" }.joined(separator: "\n"), "p.csv")
    let fromCSV = try write("family = \"profile\"\n[profile]\ntable = \"p.csv\"\n", "p-csv.toml")
    func list(_ v: [Double]) -> String { "[" + v.map { "\($0)" }.joined(separator: ", ") + "]" }
    let inline = try write(
      "family = \"profile\"\n[profile]\ntable = { x = \(list(x)), dM = \(list(dM)), dm = \(list(dm)) }\n",
      "p-inline.toml")
    let evolve = RelaxationEvolveComputation()
    let common: [String: ParameterValue] = [
      "xi": .number(0.3), "points": .number(40), "times_r": .numbers([0, 1]), "method": .text("fixed-step"),
    ]
    func run(_ file: URL) throws -> [[Double]] {
      try rows(try evolve.specialized(modelFile: file), common.merging(["model": .text(file.path)]) { $1 })
    }
    let reference = try run(fromCSV)
    XCTAssertEqual(try run(inline), reference)
    XCTAssertGreaterThan(reference.count, 1)
  }

  /// A profile model file with the step as a formula, dM = h(1 − sign(x − x₀))/2 (h/2 on the
  /// step, like the built-in), reproduces `relaxation evolve --initial step` to 1e−12 (the same
  /// numbers enter the same integrator), and ∫(M + m)dx is conserved for a formula profile.
  func testFormulaProfileEqualsTheBuiltInStep() throws {
    let file = try write(
      """
      family = "profile"
      [params]
      height = { value = 1.0, help = "step height" }
      at = { value = 0.0, help = "step position, 1/k_M" }
      [profile]
      dM = "height*(1 - sign(x - at))/2"
      """, "step.toml")
    let evolve = RelaxationEvolveComputation()
    let model = try evolve.specialized(modelFile: file)
    let common: [String: ParameterValue] = [
      "xi": .number(0.3), "points": .number(60), "times_r": .numbers([0, 1, 3]), "method": .text("fixed-step"),
    ]
    let a = try rows(evolve, common.merging(["step_height": .number(0.7), "step_position_kM": .number(1.5)]) { $1 })
    let b = try rows(
      model, common.merging(["model": .text(file.path), "height": .number(0.7), "at": .number(1.5)]) { $1 })
    XCTAssertLessThanOrEqual(largestDifference(a, b), 1e-12)
    let e = try model.evaluate(try model.resolve(ParameterValues(common.merging(["model": .text(file.path)]) { $1 })))
    func number(_ key: String) -> Double? {
      if case .number(let x) = e.metadata[key] { return x }
      return nil
    }
    let first = number("integral_M_plus_m_first"), last = number("integral_M_plus_m_last")
    XCTAssertNotNil(first)
    // No lattice decay: conserved to rounding by TR-BDF2 (1e−10 relative: see EvolutionTests).
    XCTAssertEqual(last!, first!, accuracy: 1e-10 * abs(first!))
  }

  /// Bad files are refused at file:line:column before any computation, as the located error.
  func testBadFilesAreRefusedWithTheirLocation() throws {
    let computation = DiffusionInterfaceComputation()
    func refused(_ toml: String, _ csv: String? = nil, at place: String, _ text: String, line: UInt = #line) throws {
      if let csv { _ = try write(csv, "t.csv") }
      let file = try write(toml, "bad.toml")
      XCTAssertThrowsError(
        try {
          let c = try computation.specialized(modelFile: file)
          _ = try rows(c, ["model": .text(file.path), "points": .number(11)])
        }(), line: line
      ) { error in
        let e = error as? ModelFileError
        XCTAssertNotNil(e, "\(error)", line: line)
        XCTAssertTrue(e.map { "\($0)".contains(place) && $0.message.contains(text) } ?? false, "\(error)", line: line)
      }
    }
    let grid = "family = \"texture\"\n[grid]\nstart = 0\nend = 1e-8\n"
    try refused(grid + "[[region]]\ndirection = [0, 0, 1]\nmagnitude = \"1/(x-x)\"\n", at: "bad.toml:7:15", "division")
    try refused(grid + "[[region]]\ndirektion = [0, 0, 1]\n", at: "bad.toml:6:1", "did you mean direction")
    try refused(grid + "[[region]]\ndirection = [0, 0]\n", at: "bad.toml:6:13", "three components")
    try refused(grid + "[[region]]\ndirection = [0, 0, \"1/y\"]\n", at: "bad.toml:6:23", "unknown name y")
    try refused(grid + "[[region]]\ndirection = [0, 0, \"x - x\"]\n", at: "bad.toml:6:13", "(0, 0, 0)")
    let table = grid + "[[region]]\ntable = \"t.csv\"\n"
    try refused(table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n10,0,0,nan\n", at: "t.csv:3:8", "finite")
    try refused(table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n10,0,0,1\n5,0,0,1\n", at: "t.csv:4:1", "does not increase")
    try refused(table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n", at: "t.csv:1:1", "at least two")
    try refused(table, "x_nm,m_x,m_y,m_z,spin\n0,0,0,1,0\n10,0,0,1,0\n", at: "t.csv:1:18", "unknown column")
    try refused(table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n5,0,0,1\n", at: "bad.toml:6:9", "does not cover")
    try refused(table, "x_nm,m_x,m_y,m_z\n0,0,0,1\n10,0,0,-1\n", at: "t.csv:3:1", "turns by 180")
    let inline = grid + "[[region]]\ntable = "
    try refused(inline + "{ x_nm = [0, 10], m = [[0, 0, 1], [0, 1]] }\n", at: "bad.toml:6:43", "a row [x, y, z]")
    try refused(inline + "{ x_nm = [0, 10], m_x = [0, 0], m_y = [0], m_z = [1, 1] }\n", at: "bad.toml:6:47", "2 values")
    try refused(
      inline + "{ x_nm = [0, 10], m = [[0, 0, 1], [0, 0, 1]], m_z = [1, 1] }\n", at: "bad.toml:6:31", "not both")
    try refused(inline + "{ x_nm = [0, 10], m = [[0, 0, 1], [0, 0, \"x\"]] }\n", at: "bad.toml:6:50", "a number")
    try refused(inline + "{ x_nm = [0, 10], mm = [[0, 0, 1], [0, 0, 1]] }\n", at: "bad.toml:6:", "did you mean m")
    try refused(
      grid + "[boundary]\nleft = \"fixed\"\n[[region]]\ndirection = [0, 0, 1]\n", at: "bad.toml:6:8", "no-flux")
    try refused(
      "family = \"profile\"\n[profile]\ndM = 1\n", at: "bad.toml:1:10", "\"texture\" for this computation")
  }
}
