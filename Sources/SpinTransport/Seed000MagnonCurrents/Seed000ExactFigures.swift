import LinearAlgebra
import Foundation
import PhysicalConstants
import SpinWaves
import Studies

/// Exact quantum spin currents of the Heisenberg ring against the 1/S expansion.
///
/// Sizes are chosen so each figure computes in well under 2 s (release, one core): full thermal ED of
/// the N = 4 crown has 5⁴/4 ≈ 156 states per screw sector at S = 2 (N = 8 would need 48 828 per sector,
/// hours of zheevd; its figure samples S ≥ 3/2 by FTLM). Every figure's data are `magnon-exact` studies
/// (``Seed000ExactStudies``).
enum Seed000ExactFigureParameters {
  /// Legends of the thermal-current figures' columns `<route>_<tag>`: the exact route's name
  /// (`ED` or `ED/FTLM`), the two LSWT variants and Eq. 15.
  static func legends(tag: String, exact: String, exactColumn: String = "ed") -> [String: String] {
    [
      "\(exactColumn)_\(tag)": exact, "lswt_\(tag)": "classical + LSWT (Colpa)",
      "nc_lswt_\(tag)": "classical + LSWT (number-conserving)", "eq15_\(tag)": "Eq. 15 (longitudinal I_s)",
    ]
  }

  /// jᶻ(T): N = 4, J = 1 K, |h| = Δ = JS(2π/N)² (the paper's optimal field), field latitude 45°.
  static let temperatureSpins = 4
  static let spinValues = [0.5, 1, 1.5, 2]
  static let temperatureRatios = (1...30).map { 0.05 * Double($0) }  // T/(JS)
  static let fieldLatitude = 45.0
  /// ED − semiclassics vs 1/S: N = 3 (S ≤ 4) and N = 4 (S ≤ 2), J = 1 K, |h| = 2JS, latitude 50°.
  static let gapCases: [(n: Int, spins: [Double])] = [(3, [0.5, 1, 1.5, 2, 3, 4]), (4, [0.5, 1, 1.5, 2])]
  /// AFM: N = 6, J = −1 K, |h| = |J|S, S = ½ and 1, latitude 0…180° in 10° steps, T = 0. With |h| ∝ S the
  /// classical texture, hence jᶻ_cl/(|J|S²), is the same for every S: the figure draws the S = ½ study's.
  static let afmSpins = 6
  static let afmLatitudes = stride(from: 0.0, through: 180.0, by: 10.0).map { $0 }
}

extension FigureCatalogue {
  /// The exact-diagonalisation figures.
  public static var seed000Exact: [Figure] {
    typealias P = Seed000ExactFigureParameters
    return [
      Figure(
        id: "000-exact-current-vs-temperature", seed: "000",
        caption: caption("000-exact-current-vs-temperature"),
        studies: Seed000ExactStudies.thermal(spins: P.temperatureSpins), assemble: exactCurrentVersusTemperature),
      Figure(
        id: "000-exact-current-vs-temperature-n8", seed: "000",
        caption: caption("000-exact-current-vs-temperature-n8"), long: true,
        studies: Seed000ExactStudies.thermal(spins: 8, ftlm: exactN8FTLM), assemble: exactCurrentVersusTemperatureN8),
      Figure(
        id: "000-exact-gap-vs-inverse-spin", seed: "000", caption: caption("000-exact-gap-vs-inverse-spin"),
        studies: Seed000ExactStudies.gapVersusInverseSpin, assemble: exactGapVersusInverseSpin),
      Figure(
        id: "000-exact-afm-current-vs-latitude", seed: "000",
        caption: caption("000-exact-afm-current-vs-latitude"), studies: Seed000ExactStudies.antiferromagnet,
        assemble: exactAFMCurrentVersusLatitude),
      Figure(
        id: "000-exact-deviation-vs-ring-size", seed: "000",
        caption: caption("000-exact-deviation-vs-ring-size"), studies: [Seed000ExactStudies.ringSize],
        assemble: exactDeviationVersusRingSize),
      Figure(
        id: "000-exact-finite-size", seed: "000", caption: caption("000-exact-finite-size"), long: true,
        studies: Seed000ExactStudies.finiteSize(cases: exactFiniteSizeCases),
        assemble: exactFiniteSize(cases: exactFiniteSizeCases)),
    ]
  }

  /// Thermal part jᶻ(T) − jᶻ(0) of the N = 4 crown: ED vs classical + LSWT (Colpa and number-conserving)
  /// vs Eq. 15, one panel per S, from the `magnon-exact` studies of ``Seed000ExactStudies/thermal(spins:ftlm:)``.
  @Sendable static func exactCurrentVersusTemperature(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000ExactFigureParameters
    let tags = P.spinValues.map(Seed000ExactStudies.tag)
    let perSpin = try zip(P.spinValues, tables).map { s, study in
      try Seed000ExactStudies.thermalRows(study, columns: Seed000ExactStudies.thermalColumns, spin: s)
    }
    var columns = ["temperature_over_JS"]
    for tag in tags { columns += ["ed_\(tag)", "lswt_\(tag)", "nc_lswt_\(tag)", "eq15_\(tag)"] }
    var table = ResultTable(columns: columns)
    for (k, ratio) in P.temperatureRatios.enumerated() { table.append([ratio] + perSpin.flatMap { $0[k] }) }
    let half = P.temperatureRatios.firstIndex { abs($0 - 0.5) < 1e-9 }!,
      one = P.temperatureRatios.firstIndex { abs($0 - 1) < 1e-9 }!
    var lines: [String] = []
    for (tag, rows) in zip(tags, perSpin) {
      lines.append(
        "thermal jᶻ/(JS), \(tag): ED \(Self.exactFmt(rows[half][0])) vs classical + LSWT \(Self.exactFmt(rows[half][1])) "
          + "at T = 0.5 JS, \(Self.exactFmt(rows[one][0])) vs \(Self.exactFmt(rows[one][1])) at T = JS; "
          + "Eq. 15 (longitudinal) \(Self.exactFmt(rows[half][3])) at 0.5 JS")
    }
    table.metadata = [
      "spins": .integer(P.temperatureSpins), "exchange_K": .number(1), "field_latitude_deg": .number(P.fieldLatitude),
      "zeeman": .string("|h| = Δ = JS(2π/N)²"), "unit": .string("currents divided by JS"),
    ]
    var plot = PlotSpec(
      title: "Thermal jᶻ(T) − jᶻ(0) of the N = 4 crown (|h| = Δ): ED vs classical + LSWT vs Eq. 15",
      x: "temperature_over_JS", xLabel: "T/(JS)",
      panels: zip(tags, ["S = 1/2", "S = 1", "S = 3/2", "S = 2"]).map { tag, label in
        .init(
          y: ["ed_\(tag)", "lswt_\(tag)", "nc_lswt_\(tag)", "eq15_\(tag)"], yLabel: "thermal jᶻ/(JS)",
          title: "\(label) (Eq. 15: longitudinal current of thermal magnons)",
          legends: Seed000ExactFigureParameters.legends(tag: tag, exact: "ED"))
      }, style: .linespoints)
    // The currents fall from 0 towards the lower right: the legend goes where they are not.
    plot.keyCorner = .bottomLeft
    return FigureResult(table: table, plot: plot, comparisons: lines)
  }

  /// Relative deviation of ED from the classical ground state and from classical + LSWT versus 1/S
  /// (T = 0), from the `magnon-exact` studies of ``Seed000ExactStudies/gapVersusInverseSpin``.
  @Sendable static func exactGapVersusInverseSpin(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000ExactFigureParameters
    var table = ResultTable(columns: ["inverse_spin", "spin", "spins", "curve", "relative_deviation"])
    let points = P.gapCases.flatMap { c in c.spins.map { (c.n, $0) } }
    let values = zip(points, tables).map { point, study -> [[TableValue]] in
      let (n, s) = point
      let v = study.rows[0].map { $0.number ?? .nan }
      let (e, cl, sc) = (v[0], v[1], v[2])
      return [
        [
          .number(1 / s), .number(s), .number(Double(n)), .text("|ED − classical|/classical, N = \(n)"),
          .number(abs(e - cl) / cl),
        ],
        [
          .number(1 / s), .number(s), .number(Double(n)), .text("|ED − (classical + LSWT)|/classical, N = \(n)"),
          .number(abs(e - sc) / cl),
        ],
      ]
    }
    for rows in values { for r in rows { table.append(r) } }
    func slope(_ curve: String) -> Double {
      let r = table.rows.filter { $0[3] == .text(curve) }.sorted { Self.exactNumber($0[1]) < Self.exactNumber($1[1]) }
      let a = r[r.count - 2], b = r[r.count - 1]
      return log(Self.exactNumber(b[4]) / Self.exactNumber(a[4])) / log(Self.exactNumber(b[0]) / Self.exactNumber(a[0]))
    }
    var plot = PlotSpec(
      title: "ED vs the 1/S expansion of jᶻ at T = 0 (crown, |h| = 2JS, field latitude 50°)",
      x: "inverse_spin", xLabel: "1/S", panels: [.init(y: ["relative_deviation"], yLabel: "relative deviation of jᶻ")],
      groupBy: "curve", groupLabel: "", style: .linespoints)
    plot.logX = true
    plot.logY = true
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "expected: ED − classical = O(1/S) relative | ours: log-log slope at the largest S "
          + "\(Self.exactFmt(slope("|ED − classical|/classical, N = 3"))) (N = 3), \(Self.exactFmt(slope("|ED − classical|/classical, N = 4"))) (N = 4)",
        "expected: ED − (classical + LSWT) = O(1/S²) relative | ours: slope "
          + "\(Self.exactFmt(slope("|ED − (classical + LSWT)|/classical, N = 3"))) (N = 3), \(Self.exactFmt(slope("|ED − (classical + LSWT)|/classical, N = 4"))) (N = 4)",
      ])
  }

  /// T = 0 jᶻ of the antiferromagnetic ring versus field latitude: ED vs the classical ground state vs
  /// classical + LSWT (``/SpinWaves/RingSemiclassics``, Colpa; only where the texture is stable), from the
  /// `magnon-exact` studies of ``Seed000ExactStudies/antiferromagnet`` (S = ½, then S = 1).
  @Sendable static func exactAFMCurrentVersusLatitude(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000ExactFigureParameters
    let n = P.afmSpins, j = -1.0
    var table = ResultTable(columns: ["latitude_deg", "spin", "curve", "spin_current_z_over_JS2"])
    // With |h| ∝ S the classical texture does not depend on S: the classical curve is the S = ½ study's.
    let studies = try zip([0.5, 1.0], tables).map { s, study in
      (
        s: s, latitude: try column(study, CrownRingParameters.latitude.id), ed: try column(study, "spin_current_z_K"),
        classical: try column(study, "classical_spin_current_z_K"), lswt: try column(study, "lswt_spin_current_z_K")
      )
    }
    for (k, lat) in studies[0].latitude.enumerated() {
      for study in studies {
        let s = study.s, label = s == 0.5 ? "1/2" : "1", scale = abs(j) * s * s
        table.append([.number(lat), .number(s), .text("ED S=\(label)"), .number(study.ed[k] / scale)])
        if s == 0.5 {
          table.append([.number(lat), .number(s), .text("classical (any S)"), .number(study.classical[k] / scale)])
        }
        // Classical + LSWT (Colpa) where the texture is stable; unstable latitudes get no point (listed below).
        if study.lswt[k].isFinite {
          table.append([.number(lat), .number(s), .text("classical + LSWT S=\(label)"), .number(study.lswt[k] / scale)])
        }
      }
    }
    let ed = table.rows.filter { $0[2] == .text("ED S=1/2") }
    let best = ed.max { abs(Self.exactNumber($0[3])) < abs(Self.exactNumber($1[3])) }!
    let cl = table.rows.filter { $0[2] == .text("classical (any S)") }
    let clBest = cl.max { abs(Self.exactNumber($0[3])) < abs(Self.exactNumber($1[3])) }!
    let lswtHalf = table.rows.filter { $0[2] == .text("classical + LSWT S=1/2") }
    let unstable = P.afmLatitudes.filter { lat in !lswtHalf.contains { Self.exactNumber($0[0]) == lat } }
    func atLatitude(_ curve: String, _ lat: Double) -> Double {
      let row = table.rows.first { $0[2] == .text(curve) && Self.exactNumber($0[0]) == lat }
      return row.map { Self.exactNumber($0[3]) } ?? .nan
    }
    table.metadata = [
      "spins": .integer(n), "exchange_K": .number(j), "zeeman": .string("|h| = |J|S"), "temperature_K": .number(0),
      "lswt_unstable_latitudes_deg": .string(unstable.map { Self.exactFmt($0) }.joined(separator: ",")),
    ]
    let plot = PlotSpec(
      title: "T = 0 z spin current of the AFM ring (N = 6, J < 0, |h| = |J|S): ED vs classical (+ LSWT)",
      x: "latitude_deg", xLabel: "field latitude ϑ (deg)",
      panels: [.init(y: ["spin_current_z_over_JS2"], yLabel: "jᶻ/(|J|S²)")],
      groupBy: "curve", groupLabel: "", style: .linespoints)
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "paper's outlook: AF rings may carry a current at T = 0 | ours: ED S = 1/2 max |jᶻ|/(|J|S²) = "
          + "\(Self.exactFmt(Self.exactNumber(best[3]))) at ϑ = \(Self.exactFmt(Self.exactNumber(best[0])))°; classical max "
          + "\(Self.exactFmt(Self.exactNumber(clBest[3]))) at ϑ = \(Self.exactFmt(Self.exactNumber(clBest[0])))°",
        "1/S expansion: classical + LSWT moves the classical value towards ED | ours at ϑ = 90°: jᶻ/(|J|S²) ED \(Self.exactFmt(atLatitude("ED S=1/2", 90))), classical + LSWT "
          + "\(Self.exactFmt(atLatitude("classical + LSWT S=1/2", 90))) (S = 1/2); ED \(Self.exactFmt(atLatitude("ED S=1", 90))), "
          + "classical + LSWT \(Self.exactFmt(atLatitude("classical + LSWT S=1", 90))) (S = 1); classical "
          + "\(Self.exactFmt(atLatitude("classical (any S)", 90)))",
        "LSWT needs a stable texture: a field along ±z (U(1)) has a Goldstone mode | ours: LSWT unstable (no point; "
          + "Colpa matrix not positive definite) at ϑ = "
          + (unstable.isEmpty ? "none" : unstable.map { Self.exactFmt($0) }.joined(separator: ", ") + "°"),
      ])
  }

  /// The numeric column `name` of a study's table (a figure's study always has it).
  static func column(_ table: ResultTable, _ name: String) throws -> [Double] {
    guard let values = table.numbers(name) else {
      throw InvalidParameter(
        "columns", name, allowed: "a numeric column of the study: \(table.columns.joined(separator: ", "))")
    }
    return values
  }

  private static func exactNumber(_ v: TableValue) -> Double {
    if case .number(let x) = v { return x }
    return .nan
  }

  private static func exactFmt(_ x: Double) -> String { String(format: "%.4g", x) }
}

/// The `magnon-exact` studies behind the exact figures (J = 1 K; the field in tesla with
/// gμ_B|B| = h at g = 2).
enum Seed000ExactStudies {
  typealias P = Seed000ExactFigureParameters
  typealias C = CrownRingParameters
  typealias E = MagnonExactComputation

  /// |B| (T) with gμ_B|B| = h (K), g = 2: of the doubles nearest h/(gμ_B/k_B), one whose Zeeman
  /// energy (what the entry computes from it) is h to the last bit where there is one, so the
  /// entry's model is the figure's.
  static func field(zeeman h: Double) -> ParameterValue {
    let perTesla = PhysicalConstants.zeemanKelvinPerTesla(g: 2), b = h / perTesla
    let candidates = [b, b.nextUp, b.nextDown, b.nextUp.nextUp, b.nextDown.nextDown]
    return .number(candidates.first { perTesla * $0 == h } ?? b)
  }

  /// `spin_current_z_K` style label of a spin length: `s1_2`, `s1`, `s3_2`, `s2`.
  static func tag(_ s: Double) -> String { s == 0.5 ? "s1_2" : s == 1.5 ? "s3_2" : "s\(Int(s))" }

  /// The columns of the thermal figures, in their order: ED (or FTLM), classical + LSWT (Colpa and
  /// number-conserving) and Eq. 15 of jᶻ(T) − jᶻ(0).
  static let thermalColumns = [
    "thermal_spin_current_z_K", "lswt_thermal_spin_current_z_K", "nc_lswt_thermal_spin_current_z_K",
    "eq15_spin_current_K",
  ]

  /// Thermal jᶻ(T) − jᶻ(0) of the N-site crown (J = 1 K, |h| = Δ = JS(2π/N)², latitude 45°): one study
  /// per S of ``Seed000ExactFigureParameters/spinValues`` (|h| changes with S), T = (T/JS)·JS over
  /// ``Seed000ExactFigureParameters/temperatureRatios``, named `s1_2` …. Full ED, or with `ftlm` FTLM
  /// with those settings for S ≥ 3/2 (the standard error as an extra column).
  static func thermal(spins n: Int, ftlm: FiniteTemperatureLanczos.Settings? = nil) -> [FigureStudy] {
    let j = 1.0
    return P.spinValues.map { s in
      let gap = j * s * pow(2 * Double.pi / Double(n), 2)
      var fixed: [String: ParameterValue] = [
        E.spins.id: .number(Double(n)), C.spin.id: .number(s), E.exchange.id: .number(j),
        E.field.id: field(zeeman: gap), C.g.id: .number(2), C.latitude.id: .number(P.fieldLatitude),
      ]
      var columns = thermalColumns
      if let ftlm {
        columns.append("spin_current_z_stderr_K")
        if s > 1 {
          fixed[E.method.id] = .text(ExactCrownTable.Method.ftlm.rawValue)
          fixed[E.ftlmVectors.id] = .number(Double(ftlm.randomVectors))
          fixed[E.ftlmSteps.id] = .number(Double(ftlm.lanczosSteps))
        }
      }
      return FigureStudy(
        name: tag(s), computation: E(), title: "thermal jᶻ of the N = \(n) crown, S = \(s), |h| = Δ, 45°",
        fixed: fixed, sweeps: [(E.temperature.id, P.temperatureRatios.map { .number($0 * j * s) })],
        columns: columns)
    }
  }

  /// The rows of a thermal study: `columns` divided by JS (J = 1 K), one row per temperature.
  static func thermalRows(_ study: ResultTable, columns: [String], spin s: Double) throws -> [[Double]] {
    let values = try columns.map { try FigureCatalogue.column(study, $0) }
    return (0..<study.rows.count).map { k in values.map { $0[k] / s } }
  }

  /// The antiferromagnet versus field latitude: N = 6, J = −1 K, |h| = |J|S, T = 0, one study per
  /// S = ½, 1, named `s1_2`, `s1`.
  static var antiferromagnet: [FigureStudy] {
    [0.5, 1.0].map { s in
      FigureStudy(
        name: tag(s), computation: E(), title: "jᶻ at T = 0 of the AFM ring, N = \(P.afmSpins), S = \(s), |h| = |J|S",
        fixed: [
          E.spins.id: .number(Double(P.afmSpins)), C.spin.id: .number(s), E.exchange.id: .number(-1),
          E.field.id: field(zeeman: s), C.g.id: .number(2), E.temperature.id: .number(0),
        ],
        sweeps: [(C.latitude.id, P.afmLatitudes.map(ParameterValue.number))],
        columns: ["spin_current_z_K", "classical_spin_current_z_K", "lswt_spin_current_z_K"])
    }
  }

  /// ED − semiclassics versus 1/S: one point per (N, S) (|h| = 2JS changes with S, so N, S and
  /// |h| are no grid), T = 0, latitude 50°, named `n3-s0.5` ….
  static var gapVersusInverseSpin: [FigureStudy] {
    P.gapCases.flatMap { c in
      c.spins.map { s in
        FigureStudy(
          name: "n\(c.n)-s\(s)", computation: E(), title: "jᶻ at T = 0, N = \(c.n), S = \(s), |h| = 2JS, 50°",
          fixed: [
            E.spins.id: .number(Double(c.n)), C.spin.id: .number(s), E.exchange.id: .number(1),
            E.field.id: field(zeeman: 2 * s), C.g.id: .number(2), C.latitude.id: .number(50),
            E.temperature.id: .number(0),
          ],
          columns: ["spin_current_z_K", "classical_spin_current_z_K", "lswt_spin_current_z_K"])
      }
    }
  }

  /// jᶻ at T = 0 over the ring size N (S = ½, |h| = 2JS = 1 K, latitude 50°).
  static var ringSize: FigureStudy {
    FigureStudy(
      computation: E(), title: "jᶻ at T = 0 versus ring size (S = 1/2, |h| = 2JS, 50°)",
      fixed: [
        C.spin.id: .number(0.5), E.exchange.id: .number(1), E.field.id: field(zeeman: 1), C.g.id: .number(2),
        C.latitude.id: .number(50), E.temperature.id: .number(0),
      ],
      sweeps: [(E.spins.id, FigureCatalogue.exactRingSizes.map { .number(Double($0)) })],
      columns: ["spin_current_z_K", "classical_spin_current_z_K", "lswt_spin_current_z_K"])
  }
}
