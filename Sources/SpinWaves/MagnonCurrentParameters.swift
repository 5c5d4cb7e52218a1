import Diagnostics

/// The parameters of Eq. 15 and Eq. 16 on their own: the longitudinal magnon spin current of a ring
/// whose texture subtends the solid angle Ω, for a given gap Δ, Zeeman energy |h| and temperature T.
///
/// Units: Ω in steradian, Δ, |h| and T in kelvin. Cross-parameter rule (``check(_:)``): |h| = 0 with
/// Ω a multiple of 2π leaves a zero-energy magnon (both formulas diverge).
public enum MagnonCurrentParameters {
  /// Ω (sr): the solid angle the texture subtends; I_s is 2π-periodic in Ω.
  public static let solidAngle = Parameter.real(
    "solid_angle", flag: "solid-angle", symbol: "Ω", default: nil, range: -100...100, requirement: .required,
    help: "Solid angle Ω (sr) the texture subtends (I_s is 2π-periodic in Ω).")
  /// Δ (K): the magnon gap, JS(2π/N)² for a ring of N spins S with exchange J.
  public static let gap = Parameter.real(
    "gap_K", flag: "gap", symbol: "Δ", unit: "K", default: nil, range: 1e-12...1e5, requirement: .required,
    help: "Magnon gap Δ = JS(2π/N)² in kelvin.")
  /// |h| (K): the Zeeman energy gμ_B|B|/k_B.
  public static let zeeman = Parameter.real(
    "zeeman_K", flag: "zeeman", symbol: "|h|", unit: "K", default: nil, range: 0...1e5, requirement: .required,
    help: "Zeeman energy |h| = gμ_B|B|/k_B in kelvin.")
  /// Which formula: Eq. 15 summed exactly, or Eq. 16.
  public static let method = Parameter.choice(
    "method", flag: "method", choices: [CrownStudy.CurrentMethod.sum, .closedForm].map(\.rawValue),
    default: CrownStudy.CurrentMethod.sum.rawValue,
    help: "sum (Eq. 15, exact) or closed-form (Eq. 16, classical limit).")

  /// Every parameter, in the order the entry lists them (T is the crown ring's ``CrownRingParameters/temperature``).
  public static var all: [Parameter] { [solidAngle, gap, zeeman, CrownRingParameters.temperature, method] }

  /// Checks the rule across parameters: |h| = 0 with Ω a multiple of 2π is refused, naming `zeeman_K`.
  /// Preconditions: each value within its domain.
  public static func check(_ v: ParameterValues) throws {
    var x = v.number(solidAngle.id) / (2 * Double.pi)
    x -= x.rounded()
    if v.number(zeeman.id) == 0 && x == 0 {
      throw zeeman.invalid(.number(0), allowed: "|h| > 0 when Ω is a multiple of 2π (a zero-energy magnon)")
    }
  }
}
