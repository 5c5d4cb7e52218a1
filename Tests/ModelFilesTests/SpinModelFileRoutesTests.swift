@testable import Diagnostics
import Foundation
@testable import LinearAlgebra
import SpinTransport
@testable import Studies
import XCTest

/// The second routes of `magnon exact` on systems written as spin model files: the exact jᶻ by the
/// operator against the twist derivative, and exact diagonalisation against classical + linear
/// spin waves as S grows. Every number comes from the catalogue entry specialised for the file,
/// as `spintransport magnon exact --model FILE` computes it.
final class SpinModelFileRoutesTests: XCTestCase {
  var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("spin-routes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

  /// `magnon exact --model` on `text` at `given` (ids of the entry or of the file's parameters):
  /// the row by column name, and the metadata.
  func exact(
    _ text: String, _ given: [String: ParameterValue]
  ) throws -> (
    cell: (String) -> Double, metadata: [String: JSONValue]
  ) {
    let url = directory.appendingPathComponent("model-\(UUID().uuidString).toml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    let entry = try MagnonExactComputation().specialized(modelFile: url)
    var v = ParameterValues(defaultsOf: entry.parameters)
    v["model"] = .text(url.path)
    for (id, value) in given {
      XCTAssertNotNil(entry.parameter(named: id), "the entry for the file takes \(id)")
      v[id] = value
    }
    try entry.check(v)
    let r = try entry.evaluate(v)
    let names = entry.outputNames, row = r.rows[0]
    return ({ name in row[names.firstIndex(of: name)!].number ?? .nan }, r.metadata)
  }

  /// A ring whose field winds twice (screw symmetry, six momentum sectors) with XXZ exchange and a
  /// Dzyaloshinskii–Moriya vector along z (both invariant under rotations about z).
  static let woundXXZ = """
    family = "spin"
    geometry = "ring"
    sites = 6
    spin = 0.5

    [params]
    h = { value = 0.8, unit = "K" }
    latitude = { value = 0.7, unit = "rad" }

    [exchange]
    Jxy = 1
    Jz = 0.6
    D = [0, 0, 0.3]

    [field]
    unit = "K"
    vector = ["h*sin(latitude)*cos(-4*pi*j/N)", "h*sin(latitude)*sin(-4*pi*j/N)", "h*cos(latitude)"]
    """

  /// Alternating spins ½ and 1, XXZ + DM along z, and irregular fields along z: no screw, but Sᶻ
  /// conserved, so every bond carries the same jᶻ in any stationary state (continuity at each site:
  /// a field along z exerts no torque on Sᶻ).
  static let irregularZ = """
    family = "spin"
    geometry = "ring"
    sites = 6
    spin = "0.5 + 0.5*mod(j, 2)"

    [params]
    W = { value = 1.2, unit = "K" }

    [exchange]
    Jxy = 1
    Jz = 0.4
    D = [0, 0, 0.5]

    [field]
    unit = "K"
    vector = [0, 0, "W*cos(2.7*j*j + 1)"]
    """

  func testTwistEqualsOperatorOnUserModels() throws {
    // spin_current_z_K is bond 0's ⟨jᶻ⟩ (operator); spin_current_z_twist_K is −(1/N_b)∂F/∂δ with every
    // bond twisted, which by Hellmann–Feynman is the bond average of ⟨jᶻ⟩. Both files make every bond's
    // current equal (the screw maps bond to bond; Sᶻ conservation with fields along z gives continuity),
    // so the two routes must agree. The twist is a 5-point stencil of step 1e-3: truncation ~1e-13·F⁽⁵⁾,
    // rounding ~1e-15·|F|/1e-3 ≈ 1e-11 K for |F| ≲ 10 K: 1e-7 relative plus 2e-11 K (as for the library's
    // own rings). T = 0 is left out: a level crossing at δ = 0 would put a kink into E₀(δ).
    for (name, text, sectors, sz) in [
      ("twice-wound XXZ+DM", Self.woundXXZ, 6, false), ("irregular z fields", Self.irregularZ, 1, true),
    ] {
      for t in [0.4, 2.0] {
        let r = try exact(text, ["temperature_K": .number(t)])
        let op = r.cell("spin_current_z_K"), twist = r.cell("spin_current_z_twist_K")
        XCTAssertGreaterThan(abs(op), 1e-4, "\(name): a vanishing current would make this test empty")
        XCTAssertEqual(twist, op, accuracy: 1e-7 * abs(op) + 2e-11, "\(name) T = \(t)")
        XCTAssertEqual(r.metadata["momentum_sectors"], .integer(sectors), name)
        XCTAssertEqual(r.metadata["sz_conserved"], .bool(sz), name)
      }
    }
  }

  func testExactDiagonalisationApproachesTheClassicalLimitAsSGrows() throws {
    // A three-site ring of spin S (a file parameter) with XXZ + DM exchange and an irregular,
    // non-coplanar field h_j = S b_j: the classical texture does not depend on S, and the 1/S
    // expansion of the exact twist current reads j(S) = S² j_cl + S j₁ + O(S⁰), where S² j_cl is the
    // classical current and S² j_cl + S j₁ classical + LSWT (Colpa, zero-point included), both at the
    // file's own classical ground state. So (j − classical)/S² falls like 1/S and (j − (classical +
    // LSWT))/S² like 1/S². Doubling S from 1 to 2 to 4, the first must halve and the second quarter,
    // each ±30 % (the next order, of relative size ~1/S, is still visible at S = 1; measured ratios
    // 0.45, 0.48 and 0.235, 0.234), and the LSWT correction must account for most of the classical
    // remainder at the largest S.
    let file = """
      family = "spin"
      geometry = "ring"
      sites = 3
      spin = "S"

      [params]
      S = { value = 1, min = 0.5, max = 10, help = "spin length" }
      b = { value = 1.5, unit = "K", help = "field per unit spin" }

      [exchange]
      Jxy = 1
      Jz = 0.8
      D = [0.1, -0.05, 0.3]

      [field]
      unit = "K"
      vector = [
        "S*b*sin(1 + 0.4*j*j)*cos(2.1*j + 0.3)",
        "S*b*sin(1 + 0.4*j*j)*sin(2.1*j + 0.3)",
        "S*b*cos(1 + 0.4*j*j)",
      ]
      """
    var remainders: [(s: Double, classical: Double, semiclassical: Double)] = []
    for s in [1.0, 2.0, 4.0] {
      let r = try exact(file, ["S": .number(s), "temperature_K": .number(0)])
      let j = r.cell("spin_current_z_twist_K")
      let classical = r.cell("classical_spin_current_z_K"), semi = r.cell("lswt_spin_current_z_K")
      XCTAssertTrue(j.isFinite && classical.isFinite && semi.isFinite, "S = \(s): \(j), \(classical), \(semi)")
      XCTAssertGreaterThan(abs(classical), 1e-3 * s * s, "a vanishing classical current would make this test empty")
      remainders.append((s, (j - classical) / (s * s), (j - semi) / (s * s)))
    }
    for k in 1..<remainders.count {
      let (a, b) = (remainders[k - 1], remainders[k])
      XCTAssertEqual(b.classical / a.classical, 0.5, accuracy: 0.15, "\(remainders)")
      XCTAssertEqual(b.semiclassical / a.semiclassical, 0.25, accuracy: 0.075, "\(remainders)")
    }
    XCTAssertLessThan(abs(remainders[2].semiclassical), 0.2 * abs(remainders[2].classical), "\(remainders)")
  }

  func testSemiclassicalRouteBeyondExactDiagonalisationEqualsTheCrownsClosedFormMagnons() throws {
    // method = semiclassical at N = 40 (2^40 states: no exact route fits) on the crown preset, against
    // the built-in crown at the same point. The built-in ferromagnetic crown's LSWT is its closed-form
    // magnon spectrum (CrownSemiclassics); the file's is the general twist route (RingSemiclassics, a
    // 5-point stencil of step h = 1e-4 in the twist): two methods. Tolerance as for the preset at small
    // N: 1e-7 relative plus ten times the stencil's rounding, 1e-14·|E|/(N h) with |E| ≲ N(J S² + h S)
    // the ring's energy scale. The classical current is the same unique minimum found by Newton on both
    // sides: 1e-12 relative.
    let builtIn = MagnonExactComputation()
    let preset = try builtIn.specialized(modelFile: SpinModelFileTests.preset)
    var g = SplitMix64(seed: 4040)
    for _ in 0..<3 {
      let n = 40, s = [0.5, 1][Int(g.nextUnit() * 2)], j = 1 + 20 * g.nextUnit()
      let b = 0.5 + 4 * g.nextUnit(), latitude = 20 + 120 * g.nextUnit(), t = j * g.nextUnit()
      var a = ParameterValues(defaultsOf: builtIn.parameters), p = ParameterValues(defaultsOf: preset.parameters)
      p["model"] = .text(SpinModelFileTests.preset.path)
      for id in ["spin", "exchange_K", "field_T", "latitude_deg", "temperature_K"] {
        let value: Double = ["spin": s, "exchange_K": j, "field_T": b, "latitude_deg": latitude][id] ?? t
        a[id] = .number(value)
        p[id] = .number(value)
      }
      for v in [a, p] {
        var full = v
        full["spins"] = .integer(n)
        XCTAssertThrowsError(
          try (v == a ? builtIn : preset).check(full), "N = \(n) is beyond full exact diagonalisation")
      }
      for id in ["spins", "method"] {
        a[id] = id == "spins" ? .integer(n) : .text("semiclassical")
        p[id] = a[id]
      }
      try builtIn.check(a)
      try preset.check(p)
      let ra = try builtIn.evaluate(a), rp = try preset.evaluate(p)
      let names = builtIn.outputNames
      func cell(_ r: StudyEvaluation, _ name: String) -> Double {
        r.rows[0][names.firstIndex(of: name)!].number ?? .nan
      }
      let h = 1e-4, energy = Double(n) * (j * s * s + 1.4 * b * s)
      for name in ["lswt_spin_current_z_K", "lswt_thermal_spin_current_z_K", "nc_lswt_spin_current_z_K"] {
        let x = cell(ra, name), y = cell(rp, name)
        XCTAssertTrue(x.isFinite && y.isFinite, "\(name): \(x), \(y)")
        XCTAssertEqual(y, x, accuracy: 1e-7 * abs(x) + 10 * 1e-14 * energy / (Double(n) * h), "\(name) S=\(s) J=\(j)")
      }
      let x = cell(ra, "classical_spin_current_z_K"), y = cell(rp, "classical_spin_current_z_K")
      XCTAssertEqual(y, x, accuracy: 1e-12 * max(abs(x), j * s * s))
      // No exact column is computed, and the entry says so.
      XCTAssertTrue(cell(rp, "spin_current_z_K").isNaN)
      XCTAssertEqual(preset.uncomputedColumns(for: p)?.columns.contains("spin_current_z_K"), true)
      XCTAssertFalse(preset.defaultColumns(for: p).contains("energy_K"))
    }
  }
}
