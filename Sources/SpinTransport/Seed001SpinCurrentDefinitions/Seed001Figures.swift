import Diagnostics
import Foundation
import SpinCurrentDefinitions
import Studies

extension FigureCatalogue {
  /// Bray-Ali and Nussinov (docs/model-reference.md). The paper has no numerical figure; this
  /// one shows its Eqs. 9–11 on a concrete model.
  public static var seed001: [Figure] {
    [
      Figure(
        id: "001-definitions", seed: "001", caption: caption("001-definitions"), studies: [Seed001Figure.study]
      ) { try Seed001Figure.definitionsVersusRashba($0[0]) }
    ]
  }
}

/// The spin-current-definitions figure and its parameters (in one place).
///
/// Parameters and why: an open chain of 24 sites (long enough for a smooth α dependence,
/// 48×48 matrices so 41 points take milliseconds), t = 1 eV, Zeeman B = 0.3 eV along
/// n̂ = (0, 1, 1)/√2 (the default direction: B ∥ z, B ⊥ z, B in the xz plane or along y each
/// force the σ_z currents to vanish by symmetry, see SpinOrbitLattice), μ = −0.5 eV (below
/// half filling, away from the particle–hole symmetric point), T = 300 K, α from 0 to 0.8 eV.
enum Seed001Figure {
  static let sites = 24
  static let hopping = 1.0
  static let zeeman = 0.3
  static let mu = -0.5
  static let temperature = 300.0
  static let rashbaValues = (0...40).map { 0.8 * Double($0) / 40 }

  /// The `definitions-check` entry over α (the default Zeeman direction n̂ = (0, 1, 1)/√2:
  /// polar 45°, azimuth 90°): thermal value by definition.
  static var study: FigureStudy {
    typealias P = DefinitionsParameters
    return FigureStudy(
      computation: DefinitionsCheckComputation(), title: "Equilibrium spin currents versus Rashba coupling",
      fixed: [
        P.sites.id: .number(Double(sites)), P.hopping.id: .number(hopping), P.zeeman.id: .number(zeeman),
        P.mu.id: .number(mu), P.temperature.id: .number(temperature),
      ],
      sweeps: [(P.rashba.id, rashbaValues.map(ParameterValue.number))], columns: ["definition", "thermal_value_eVa"])
  }

  /// Thermal values by definition at each α of ``study``'s table (rows: α, definition, value).
  static func thermalValues(_ table: ResultTable) -> [(alpha: Double, values: [String: Double])] {
    var out: [(alpha: Double, values: [String: Double])] = []
    for row in table.rows {
      guard let alpha = row[0].number, case .text(let name) = row[1], let value = row[2].number else { continue }
      if out.last?.alpha != alpha { out.append((alpha, [:])) }
      out[out.count - 1].values[name] = value
    }
    return out
  }

  /// Thermal ⟨j⟩, ⟨J⟩, ⟨𝒥⟩ and −⟨½{τ, X}⟩ versus α (long table: rashba_eV, definition,
  /// value_eVa; definition ∈ bare, shi, label (leading order), minus_torque_position), from
  /// ``study``'s table.
  static func definitionsVersusRashba(_ values: ResultTable) throws -> FigureResult {
    var table = ResultTable(columns: ["rashba_eV", "definition", "value_eVa"])
    table.metadata["parameters"] = .object([
      "sites": .integer(sites), "hopping_eV": .number(hopping), "zeeman_eV": .number(zeeman),
      "zeeman_direction": "(0, 1, 1)/√2", "mu_eV": .number(mu), "temperature_K": .number(temperature),
    ])
    var maxShi = 0.0
    var maxEq10 = 0.0
    var maxEq11 = 0.0
    var maxBare = 0.0
    var atZero = 0.0
    var atRashba03 = 0.0
    for (alpha, thermal) in thermalValues(values) {
      let value = { (name: String) in thermal[name] ?? .nan }
      let (j, shi, label, tx) = (value("bare"), value("shi"), value("label"), value("torque_position"))
      for (name, value) in [("bare", j), ("shi", shi), ("label", label), ("minus_torque_position", -tx)] {
        table.append([.number(alpha), .text(name), .number(value)])
      }
      maxShi = max(maxShi, abs(shi))
      maxEq10 = max(maxEq10, abs(j + tx))
      maxEq11 = max(maxEq11, abs(label + 2 * tx))
      maxBare = max(maxBare, abs(j))
      if alpha == 0 { atZero = max(abs(j), abs(shi), abs(label)) }
      if abs(alpha - 0.3) < 1e-12 { atRashba03 = j }
    }
    let f = { (x: Double) in String(format: "%.2e", x) }
    let plot = PlotSpec(
      title: "Equilibrium spin currents, Rashba chain (N = \(sites), B = \(zeeman) eV, "
        + "μ = \(mu) eV, T = \(Int(temperature)) K)",
      x: "rashba_eV", xLabel: "Rashba coupling α (eV)",
      panels: [.init(y: ["value_eVa"], yLabel: "thermal value (eV·a, ħ = 1)")],
      groupBy: "definition", groupLabel: "current", style: .linespoints)
    let comparisons = [
      "paper: ⟨J⟩ = 0 at any temperature (Eq. 9) | ours: max |⟨J⟩_T| = \(f(maxShi)) eV·a "
        + "(max |⟨j⟩_T| = \(f(maxBare)))",
      "paper: ⟨j⟩ = −⟨½{τ,X}⟩ (Eq. 10) | ours: max |⟨j⟩ + ⟨½{τ,X}⟩| = \(f(maxEq10)) eV·a",
      "paper: ⟨𝒥⟩ = −2⟨½{τ,X}⟩ + higher order (Eq. 11) | ours (leading-order 𝒥): "
        + "max deviation \(f(maxEq11)) eV·a",
      "paper: without spin–orbit coupling all three vanish in equilibrium | ours: at α = 0, "
        + "max(|j|, |J|, |𝒥|) = \(f(atZero)) eV·a",
      "paper: the bare current may persist in equilibrium | ours: ⟨j⟩_T = \(f(atRashba03)) eV·a at α = 0.3 eV",
    ]
    return FigureResult(table: table, plot: plot, comparisons: comparisons)
  }
}
