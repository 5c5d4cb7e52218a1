import Diagnostics
import SpinWaves
import Studies

/// `magnon potential` / study model `magnon-potential`: the electric potential of the
/// magnetization current I_m of the crown-field ring (Eq. 17, SI units, ring of radius R in the
/// plane z = 0): with `distance_m` d the axial voltage U = φ(+d ẑ) − φ(−d ẑ) (exact line
/// integral and dipole approximation, V), with `grid` HALF_WIDTH_m:POINTS φ on a POINTS×POINTS
/// grid of the plane y = 0 (one row per grid point, z outer, x inner).
///
/// The texture is the analytic crown when the solved ground state is radial, else the slerp
/// between site directions. Grid points within 1e-3 R of the wire, where φ diverges, are NaN and
/// named in an `on-wire` warning. Failure modes: neither or both of `distance_m` and `grid`
/// (naming `distance_m`), a grid outside its ranges or memory (naming `grid`), and those of
/// ``MagnonCurrentComputation``. Cells of the other mode's columns are NaN.
public struct MagnonPotentialComputation: Computation {
  public init() {}
  /// The ground states of the study this value runs (``CrownGroundStates/Memory``).
  let groundStates = CrownGroundStates.Memory()
  public var name: String { "magnon-potential" }
  public var command: [String] { ["magnon", "potential"] }
  public var summary: String {
    "Electric potential of the magnon magnetization current (Eq. 17, SI): axial voltage (V) or an x–z grid"
  }
  public var paper: Paper? { .heisenbergRing }
  public var discussion: String {
    """
    --distance d: columns voltage_V (U = φ(+d ẑ) − φ(−d ẑ), exact line integral), voltage_dipole_V, \
    magnetization_current_Am2_per_s, dipole_moment_Cm (z component). --grid HALF_WIDTH_m:POINTS: \
    columns x_m, z_m, potential_V on a POINTS×POINTS grid in the plane y = 0, x, z ∈ [−HALF_WIDTH, \
    HALF_WIDTH]; points within 1e-3 R of the wire are nan and named in a warning. HALF_WIDTH 1e-15 \
    to 1e3 m, POINTS 2 to 1000 (and within memory, ≈ 256 B per grid point).
    """
  }

  typealias P = CrownRingParameters
  public var parameters: [Parameter] { P.model + [P.temperature, P.method, P.radius, P.distance, P.grid] }
  public var outputs: [Column] {
    [
      Column("x_m", unit: "m", "grid: x of the point (y = 0)"),
      Column("z_m", unit: "m", "grid: z of the point"),
      Column("potential_V", unit: "V", "grid: φ(x, 0, z), Eq. 17 line integral (nan on the wire)"),
      Column("voltage_V", unit: "V", "distance: U = φ(+d ẑ) − φ(−d ẑ), Eq. 17 line integral"),
      Column("voltage_dipole_V", unit: "V", "distance: U in the dipole approximation"),
      Column("magnetization_current_Am2_per_s", unit: "A m²/s", "I_m = gμ_B I_s/ħ along i → i+1"),
      Column("dipole_moment_Cm", unit: "C m", "z component of the electric dipole moment of the loop"),
    ]
  }
  static let gridColumns = ["x_m", "z_m", "potential_V"]
  public func defaultColumns(for values: ParameterValues) -> [String] {
    values[P.grid.id] != nil
      ? Self.gridColumns : ["voltage_V", "voltage_dipole_V", "magnetization_current_Am2_per_s", "dipole_moment_Cm"]
  }

  public func check(_ v: ParameterValues) throws {
    _ = try P.crown(v)
    switch (v.optionalNumber(P.distance.id), v[P.grid.id]?.text) {
    case (nil, nil):
      throw P.distance.invalid(.text("(missing)"), allowed: "exactly one of distance_m and grid")
    case (.some(let d), .some):
      throw P.distance.invalid(.number(d), allowed: "exactly one of distance_m and grid")
    case (nil, .some(let text)):
      let (_, n) = try P.grid(text)
      try MemoryBudget.require(
        MagnetizationCurrentLoop.gridBytes(points: n), parameter: P.grid.id, value: text,
        what: "a \(n)×\(n) potential grid")
    case (.some, nil): break
    }
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    try CrownGroundStates.prepare(points, check: check) { v in
      guard let text = v[P.grid.id]?.text, let grid = try? P.grid(text) else { return 0 }
      return MagnetizationCurrentLoop.gridBytes(points: grid.points)
    }
  }

  /// With `distance_m` the potential map is not computed; with `grid`, the axial voltage.
  public func uncomputedColumns(for v: ParameterValues) -> (columns: Set<String>, reason: String)? {
    v.optionalNumber(P.distance.id) != nil
      ? (Set(Self.gridColumns), "with distance_m (the axial voltage only; give grid for the potential map)")
      : (["voltage_V", "voltage_dipole_V"], "with grid (give distance_m for the axial voltage)")
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let ground = try CrownGroundStates.groundState(v, memory: groundStates)
    let current = try CrownStudy.current(
      ground, temperature: v.number(P.temperature.id), method: CrownStudy.CurrentMethod(rawValue: v.text(P.method.id))!)
    let im = current.magnetizationCurrent
    let loop = try CrownStudy.loop(ground, radius: v.number(P.radius.id), magnetizationCurrent: im)
    let p = loop.dipoleMoment.z
    var rows: [[TableValue]]
    var warnings = ground.warnings
    if let d = v.optionalNumber(P.distance.id) {
      let u = try loop.axialVoltage(distance: d)
      rows = [
        [.number(.nan), .number(.nan), .number(.nan), .number(u.exact), .number(u.dipole), .number(im), .number(p)]
      ]
    } else {
      let (w, n) = try P.grid(v.text(P.grid.id))
      let grid = try loop.potentialGrid(halfWidth: w, points: n) { zs, row in try parallelMap(zs, row) }
      rows = grid.rows.map { r in r.map(TableValue.number) + [.number(.nan), .number(.nan), .number(im), .number(p)] }
      warnings += grid.warnings
    }
    let explained = Set(warnings.contains { $0.kind == "on-wire" } ? ["potential_V"] : [])
    let otherMode = v.optionalNumber(P.distance.id) != nil ? Self.gridColumns : ["voltage_V", "voltage_dipole_V"]
    warnings += NonFinite.warnings(rows, columns: outputNames, skipping: explained.union(otherMode))
    return StudyEvaluation(rows: rows, warnings: warnings)
  }
}

extension MagnonPotentialComputation {
  public var example: [String] {
    [
      "--spins", "20", "--field", "1", "--latitude", "45", "--temperature", "60", "--radius", "1e-8",
      "--vary", "distance=1e-8:1e-7:3",
    ]
  }
}
