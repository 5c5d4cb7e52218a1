import LongitudinalRelaxation
import Studies

/// `relaxation rates` / study model `relaxation-rates`: decay rates γ±/r of the two-variable
/// (M, m) model at k²/k_M², from the eigenvalues of Γ (Eq. 33) or the closed form (Eq. 39).
public struct RelaxationRatesComputation: Computation {
  public init() {}
  public var name: String { "relaxation-rates" }
  public var command: [String] { ["relaxation", "rates"] }
  public var summary: String { "Longitudinal decay rates γ±/r of M and m versus k²/k_M²" }
  public var paper: Paper? { .longitudinalRelaxation }
  public var discussion: String {
    "Rates in units of r (e^{−γt+ikx}); mode ratios dm/dM of each eigenmode (Eqs. 34–35), ±inf for a pure-m mode."
  }

  typealias P = RelaxationParameters
  public var parameters: [Parameter] { [P.xi, P.wm, P.wM, P.k2Ratio, P.rateMethod] }
  public var outputs: [Column] {
    [
      Column("gamma_plus_r", unit: "r", "faster decay rate γ₊/r"),
      Column("gamma_minus_r", unit: "r", "slower decay rate γ₋/r"),
      Column("mode_ratio_plus", "dm/dM of the γ₊ mode"),
      Column("mode_ratio_minus", "dm/dM of the γ₋ mode"),
    ]
  }
  public func defaultColumns(for values: ParameterValues) -> [String] { ["gamma_plus_r", "gamma_minus_r"] }
  public var columnSwitches: [ColumnSwitch] {
    [
      ColumnSwitch(
        flag: "modes", columns: ["mode_ratio_plus", "mode_ratio_minus"],
        help: "Also print dm/dM of each eigenmode (Eqs. 34–35).")
    ]
  }

  public func check(_ v: ParameterValues) throws { _ = try P.model(v) }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let model = try P.model(v)
    let k2 = v.number(P.k2Ratio.id)
    let r = try model.reducedRates(k2Ratio: k2, method: RateMethod(rawValue: v.text(P.rateMethod.id))!)
    var warnings = r.warnings
    if let bad = [r.gammaPlus, r.gammaMinus].first(where: { !$0.isFinite }) {
      warnings.append(
        NumericalWarning(
          kind: "non-finite", message: "non-finite result \(bad) at k²/k_M² = \(k2) (overflow)", value: bad))
    }
    if let bad = [r.ratioPlus, r.ratioMinus].first(where: { !$0.isFinite }) {
      warnings.append(
        NumericalWarning(
          kind: "pure-m-mode", message: "mode ratio dm/dM = \(bad) at k²/k_M² = \(k2): the mode has dM = 0", value: bad)
      )
    }
    return StudyEvaluation(row: [r.gammaPlus, r.gammaMinus, r.ratioPlus, r.ratioMinus], warnings: warnings)
  }
}

extension RelaxationRatesComputation {
  public var example: [String] { ["--xi", "0.3", "--wm", "0.1", "--vary", "k2-ratio=0:2:5"] }
}
