import Foundation
@testable import ModelFiles
import Numerics
import SpinTransport
import XCTest

/// Tight-binding model files against the built-in ring and against their own second routes.
final class TightBindingModelFileTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let preset = root.appendingPathComponent("models/hatano-nelson-ring.toml")
  static let trimer = root.appendingPathComponent("models/examples/trimer-ring.toml")
  static let chain = root.appendingPathComponent("models/examples/hatano-nelson-chain.toml")

  /// Rows of `entry` at `given` (resolved against the entry's schema, checked, evaluated).
  func rows(_ entry: any Computation, _ given: [String: ParameterValue]) throws -> [[Double]] {
    let values = try entry.resolve(ParameterValues(given))
    try entry.check(values)
    let e = try entry.evaluate(values)
    return e.rows.indices.map { e.numbers(row: $0) }
  }

  /// A random point of the paper's ring, with the ids the preset file also declares.
  func randomPoint(_ rng: inout some RandomNumberGenerator) -> [String: ParameterValue] {
    func r(_ range: ClosedRange<Double>) -> ParameterValue { .number(Double.random(in: range, using: &rng)) }
    return [
      "cells": .integer(Int.random(in: 3...9, using: &rng)), "gamma_eV": r(0.1...0.9), "t1_eV": r(-0.3...0.3),
      "t2_eV": r(0.7...1.3), "flux_phase_rad": r(-0.5...0.5), "exchange_eV": r(0...0.6), "theta_deg": r(0...180),
      "azimuth_deg": r(0...360), "onsite_eV": r(-0.2...0.2),
    ]
  }

  /// The preset reproduces `ring spectrum` and `ring currents` of the paper's ring at random
  /// points, clean (Bloch path on both sides) and disordered (AAH or Anderson, dense path on
  /// both sides), both current methods. Tolerance (operator method and spectrum) 1e−12 of the natural scale (energies: 1 eV
  /// and |E|; charge: the one-state current e·(1 eV)/ħ/M; spin: 1 eV/M): the two sides
  /// diagonalise the same Hamiltonian in two gauges of the flux (the preset spreads φ over
  /// every hop, the built-in puts it on the dimer bond), unitarily equivalent matrices whose
  /// eigenvalues and traces agree to rounding, ~1e−15 × the eigenvalue condition numbers.
  func testPresetEqualsTheBuiltInRing() throws {
    var rng = SystemRandomNumberGenerator()
    let spectrum = RingSpectrumComputation(), currents = RingCurrentsComputation()
    let modelSpectrum = try spectrum.specialized(modelFile: Self.preset)
    let modelCurrents = try currents.specialized(modelFile: Self.preset)
    let model: [String: ParameterValue] = ["model": .text(Self.preset.path)]
    for trial in 0..<8 {
      var point = randomPoint(&rng)
      let disordered = trial % 2 == 1
      if disordered {
        point["path"] = .text("dense")
        if trial % 4 == 1 {
          point["aah_eV"] = .number(Double.random(in: 0.1...1.5, using: &rng))
        } else {
          point["anderson_eV"] = .number(Double.random(in: 0.1...1.5, using: &rng))
          point["seed"] = .integer(Int.random(in: 0...1000, using: &rng))
          point["realisation"] = .integer(trial)
        }
      }
      let m = Double(2 * point["cells"]!.integer!)
      let a = try rows(spectrum, point), b = try rows(modelSpectrum, point.merging(model) { $1 })
      XCTAssertEqual(a.count, b.count)
      for (x, y) in zip(a, b) {
        let scale = max(1, abs(x[1]) + abs(x[2]))
        XCTAssertEqual(x[1], y[1], accuracy: 1e-12 * scale, "Re E at \(point)")
        XCTAssertEqual(x[2], y[2], accuracy: 1e-12 * scale, "Im E at \(point)")
      }
      for method in ["operator", "derivative"] where method == "operator" || trial < 2 {
        var p = point
        p["method"] = .text(method)
        p["mu_eV"] = .number(Double.random(in: -1.2...1.2, using: &rng))
        let x = try rows(currents, p)[0], y = try rows(modelCurrents, p.merging(model) { $1 })[0]
        let charge = PhysicalConstants.amperePerElectronVoltHopping / m, spin = 1 / m
        // The derivative route's own rounding, ε Σ|E| / δ with δ = 0.002/M, is ~1e−11 of the
        // scale on either side, so the two sides can only agree to 1e−9 there.
        let tolerance = method == "operator" ? 1e-12 : 1e-9
        for k in 0..<8 {
          XCTAssertEqual(x[k], y[k], accuracy: tolerance * (k < 2 ? charge : spin), "column \(k), \(method) at \(p)")
        }
      }
    }
  }

  /// Operator method = derivative method on the trimer ring (non-Hermitian, spin–orbit, a
  /// turning field) at several μ and fluxes: the derivative's five-point stencil is good to
  /// ~1e−9 relative here (step 0.002/M), so 1e−7 of the largest current.
  func testOperatorEqualsDerivativeOnAUserModel() throws {
    let entry = try RingCurrentsComputation().specialized(modelFile: Self.trimer)
    for (mu, phi) in [(0.2, 0.1), (-0.7, 0.3), (1.1, -0.2)] {
      let given: [String: ParameterValue] = [
        "model": .text(Self.trimer.path), "mu_eV": .number(mu), "flux_phase_rad": .number(phi), "cells": .integer(5),
      ]
      var d = given
      d["method"] = .text("derivative")
      let op = try rows(entry, given)[0], der = try rows(entry, d)[0]
      let scale = op.map(abs).max()!
      XCTAssertGreaterThan(scale, 1e-6)
      for k in 0..<8 { XCTAssertEqual(op[k], der[k], accuracy: 1e-7 * scale, "column \(k) at μ = \(mu), φ = \(phi)") }
    }
  }

  /// Kirchhoff: in the steady ring every link carries the same charge current, equal to the
  /// total of `ring currents` (same dense occupied projector; its commutator with H is below
  /// 1e−10 relative, so 1e−9 of the current is the tolerance), on the trimer and on the preset.
  /// The spin currents of the trimer differ between links (the turning field exerts a torque).
  func testBondCurrentsObeyKirchhoff() throws {
    for (file, mu) in [(Self.trimer, 0.2), (Self.preset, -0.5)] {
      let bonds = try RingBondCurrentsComputation().specialized(modelFile: file)
      let totals = try RingCurrentsComputation().specialized(modelFile: file)
      let given: [String: ParameterValue] = ["model": .text(file.path), "mu_eV": .number(mu), "cells": .integer(4)]
      var dense = given
      dense["path"] = .text("dense")
      let total = try rows(totals, dense)[0]
      let links = try rows(bonds, given)
      let scale = max(abs(total[0]), abs(total[1]))
      XCTAssertGreaterThan(scale, 1e-9)
      for link in links {
        XCTAssertEqual(
          link[3], total[0], accuracy: 1e-9 * scale, "Re I of link \(link[0]) of \(file.lastPathComponent)")
        XCTAssertEqual(link[4], total[1], accuracy: 1e-9 * scale, "Im I of link \(link[0])")
      }
      // The mean spin current of the links is the total (the links are all of length 1).
      for k in 2..<8 {
        let mean = links.map { $0[k + 3] }.reduce(0, +) / Double(links.count)
        XCTAssertEqual(mean, total[k], accuracy: 1e-9 * max(1e-6, abs(total[k])), "spin column \(k)")
      }
      if file == Self.trimer {
        let sz = links.map { $0[9] }
        XCTAssertGreaterThan(sz.max()! - sz.min()!, 1e-3, "spin current changes between links")
      }
    }
  }

  /// Bands of the preset at φ = 0 equal the paper's closed-form bands at the same k (as sets,
  /// sorted by Re E): the Bloch form comes from the same builder as the ring; 1e−12 eV.
  func testPresetBandsEqualTheClosedForm() throws {
    let entry = try RingBandsComputation().specialized(modelFile: Self.preset)
    let given: [String: ParameterValue] = [
      "gamma_eV": .number(0.4), "t1_eV": .number(0.1), "exchange_eV": .number(0.3), "flux_phase_rad": .number(0),
      "k_points": .integer(7),
    ]
    let builtIn = try RingBandsComputation().evaluate(try RingBandsComputation().resolve(ParameterValues(given)))
    let model = try entry.evaluate(
      try entry.resolve(ParameterValues(given.merging(["model": .text(Self.preset.path)]) { $1 })))
    XCTAssertEqual(builtIn.rows.count, model.rows.count)
    for k in stride(from: 0, to: builtIn.rows.count, by: 4) {
      func sorted(_ e: StudyEvaluation) -> [(Double, Double)] {
        // By Re E (to 1e−9: complex-conjugate pairs share Re E up to rounding), then Im E.
        (k..<(k + 4)).map { (e.numbers(row: $0)[2], e.numbers(row: $0)[3]) }.sorted {
          let a = ($0.0 * 1e9).rounded(), b = ($1.0 * 1e9).rounded()
          return a < b || (a == b && $0.1 < $1.1)
        }
      }
      for (a, b) in zip(sorted(builtIn), sorted(model)) {
        XCTAssertEqual(a.0, b.0, accuracy: 1e-12)
        XCTAssertEqual(a.1, b.1, accuracy: 1e-12)
      }
    }
  }

  /// The open Hatano–Nelson chain: a real spectrum equal to the analytic 2√(t² − g²) cos(mπ/(N+1))
  /// (each twice, spin), which the ring's complex spectrum is not; its condition numbers grow
  /// with N (skin effect). 1e−9 eV: the eigenvalues of this non-normal matrix carry rounding
  /// × κ ≲ 1e−13 × 1e4.
  func testOpenChainSpectrumIsTheAnalyticOne() throws {
    let entry = try RingStatesComputation().specialized(modelFile: Self.chain)
    var worst: [Double] = []
    for n in [8, 16] {
      let out = try rows(entry, ["model": .text(Self.chain.path), "cells": .integer(n)])
      let t = 1.0, g = 0.5
      let width: Double = 2 * (t * t - g * g).squareRoot()
      var exact: [Double] = []
      for m in 1...n {
        let e: Double = width * cos(Double(m) * Double.pi / Double(n + 1))
        exact += [e, e]
      }
      exact.sort()
      XCTAssertEqual(out.count, 2 * n)
      for (row, e) in zip(out, exact) {
        XCTAssertEqual(row[2], e, accuracy: 1e-9)
        XCTAssertEqual(row[3], 0, accuracy: 1e-9)
      }
      worst.append(out.map { $0[12] }.max()!)
    }
    XCTAssertGreaterThan(worst[1], 10 * worst[0], "condition numbers grow with the chain (skin effect): \(worst)")
  }
}
