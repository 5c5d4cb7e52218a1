import Foundation
import SpinTransport
@testable import Studies
import XCTest

/// Physics modules name parameters by their schema id, never by a command-line flag: only the
/// CLI renders `--flag`, only the study reader renders `file:line: key`.
final class PhysicsErrorNamingTests: XCTestCase {
  static let physicsModules = [
    "TightBinding", "SpinWaves", "SpinCurrentDefinitions", "SpinDiffusion", "LongitudinalRelaxation",
  ]

  /// A string literal of Swift source and the code before it (comments dropped, earlier
  /// literals written as `"S"`).
  struct Literal {
    let text: String
    let precedingCode: String
    /// Help text of a parameter declaration (`help: "…" + "…"`): shown by `--help`, not an error.
    var isHelp: Bool {
      var code = Substring(precedingCode)
      while true {
        let trimmed = code.drop(whileBackwards: { $0.isWhitespace || $0 == "+" })
        if trimmed.hasSuffix("\"S\"") {
          code = trimmed.dropLast(3)
        } else {
          return trimmed.hasSuffix("help:")
        }
      }
    }
  }

  /// Every string literal of `source` outside comments (plain and multi-line; interpolations
  /// and the literals inside them are part of the enclosing literal).
  static func literals(in source: String) -> [Literal] {
    let c = Array(source)
    var out: [Literal] = []
    var code = ""
    var i = 0
    func at(_ k: Int) -> Character? { k < c.count ? c[k] : nil }
    while i < c.count {
      if c[i] == "/", at(i + 1) == "/" {
        while i < c.count, c[i] != "\n" { i += 1 }
      } else if c[i] == "/", at(i + 1) == "*" {
        i += 2
        while i < c.count, !(c[i] == "*" && at(i + 1) == "/") { i += 1 }
        i += 2
      } else if c[i] == "\"" {
        let multi = at(i + 1) == "\"" && at(i + 2) == "\""
        i += multi ? 3 : 1
        var text = ""
        while i < c.count {
          if c[i] == "\\" {
            text.append(c[i])
            if at(i + 1) == "(" {
              // An interpolation: up to the matching parenthesis, skipping nested literals.
              var depth = 0
              i += 1
              repeat {
                if c[i] == "\"" {
                  text.append(c[i])
                  i += 1
                  while i < c.count, c[i] != "\"" {
                    if c[i] == "\\" {
                      text.append(c[i])
                      i += 1
                    }
                    text.append(c[i])
                    i += 1
                  }
                }
                if c[i] == "(" { depth += 1 }
                if c[i] == ")" { depth -= 1 }
                text.append(c[i])
                i += 1
              } while depth > 0 && i < c.count
              continue
            }
            if let n = at(i + 1) { text.append(n) }
            i += 2
            continue
          }
          if multi, c[i] == "\"", at(i + 1) == "\"", at(i + 2) == "\"" {
            i += 3
            break
          }
          if !multi, c[i] == "\"" {
            i += 1
            break
          }
          text.append(c[i])
          i += 1
        }
        out.append(Literal(text: text, precedingCode: code))
        code += "\"S\""
      } else {
        code.append(c[i])
        i += 1
      }
    }
    return out
  }

  /// Literals that spell a command-line flag (`--points`) and are not parameter help.
  static func flagSpellings(in source: String) -> [String] {
    literals(in: source).filter { !$0.isHelp && $0.text.range(of: "--[a-z]", options: .regularExpression) != nil }
      .map(\.text)
  }

  /// The scanner finds a flag in an error text and a warning, and ignores comments and help.
  func testScannerFindsFlagsInErrorTextsOnly() {
    let source = """
      /// Use `--points` to refine (a doc comment).
      // increase --points
      /* --block */
      throw InvalidParameter("points", n, allowed: "an integer (increase --points)")
      let w = NumericalWarning(kind: "k", message: "spacing \\(h) m: " + "increase --points", value: 1)
      static let p = Parameter.real("d", flag: "d", symbol: "d", help: "Distance " + "(give this or --grid).")
      let s = "\\(x ? "--a" : "b") plain"
      """
    XCTAssertEqual(
      Self.flagSpellings(in: source),
      ["an integer (increase --points)", "increase --points", "\\(x ? \"--a\" : \"b\") plain"])
  }

  /// No physics module's error or warning text spells a command-line flag.
  func testNoPhysicsErrorTextSpellsAFlag() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    var found: [String] = []
    var files = 0
    for module in Self.physicsModules {
      let dir = root.appendingPathComponent("Sources/\(module)")
      for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".swift") {
        files += 1
        let source = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        found += Self.flagSpellings(in: source).map { "\(module)/\(name): \($0)" }
      }
    }
    XCTAssertGreaterThan(files, 50, "the physics sources were read")
    XCTAssertEqual(found, [], "flag spellings in physics error texts:\n" + found.joined(separator: "\n"))
  }

  // MARK: - Cross-parameter errors in study files: `file:line: parameters.KEY`

  /// `toml` fails with a study-file error on `parameters.<key>` at `line`, as one line that
  /// names the key and spells no flag.
  func assertStudyError(
    _ toml: String, key: String, line: Int, mentions: String, file: StaticString = #filePath, at: UInt = #line
  ) {
    XCTAssertThrowsError(
      try Study.parse(toml: toml, file: "ex.toml", catalogue: Catalogue.standard), file: file, line: at
    ) { error in
      guard let e = error as? StudyFileError else {
        return XCTFail("not a study-file error: \(error)", file: file, line: at)
      }
      let text = e.description
      XCTAssertTrue(
        text.hasPrefix("ex.toml:\(line): invalid value for parameters.\(key): "), text, file: file, line: at)
      XCTAssertTrue(text.contains(mentions), text, file: file, line: at)
      XCTAssertNil(text.range(of: "--[a-z]", options: .regularExpression), text, file: file, line: at)
      XCTAssertFalse(text.contains("\n"), text, file: file, line: at)
    }
  }

  /// Hatano–Nelson ring: the Bloch path on an Anderson-disordered ring names anderson_eV (not aah).
  func testRingBlochPathWithDisorder() {
    assertStudyError(
      """
      [study]
      model = "ring-currents"
      [parameters]
      path = "bloch"
      anderson_eV = 1
      """, key: "anderson_eV", line: 5, mentions: "0 for path = bloch")
  }

  /// Spin waves: J = 0 (inside the schema's range, refused by the exact ring) and an odd N for two sublattices.
  func testMagnonExactZeroExchangeAndOddFerrimagnet() {
    assertStudyError(
      """
      [study]
      model = "magnon-exact"
      [parameters]
      spins = 4
      exchange_K = 0
      field_T = 2
      latitude_deg = 45
      """, key: "exchange_K", line: 5, mentions: "|J|")
    assertStudyError(
      """
      [study]
      model = "magnon-exact"
      [parameters]
      spins = 5
      spin_b = 1
      field_T = 2
      latitude_deg = 45
      """, key: "spins", line: 4, mentions: "spin_b ≠ spin")
  }

  /// Eq. 15/16 alone: |h| = 0 with Ω a multiple of 2π (a zero-energy magnon) names zeeman_K.
  func testMagnonFormulaZeroEnergyMagnon() {
    assertStudyError(
      """
      [study]
      model = "magnon-formula"
      [parameters]
      solid_angle = 6.283185307179586
      gap_K = 0.2
      zeeman_K = 0
      temperature_K = 1
      """, key: "zeeman_K", line: 6, mentions: "zero-energy magnon")
  }

  /// Spin-current definitions: more particles than the lattice has levels.
  func testDefinitionsTooManyParticles() {
    assertStudyError(
      """
      [study]
      model = "definitions-check"
      [parameters]
      sites = 4
      rashba_eV = 0.1
      zeeman_eV = 0.05
      particles = 100
      """, key: "particles", line: 7, mentions: "100")
  }

  /// Spin diffusion: a starting angle on the torus, which starts from m = 0.
  func testDiffusionTorusWithStartingAngle() {
    assertStudyError(
      """
      [study]
      model = "diffusion-evolve"
      [parameters]
      geometry = "torus"
      from_angle_deg = 30
      """, key: "from_angle_deg", line: 5, mentions: "geometry torus")
  }

  /// Longitudinal relaxation: a time step with the adaptive integrator.
  func testRelaxationTimeStepWithAdaptiveMethod() {
    assertStudyError(
      """
      [study]
      model = "relaxation-evolve"
      [parameters]
      method = "adaptive"
      time_step_r = 0.01
      """, key: "time_step_r", line: 5, mentions: "method = fixed-step")
  }
}

extension Substring {
  /// The substring without the trailing characters that satisfy `predicate`.
  fileprivate func drop(whileBackwards predicate: (Character) -> Bool) -> Substring {
    var s = self
    while let last = s.last, predicate(last) { s = s.dropLast() }
    return s
  }
}
