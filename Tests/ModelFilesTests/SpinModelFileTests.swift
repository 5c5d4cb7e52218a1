@testable import Diagnostics
import Foundation
@testable import LinearAlgebra
@testable import ModelFiles
import PhysicalConstants
import SpinTransport
@testable import SpinWaves
@testable import Studies
import XCTest

/// Spin model files: the crown preset against the built-in crown at random points, the file's
/// exchange and field forms against explicit library values, and located errors for bad files.
final class SpinModelFileTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static var preset: URL { root.appendingPathComponent("models/crown-ring.toml") }

  static func file(_ text: String) throws -> SpinModelFile {
    try SpinModelFile(document: try ModelDocument(text: text, file: "test.toml"), reserved: [])
  }

  /// The error of building `text` (at its defaults), as its one-line description.
  static func error(_ text: String) -> String? {
    do {
      let f = try file(text)
      var v = ParameterValues()
      for p in f.parameters { v[p.parameter.id] = p.parameter.defaultValue }
      _ = try f.build(f.point(v))
      return nil
    } catch let e as ModelFileError {
      return e.description
    } catch {
      return "not located: \(error)"
    }
  }

  func testPresetReproducesTheBuiltInCrownAtRandomPoints() throws {
    // The same Hamiltonian built two ways (the crown's fields h r̂_j vs the file's expressions in B,
    // ϑ, j/N times gμ_B): fields agree to ~1e-16 relative, so every exact column agrees to rounding
    // of the diagonalisation (~1e-14 relative): 1e-12 relative to the column's scale. The classical
    // ground state is the same minimum found by the same search (Newton to rounding): 1e-12 too.
    // The LSWT columns of the ferromagnetic crown are a second method here (the crown's closed-form
    // magnons vs the general twist route: 5-point stencil in δ with step h = 1e-4, whose roundoff
    // ~1e-14·|F|/(N h) is taken ten times over with |F| the ring's energy): that plus 1e-7 relative.
    let builtIn = MagnonExactComputation()
    let preset = try builtIn.specialized(modelFile: Self.preset)
    var g = SplitMix64(seed: 2026)
    let exactColumns = [
      "spin_current_z_K", "thermal_spin_current_z_K", "spin_current_radial_K", "spin_current_azimuthal_K", "energy_K",
      "free_energy_K", "specific_heat", "gap_K", "spin_a_radial", "spin_a_azimuthal", "spin_a_z", "spin_b_radial",
      "spin_b_azimuthal", "spin_b_z",
    ]
    // Columns on the classical ground state: compared where it is one well-conditioned minimum, the
    // ferromagnetic crown. The antiferromagnetic crown's classical minima come in pairs of equal energy
    // (the two Néel sublattice assignments), so which one a search reports is decided by rounding.
    let classicalColumns = ["classical_spin_current_z_K", "theta_m_deg", "longitudinal_spin_current_K"]
    let lswtColumns = [
      "lswt_spin_current_z_K", "lswt_thermal_spin_current_z_K", "nc_lswt_spin_current_z_K",
      "nc_lswt_thermal_spin_current_z_K", "lswt_gap_K",
    ]
    var compared = 0, lswtCompared = 0
    for point in 0..<8 {
      let n = 3 + Int(g.nextUnit() * 3)
      let s = [0.5, 1, 1.5][Int(g.nextUnit() * 3)]
      let j = (point % 2 == 0 ? 1 : -1) * (0.5 + 20 * g.nextUnit())
      let b = 0.2 + 4 * g.nextUnit(), gFactor = 1.5 + g.nextUnit(), latitude = 10 + 160 * g.nextUnit()
      let t = point < 3 ? 0 : 0.5 * abs(j) * g.nextUnit()
      var a = ParameterValues(defaultsOf: builtIn.parameters), p = ParameterValues(defaultsOf: preset.parameters)
      for id in ["spins", "temperature_K"] {
        a[id] = id == "spins" ? .integer(n) : .number(t)
        p[id] = a[id]
      }
      a["spin"] = .number(s)
      a["exchange_K"] = .number(j)
      a["field_T"] = .number(b)
      a["g"] = .number(gFactor)
      a["latitude_deg"] = .number(latitude)
      p["model"] = .text(Self.preset.path)
      p["spin"] = .number(s)
      p["exchange_K"] = .number(j)
      p["field_T"] = .number(b)
      p["g"] = .number(gFactor)
      p["latitude_deg"] = .number(latitude)
      for id in ["spin", "exchange_K", "field_T", "g", "latitude_deg"] {
        XCTAssertNotNil(preset.parameter(named: id), "the preset declares \(id)")
      }
      let ra = try builtIn.evaluate(a), rp = try preset.evaluate(p)
      let names = builtIn.outputNames
      func cell(_ r: StudyEvaluation, _ name: String) -> Double {
        r.rows[0][names.firstIndex(of: name)!].number ?? .nan
      }
      let scale = abs(j) * s * s
      // The twist route is a 5-point difference of F with step 1e-3: rounding of F (~1e-16·|F| from the
      // fields' own rounding) is amplified by ~1/1e-3, so 1e-12 of the scale plus 1e-12·|F|.
      let twistA = cell(ra, "spin_current_z_twist_K"), twistP = cell(rp, "spin_current_z_twist_K")
      XCTAssertEqual(twistP, twistA, accuracy: 1e-12 * (scale + abs(cell(ra, "free_energy_K"))), "twist at \(point)")
      for name in exactColumns + (j > 0 ? classicalColumns : []) {
        let x = cell(ra, name), y = cell(rp, name)
        if x.isNaN || y.isNaN {
          XCTAssertEqual(x.isNaN, y.isNaN, "\(name) at point \(point)")
          continue
        }
        XCTAssertEqual(y, x, accuracy: 1e-12 * max(abs(x), scale), "\(name) at N=\(n) S=\(s) J=\(j) T=\(t)")
        compared += 1
      }
      for name in j > 0 ? lswtColumns : [] {
        let x = cell(ra, name), y = cell(rp, name)
        guard x.isFinite, y.isFinite else { continue }
        let roundoff = 10 * 1e-14 * abs(cell(ra, "energy_K")) / (Double(n) * 1e-4)
        XCTAssertEqual(y, x, accuracy: 1e-7 * abs(x) + roundoff, "\(name) at N=\(n) S=\(s) J=\(j) T=\(t)")
        lswtCompared += 1
      }
    }
    XCTAssertGreaterThan(compared, 100)
    XCTAssertGreaterThan(lswtCompared, 10)
  }

  func testPresetGroundStateEqualsTheBuiltInFerromagneticCrown() throws {
    // magnon ground-state on the preset against the built-in at random ferromagnetic crowns: the same
    // classical energy written two ways (spin length S and J, or spin length 1 and J S², fields S h) and
    // the same unique minimum, found to rounding by Newton: 1e-12 of the energy scale N J S².
    let builtIn = MagnonGroundStateComputation()
    let preset = try builtIn.specialized(modelFile: Self.preset)
    var g = SplitMix64(seed: 7)
    for _ in 0..<4 {
      let n = 5 + Int(g.nextUnit() * 20), s = [0.5, 1, 2.5][Int(g.nextUnit() * 3)]
      let j = 1 + 50 * g.nextUnit(), b = 0.5 + 5 * g.nextUnit(), latitude = 10 + 160 * g.nextUnit()
      var a = ParameterValues(defaultsOf: builtIn.parameters), p = ParameterValues(defaultsOf: preset.parameters)
      p["model"] = .text(Self.preset.path)
      for (id, value) in [("spin", s), ("exchange_K", j), ("field_T", b), ("latitude_deg", latitude)] {
        a[id] = .number(value)
        p[id] = .number(value)
      }
      a["spins"] = .integer(n)
      p["spins"] = .integer(n)
      let ra = try builtIn.evaluate(a), rp = try preset.evaluate(p)
      let names = builtIn.outputNames
      func cell(_ r: StudyEvaluation, _ name: String) -> Double {
        r.rows[0][names.firstIndex(of: name)!].number ?? .nan
      }
      let scale = Double(n) * j * s * s
      XCTAssertEqual(cell(rp, "energy_K"), cell(ra, "energy_K"), accuracy: 1e-12 * scale)
      XCTAssertEqual(cell(rp, "theta_m_deg"), cell(ra, "theta_m_deg"), accuracy: 1e-12 * 180)
      XCTAssertEqual(cell(rp, "solid_angle"), cell(ra, "solid_angle"), accuracy: 1e-12 * 4 * Double.pi)
      XCTAssertEqual(cell(rp, "stable_minimum"), cell(ra, "stable_minimum"))
      guard case .array(let texture)? = rp.metadata["texture"] else { return XCTFail("texture in the metadata") }
      XCTAssertEqual(texture.count, n)
    }
  }

  func testExchangeAndFieldFormsBuildTheLibraryValues() throws {
    // Each form of the file against the matrix written out by hand, and the random field against
    // SplitMix64 drawn here; the geometry sets the bonds.
    let f = try Self.file(
      """
      family = "spin"
      geometry = "chain"
      sites = 4
      spin = "0.5 + mod(j, 2)"
      [exchange]
      Jxy = 2
      Jz = 3
      D = [0, 0, 0.5]
      [[bonds]]
      from = 0
      to = 2
      matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
      [field]
      unit = "K"
      vector = [0, 0, "j"]
      random = 0.25
      seed = 9
      """)
    let system = try f.build(f.point(ParameterValues()))
    XCTAssertEqual(system.spins, [0.5, 1.5, 0.5, 1.5])
    XCTAssertEqual(system.bonds.count, 4)  // 3 chain bonds + 1 extra
    XCTAssertEqual(system.bonds[0].coupling, [[-2, 0.5, 0], [-0.5, -2, 0], [0, 0, -3]])
    XCTAssertEqual(system.bonds[3].coupling, [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    XCTAssertEqual(system.bonds.map(\.first), [0, 1, 2, 0])
    var g = SplitMix64(seed: 9)
    for j in 0..<4 {
      let u = [g.nextUnit(), g.nextUnit(), g.nextUnit()]
      XCTAssertEqual(system.fields[j].x, 0.25 * (2 * u[0] - 1))
      XCTAssertEqual(system.fields[j].z, Double(j) + 0.25 * (2 * u[2] - 1))
    }
  }

  func testPerSiteSpinsBondsAndFieldBuildTheGivenValues() throws {
    // One spin and one field row per site and one exchange per bond, numbers or expressions, the
    // field in tesla: each site's field is g μ_B B of its row, computed here from the same numbers
    // in the same order, so equal.
    let rows: [[Double]] = [[0.25, -1.5, 0.125], [1e-3, 0, 2], [-0.75, 0.5, 1.0 / 3.0], [0, 0, 0]]
    let written = rows.map { "[\($0[0]), \($0[1]), \($0[2])]" }.joined(separator: ", ")
    let f = try Self.file(
      """
      family = "spin"
      sites = 4
      spin = [0.5, 1, "1.5", 2]
      g = 2.5
      [params]
      B = { value = 3 }
      [exchange]
      Jxy = [1, 2, "B", 4]
      Jz = 0.5
      [field]
      unit = "T"
      per_site = [\(written.replacingOccurrences(of: "[0.0, 0.0, 0.0]", with: "[0, 0, \"0*B\"]"))]
      """)
    let system = try f.build(f.point(ParameterValues(["B": .number(3)])))
    XCTAssertEqual(system.spins, [0.5, 1, 1.5, 2])
    XCTAssertEqual(system.bonds.map(\.coupling), [1.0, 2, 3, 4].map { [[-$0, 0, 0], [0, -$0, 0], [0, 0, -0.5]] })
    let scale = PhysicalConstants.zeemanKelvinPerTesla(g: 2.5)
    for j in 0..<4 {
      XCTAssertEqual(system.fields[j], Vector3(scale * rows[j][0], scale * rows[j][1], scale * rows[j][2]))
    }
  }

  func testBadFilesGiveOneLocatedError() throws {
    let head = "family = \"spin\"\nsites = 4\nspin = 0.5\n"
    let cases: [(String, String, String)] = [
      (head + "[exchange]\nJ = 1\nJx = 2\n", "test.toml:6:1:", "unknown key"),
      (head + "[exchange]\nmatrix = [[1, 0], [0, 1]]\n", "test.toml:5:", "3×3"),
      (head + "[exchange]\nJ = nan\n", "test.toml:5:", "finite"),
      (head + "[exchange]\nJ = \"1/(j - j)\"\n", "test.toml:5:", "division by zero"),
      (head + "[exchange]\nJ = \"2*(1\"\n", "test.toml:5:8:", "missing \")\""),
      (head + "[exchange]\nJ = \"Jxy\"\n", "test.toml:5:", "Jxy"),
      (head + "[exchange]\nJ = 1\n[field]\nunit = \"K\"\nvector = [0, \"im\", 0]\n", "test.toml:8:15:", "a real value"),
      ("family = \"spin\"\nsites = 100000000\nspin = 0.5\n[exchange]\nJ = 1\n", "test.toml:2:", "100000"),
      ("family = \"spin\"\nsites = 4\nspin = 0.7\n[exchange]\nJ = 1\n", "test.toml:3:", "multiple of 1/2"),
      (head, "test.toml:1:1:", "exchange"),
      (
        head + "[exchange]\nJ = 1\n[field]\nunit = \"K\"\nper_site = [[0, 0, 1], [0, 1]]\n", "test.toml:8:24:",
        "one row [x, y, z]"
      ),
      ("family = \"spin\"\nsites = 4\nspin = [0.5, 1]\n[exchange]\nJ = 1\n", "test.toml:3:8:", "2 values"),
      (
        head + "[exchange]\nJ = [1, 2]\n", "test.toml:5:5:",
        "2 values (allowed: one per nearest-neighbour bond, 4 values)"
      ),
      (head + "[[bonds]]\nfrom = 0\nto = 1\nJ = [1, 2]\n", "test.toml:7:5:", "a number or an expression"),
      (
        head + "[exchange]\nJ = 1\n[field]\nunit = \"K\"\nper_site = [[0, 0, 1]]\n", "test.toml:8:12:",
        "1 rows (allowed: one row [x, y, z] per site, 4 rows)"
      ),
      (
        head + "[exchange]\nJ = 1\n[field]\nunit = \"K\"\nvector = [0, 0, 1]\nper_site = [[0, 0, 1]]\n",
        "test.toml:9:12:", "not both"
      ),
    ]
    for (text, location, fragment) in cases {
      let e = Self.error(text)
      XCTAssertNotNil(e, text)
      XCTAssertTrue(e?.hasPrefix(location) ?? false, "\(e ?? "no error") should start with \(location)")
      XCTAssertTrue(e?.contains(fragment) ?? false, "\(e ?? "") should name \(fragment)")
      XCTAssertFalse(e?.contains("\n") ?? true)
    }
  }
}
