import Diagnostics

/// The parameters of the Heisenberg ring in a crown field (Schütz, Kollar and Kopietz), declared once.
///
/// Every front end reads these: the `magnon` commands' options, study-file keys, table columns
/// and docs/parameters.md; ``CrownRing/validate()``, ``CrownStudy`` and
/// ``MagnetizationCurrentLoop`` check their values against the same ranges (the one statement
/// of each range is here). Units: J, T in kelvin, |B| in tesla, angles in degrees, lengths in
/// metres. Ranges are chosen generously around anything a ring of spins can be; beyond them the
/// model means nothing and the numbers overflow:
/// - spin length S ∈ [0.5, 1000]: a spin quantum number is ≥ ½; 1000 covers molecular magnets and
///   macrospins (S² J stays far from overflow).
/// - exchange J ∈ [1e-6, 1e5] K: from dipolar-scale μK couplings to 100× the strongest known
///   exchange (cuprates, J ≈ 1500 K).
/// - field |B| ∈ [1e-12, 1e4] T: picotesla (SQUID scale) up to 100× the strongest pulsed
///   laboratory fields (≈ 100 T); gμ_B|B| ≲ 4e5 K at g = 30.
/// - g ∈ [0.01, 30]: rare-earth Ising doublets reach g ≈ 20.
/// - latitude ϑ ∈ [0, 180] degrees.
/// - temperature T ∈ [0, 1e4] K: above any magnet's ordering temperature and melting point; the
///   Bose sums stay finite and fast there.
/// - radius R ∈ [1e-10, 1] m, distances and grid half-widths ∈ [1e-15, 1e3] m: beyond them the
///   1/|r − r′|³ kernel of Eq. 17 over- or underflows, and no ring of spins is that size.
/// - N ≥ 3 (the largest N is set by memory, checked before anything is allocated).
public enum CrownRingParameters {
  /// N, the number of spins.
  public static let spins = Parameter.integer(
    "spins", flag: "spins", symbol: "N", default: 100, range: 3...Int.max,
    help: "Number of spins N (the largest N is set by memory).")
  /// S, the spin length.
  public static let spin = Parameter.real(
    "spin", flag: "spin", symbol: "S", default: 0.5, range: 0.5...1000, help: "Spin length S.")
  /// J > 0 (K), ferromagnetic exchange.
  public static let exchange = Parameter.real(
    "exchange_K", flag: "exchange", symbol: "J", unit: "K", default: 100, range: 1e-6...1e5,
    help: "Ferromagnetic exchange J in kelvin; H = −J Σ S_i·S_{i+1}.")
  /// |B| (T), the field magnitude.
  public static let field = Parameter.real(
    "field_T", flag: "field", symbol: "|B|", unit: "T", default: nil, range: 1e-12...1e4, requirement: .required,
    help: "Field magnitude |B| in tesla; required unless swept.")
  /// g factor.
  public static let g = Parameter.real(
    "g", flag: "g", symbol: "g", default: 2, range: 0.01...30, help: "g factor.")
  /// ϑ (deg), polar angle of the crown field.
  public static let latitude = Parameter.real(
    "latitude_deg", flag: "latitude", symbol: "ϑ", unit: "deg", default: nil, range: 0...180, requirement: .required,
    help: "Field polar angle ϑ in degrees; required unless swept.")
  /// Random starts of the ground-state search (besides Eq. 14, the field direction and ±ẑ).
  public static let randomStarts = Parameter.integer(
    "random_starts", flag: "random-starts", symbol: "", default: 2, range: 0...1000,
    help: "Seeded random initial textures the ground-state search tries besides Eq. 14, the field and ±ẑ.")
  /// Hessian route of the Newton solver.
  public static let hessian = Parameter.choice(
    "hessian", flag: "hessian", choices: ["block", "dense"], default: "block",
    help: "Hessian of the Newton solver: block (cyclic block-tridiagonal, O(N) time per step and memory) "
      + "or dense (the full 2N×2N Hessian, O(N³) time, 160·N² bytes; a second route for comparisons).")
  /// T (K).
  public static let temperature = Parameter.real(
    "temperature_K", flag: "temperature", symbol: "T", unit: "K", default: nil, range: 0...1e4,
    requirement: .required, help: "Temperature T in kelvin.")
  /// Route to the current.
  public static let method = Parameter.choice(
    "method", flag: "method", choices: CrownStudy.CurrentMethod.allCases.map(\.rawValue),
    default: CrownStudy.CurrentMethod.sum.rawValue,
    help: "sum (Eq. 15), closed-form (Eq. 16) or lswt (dense, O(N³) time and 704·N² bytes).")
  /// R (m), the ring radius (L = 2πR).
  public static let radius = Parameter.real(
    "radius_m", flag: "radius", symbol: "R", unit: "m", default: nil, range: 1e-10...1, requirement: .required,
    help: "Ring radius R in metres; L = 2πR.")
  /// d (m): the axial voltage U = φ(+d ẑ) − φ(−d ẑ).
  public static let distance = Parameter.real(
    "distance_m", flag: "distance", symbol: "d", unit: "m", default: nil, range: 1e-15...1e3,
    requirement: .optional, help: "Distance d (m) of the two axial points ±d ẑ (give this or --grid).")
  /// Allowed half-widths (m) of the potential grid.
  static let gridHalfWidth: ClosedRange<Double> = 1e-15...1e3
  /// Allowed points per side of the potential grid (and within memory).
  static let gridPoints: ClosedRange<Int> = 2...1000
  /// `HALF_WIDTH_m:POINTS`: the x–z potential grid (text; parsed by ``grid(_:)``).
  public static let grid = Parameter(
    "grid", flag: "grid", symbol: "", unit: "", domain: .text, default: nil, requirement: .optional,
    help: "Potential grid HALF_WIDTH_m:POINTS in the x–z plane (y = 0), x, z ∈ [−HALF_WIDTH, HALF_WIDTH] "
      + "(give this or --distance).")

  /// Every model parameter (N, S, J, |B|, g, ϑ) and the ground-state search's random starts.
  public static let model: [Parameter] = [spins, spin, exchange, field, g, latitude, randomStarts]

  /// The grid half-width (m) and points per side of `text` (`HALF_WIDTH_m:POINTS`), validated.
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming `grid`.
  public static func grid(_ text: String) throws -> (halfWidth: Double, points: Int) {
    let f = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard f.count == 2, let w = Double(f[0]), let n = Int(f[1]), w.isFinite, gridHalfWidth.contains(w),
      gridPoints.contains(n)
    else {
      throw grid.invalid(
        .text(text),
        allowed: "HALF_WIDTH_m:POINTS with HALF_WIDTH in \(Require.shownRange(gridHalfWidth)) m and POINTS from "
          + "\(gridPoints.lowerBound) to \(gridPoints.upperBound)")
    }
    return (w, n)
  }

  /// The model at one point of a catalogue entry (validated).
  public static func crown(_ v: ParameterValues) throws -> CrownRing {
    let p = CrownRing(
      spins: v.integer(spins.id), spinLength: v.number(spin.id), exchange: v.number(exchange.id),
      fieldTesla: v.number(field.id), g: v.number(g.id), latitudeDegrees: v.number(latitude.id))
    try p.validate()
    return p
  }

  /// The Hessian route named by `hessian` (absent: automatic).
  public static func route(_ v: ParameterValues) -> HessianRoute {
    v[hessian.id]?.text == "dense" ? .dense : .automatic
  }

  /// Checks `value` against `parameter`'s range (throws ``/Diagnostics/InvalidParameter`` naming its id).
  static func require(_ parameter: Parameter, _ value: Double) throws {
    try parameter.validate(.number(value))
  }
}
