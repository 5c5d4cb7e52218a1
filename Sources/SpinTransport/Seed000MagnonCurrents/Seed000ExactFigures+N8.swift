import Diagnostics
import Foundation
import LinearAlgebra
import SpinWaves
import Studies

extension FigureCatalogue {
  /// Settings of ``exactCurrentVersusTemperatureN8(_:)``: N = 8, J = 1 K, |h| = Δ = JS(2π/N)², latitude 45°,
  /// S = ½ and 1 by full ED (256 and 6561 states), S = 3/2 and 2 by FTLM (65 536 and 390 625 states,
  /// 8192 and 48 828 per screw sector): 8 random vectors of 80 Lanczos steps per sector; the exact
  /// states per sector (4) and the seed (2026) are `magnon-exact`'s own, which its studies keep.
  static let exactN8FTLM = FiniteTemperatureLanczos.Settings(
    randomVectors: 8, lanczosSteps: 80, exactStates: 4, seed: 2026)

  /// The N = 8 companion of ``exactCurrentVersusTemperature(_:)``: thermal jᶻ(T) − jᶻ(0) by ED (S ≤ 1)
  /// or FTLM (S ≥ 3/2, standard errors in the `err_*` columns) vs classical + LSWT (Colpa and
  /// number-conserving) vs Eq. 15, one panel per S, from the `magnon-exact` studies of
  /// ``Seed000ExactStudies/thermal(spins:ftlm:)``. A long figure (≈ minutes).
  @Sendable static func exactCurrentVersusTemperatureN8(_ tables: [ResultTable]) throws -> FigureResult {
    typealias P = Seed000ExactFigureParameters
    let n = 8
    let tags = P.spinValues.map(Seed000ExactStudies.tag)
    // Per S: exact, its standard error (0 for full ED), classical + LSWT, number-conserving, Eq. 15.
    let studyColumns =
      [Seed000ExactStudies.thermalColumns[0], "spin_current_z_stderr_K"]
      + Seed000ExactStudies.thermalColumns.dropFirst()
    let results = try zip(P.spinValues, tables).map { s, study in
      (rows: try Seed000ExactStudies.thermalRows(study, columns: studyColumns, spin: s), warnings: study.warnings)
    }
    let perSpin = results.map(\.rows)
    var columns = ["temperature_over_JS"]
    for tag in tags { columns += ["exact_\(tag)", "err_\(tag)", "lswt_\(tag)", "nc_lswt_\(tag)", "eq15_\(tag)"] }
    var table = ResultTable(columns: columns)
    for (k, ratio) in P.temperatureRatios.enumerated() { table.append([ratio] + perSpin.flatMap { $0[k] }) }
    let half = P.temperatureRatios.firstIndex { abs($0 - 0.5) < 1e-9 }!,
      one = P.temperatureRatios.firstIndex { abs($0 - 1) < 1e-9 }!
    let f = { (x: Double) in String(format: "%.4g", x) }
    var lines: [String] = []
    for (tag, rows) in zip(tags, perSpin) {
      let route = tag == "s1_2" || tag == "s1" ? "ED" : "FTLM"
      let err = { (r: [Double]) in route == "ED" ? "" : " ± \(f(r[1]))" }
      lines.append(
        "thermal jᶻ/(JS) at N = 8, \(tag): \(route) \(f(rows[half][0]))\(err(rows[half])) vs classical + LSWT "
          + "\(f(rows[half][2])) (number-conserving \(f(rows[half][3]))) at T = 0.5 JS; \(f(rows[one][0]))\(err(rows[one])) "
          + "vs \(f(rows[one][2])) (\(f(rows[one][3]))) at T = JS; Eq. 15 (longitudinal) \(f(rows[half][4])), \(f(rows[one][4]))"
      )
    }
    table.warnings = results.flatMap(\.warnings).deduplicated()
    table.metadata = [
      "spins": .integer(n), "exchange_K": .number(1), "field_latitude_deg": .number(P.fieldLatitude),
      "zeeman": .string("|h| = Δ = JS(2π/N)²"), "unit": .string("currents divided by JS"),
      "exact_route": .string("S = 1/2, 1: full ED; S = 3/2, 2: FTLM (err_* = jackknife standard error)"),
      "ftlm_random_vectors": .integer(exactN8FTLM.randomVectors),
      "ftlm_lanczos_steps": .integer(exactN8FTLM.lanczosSteps),
      "ftlm_exact_states_per_sector": .integer(exactN8FTLM.exactStates), "ftlm_seed": .integer(Int(exactN8FTLM.seed)),
    ]
    var plot = PlotSpec(
      title: "Thermal jᶻ(T) − jᶻ(0) of the N = 8 crown (|h| = Δ): ED/FTLM vs classical + LSWT vs Eq. 15",
      x: "temperature_over_JS", xLabel: "T/(JS)",
      panels: zip(tags, ["S = 1/2 (ED)", "S = 1 (ED)", "S = 3/2 (FTLM)", "S = 2 (FTLM)"]).map { tag, label in
        .init(
          y: ["exact_\(tag)", "lswt_\(tag)", "nc_lswt_\(tag)", "eq15_\(tag)"], yLabel: "thermal jᶻ/(JS)", title: label,
          legends: Seed000ExactFigureParameters.legends(
            tag: tag, exact: label.hasSuffix("(FTLM)") ? "FTLM" : "ED", exactColumn: "exact"))
      }, style: .linespoints)
    // The currents fall from 0 towards the lower right: the legend goes where they are not.
    plot.keyCorner = .bottomLeft
    return FigureResult(table: table, plot: plot, comparisons: lines)
  }
}
