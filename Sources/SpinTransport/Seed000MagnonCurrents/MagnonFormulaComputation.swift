import Diagnostics
import SpinWaves
import Studies

/// `magnon formula` / study model `magnon-formula`: the longitudinal magnon spin current I_s (K) of
/// Eq. 15 (summed exactly) or Eq. 16 (closed form) for a given solid angle Ω, gap Δ, Zeeman energy
/// |h| and temperature T: the formulas alone, with no ring's ground state (`magnon current` solves
/// the ring and takes Ω from its texture).
///
/// Eq. 16: I_s = T sinΩ/(cosΩ − cosh(2π√(|h|/Δ))); Eq. 15 is its quantum sum over the magnon modes
/// (``/SpinWaves/MagnonCurrent``); positive along i → i+1. Failure modes:
/// values outside their ranges; |h| = 0 with Ω a multiple of 2π (a zero-energy magnon, naming `zeeman_K`).
public struct MagnonFormulaComputation: Computation {
  public init() {}
  public var name: String { "magnon-formula" }
  public var command: [String] { ["magnon", "formula"] }
  public var summary: String {
    "Longitudinal magnon spin current I_s (K) of Eq. 15 (sum) or Eq. 16 (closed-form) at a given Ω, Δ, |h| and T"
  }
  public var paper: Paper? { .heisenbergRing }
  public var discussion: String {
    """
    The formulas without a ring: Ω, Δ = JS(2π/N)² and |h| are inputs (magnon current derives them from \
    the solved texture). sum = Eq. 15 exactly (lattice sum, or its Matsubara resummation where the \
    lattice sum cancels: the route column says which); closed-form = Eq. 16, accurate for Δ ≪ T.
    """
  }

  typealias P = MagnonCurrentParameters
  public var parameters: [Parameter] { P.all }
  public var outputs: [Column] {
    [
      Column("longitudinal_spin_current_K", unit: "K", "I_s along i → i+1 (Eq. 15 or Eq. 16)"),
      Column("route", kind: .text, "how the current was computed: lattice-sum, matsubara or eq16"),
    ]
  }

  public func check(_ v: ParameterValues) throws { try P.check(v) }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let omega = v.number(P.solidAngle.id), gap = v.number(P.gap.id), zeeman = v.number(P.zeeman.id)
    let temperature = v.number(CrownRingParameters.temperature.id)
    let current: Double, route: String
    if v.text(P.method.id) == CrownStudy.CurrentMethod.closedForm.rawValue {
      current = try MagnonCurrent.closedForm(omega: omega, gap: gap, zeeman: zeeman, temperature: temperature)
      route = "eq16"
    } else {
      let sum = try MagnonCurrent.exactSum(omega: omega, gap: gap, zeeman: zeeman, temperature: temperature)
      (current, route) = (sum.sum.spinCurrent, sum.route)
    }
    let row: [TableValue] = [.number(current), .text(route)]
    return StudyEvaluation(rows: [row], warnings: NonFinite.warnings([row], columns: outputNames))
  }

  public var example: [String] {
    ["--solid-angle", "1.5707963267948966", "--gap", "0.2", "--zeeman", "1.2", "--vary", "temperature=0.2:2:3"]
  }
}
