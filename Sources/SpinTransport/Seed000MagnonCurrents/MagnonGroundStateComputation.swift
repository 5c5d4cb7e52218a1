import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import SpinWaves
import Studies

/// `magnon ground-state` / study model `magnon-ground-state`: the classical ground state of the
/// Heisenberg ring in a crown field (general solver, Eq. 14 as one start), its solid angle Ω,
/// the gap Δ = JS(2π/N)² and Zeeman |h| = gμ_B|B| in K, the residual and the Hessian (docs/model-reference.md).
///
/// Sites are numbered clockwise seen from +z; Ω is the exact geodesic solid angle, branch (−2π, 2π].
/// Failure modes: parameters outside their ranges (``CrownRingParameters``), a ring whose
/// ground-state search does not fit in memory (refused before anything is allocated, naming `spins`).
public struct MagnonGroundStateComputation: Computation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once (``MagnonModelFiles/specialize(_:modelFile:)``).
  var compiledModel: CompiledModelFile<SpinModelFile>?
  /// The ground states of the study this value runs (``CrownGroundStates/Memory``).
  let groundStates = CrownGroundStates.Memory()
  public var name: String { "magnon-ground-state" }
  public var command: [String] { ["magnon", "ground-state"] }
  public var summary: String {
    "Classical ground state of the crown-field Heisenberg ring: ϑ_m (deg), Ω, gap Δ and Zeeman |h| (K)"
  }
  public var paper: Paper? { .heisenbergRing }
  public var discussion: String {
    """
    Units: exchange J and temperature T in kelvin, field |B| in tesla, latitude in degrees. Sites are numbered clockwise seen \
    from +z (see docs/spin-waves.md). The solver relaxes Eq. 14, the field direction, ±ẑ and \
    --random-starts seeded random textures and keeps the lowest energy; radial_valid is the paper's \
    |h| ≥ Δ. N is limited by memory: the estimate is checked before anything is allocated \
    (SPINTRANSPORT_MEMORY_LIMIT=bytes|K|M|G overrides the available memory).
    """
  }

  typealias P = CrownRingParameters
  public var parameters: [Parameter] { P.model + [P.hessian, MagnonModelFiles.parameter] }

  /// With `--model FILE`: the file's parameters in place of the crown's spin, exchange, field, g and latitude.
  public func specialized(modelFile: URL) throws -> any Computation {
    try MagnonModelFiles.specialize(self, modelFile: modelFile)
  }
  public var outputs: [Column] {
    [
      Column("theta_m_deg", unit: "deg", "polar angle ϑ_m of m̂_0 from the solver"),
      Column("solid_angle", "Ω (sr), exact geodesic solid angle of the texture, branch (−2π, 2π]"),
      Column("gap_K", unit: "K", "continuum gap Δ = JS(2π/N)²"),
      Column("zeeman_K", unit: "K", "Zeeman energy |h| = gμ_B|B|/k_B"),
      Column("radial_valid", kind: .integer, "1 when the paper's sufficient condition |h| ≥ Δ holds"),
      Column("residual_K", unit: "K", "max|m̂ × h_eff| of the solution"),
      Column("theta_m_eq14_deg", unit: "deg", "ϑ_m of the closed-form crown (Eq. 14)"),
      Column("cap_solid_angle", "cap value 2π(1 − cosϑ_m) (sr)"),
      Column("hessian_min_K", unit: "K", "smallest tangent-Hessian eigenvalue (nan with a warning for large N)"),
      Column("stable_minimum", kind: .integer, "1 for a stable minimum (Hessian ≥ 0)"),
      Column("is_radial", kind: .integer, "1 when every site has the same latitude and the field's azimuth"),
      Column("energy_K", unit: "K", "classical energy of the solution"),
      Column("other_starts_min_energy_K", unit: "K", "lowest energy reached from the other starts"),
      Column("magnon_gap_on_texture_K", unit: "K", "LSWT band bottom h* on the texture"),
      Column("field_for_gap_T", unit: "T", "|B| with gμ_B|B| = Δ"),
    ]
  }

  public func check(_ v: ParameterValues) throws {
    if let system = try MagnonModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      try Require.atLeast(system.siteCount, 3, "spins")
      return
    }
    _ = try P.crown(v)
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    if points.contains(where: { $0[MagnonModelFiles.parameter.id] != nil }) {
      for v in points { try check(v) }
      return
    }
    try CrownGroundStates.prepare(points, check: check)
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    if let system = try MagnonModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      return try evaluate(system, v)
    }
    let g = try CrownGroundStates.groundState(v, memory: groundStates)
    let p = g.parameters
    let row: [TableValue] = [
      .number(g.thetaMDegrees), .number(g.solidAngle), .number(p.gapKelvin), .number(p.zeemanKelvin),
      .integer(p.paperRadialCondition ? 1 : 0), .number(g.residual), .number(g.thetaMEq14Degrees),
      .number(g.capSolidAngle), .number(g.smallestHessianEigenvalue), .integer(g.isStableMinimum ? 1 : 0),
      .integer(g.isRadial ? 1 : 0), .number(g.energy), .number(g.otherStartsLowestEnergy),
      .number(g.magnonGapOnTexture), .number(p.fieldForZeemanEqualToGap),
    ]
    let explained: Set<String> = g.warnings.isEmpty ? [] : ["hessian_min_K"]
    return StudyEvaluation(
      rows: [row],
      warnings: g.warnings + NonFinite.warnings([row], columns: outputNames, skipping: explained))
  }
}

extension MagnonGroundStateComputation {
  /// A system of one's own: the general search; the crown's closed forms (gap Δ, Eq. 14, the cap, the
  /// paper's condition, the magnon gap of the uniform ring) are nan; the texture m̂_j and the classical
  /// bond currents (K) are in the metadata.
  func evaluate(_ system: SpinSystem, _ v: ParameterValues) throws -> StudyEvaluation {
    let result = try MagnonModelFiles.classicalGroundState(system, randomStarts: v.integer(P.randomStarts.id))
    let best = result.best, m = best.texture.directions
    let others = result.candidates.filter { $0.start != best.start }.map(\.energy).min() ?? .nan
    let theta = acos(max(-1, min(1, m[0].z))) * 180 / Double.pi
    let omega = system.periodic ? SphericalGeometry.solidAngle(m) : .nan
    let nan = TableValue.number(.nan)
    let row: [TableValue] = [
      .number(theta), .number(omega), nan, nan, .integer(0), .number(best.residual), nan, nan,
      .number(best.smallestHessianEigenvalue ?? .nan), .integer(best.isStableMinimum ? 1 : 0), .integer(0),
      .number(best.energy), .number(others), nan, nan,
    ]
    let currents = MagnonModelFiles.classicalBondCurrents(system, directions: m)
    let explained: Set<String> = [
      "gap_K", "zeeman_K", "theta_m_eq14_deg", "cap_solid_angle", "magnon_gap_on_texture_K", "field_for_gap_T",
      "solid_angle", "hessian_min_K",
    ]
    var warnings = result.warnings
    warnings.append(
      NumericalWarning(
        kind: "crown-only-columns",
        message: "gap_K, zeeman_K, theta_m_eq14_deg, cap_solid_angle, magnon_gap_on_texture_K and field_for_gap_T are "
          + "the crown's closed forms: nan for a model file (solid_angle too on an open chain)", value: .nan))
    func vector(_ x: Vector3) -> JSONValue { .array([.number(x.x), .number(x.y), .number(x.z)]) }
    return StudyEvaluation(
      rows: [row], warnings: warnings + NonFinite.warnings([row], columns: outputNames, skipping: explained),
      metadata: [
        "texture": .array(m.map(vector)),
        "bond_currents_K": .array(
          zip(system.bonds, currents).map { b, j in
            .object(["from": .integer(b.first), "to": .integer(b.second), "current_K": vector(j)])
          }),
        "current_sign": .string("each bond's current flows from its first site into its second"),
      ])
  }

  public var example: [String] { ["--spins", "20", "--field", "1", "--vary", "latitude=30:60:3"] }
}
