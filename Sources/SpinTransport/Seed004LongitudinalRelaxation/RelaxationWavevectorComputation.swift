import LongitudinalRelaxation
import Studies

/// `relaxation wavevector` / study model `relaxation-wavevector`: the complex wavevector k/k_M
/// at a real frequency ω/r (Eq. 41; Eq. 44 in the e^{−iωt} convention), the root with Im k ≥ 0.
public struct RelaxationWavevectorComputation: Computation {
  public init() {}
  public var name: String { "relaxation-wavevector" }
  public var command: [String] { ["relaxation", "wavevector"] }
  public var summary: String { "Complex wavevector k/k_M of the (M, m) model at real frequency ω/r" }
  public var paper: Paper? { .longitudinalRelaxation }
  public var discussion: String {
    "Time dependence e^{−iωt}; the root with Im k ≥ 0 is printed, the other root is −k."
  }
  public var example: [String] { ["--xi", "0.3", "--wM", "0.05", "--vary", "omega=-1:1:5"] }

  typealias P = RelaxationParameters
  public var parameters: [Parameter] { [P.xi, P.wm, P.wM, P.omega] }
  public var outputs: [Column] {
    [
      Column("re_k_kM", unit: "k_M", "Re k/k_M (wave number)"),
      Column("im_k_kM", unit: "k_M", "Im k/k_M ≥ 0 (spatial decay)"),
    ]
  }

  public func check(_ v: ParameterValues) throws {
    try P.model(v).checkFrequency(v.number(P.omega.id))
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let omega = v.number(P.omega.id)
    let k = try P.model(v).wavevector(omega: omega).kRatio
    var warnings: [NumericalWarning] = []
    if let bad = [k.real, k.imaginary].first(where: { !$0.isFinite }) {
      warnings.append(
        NumericalWarning(
          kind: "non-finite", message: "non-finite result \(bad) at ω/r = \(omega) (overflow)", value: bad))
    }
    return StudyEvaluation(row: [k.real, k.imaginary], warnings: warnings)
  }
}
