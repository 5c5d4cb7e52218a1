import Foundation
import XCTest

/// The option layer under hostile input (hostile-input issue, classes 4–6), on every command
/// group: negative values parse everywhere and are refused with the allowed range only where
/// they are meaningless; parser errors say what is allowed; a single-valued option given twice
/// is an error naming it.
final class CommandLineHostileInputTests: XCTestCase {
  let crown = ["--spins", "8", "--field", "1", "--latitude", "30"]

  /// Negative values that are physically allowed are accepted (exit 0), whatever the option.
  func testNegativeValuesParseWhereAllowed() throws {
    for args in [
      ["ring", "currents", "--cells", "3", "--mu", "-0.5", "--flux-phase", "-0.2", "--theta", "-30"],
      ["ring", "spectrum", "--cells", "3", "--onsite", "-1e-1", "--gamma", "-.5"],
      ["diffusion", "interface", "--angle", "-30", "--points", "401"],
      ["relaxation", "wavevector", "--xi", "0.3", "--omega", "-1:1:3"],
      ["relaxation", "evolve", "--xi", "0.3", "--points", "20", "--times", "0,1", "--step-position", "-2"],
      ["magnon", "ground-state", "--spins", "8", "--field", "1", "--latitude", "30", "--exchange", "100"],
    ] {
      let r = try CLI.run(args)
      XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)")
      XCTAssertFalse(r.stdout.isEmpty, args.joined(separator: " "))
    }
  }

  /// Negative values where they are meaningless: refused with the range, never "Missing value".
  func testNegativeValuesRefusedWithTheRange() throws {
    let cases: [([String], [String])] = [
      (["ring", "currents", "--cells", "3", "--temperature", "-1"], ["--temperature", "-1", "[0, 100000] K"]),
      (["relaxation", "rates", "--xi", "-0.1", "--k2-ratio", "0:1:3"], ["--xi", "-0.1", "a number in [0, 1]"]),
      (["relaxation", "rates", "--xi", "0.3", "--k2-ratio", "-1:1:5"], ["--k2-ratio", "-1:1:5", "[0, 1e+12]"]),
      (["magnon", "ground-state", "--spins", "8", "--field", "-1", "--latitude", "30"], ["--field", "-1"]),
      (["magnon", "current"] + crown + ["--temperature", "-1"], ["--temperature", "-1", "[0, 10000] K"]),
      (["diffusion", "interface", "--length", "-1e-7"], ["--length", "-1e-7", "[1e-10, 0.01]"]),
      (["diffusion", "torus", "--side", "-1e-7"], ["--side", "-1e-7", "[1e-10, 0.01]"]),
      (
        ["definitions", "check", "--sites", "6", "--rashba", "0.3", "--zeeman", "0.4", "--temperature", "-5"],
        ["--temperature", "-5"]
      ),
    ]
    for (args, mentions) in cases {
      let r = try CLI.assertRefused(args, mentions: mentions)
      XCTAssertFalse(r.stderr.contains("Missing value"), r.stderr)
    }
  }

  /// Parser messages name the option, the value and what is allowed.
  func testParserMessagesSayWhatIsAllowed() throws {
    let cases: [([String], [String])] = [
      (["ring", "spectrum", "--cells", "2.5"], ["--cells", "2.5", "an integer ≥ 2"]),
      (["ring", "spectrum", "--cells", "abc"], ["--cells", "abc", "an integer ≥ 2"]),
      (["ring", "spectrum", "--cells", "99999999999999999999"], ["--cells", "99999999999999999999", "an integer"]),
      (["ring", "spectrum", "--cells", ""], ["--cells", "an integer ≥ 2"]),
      (["ring", "spectrum", "--cells"], ["--cells", "(missing)", "a value after --cells"]),
      (["ring", "spectrum", "--gamma", "abc"], ["--gamma", "abc", "a finite number"]),
      (["ring", "bands", "--k-points", "2.5"], ["--k-points", "2.5", "an integer ≥ 2"]),
      (["ring", "currents", "--method", "foo"], ["--method", "foo", "one of operator, derivative"]),
      (
        ["magnon", "ground-state", "--spins", "2.5", "--field", "1", "--latitude", "3"], ["--spins", "an integer ≥ 3"]
      ),
      (
        ["definitions", "check", "--sites", "x", "--rashba", "0.3", "--zeeman", "0.4"],
        ["--sites", "an integer from 2"]
      ),
      (["diffusion", "torus", "--points", "8.5"], ["--points", "an integer from 8 to 20000000"]),
      (["relaxation", "evolve", "--xi", "0.3", "--points", "2.5"], ["--points", "an integer from 3 to 1000000"]),
      (["relaxation", "rates", "--xi", "0.3"], ["--k2-ratio", "(missing)", "a value is required"]),
      (["run", "study.toml"], ["missing required option --out"]),
      (["ring", "spectrum", "-o"], ["--output", "(missing)"]),
    ]
    for (args, mentions) in cases { try CLI.assertRefused(args, mentions: mentions) }
  }

  /// A single-valued option given twice is refused naming it and both values; --vary twice is
  /// refused beyond two (a 2D grid at most); repeatable options (--figure) and flags still work.
  func testRepeatedOptionsAreErrors() throws {
    let dir = try CLI.temporaryDirectory()
    let a = dir.appendingPathComponent("a.csv").path
    let b = dir.appendingPathComponent("b.csv").path
    let cases: [([String], [String])] = [
      (["ring", "spectrum", "--cells", "10", "--cells", "20"], ["--cells", "10, 20", "give it once"]),
      (["ring", "spectrum", "--cells", "3", "-o", a, "-o", b], ["-o/--output", a, b]),
      (["ring", "spectrum", "--cells", "3", "--output", a, "--output=\(b)"], ["-o/--output", "2 times"]),
      (
        ["ring", "sweep", "--vary", "mu=0:1:3", "--vary", "gamma=0:1:2", "--vary", "theta=0:1:2"],
        ["--vary", "theta=0:1:2", "at most two"]
      ),
      (["magnon", "current"] + crown + ["--temperature", "1", "--temperature=-2"], ["--temperature", "1, -2"]),
      (["reproduce", "--out", a, "--out", b], ["--out", "give it once"]),
      (["relaxation", "rates", "--xi", "0.3", "--xi", "0.4", "--k2-ratio", "0:1:2"], ["--xi", "0.3, 0.4"]),
      (["diffusion", "interface", "--angle", "-30", "--angle", "30"], ["--angle", "-30", "give it once"]),
    ]
    for (args, mentions) in cases { try CLI.assertRefused(args, mentions: mentions, untouched: [a, b]) }
    XCTAssertFalse(FileManager.default.fileExists(atPath: a) || FileManager.default.fileExists(atPath: b))
    XCTAssertEqual(try CLI.run(["ring", "spectrum", "--cells", "3", "--quiet", "--quiet"]).status, 0)
    let list = try CLI.run(["reproduce", "--list", "--figure", "002-fig06", "--figure", "002-fig05"])
    XCTAssertEqual(list.status, 0, list.stderr)
  }
}
