import Foundation
import LinearAlgebra
import SpinWaves
import Studies

extension FigureCatalogue {
  /// Ring sizes of ``exactDeviationVersusRingSize()``: S = ½, N = 3 … 10 (2¹⁰ states at most: full
  /// ED of every screw sector well under a second), J = 1 K, |h| = 2JS, field latitude 50°, T = 0.
  public static let exactRingSizes = Array(3...10)

  /// ED − classical and ED − (classical + LSWT) of jᶻ at T = 0 versus the ring size N at fixed
  /// S = ½ (the companion of the 1/S figure: how the semiclassical expansion fares as N grows).
  ///
  /// From the `magnon-exact` study ``Seed000ExactStudies/ringSize``: ED by full diagonalisation of
  /// the screw sectors (T = 0: the ground manifold), the classical ground state's current and
  /// classical + LSWT (Colpa) by the twist route of ``/SpinWaves/CrownSemiclassics``.
  @Sendable static func exactDeviationVersusRingSize(_ tables: [ResultTable]) throws -> FigureResult {
    let s = 0.5, j = 1.0, h = 2 * j * s, latitude = 50.0
    var table = ResultTable(columns: ["spins", "curve", "relative_deviation", "ed_spin_current_z_K"])
    let values = tables[0].rows.map { row -> [[TableValue]] in
      let v = row.map { $0.number ?? .nan }
      let (n, e, cl, sc) = (Int(v[0]), v[1], v[2], v[3])
      return [
        [.number(Double(n)), .text("|ED − classical|/classical"), .number(abs(e - cl) / abs(cl)), .number(e)],
        [.number(Double(n)), .text("|ED − (classical + LSWT)|/classical"), .number(abs(e - sc) / abs(cl)), .number(e)],
      ]
    }
    for rows in values { for r in rows { table.append(r) } }
    table.metadata = [
      "spin": .number(s), "exchange_K": .number(j), "zeeman_K": .number(h), "field_latitude_deg": .number(latitude),
      "temperature_K": .number(0),
    ]
    func deviation(_ curve: String, _ n: Int) -> Double {
      let row = table.rows.first { $0[1] == .text(curve) && $0[0] == .number(Double(n)) }
      return row?[2].number ?? .nan
    }
    let first = exactRingSizes.first!, last = exactRingSizes.last!
    var plot = PlotSpec(
      title: "ED vs classical and classical + LSWT jᶻ at T = 0 versus ring size (S = 1/2, |h| = 2JS, 50°)",
      x: "spins", xLabel: "ring size N",
      panels: [.init(y: ["relative_deviation"], yLabel: "relative deviation of jᶻ")], groupBy: "curve",
      groupLabel: "", style: .linespoints)
    plot.logY = true
    let f = { (x: Double) in String(format: "%.3g", x) }
    return FigureResult(
      table: table, plot: plot,
      comparisons: [
        "the paper drops quantum corrections as higher order in 1/N | ours (S = 1/2): |ED − classical|/classical = "
          + "\(f(deviation("|ED − classical|/classical", first))) at N = \(first), "
          + "\(f(deviation("|ED − classical|/classical", last))) at N = \(last); with LSWT "
          + "\(f(deviation("|ED − (classical + LSWT)|/classical", first))) and "
          + "\(f(deviation("|ED − (classical + LSWT)|/classical", last)))"
      ])
  }
}
