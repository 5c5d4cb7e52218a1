import Diagnostics
import SpinTransport
import Studies
import XCTest

/// One point of a study is resolved, checked and evaluated once each: every given value is
/// validated against its domain once, the physics validator runs once, the route is chosen
/// once, the memory is checked once and the spin basis is built once (counted by
/// ``/Diagnostics/ValidationCount`` in debug builds). A second validation anywhere on the path
/// (parse → prepare → run → evaluate) makes a count 2 and fails these tests.
final class ValidationOnceTests: XCTestCase {
  /// Parses `toml` against the shipped catalogue and computes its table, counting validations.
  func counts(_ toml: String, rows expected: Int = 1) throws -> [String: Int] {
    #if !DEBUG
      throw XCTSkip("validations are counted in debug builds only")
    #endif
    var rows = 0
    let counts = try ValidationCount.counting {
      let study = try Study.parse(toml: toml, file: "once.toml", catalogue: Catalogue.standard)
      let model = Catalogue.standard.computation(named: study.modelName)!
      rows = try StudyRunner.computeTable(study: study, model: model, checkpointDirectory: nil).table.rows.count
    }
    XCTAssertEqual(rows, expected, "one point: \(expected) row(s)")
    return counts
  }

  /// `ring currents --gamma 1.5` as a study file: a clean ring (Bloch path) at γ = 1.5 eV.
  func testRingCurrentsPointIsValidatedOnce() throws {
    let c = try counts(
      """
      [study]
      model = "ring-currents"
      [parameters]
      gamma_eV = 1.5
      """)
    XCTAssertEqual(c["Parameter.validate"], 1, "one given value, validated once: \(c)")
    XCTAssertEqual(c["HatanoNelsonRing.validate"], 1, "\(c)")
    XCTAssertEqual(c["RingSpectrum.concretePath"], 1, "\(c)")
    XCTAssertEqual(c["MemoryBudget.require(cells)"], 1, "the point's memory, once: \(c)")
    XCTAssertEqual(c["MemoryBudget.require(sweep)"], 1, "the grid's memory, once: \(c)")
  }

  /// The other ring entries with a path: the ring validated, and its path chosen, once per point.
  func testRingSpectrumAndStatesPointsAreValidatedOnce() throws {
    for model in ["ring-spectrum", "ring-states"] {
      let c = try counts(
        """
        [study]
        model = "\(model)"
        [parameters]
        cells = 6
        """, rows: 24)
      XCTAssertEqual(c["HatanoNelsonRing.validate"], 1, "\(model): \(c)")
      XCTAssertEqual(c["RingSpectrum.concretePath"], 1, "\(model): \(c)")
      XCTAssertEqual(c["MemoryBudget.require(cells)"], 1, "\(model): \(c)")
    }
  }

  /// `magnon exact` at N = 4 (full exact diagonalisation with the twist route and the classical
  /// and LSWT columns): the crown parameters are validated once, the product basis built once
  /// (the four twisted rings share it), the memory of the diagonalisation checked once.
  func testMagnonExactPointIsValidatedOnce() throws {
    // An exchange no other test uses, so no table computed earlier in this process is reused.
    let c = try counts(
      """
      [study]
      model = "magnon-exact"
      [parameters]
      spins = 4
      exchange_K = 13.25
      field_T = 2
      latitude_deg = 45
      """)
    XCTAssertEqual(c["Parameter.validate"], 4, "four given values, each validated once: \(c)")
    XCTAssertEqual(c["ExactCrownParameters.validate"], 1, "\(c)")
    XCTAssertEqual(c["SpinProductBasis.init"], 1, "\(c)")
    XCTAssertEqual(c["MemoryBudget.require(spins)"], 1, "the diagonalisation's memory, once: \(c)")
    XCTAssertEqual(c["MemoryBudget.require(sweep)"], 1, "the grid's memory, once: \(c)")
  }
}
