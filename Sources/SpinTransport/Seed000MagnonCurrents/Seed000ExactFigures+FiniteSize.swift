import Diagnostics
import Foundation
import Studies

extension FigureCatalogue {
  /// Spin lengths, each with its ring sizes.
  public typealias FiniteSizeCases = [(spin: Double, sizes: [Int])]

  /// Ring sizes of the finite-size figure (`exactFiniteSize(cases:)`) per spin length: S = ½, N = 6 … 24
  /// and S = 1, N = 4 … 14 (even N; ≤ 2²⁴ and 3¹⁴ states, matrix-free ground-state Lanczos in every screw
  /// sector, 1.2 GB at N = 24). J = 1 K, |h| = 2JS, field latitude 50°, T = 0.
  public static let exactFiniteSizeCases: FiniteSizeCases = [
    (0.5, Array(stride(from: 6, through: 24, by: 2))), (1, Array(stride(from: 4, through: 14, by: 2))),
  ]

  /// T = 0 jᶻ/(JS²) versus 1/N: the exact ground state (Lanczos) beside the classical ground state and
  /// classical + LSWT (Colpa), for each spin length of `cases`; a second panel the relative distances
  /// |exact − classical|/classical and |exact − (classical + LSWT)|/classical.
  ///
  /// One row per N of any case (`nan` where a case lacks that N), columns `exact_<tag>`, `lswt_<tag>`,
  /// `dev_classical_<tag>`, `dev_lswt_<tag>` per spin tag (`s1_2`, `s1`). With |h| = 2JS the classical
  /// texture, hence jᶻ_cl/(JS²), does not depend on S: one `classical` column (from the first case that
  /// has the N). From the `magnon-exact` studies of ``Seed000ExactStudies/finiteSize(cases:)``, in the
  /// order of `cases`.
  static func exactFiniteSize(cases: FiniteSizeCases) -> @Sendable ([ResultTable]) throws -> FigureResult {
    { tables in
      let j = 1.0
      let tags = cases.map { Seed000ExactStudies.tag($0.spin) }
      let labels = cases.map { $0.spin == 0.5 ? "1/2" : String(format: "%g", $0.spin) }
      // Per case: N → (exact, classical, classical + LSWT), all divided by JS².
      let values = try zip(cases, tables).map { c, study -> [Int: (exact: Double, classical: Double, lswt: Double)] in
        let n = try column(study, "spins"), ed = try column(study, "spin_current_z_K")
        let classical = try column(study, "classical_spin_current_z_K")
        let lswt = try column(study, "lswt_spin_current_z_K")
        let scale = j * c.spin * c.spin
        return Dictionary(
          uniqueKeysWithValues: n.indices.map { k in
            (Int(n[k]), (ed[k] / scale, classical[k] / scale, lswt[k] / scale))
          })
      }
      var columns = ["inverse_spins", "spins", "classical"]
      for tag in tags { columns += ["exact_\(tag)", "lswt_\(tag)"] }
      for tag in tags { columns += ["dev_classical_\(tag)", "dev_lswt_\(tag)"] }
      var table = ResultTable(columns: columns)
      let sizes = Set(values.flatMap(\.keys)).sorted()
      for n in sizes {
        let classical = values.lazy.compactMap { $0[n]?.classical }.first!
        let currents = values.flatMap { v in [v[n]?.exact ?? .nan, v[n]?.lswt ?? .nan] }
        let distances = values.flatMap { v -> [Double] in
          guard let x = v[n] else { return [.nan, .nan] }
          return [abs(x.exact - x.classical) / abs(x.classical), abs(x.exact - x.lswt) / abs(x.classical)]
        }
        table.append([1 / Double(n), Double(n), classical] + currents + distances)
      }
      let f = { (x: Double) in String(format: "%.3g", x) }
      let lines = zip(labels, values).map { label, v -> String in
        let ns = v.keys.sorted()
        let (first, last) = (ns.first!, ns.last!)
        let toLSWT = { (n: Int) in abs(v[n]!.exact - v[n]!.lswt) / abs(v[n]!.classical) }
        let toClassical = { (n: Int) in abs(v[n]!.exact - v[n]!.classical) / abs(v[n]!.classical) }
        // Local exponent p of |exact − (classical + LSWT)|/classical ∝ N^p between the two largest N.
        let previous = ns[ns.count - 2]
        let exponent = log(toLSWT(last) / toLSWT(previous)) / log(Double(last) / Double(previous))
        return "the paper's current is the classical one, quantum corrections higher order in 1/S | ours (S = "
          + "\(label)): |exact − (classical + LSWT)|/classical = \(f(toLSWT(first))) at N = \(first), "
          + "\(f(toLSWT(last))) at N = \(last) (∝ N^\(f(exponent)) between N = \(previous) and \(last)); "
          + "|exact − classical|/classical = \(f(toClassical(first))) and \(f(toClassical(last))); N·jᶻ/(JS²) at "
          + "N = \(last): exact \(f(Double(last) * v[last]!.exact)), classical \(f(Double(last) * v[last]!.classical))"
      }
      table.warnings = tables.flatMap(\.warnings).deduplicated()
      table.metadata = [
        "exchange_K": .number(j), "zeeman": .string("|h| = 2JS"), "field_latitude_deg": .number(50),
        "temperature_K": .number(0), "exact_route": .string("ground-state Lanczos in every screw sector"),
        "unit": .string("currents divided by JS²; dev_* relative to the classical current"),
      ]
      var legends = ["classical": "classical (any S)"]
      for (tag, label) in zip(tags, labels) {
        legends["exact_\(tag)"] = "exact (Lanczos), S = \(label)"
        legends["lswt_\(tag)"] = "classical + LSWT, S = \(label)"
        legends["dev_classical_\(tag)"] = "|exact − classical|, S = \(label)"
        legends["dev_lswt_\(tag)"] = "|exact − (classical + LSWT)|, S = \(label)"
      }
      // The legend stays top right, where both panels are empty at 1/N = 1/4.
      var plot = PlotSpec(
        title: "T = 0 jᶻ of the crown versus 1/N (|h| = 2JS, 50°): exact vs classical vs classical + LSWT",
        x: "inverse_spins", xLabel: "1/N",
        panels: [
          .init(
            y: ["classical"] + tags.flatMap { ["exact_\($0)", "lswt_\($0)"] }, yLabel: "jᶻ/(JS²)",
            title: "jᶻ/(JS²)", legends: legends),
          .init(
            y: tags.flatMap { ["dev_classical_\($0)", "dev_lswt_\($0)"] }, yLabel: "relative to classical jᶻ",
            title: "distance of the exact jᶻ from the semiclassical ones", legends: legends),
        ], style: .linespoints)
      plot.panelColumns = 1
      return FigureResult(table: table, plot: plot, comparisons: lines)
    }
  }
}

extension Seed000ExactStudies {
  /// jᶻ at T = 0 over the ring sizes of each case (J = 1 K, |h| = 2JS, latitude 50°), ground-state
  /// Lanczos, one study per spin length named `s1_2`, `s1`.
  static func finiteSize(cases: FigureCatalogue.FiniteSizeCases) -> [FigureStudy] {
    cases.map { s, sizes in
      FigureStudy(
        name: tag(s), computation: E(), title: "jᶻ at T = 0 versus ring size (S = \(s), |h| = 2JS, 50°)",
        fixed: [
          C.spin.id: .number(s), E.exchange.id: .number(1), E.field.id: field(zeeman: 2 * s), C.g.id: .number(2),
          C.latitude.id: .number(50), E.temperature.id: .number(0),
          E.method.id: .text(ExactCrownTable.Method.lanczos.rawValue),
        ],
        sweeps: [(E.spins.id, sizes.map { .number(Double($0)) })],
        columns: ["spin_current_z_K", "classical_spin_current_z_K", "lswt_spin_current_z_K"])
    }
  }
}
