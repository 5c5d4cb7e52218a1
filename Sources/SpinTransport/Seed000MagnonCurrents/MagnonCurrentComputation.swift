import SpinWaves
import Studies

/// `magnon current` / study model `magnon-current`: the persistent magnon spin current I_s (K)
/// of the crown-field Heisenberg ring along i → i+1, and I_m = gμ_B I_s/ħ (A·m²/s), on the
/// solved ground state: Eq. 15 exactly (`sum`), Eq. 16 (`closed-form`) or linear spin-wave
/// theory on the texture (`lswt`, thermal + zero-point; `thermal_longitudinal_spin_current_K`
/// without it). I_s is the longitudinal current (the spin component along each site's
/// magnetization), not the fixed-axis jᶻ of `magnon exact`.
///
/// Failure modes: parameters outside their ranges, a field giving a zero-energy magnon (naming
/// `field_T`), a ring (or LSWT's dense 2N×2N matrices) not fitting in memory (naming `spins`).
public struct MagnonCurrentComputation: Computation {
  public init() {}
  /// The ground states of the study this value runs (``CrownGroundStates/Memory``).
  let groundStates = CrownGroundStates.Memory()
  public var name: String { "magnon-current" }
  public var command: [String] { ["magnon", "current"] }
  public var summary: String {
    "Longitudinal magnon spin current I_s (K; along each site's magnetization, Eq. 15) and I_m (A m²/s): "
      + "Eq. 15 (sum), Eq. 16 (closed-form) or LSWT"
  }
  public var paper: Paper? { .heisenbergRing }
  public var discussion: String {
    """
    Sites are numbered clockwise seen from +z; a positive current flows i -> i+1 (docs/spin-waves.md). \
    sum = Eq. 15 exactly (lattice sum, or its Matsubara resummation where the lattice sum cancels: \
    the route column says which). lswt is dense: O(N³) time and 704·N² bytes. Ω is the solver's \
    solid angle (branch (−2π, 2π]); a point sweeping only T or the method solves its ring once.
    """
  }

  typealias P = CrownRingParameters
  public var parameters: [Parameter] { P.model + [P.temperature, P.method] }
  public var outputs: [Column] {
    [
      Column("theta_m_deg", unit: "deg", "polar angle ϑ_m of m̂_0 on the solved texture"),
      Column("solid_angle", "Ω (sr) of the solved texture, branch (−2π, 2π]"),
      Column(
        "longitudinal_spin_current_K", unit: "K",
        "I_s along i → i+1 of the spin component along each site's magnetization (Eq. 15; LSWT: thermal + "
          + "zero-point); not the fixed-axis jᶻ of `magnon exact`"),
      Column("magnetization_current_Am2_per_s", unit: "A m²/s", "I_m = gμ_B I_s/ħ"),
      Column(
        "thermal_longitudinal_spin_current_K", unit: "K",
        "I_s without LSWT's zero-point part (= longitudinal_spin_current_K otherwise)"),
      Column("route", kind: .text, "how the current was computed: lattice-sum, matsubara, eq16 or lswt"),
    ]
  }
  public func defaultColumns(for values: ParameterValues) -> [String] {
    [
      "solid_angle", "longitudinal_spin_current_K", "magnetization_current_Am2_per_s",
      "thermal_longitudinal_spin_current_K",
    ]
  }

  public func check(_ v: ParameterValues) throws { _ = try P.crown(v) }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    try CrownGroundStates.prepare(points, check: check)
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let ground = try CrownGroundStates.groundState(v, memory: groundStates)
    let c = try CrownStudy.current(
      ground, temperature: v.number(P.temperature.id), method: CrownStudy.CurrentMethod(rawValue: v.text(P.method.id))!)
    let row: [TableValue] = [
      .number(ground.thetaMDegrees), .number(c.solidAngle), .number(c.spinCurrent), .number(c.magnetizationCurrent),
      .number(c.thermalSpinCurrent), .text(c.route),
    ]
    return StudyEvaluation(
      rows: [row], warnings: ground.warnings + NonFinite.warnings([row], columns: outputNames))
  }
}

extension MagnonCurrentComputation {
  public var example: [String] {
    ["--spins", "20", "--field", "1", "--latitude", "45", "--vary", "temperature=1:20:3"]
  }
}
