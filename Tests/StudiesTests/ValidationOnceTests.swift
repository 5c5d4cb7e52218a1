@testable import Diagnostics
import Foundation
import SpinTransport
@testable import Studies
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
    XCTAssertEqual(c["ExactCrownRing.validate"], 1, "\(c)")
    XCTAssertEqual(c["SpinProductBasis.init"], 1, "\(c)")
    XCTAssertEqual(c["MemoryBudget.require(spins)"], 1, "the diagonalisation's memory, once: \(c)")
    XCTAssertEqual(c["MemoryBudget.require(sweep)"], 1, "the grid's memory, once: \(c)")
  }

  /// A model file is read and compiled once per specialised entry, not once per point: a study of
  /// three points reads it as often as a study of one (the study reader, its check of the points and
  /// the runner's entry each specialise once), and builds each point's system twice — checked in
  /// `prepare`, then evaluated (a point is self-contained: it may run on another rank or shard).
  func testModelFileIsReadOncePerEntryAndBuiltTwicePerPoint() throws {
    #if !DEBUG
      throw XCTSkip("validations are counted in debug builds only")
    #endif
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let tightBinding = "TightBindingModelFile.build"
    let cases: [(entry: String, file: String, sweep: String, values: [String], build: String)] = [
      ("ring-currents", "models/examples/trimer-ring.toml", "g_eV", ["0.1", "0.2", "0.3"], tightBinding),
      ("ring-spectrum", "models/hatano-nelson-ring.toml", "gamma_eV", ["0.5", "1", "1.5"], tightBinding),
      ("magnon-exact", "models/crown-ring.toml", "field_T", ["0.5", "1.25", "2"], "SpinModelFile.build"),
      ("magnon-ground-state", "models/crown-ring.toml", "field_T", ["0.5", "1.25", "2"], "SpinModelFile.build"),
    ]
    for c in cases {
      var loads: [Int] = []
      for values in [[c.values[0]], c.values] {
        let toml = """
          [study]
          model = "\(c.entry)"
          [parameters]
          model = "\(root.appendingPathComponent(c.file).path)"
          \(c.entry.hasPrefix("ring") ? "cells = 3" : "spins = 4")
          [[sweep]]
          parameter = "\(c.sweep)"
          values = [\(values.joined(separator: ", "))]
          """
        let counts = try ValidationCount.counting {
          let study = try Study.parse(toml: toml, file: "once.toml", catalogue: Catalogue.standard)
          let model = try Catalogue.standard.computation(for: study)
          _ = try StudyRunner.computeTable(study: study, model: model, checkpointDirectory: nil)
        }
        loads.append(counts["ModelDocument.load"] ?? 0)
        XCTAssertEqual(counts[c.build], 2 * values.count, "\(c.entry), \(values.count) points: \(counts)")
      }
      XCTAssertEqual(loads[1], loads[0], "\(c.entry): file reads do not grow with the points")
      XCTAssertLessThanOrEqual(loads[0], 3, "\(c.entry): one read per specialised entry")
    }
  }
}
