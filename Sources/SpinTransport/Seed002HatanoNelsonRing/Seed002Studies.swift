import Diagnostics
import Foundation
import Numerics
import TightBinding

/// Computations behind the Hatano–Nelson figures (parameters in ``Seed002Parameters``).
enum Seed002Studies {
  typealias P = Seed002Parameters

  static let spinPanels = [
    PlotSpec.Panel(y: ["re_spin_x"], yLabel: "Re I_s^x (eV)"),
    PlotSpec.Panel(y: ["re_spin_y"], yLabel: "Re I_s^y (eV)"),
    PlotSpec.Panel(y: ["re_spin_z"], yLabel: "Re I_s^z (eV)"),
  ]

  /// The numbers of a table row (numeric cells; text cells are NaN).
  static func numbers(_ row: [TableValue]) -> [Double] { row.map { $0.number ?? .nan } }

  /// Figs. 2–4: one point of `ring-bands` at φ = 0.
  static func bandsStudies(gamma: Double) -> [FigureStudy] {
    let entry = RingBandsComputation()
    var fixed = P.fixed(entry, gamma: gamma)
    fixed[RingParameters.fluxPhase.id] = .number(0)
    fixed[RingParameters.kPoints.id] = .number(Double(P.kPoints))
    return [FigureStudy(computation: entry, title: "Complex bands, γ = \(gamma) eV", fixed: fixed)]
  }

  /// Figs. 2–4: Re/Im E(k) of the four branches (closed form, checked against the Bloch and
  /// dense diagonalisations in the tests), from ``bandsStudies(gamma:)``.
  static func bands(gamma: Double, _ tables: [ResultTable]) throws -> FigureResult {
    let e = tables[0]
    var table = ResultTable(columns: ["k", "band", "re_energy", "im_energy"], warnings: e.warnings)
    for row in e.rows { table.append(row) }
    table.metadata["computation"] = .string(RingBandsComputation().name)
    table.metadata["figure_parameters"] = "t1 = 0, t2 = 1 eV, h = 0.3 eV, φ = 0, ε = 0"
    // Half the separation of the ± branches of one spin (rows up+, up-, down+, down- per k): the root √(…) itself.
    let re = e.rows.map { numbers($0)[2] }
    let im = e.rows.map { numbers($0)[3] }
    let realGap = stride(from: 0, to: re.count, by: 4).map { abs((re[$0] - re[$0 + 1]) / 2) }.min()!
    let imaginaryGap = stride(from: 0, to: im.count, by: 4).map { abs((im[$0] - im[$0 + 1]) / 2) }.min()!
    let regime =
      gamma < P.t2
      ? "real line gap (topological)"
      : gamma == P.t2
        ? "gap closes at q = 0 (critical)"
        : "imaginary gap (trivial)"
    let plot = PlotSpec(
      title: "Complex bands, γ = \(gamma) eV", x: "k", xLabel: "k (rad)",
      panels: [
        PlotSpec.Panel(y: ["re_energy"], yLabel: "Re E (eV)"), PlotSpec.Panel(y: ["im_energy"], yLabel: "Im E (eV)"),
      ],
      groupBy: "band", groupLabel: "band")
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "paper: \(regime) | ours: min_k |Re √| = \(fmt(realGap)) eV, min_k |Im √| = \(fmt(imaginaryGap)) eV "
          + "(spin branches split by 2h = \(fmt(2 * P.exchange)) eV)"
      ])
  }

  /// φ grid over two periods (−2π/N, 2π/N), at cell midpoints so the critical ring's exact
  /// exceptional points (k − φ ≡ 0 mod π on the k grid) are never hit.
  static var fluxGrid: [Double] {
    let period = 2 * Double.pi / Double(P.cells)
    return (0..<P.fluxPoints).map { -period + 2 * period * (Double($0) + 0.5) / Double(P.fluxPoints) }
  }

  /// Fig. 5: `ring-spectrum` over γ × φ.
  static var spectrumStudies: [FigureStudy] {
    typealias R = RingParameters
    let entry = RingSpectrumComputation()
    return [
      FigureStudy(
        computation: entry, title: "Spectrum versus flux phase (N = \(P.cells))",
        fixed: P.fixed(entry, gamma: nil, except: [R.fluxPhase.id]),
        sweeps: [
          (R.gamma.id, P.gammas.map(ParameterValue.number)), (R.fluxPhase.id, fluxGrid.map(ParameterValue.number)),
        ])
    ]
  }

  /// Fig. 5: the whole spectrum versus φ for each regime, from ``spectrumStudies``.
  static func spectrumVersusFlux(_ tables: [ResultTable]) throws -> FigureResult {
    var table = ResultTable(columns: ["gamma", "flux_phase", "index", "re_energy", "im_energy"])
    for row in tables[0].rows { table.append(numbers(row)) }
    table.warnings = tables[0].warnings
    table.metadata["computation"] = .string(RingSpectrumComputation().name)
    table.metadata["figure_parameters"] = .string(
      "N = \(P.cells), h = \(P.exchange) eV, θ = \(P.thetaDegrees)°, ϕ = \(P.azimuthDegrees)°")
    let plot = PlotSpec(
      title: "Spectrum versus flux phase (N = \(P.cells))", x: "flux_phase", xLabel: "flux phase φ (rad)",
      panels: [
        PlotSpec.Panel(y: ["re_energy"], yLabel: "Re E (eV)"), PlotSpec.Panel(y: ["im_energy"], yLabel: "Im E (eV)"),
      ],
      groupBy: "gamma", groupLabel: "γ (eV)", style: .points)
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "paper: spectrum periodic in φ with period 2π/N | ours: grid spans two periods of "
          + "2π/\(P.cells) = \(fmt(2 * .pi / Double(P.cells))) rad"
      ])
  }

  /// `ring-currents` over γ × the values of `parameter` (θ, ϕ in degrees), the other values as
  /// in ``Seed002Parameters``.
  static func gammaSweep(
    _ parameter: Parameter, values: [Double], thetaDegrees: Double = P.thetaDegrees, mu: Double = P.mu
  ) -> FigureStudy {
    let entry = RingCurrentsComputation()
    return FigureStudy(
      computation: entry, title: "Currents of the Hatano–Nelson ring versus \(parameter.symbol)",
      fixed: P.fixed(entry, gamma: nil, thetaDegrees: thetaDegrees, mu: mu, except: [parameter.id]),
      sweeps: [
        (RingParameters.gamma.id, P.gammas.map(ParameterValue.number)),
        (parameter.id, values.map(ParameterValue.number)),
      ])
  }

  /// The figure table of a ``gammaSweep(_:values:thetaDegrees:mu:)`` study's table: columns
  /// `gamma`, the varied parameter (`theta`, …; omitted for `flux_phase_rad` and `mu_eV`, which
  /// are columns anyway), `flux_phase`, `mu`, then the currents (``currentColumns``).
  static func gammaTable(
    _ tables: [ResultTable], _ parameter: Parameter, thetaDegrees: Double = P.thetaDegrees, mu: Double = P.mu
  ) -> ResultTable {
    typealias R = RingParameters
    let swept = parameter.id
    let extra =
      [R.fluxPhase.id, R.mu.id].contains(swept) ? [] : [parameter.flag.replacingOccurrences(of: "-", with: "_")]
    var out = ResultTable(columns: ["gamma"] + extra + currentColumns)
    for row in tables.flatMap(\.rows) {
      let v = numbers(row)
      let (gamma, x, currents) = (v[0], v[1], Array(v[2...]))
      let flux = swept == R.fluxPhase.id ? x : P.fluxPhase
      let chemical = swept == R.mu.id ? x : mu
      out.append([gamma] + (extra.isEmpty ? [] : [x]) + [flux, chemical] + currents)
    }
    out.warnings = tables.flatMap(\.warnings)
    out.metadata["computation"] = .string(RingCurrentsComputation().name)
    out.metadata["method"] = "operator"
    out.metadata["temperature_K"] = .number(0)
    out.metadata["vary"] = .string(parameter.flag)
    out.metadata["units"] = "charge in A, spin in eV; theta and azimuth in degrees"
    out.metadata["figure_parameters"] = .string(
      "t1 = 0, t2 = \(P.t2) eV, N = \(P.cells), h = \(P.exchange) eV, μ = \(mu) eV, φ = \(P.fluxPhase) rad, "
        + "θ = \(thetaDegrees)°, ϕ = \(P.azimuthDegrees)°, ε = 0, W = 0 unless varied")
    return out
  }

  /// Columns of the currents in the figures' tables.
  static let currentColumns = [
    "flux_phase", "mu", "re_charge", "im_charge", "re_spin_x", "im_spin_x", "re_spin_y", "im_spin_y", "re_spin_z",
    "im_spin_z",
  ]

  /// Largest |value| of `column` over the table.
  static func maxAbs(_ t: ResultTable, _ column: String) -> Double {
    (t.numbers(column) ?? []).filter(\.isFinite).map(abs).max() ?? .nan
  }

  /// Fig. 6: real and imaginary charge current versus φ (θ = 0).
  static func chargeVersusFlux(_ t: ResultTable) throws -> FigureResult {
    let plot = PlotSpec(
      title: "Persistent charge current versus φ (N = \(P.cells), μ = \(P.mu) eV)", x: "flux_phase",
      xLabel: "flux phase φ (rad)",
      panels: [
        PlotSpec.Panel(y: ["re_charge"], yLabel: "Re I (A)"), PlotSpec.Panel(y: ["im_charge"], yLabel: "Im I (A)"),
      ],
      groupBy: "gamma", groupLabel: "γ (eV)")
    return FigureResult(
      table: t, plot: plot,
      comparisons: [
        "paper: real persistent current periodic in φ; imaginary part from non-Hermiticity | ours: max |Re I| = "
          + "\(fmt(maxAbs(t, "re_charge"))) A, max |Im I| = \(fmt(maxAbs(t, "im_charge"))) A "
          + "(N = \(P.cells) even: Im cancels by conjugate pairing, docs/model-reference.md)"
      ])
  }

  /// Figs. 7–8: spin currents versus φ (θ = 0: only I_s^z; tilted: all three).
  static func spinVersusFlux(_ t: ResultTable, thetaDegrees: Double) throws -> FigureResult {
    let panels = thetaDegrees == 0 ? [spinPanels[2]] : spinPanels
    let plot = PlotSpec(
      title: "Spin currents versus φ (θ = \(thetaDegrees)°, ϕ = \(P.azimuthDegrees)°)", x: "flux_phase",
      xLabel: "flux phase φ (rad)", panels: panels, groupBy: "gamma", groupLabel: "γ (eV)")
    let transverse = max(maxAbs(t, "re_spin_x"), maxAbs(t, "re_spin_y"))
    let imaginary = ["im_spin_x", "im_spin_y", "im_spin_z"].map { maxAbs(t, $0) }.max()!
    var comparisons = [
      "paper: imaginary spin currents vanish | ours: max |Im I_s| = \(fmt(imaginary)) eV"
    ]
    if thetaDegrees == 0 {
      comparisons.append(
        "paper: for θ = 0 only I_s^z ≠ 0 | ours: max |I_s^x|, |I_s^y| = \(fmt(transverse)) eV, "
          + "max |I_s^z| = \(fmt(maxAbs(t, "re_spin_z"))) eV")
    } else {
      comparisons.append(
        "paper: all components non-zero for tilted moments | ours: max |I_s^x| = "
          + "\(fmt(maxAbs(t, "re_spin_x"))), |I_s^y| = \(fmt(maxAbs(t, "re_spin_y"))), "
          + "|I_s^z| = \(fmt(maxAbs(t, "re_spin_z"))) eV"
      )
    }
    return FigureResult(table: t, plot: plot, comparisons: comparisons)
  }

  /// Figs. 9–10: spin currents versus θ (0…180°) or ϕ (0…360°), degrees.
  static func spinVersusAngle(_ name: String, _ t: ResultTable) throws -> FigureResult {
    let symbol = name == "theta" ? "θ" : "ϕ"
    let plot = PlotSpec(
      title: "Spin currents versus \(symbol) (φ = \(P.fluxPhase) rad, μ = \(P.mu) eV)", x: name,
      xLabel: "\(symbol) (degrees)", panels: spinPanels, groupBy: "gamma", groupLabel: "γ (eV)")
    let z = t.numbers("re_spin_z")!
    let x = t.numbers("re_spin_x")!
    let y = t.numbers("re_spin_y")!
    let angle = t.numbers(name)!
    var comparisons: [String] = []
    if name == "theta" {
      // Antisymmetry about 90°: rows i and (n−1−i) within each γ block.
      let n = P.angleSteps
      var worst = 0.0
      for g in 0..<P.gammas.count { for i in 0..<n { worst = max(worst, abs(z[g * n + i] + z[g * n + n - 1 - i])) } }
      comparisons.append(
        "paper: I_s^z antisymmetric in θ about 90° | ours: max |I_s^z(θ) + I_s^z(180° − θ)| = "
          + "\(fmt(worst)) eV (max |I_s^z| = \(fmt(maxAbs(t, "re_spin_z"))) eV)")
    } else {
      let zSpread = P.gammas.indices.map { g in
        let block = z[(g * P.angleSteps)..<((g + 1) * P.angleSteps)]
        return block.max()! - block.min()!
      }.max()!
      // I_s^x / cos ϕ and I_s^y / sin ϕ should be one amplitude per γ: compare to ϕ = 0's I_s^x.
      var worst = 0.0
      for g in P.gammas.indices {
        let a = x[g * P.angleSteps]
        for i in 0..<P.angleSteps {
          let phi = angle[g * P.angleSteps + i] * .pi / 180
          worst = max(worst, abs(x[g * P.angleSteps + i] - a * cos(phi)), abs(y[g * P.angleSteps + i] - a * sin(phi)))
        }
      }
      comparisons.append("paper: I_s^z independent of ϕ | ours: largest spread of I_s^z over ϕ = \(fmt(zSpread)) eV")
      comparisons.append(
        "paper: I_s^x ∝ cos ϕ, I_s^y ∝ sin ϕ | ours: largest deviation from A cos ϕ, A sin ϕ = "
          + "\(fmt(worst)) eV (max |I_s^x| = \(fmt(maxAbs(t, "re_spin_x"))) eV)")
    }
    return FigureResult(table: t, plot: plot, comparisons: comparisons)
  }

  /// Fig. 11: spin currents versus μ.
  static func spinVersusMu(_ t: ResultTable, values: [Double]) throws -> FigureResult {
    let r = P.muRange
    let plot = PlotSpec(
      title: "Spin currents versus μ (φ = \(P.fluxPhase) rad)", x: "mu", xLabel: "chemical potential μ (eV)",
      panels: spinPanels, groupBy: "gamma", groupLabel: "γ (eV)")
    let z = t.numbers("re_spin_z")!
    var worst = 0.0
    var atZero = 0.0
    for g in P.gammas.indices {
      for i in 0..<r.count {
        worst = max(worst, abs(z[g * r.count + i] + z[g * r.count + r.count - 1 - i]))
        if abs(values[i]) < 1e-12 { atZero = max(atZero, abs(z[g * r.count + i])) }
      }
    }
    return FigureResult(
      table: t, plot: plot,
      comparisons: [
        "paper: spin currents antisymmetric in μ, zero at μ = 0 | ours: max |I_s^z(μ) + I_s^z(−μ)| = \(fmt(worst)) eV, "
          + "|I_s^z(0)| = \(fmt(atZero)) eV, max |I_s^z| = \(fmt(maxAbs(t, "re_spin_z"))) eV"
      ])
  }

  /// Figs. 12 and 14: spin currents versus h or W.
  static func spinVersusParameter(
    _ name: String, _ t: ResultTable, values: [Double], label: String
  ) throws -> FigureResult {
    let r = (start: values[0], stop: values[values.count - 1], count: values.count)
    let plot = PlotSpec(
      title: "Spin currents versus \(label)", x: name, xLabel: label, panels: spinPanels, groupBy: "gamma",
      groupLabel: "γ (eV)")
    var comparisons: [String] = []
    let z = t.numbers("re_spin_z")!
    for (g, gamma) in P.gammas.enumerated() {
      let block = Array(z[(g * r.count)..<((g + 1) * r.count)]).map(abs)
      let i = block.indices.max { block[$0] < block[$1] }!
      comparisons.append(
        (name == "aah"
          ? "paper: moderate W can amplify spin currents before localisation suppresses them | "
          : "paper: spin currents vary with h | ")
          + "ours (γ = \(gamma)): |I_s^z| = \(fmt(block[0])) eV at \(name) = \(fmt(values[0])), "
          + "maximum \(fmt(block[i])) eV at "
          + "\(name) = \(fmt(values[i])), \(fmt(block[r.count - 1])) eV at \(name) = \(fmt(values[r.count - 1]))")
    }
    return FigureResult(table: t, plot: plot, comparisons: comparisons)
  }

  /// Fig. 13: one study per ring size N (φ = Φ/N changes with N, so N and φ are no grid):
  /// `ring-currents` over γ at N cells and φ = Φ/N, named `cells-N`.
  static var sizeStudies: [FigureStudy] {
    typealias R = RingParameters
    let entry = RingCurrentsComputation()
    return P.cellsRange.map { n in
      var fixed = P.fixed(entry, gamma: nil, except: [R.cells.id, R.fluxPhase.id])
      fixed[R.cells.id] = .number(Double(n))
      fixed[R.fluxPhase.id] = .number(P.totalFluxForSizeSweep / Double(n))
      return FigureStudy(
        name: "cells-\(n)", computation: entry, title: "Currents at N = \(n) cells, Φ = Nφ = π/2", fixed: fixed,
        sweeps: [(R.gamma.id, P.gammas.map(ParameterValue.number))])
    }
  }

  /// Fig. 13: currents versus N at fixed total flux Φ = Nφ = π/2, from ``sizeStudies`` (rows
  /// ordered γ, then N, as the other figures).
  static func currentsVersusSize(_ tables: [ResultTable]) throws -> FigureResult {
    let sizes = Array(P.cellsRange)
    var table = ResultTable(columns: ["gamma", "cells"] + currentColumns)
    for g in P.gammas.indices {
      for (n, t) in zip(sizes, tables) {
        let v = numbers(t.rows[g])
        let phi = P.totalFluxForSizeSweep / Double(n)
        table.append([v[0], Double(n), phi, P.mu] + Array(v[1...]))
      }
    }
    table.warnings = tables.flatMap(\.warnings)
    table.metadata["computation"] = .string(RingCurrentsComputation().name)
    table.metadata["method"] = "operator"
    table.metadata["temperature_K"] = .number(0)
    table.metadata["vary"] = "cells"
    table.metadata["units"] = "charge in A, spin in eV; theta and azimuth in degrees"
    var comparisons: [String] = []
    let (charge, spin) = (column(table, "re_charge", "im_charge"), column(table, "re_spin_z", "im_spin_z"))
    for (g, gamma) in P.gammas.enumerated() {
      let (first, last) = (g * sizes.count, (g + 1) * sizes.count - 1)
      comparisons.append(
        "paper: currents decay with N, fastest in the topological regime | ours (γ = \(gamma)): "
          + "|I(N=\(sizes.last!))|/|I(N=\(sizes.first!))| = \(fmt(charge[last].length / charge[first].length)), "
          + "|I_s^z| ratio = \(fmt(spin[last].length / spin[first].length))")
    }
    table.metadata["figure_parameters"] = .string(
      "Φ = Nφ = π/2 fixed, μ = \(P.mu) eV, h = \(P.exchange) eV, θ = \(P.thetaDegrees)°, ϕ = \(P.azimuthDegrees)°")
    let plot = PlotSpec(
      title: "Currents versus ring size (Φ = Nφ = π/2)", x: "cells", xLabel: "cells N",
      panels: [PlotSpec.Panel(y: ["re_charge"], yLabel: "Re I (A)"), spinPanels[2]], groupBy: "gamma",
      groupLabel: "γ (eV)", style: .linespoints)
    return FigureResult(table: table, plot: plot, comparisons: comparisons)
  }

  /// A complex column from its real and imaginary columns.
  static func column(_ t: ResultTable, _ re: String, _ im: String) -> [Complex<Double>] {
    zip(t.numbers(re)!, t.numbers(im)!).map { Complex($0, $1) }
  }

  static func fmt(_ x: Double) -> String { String(format: "%.3g", x) }
}
