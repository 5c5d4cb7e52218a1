import Foundation
import LongitudinalRelaxation

/// The figure parameters of Saslow, Sun and Xu, in one place, reduced units r = k_M = 1.
///
/// Where the paper states a value it is used; where it does not, the choice and the reason are
/// given here and in docs/longitudinal-relaxation.md.
enum Seed004Parameters {
  /// Fig. 1 (a sketch in the paper, no parameters): ξ = 0.3, the middle of the paper's ξ values;
  /// no lattice decay (so ∫(M + m) is conserved); box ±40/k_M, wide enough that the no-flux
  /// walls do not touch the spreading profile by t = 30/r; h = 0.1/k_M resolves the m diffusion
  /// length 1/k_M; the adaptive integrator's default tolerances (rtol 1e−6) set the time steps.
  static let fig1Xi = 0.3
  static let fig1Length = 80.0
  static let fig1Points = 800
  static let fig1Times = [0, 0.3, 1, 3, 10, 30.0]

  /// Fig. 2 (paper's Fig. 2 caption; text calls it "Figure 1"): ξ ∈ {0.1, 0.3, 0.9}, no lattice
  /// decay. The k range is not stated: 0 ≤ k²/k_M² ≤ 5 shows the k → 0 limits and the γ⁻ → ξr
  /// saturation.
  static let fig2Xis = [0.1, 0.3, 0.9]
  static let k2Ratios = SweepRange(name: "k2-ratio", start: 0, stop: 5, count: 201).values

  /// Fig. 3 (paper's Figs. 3–4 captions): ξ = 0.01 and 0.09, w_m/r = 0.05; the three w_M/r are
  /// not stated: 0.01, 0.05, 0.2 bracket w_m ("lattice decay small compared to r", Sect. III.B.2).
  /// (The text says ξ = 0.1 and 0.9 for these figures; the captions say 0.01 and 0.09 — we follow
  /// the captions.)
  static let fig3Xis = [0.01, 0.09]
  static let wm = 0.05
  static let wMs = [0.01, 0.05, 0.2]

  /// Figs. 4–5: ω/r from 0 to 5 (not stated in the paper). Fig. 4 without lattice decay for the
  /// ξ of Fig. 2; Fig. 5 (paper's Fig. 5: w_m/r = 0.05, three w_M/r, ξ not stated) at ξ = 0.1.
  static let omegas = SweepRange(name: "omega", start: 0, stop: 5, count: 201).values
  static let fig5Xi = 0.1
}

extension FigureCatalogue {
  /// The figures of Saslow, Sun and Xu: longitudinal relaxation of M and m.
  public static var seed004: [Figure] {
    [
      figure("004-fig01", studies: Seed004Studies.figure1, assemble: seed004Figure1),
      figure("004-fig02", studies: Seed004Studies.figure2, assemble: seed004Figure2),
      figure("004-fig03", studies: Seed004Studies.figure3, assemble: seed004Figure3),
      figure("004-fig04", studies: Seed004Studies.figure4, assemble: seed004Figure4),
      figure("004-fig05", studies: Seed004Studies.figure5, assemble: seed004Figure5),
    ]
  }

  private static func figure(
    _ id: String, studies: [FigureStudy], assemble: @escaping @Sendable ([ResultTable]) throws -> FigureResult
  ) -> Figure {
    Figure(id: id, seed: "004", caption: caption(id), studies: studies, assemble: assemble)
  }

}

/// The studies behind the figures (catalogue entries over the grids of ``Seed004Parameters``).
enum Seed004Studies {
  typealias P = Seed004Parameters
  static func numbers(_ xs: [Double]) -> [ParameterValue] { xs.map(ParameterValue.number) }

  /// Fig. 1: one point of `relaxation-evolve` (step of height 1 at x = 0, no-flux ends).
  static var figure1: [FigureStudy] {
    [
      FigureStudy(
        computation: RelaxationEvolveComputation(), title: "Step in M + m, ξ = \(P.fig1Xi), no lattice decay",
        fixed: [
          "xi": .number(P.fig1Xi), "length_kM": .number(P.fig1Length), "points": .number(Double(P.fig1Points)),
          "times_r": .numbers(P.fig1Times),
        ])
    ]
  }

  /// Fig. 2: `relaxation-rates` (eigenvalues of Γ) over ξ × k²/k_M².
  static var figure2: [FigureStudy] {
    [
      FigureStudy(
        computation: RelaxationRatesComputation(), title: "Decay rates without lattice decay",
        sweeps: [("xi", numbers(P.fig2Xis)), ("k2_ratio", numbers(P.k2Ratios))],
        columns: ["gamma_plus_r", "gamma_minus_r"])
    ]
  }

  /// Fig. 3: `relaxation-rates` over w_M/r × k²/k_M², one study per ξ (one panel each).
  static var figure3: [FigureStudy] {
    P.fig3Xis.map { xi in
      FigureStudy(
        name: "xi-\(xi)", computation: RelaxationRatesComputation(),
        title: "Decay rates with lattice decay, ξ = \(xi), w_m/r = \(P.wm)",
        fixed: ["xi": .number(xi), "wm_r": .number(P.wm)],
        sweeps: [("wM_r", numbers(P.wMs)), ("k2_ratio", numbers(P.k2Ratios))],
        columns: ["gamma_plus_r", "gamma_minus_r"])
    }
  }

  /// Fig. 4: `relaxation-wavevector` over ξ × ω/r.
  static var figure4: [FigureStudy] {
    [
      FigureStudy(
        computation: RelaxationWavevectorComputation(), title: "Wavevector at real ω, no lattice decay",
        sweeps: [("xi", numbers(P.fig2Xis)), ("omega_r", numbers(P.omegas))])
    ]
  }

  /// Fig. 5: `relaxation-wavevector` over w_M/r × ω/r.
  static var figure5: [FigureStudy] {
    [
      FigureStudy(
        computation: RelaxationWavevectorComputation(),
        title: "Wavevector at real ω with lattice decay, ξ = \(P.fig5Xi), w_m/r = \(P.wm)",
        fixed: ["xi": .number(P.fig5Xi), "wm_r": .number(P.wm)],
        sweeps: [("wM_r", numbers(P.wMs)), ("omega_r", numbers(P.omegas))])
    ]
  }
}

/// The numbers of a table row (cells of catalogue outputs and numeric sweeps).
private func numbers(_ row: [TableValue]) -> [Double] { row.map { $0.number ?? .nan } }

private func format(_ x: Double) -> String { String(format: "%.4g", x) }

@Sendable private func seed004Figure1(_ tables: [ResultTable]) throws -> FigureResult {
  let p = Seed004Parameters.self
  // The profiles of `relaxation-evolve`, plus M + m.
  var table = ResultTable(columns: ["t", "x", "dM", "dm", "total"])
  for row in tables[0].rows {
    let r = numbers(row)
    table.append(r + [r[2] + r[3]])
  }
  table.metadata = tables[0].metadata
  table.warnings = tables[0].warnings
  // Comparisons: where m sits at t = 1/r, conservation, and the late spreading rate.
  let t = table.numbers("t")!, x = table.numbers("x")!, dm = table.numbers("dm")!, total = table.numbers("total")!
  let dM = table.numbers("dM")!
  let early = t.indices.filter { t[$0] == 1 }
  let iMin = early.min { dm[$0] < dm[$1] }!, iMax = early.max { dm[$0] < dm[$1] }!
  let iLeft = early.last { x[$0] < 0 }!, iRight = early.first { x[$0] > 0 }!
  func variance(at time: Double) -> Double {
    let rows = t.indices.filter { t[$0] == time }
    var s0 = 0.0, s2 = 0.0
    for (a, b) in zip(rows, rows.dropFirst()) {
      let g = total[a] - total[b], mid = (x[a] + x[b]) / 2
      s0 += g
      s2 += g * mid * mid
    }
    return s2 / s0
  }
  let slope = (variance(at: 30) - variance(at: 10)) / 20
  let first = table.metadata["integral_M_plus_m_first"], last = table.metadata["integral_M_plus_m_last"]
  var drift = "n/a"
  if case .number(let a)? = first, case .number(let b)? = last { drift = format(abs(b - a) / abs(a)) }
  let plot = PlotSpec(
    title: "\(Paper.longitudinalRelaxation.figure(1)): step in M + m, ξ = \(p.fig1Xi), no lattice decay", x: "x",
    xLabel: "x (1/k_M)",
    panels: [
      .init(y: ["total"], yLabel: "dM + dm", title: "total M + m"),
      .init(y: ["dM"], yLabel: "dM", title: "magnetization"),
      .init(y: ["dm"], yLabel: "dm", title: "spin accumulation"),
    ], groupBy: "t", groupLabel: "t r")
  return FigureResult(
    table: table, plot: plot,
    comparisons: [
      "paper: near the interface M decays into m on the high side | ours: at t = 1/r, dm min = \(format(dm[iMin])) "
        + "at x = \(format(x[iMin]))/k_M, dM next to the step fell to \(format(dM[iLeft]))",
      "paper: m diffuses across and decays back into M on the low side | ours: dm max = \(format(dm[iMax])) at "
        + "x = \(format(x[iMax]))/k_M, dM next to the step rose to \(format(dM[iRight]))",
      "paper: total magnetization conserved without lattice decay | ours: relative drift of ∫(M + m)dx = \(drift)",
      "paper: slow mode diffuses with ξ D_m (Eq. 37) | ours: dσ²/dt of −∂x(M + m) between t = 10/r and 30/r "
        + "= \(format(slope)) D_m vs 2ξ D_m = \(format(2 * p.fig1Xi)) D_m",
    ])
}

@Sendable private func seed004Figure2(_ tables: [ResultTable]) throws -> FigureResult {
  let p = Seed004Parameters.self
  var table = ResultTable(columns: ["k2_ratio", "xi", "gamma_plus", "gamma_minus"])
  var worst = 0.0
  var notes: [String] = []
  // `relaxation-rates` over ξ × k²/k_M² (eigenvalues of Γ); Eq. 36 beside it.
  for row in tables[0].rows {
    let v = numbers(row)
    let (xi, k2) = (v[0], v[1])
    let eq36 = try RelaxationModel(xi: xi).closedFormRatesWithoutLatticeDecay(wavevectorSquared: k2)
    worst = max(worst, abs(v[2] - eq36.gammaPlus), abs(v[3] - eq36.gammaMinus))
    table.append([k2, xi, v[2], v[3]])
  }
  for xi in p.fig2Xis {
    let model = try RelaxationModel(xi: xi)
    let small = try model.reducedRates(k2Ratio: 1e-4), large = try model.reducedRates(k2Ratio: 1e4)
    notes.append(
      "paper: γ⁺ → r, γ⁻ → ξD_m k² as k → 0 (Eq. 37) | ours (ξ = \(xi)): at k²/k_M² = 1e−4, γ⁺/r = "
        + "\(format(small.gammaPlus)), γ⁻/(ξ k²/k_M² r) = \(format(small.gammaMinus / (xi * 1e-4))); "
        + "at 1e4, γ⁻/r = \(format(large.gammaMinus)) (saturates at ξ; not stated in the paper)")
  }
  let plot = PlotSpec(
    title: "\(Paper.longitudinalRelaxation.figure(2)): decay rates without lattice decay", x: "k2_ratio",
    xLabel: "k²/k_M²",
    panels: [.init(y: ["gamma_plus", "gamma_minus"], yLabel: "γ/r")], groupBy: "xi", groupLabel: "ξ")
  return FigureResult(
    table: table, plot: plot,
    comparisons: notes + ["paper: Eq. 36 | ours: max |Eq. 36 − eig Γ| over the figure = \(format(worst)) r"])
}

@Sendable private func seed004Figure3(_ perXi: [ResultTable]) throws -> FigureResult {
  let p = Seed004Parameters.self
  var columns = ["k2_ratio", "wM_over_r"]
  for xi in p.fig3Xis { columns += ["gamma_plus_xi\(xi)", "gamma_minus_xi\(xi)"] }
  var table = ResultTable(columns: columns)
  var worst = 0.0
  var notes: [String] = []
  // `relaxation-rates` over w_M/r × k²/k_M², one study per ξ (one panel each); Eq. 39 beside it.
  for r in perXi[0].rows.indices {
    let first = numbers(perXi[0].rows[r])
    let wM = first[0], k2 = first[1]
    var row = [k2, wM]
    for (xi, rates) in zip(p.fig3Xis, perXi) {
      let v = numbers(rates.rows[r])
      let gp = v[2], gm = v[3]
      let eq39 = try RelaxationModel(xi: xi, wm: p.wm, wM: wM).reducedRates(k2Ratio: k2, method: .closedForm)
      worst = max(worst, abs(gp - eq39.gammaPlus), abs(gm - eq39.gammaMinus))
      row += [gp, gm]
    }
    table.append(row)
  }
  for wM in p.wMs {
    let model = try RelaxationModel(xi: p.fig3Xis[0], wm: p.wm, wM: wM)
    let zero = try model.reducedRates(k2Ratio: 0)
    notes.append(
      "paper: with lattice decay the lower mode at small k is no longer purely diffusive | ours (ξ = \(p.fig3Xis[0]), "
        + "w_M/r = \(wM)): γ⁻(k = 0)/r = \(format(zero.gammaMinus)) > 0")
  }
  let panels = p.fig3Xis.map { xi in
    PlotSpec.Panel(
      y: ["gamma_plus_xi\(xi)", "gamma_minus_xi\(xi)"], yLabel: "γ/r", title: "ξ = \(xi), w_m/r = \(p.wm)")
  }
  let plot = PlotSpec(
    title: "\(Paper.longitudinalRelaxation.figures(3, 4)): decay rates with lattice decay", x: "k2_ratio",
    xLabel: "k²/k_M²", panels: panels,
    groupBy: "wM_over_r", groupLabel: "w_M/r")
  return FigureResult(
    table: table, plot: plot,
    comparisons: notes + ["paper: Eq. 39 | ours: max |Eq. 39 − eig Γ| over the figure = \(format(worst)) r"])
}

@Sendable private func seed004Figure4(_ tables: [ResultTable]) throws -> FigureResult {
  let p = Seed004Parameters.self
  var table = ResultTable(columns: ["omega", "xi", "re_k", "im_k"])
  var notes: [String] = []
  // `relaxation-wavevector` over ξ × ω/r.
  for row in tables[0].rows {
    let v = numbers(row)
    table.append([v[1], v[0], v[2], v[3]])
  }
  for xi in p.fig2Xis {
    let model = try RelaxationModel(xi: xi)
    let low = 1e-3 * xi, high = 1e3
    let devLow =
      (try model.wavevectorSquaredRatio(omega: low) - model.lowFrequencyLimit(omega: low)).length
      / model.lowFrequencyLimit(omega: low).length
    let devHigh =
      (try model.wavevectorSquaredRatio(omega: high) - model.highFrequencyLimit(omega: high)).length
      / model.highFrequencyLimit(omega: high).length
    notes.append(
      "paper: k²/k_M² → iω/(ξr) for ω ≪ ξr (Eq. 42), → iω/r for ω ≫ r (Eq. 43) | ours (ξ = \(xi)): relative "
        + "deviation \(format(devLow)) at ω = 1e−3 ξr, \(format(devHigh)) at ω = 1e3 r")
  }
  let plot = PlotSpec(
    title: "Wavevector at real ω, no lattice decay, Eq. 41 (e^{−iωt}, Im k ≥ 0)",
    x: "omega",
    xLabel: "ω/r",
    panels: [.init(y: ["re_k"], yLabel: "Re k/k_M (oscillation)"), .init(y: ["im_k"], yLabel: "Im k/k_M (decay)")],
    groupBy: "xi", groupLabel: "ξ")
  return FigureResult(table: table, plot: plot, comparisons: notes)
}

@Sendable private func seed004Figure5(_ tables: [ResultTable]) throws -> FigureResult {
  let p = Seed004Parameters.self
  var table = ResultTable(columns: ["omega", "wM_over_r", "re_k", "im_k"])
  var notes: [String] = []
  // `relaxation-wavevector` over w_M/r × ω/r.
  for row in tables[0].rows {
    let v = numbers(row)
    table.append([v[1], v[0], v[2], v[3]])
  }
  for wM in p.wMs {
    let model = try RelaxationModel(xi: p.fig5Xi, wm: p.wm, wM: wM)
    let k0 = try model.wavevector(omega: 0).kRatio
    notes.append(
      "paper: (no number stated) | ours (w_M/r = \(wM)): at ω = 0 the response is pure decay, k/k_M = "
        + "\(format(k0.real)) + \(format(k0.imaginary))i")
  }
  let check = try RelaxationModel(xi: p.fig5Xi, wm: p.wm, wM: p.wMs[1])
  let printed = check.printedEquation44(omega: 1), ours = try check.wavevectorSquaredRatio(omega: 1)
  notes.append(
    "paper: Eq. 44 as printed gives k²/k_M² = \(format(printed.real)) + \(format(printed.imaginary))i at ω = r | "
      + "ours (e^{−iωt}, Eq. 44 with i → −i): \(format(ours.real)) + \(format(ours.imaginary))i (complex conjugate)")
  let plot = PlotSpec(
    title: "\(Paper.longitudinalRelaxation.figure(5)): wavevector at real ω with lattice decay, ξ = \(p.fig5Xi), "
      + "w_m/r = \(p.wm)", x: "omega",
    xLabel: "ω/r",
    panels: [.init(y: ["re_k"], yLabel: "Re k/k_M (oscillation)"), .init(y: ["im_k"], yLabel: "Im k/k_M (decay)")],
    groupBy: "wM_over_r", groupLabel: "w_M/r")
  return FigureResult(table: table, plot: plot, comparisons: notes)
}
