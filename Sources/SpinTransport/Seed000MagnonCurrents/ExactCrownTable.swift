import Diagnostics
import Foundation
import LinearAlgebra
import SpinWaves
import Studies

/// The table of `spintransport magnon exact`: exact quantum spin currents of a spin-S crown ring beside
/// the classical crown, LSWT (Colpa and number-conserving) and Eq. 15.
///
/// One public entry, ``rows(_:)``, so that the computation can be wrapped as a model-catalogue entry.
/// ED is full (all screw sectors, every temperature from one spectrum) or Lanczos (T = 0 only).
/// Units: energies and currents in K, spin components in ħ, specific heat in k_B. Positive currents
/// flow i → i+1 (clockwise seen from +z). LSWT of the antiferromagnet and the ferrimagnet comes from the
/// general route (``/SpinWaves/RingSemiclassics``), nan with an `lswt-unstable` warning where unstable. Columns
/// that a model does not support (Eq. 15 for J < 0 or two sublattices, the gap with Lanczos) are nan with a
/// warning naming them.
public enum ExactCrownTable {
  /// The route of the exact columns; `semiclassical` computes none of them (classical + LSWT only, no
  /// Hilbert space: larger N).
  public enum Method: String, Sendable, CaseIterable { case full, lanczos, ftlm, semiclassical }

  public struct Request: Sendable {
    public var crown: ExactCrownRing
    public var temperatures: [Double]
    public var method: Method
    /// Only ``minimalColumns`` (ED jᶻ by the operator, E, F, C, gap): no twist route, other operators,
    /// classical or LSWT — the work of the QuSpin comparison in `benchmarks/exact`.
    public var minimal: Bool
    /// Random vectors, Lanczos steps and seed of `method = ftlm` (ignored otherwise).
    public var ftlm: FiniteTemperatureLanczos.Settings
    /// A system of the user's own (a model file) instead of the crown: then `crown` is ignored.
    public var system: ExactRingModel?
    /// Hears the exact route's sectors and Lanczos steps (not part of the result).
    public var progress: PointProgress?
    public init(
      crown: ExactCrownRing, temperatures: [Double], method: Method = .full, minimal: Bool = false,
      ftlm: FiniteTemperatureLanczos.Settings = .init(), system: ExactRingModel? = nil
    ) {
      self.system = system
      self.crown = crown
      self.temperatures = temperatures
      self.method = method
      self.minimal = minimal
      self.ftlm = ftlm
    }
  }

  public static let columns = [
    "temperature_K", "spin_current_z_K", "spin_current_z_twist_K", "thermal_spin_current_z_K",
    "spin_current_radial_K", "spin_current_azimuthal_K", "longitudinal_spin_current_K",
    "classical_spin_current_z_K", "lswt_spin_current_z_K", "lswt_thermal_spin_current_z_K",
    "nc_lswt_spin_current_z_K", "nc_lswt_thermal_spin_current_z_K", "lswt_longitudinal_spin_current_K",
    "eq15_spin_current_K", "energy_K", "free_energy_K", "specific_heat", "gap_K", "lswt_gap_K",
    "spin_a_radial", "spin_a_azimuthal", "spin_a_z", "spin_b_radial", "spin_b_azimuthal", "spin_b_z",
    "theta_m_deg", "spin_current_z_stderr_K",
  ]

  public static let minimalColumns = [
    "temperature_K", "spin_current_z_K", "energy_K", "free_energy_K", "specific_heat", "gap_K",
  ]

  /// The ``Request/minimal`` table: full ED, the jᶻ operator's eigenstate diagonal once, thermodynamics.
  static func minimalRows(_ p: Request, model: ExactRingModel) throws -> ResultTable {
    let ed = try ExactSpectrum(sizeChecked: model, progress: p.progress)
    let jz = try ed.diagonal(model.bondCurrent(0, along: Vector3(0, 0, 1)))
    var table = ResultTable(columns: minimalColumns)
    for t in p.temperatures {
      let thermo = ed.thermodynamics(temperature: t)
      table.append([t, ed.average(jz, temperature: t), thermo.energy, thermo.freeEnergy, thermo.specificHeat, ed.gap])
    }
    table.metadata["method"] = .string("full (minimal columns)")
    table.metadata["sectors"] = .integer(ed.blocks.count)
    return table
  }

  /// Checks parameters, N ≥ 3, temperatures in [0, 1e4] K (T > 0 needs full ED), and the memory/size
  /// limits of the chosen method — before anything is allocated.
  public static func validate(_ p: Request) throws {
    if let system = p.system {
      try Require.atLeast(system.siteCount, 3, "spins")
    } else {
      try p.crown.validate(hilbertSpace: p.method != .semiclassical)
      try Require.atLeast(p.crown.spins, 3, "spins")
    }
    if p.minimal && p.method != .full {
      throw InvalidParameter(
        "method", p.method.rawValue,
        allowed: "full with table = minimal (the minimal table is full exact diagonalisation)")
    }
    let temperature = CrownRingParameters.temperature
    guard !p.temperatures.isEmpty else {
      throw temperature.invalid(.text("none"), allowed: "at least one temperature")
    }
    for t in p.temperatures {
      guard t.isFinite, temperature.realRange!.contains(t) else { throw temperature.invalid(.number(t)) }
      if p.method == .lanczos && t != 0 {
        throw temperature.invalid(
          .number(t), allowed: "0 with method = lanczos (the ground state only; T > 0 needs method = full or ftlm)")
      }
    }
    if p.method == .semiclassical {
      // Before any per-site array of the crown: N is bounded only by this memory.
      let n = p.system?.siteCount ?? p.crown.spins
      return try MemoryBudget.require(
        CrownStudy.lswtBytes(spins: n), parameter: "spins", value: n,
        what: "classical + linear spin waves (method = semiclassical: dense 2N×2N complex matrices)")
    }
    let model = p.system ?? p.crown.checkedModel()
    // A ring too large for exact diagonalisation: the refusal names the method that needs none.
    do { try requireExactFits(p, model: model) } catch let e as InvalidParameter where e.name == "spins" {
      throw InvalidParameter(
        id: e.name, symbol: e.symbol, unit: e.unit, value: e.value,
        allowed: e.allowed
          + "; method = semiclassical gives the classical and LSWT jᶻ of any N without exact diagonalisation")
    }
  }

  /// The memory and sector-size limits of the exact method `p.method`.
  private static func requireExactFits(_ p: Request, model: ExactRingModel) throws {
    if p.method == .full {
      try ExactSpectrum.requireFits(model: model)
    } else if p.method == .ftlm {
      try FiniteTemperatureLanczos.requireFits(model: model, settings: p.ftlm, operators: operatorCount)
    } else {
      let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
      // The matrix-free route of `lanczosCells` (no storage ∝ nnz).
      try MemoryBudget.require(
        LanczosGroundState.estimatedBytes(
          dimension: d, sectorsCount: Double(model.siteCount / model.screw.cell), matrixFree: true),
        parameter: "spins", value: model.siteCount, what: "Lanczos (Hilbert space \(String(format: "%.0f", d)) states)")
    }
  }

  /// The classical ground state (general solver; sublattice spins folded into J and h).
  static func classical(
    _ c: ExactCrownRing, _ model: ExactRingModel
  ) throws -> (axes: [Vector3], current: Double, energy: Double) {
    let n = c.spins, s = model.spins
    let j = RealMatrix(rows: n, columns: n) { a, b in
      (b == (a + 1) % n || a == (b + 1) % n) && a != b ? -c.exchange * s[a] * s[b] : 0
    }
    let ring = try HeisenbergRing(spinLength: 1, exchange: j, fields: zip(model.fields, s).map { $0 * $1 })
    let best = try ClassicalGroundState.search(ring, randomStarts: 2).best
    let m = best.texture.directions
    let current =
      (0..<n).reduce(0.0) { acc, i in
        acc - c.exchange * s[i] * s[(i + 1) % n] * m[i].cross(m[(i + 1) % n]).z
      } / Double(n)
    return (m, current, best.energy)
  }

  /// The table for `p` (validated first). Rows: one per temperature, ascending as given.
  public static func rows(_ p: Request) throws -> ResultTable {
    try validate(p)
    return try checkedRows(p)
  }

  /// ``rows(_:)`` for parameters that passed ``validate(_:)`` (precondition, not checked again):
  /// what the catalogue entry evaluates after its check. Builds the ring (and its basis) once.
  static func checkedRows(_ p: Request) throws -> ResultTable {
    let model = p.system ?? p.crown.checkedModel()
    if p.minimal { return try minimalRows(p, model: model) }
    if let system = p.system { return try systemRows(p, model: system) }
    let c = p.crown, n = c.spins
    var warnings: [NumericalWarning] = []
    let cl = try classical(c, model)
    let thetaM = acos(max(-1, min(1, cl.axes[0].z))) * 180 / Double.pi
    // Semiclassics of the uniform ferromagnetic crown.
    var semi: CrownSemiclassics?
    if c.exchange > 0 && !c.isFerrimagnet && c.zeemanKelvin > 0 {
      let s = try CrownSemiclassics(
        spins: n, spin: c.spinA, exchange: c.exchange, zeeman: c.zeemanKelvin,
        fieldLatitude: c.latitudeDegrees * .pi / 180)
      if s.classicalEnergy() > cl.energy + 1e-9 * abs(cl.energy) {
        warnings.append(
          NumericalWarning(
            kind: "crown-not-minimum",
            message: "the classical ground state is not a crown (energy \(cl.energy) K below the crown's "
              + "\(s.classicalEnergy()) K): LSWT columns are nan", value: s.classicalEnergy() - cl.energy))
      } else {
        semi = s
      }
    } else if c.exchange > 0 && !c.isFerrimagnet {
      warnings.append(
        NumericalWarning(
          kind: "lswt-unavailable",
          message: "LSWT jᶻ and Eq. 15 of the ferromagnetic crown need |B| > 0: their columns are nan here",
          value: c.zeemanKelvin))
    }
    // The antiferromagnet and the ferrimagnet: the general route (RingSemiclassics), Eq. 15 stays nan.
    let ringTemps = p.method == .lanczos ? [0] : p.temperatures
    var ring: (columns: [SpinWaveColumns], gap: Double, warnings: [NumericalWarning])?
    if c.exchange < 0 || c.isFerrimagnet {
      ring = Self.ringSemiclassics(model, groundState: cl.axes, temperatures: ringTemps)
      warnings += ring!.warnings
    }
    func lswtColumns(_ t: Double) -> SpinWaveColumns {
      if let ring, let k = ringTemps.firstIndex(of: t) { return ring.columns[k] }
      guard semi != nil else { return SpinWaveColumns() }
      return SpinWaveColumns(
        full: semiValue { try semi!.current(temperature: t).total },
        fullThermal: semiValue { try semi!.current(temperature: t).thermal },
        conserving: semiValue { try semi!.current(temperature: t, anomalous: false).total },
        conservingThermal: semiValue { try semi!.current(temperature: t, anomalous: false).thermal })
    }
    var lswtLongitudinal: SpinWaveSpectrum?
    if !c.isFerrimagnet {
      let jm = RealMatrix(rows: n, columns: n) { a, b in
        (b == (a + 1) % n || a == (b + 1) % n) && a != b ? -c.exchange : 0
      }
      let ring = try HeisenbergRing(spinLength: c.spinA, exchange: jm, fields: model.fields)
      do {
        lswtLongitudinal = try SpinWaveSpectrum(texture: ClassicalTexture(ring: ring, directions: cl.axes))
      } catch let e as SpinWaveError {
        warnings.append(NumericalWarning(kind: "lswt-unstable", message: "LSWT: \(e)", value: .nan))
      }
    }
    var table = ResultTable(columns: columns)
    func semiValue(_ f: () throws -> Double) -> Double {
      guard semi != nil else { return .nan }
      do { return try f() } catch {
        warnings.append(NumericalWarning(kind: "lswt-unstable", message: "LSWT: \(error)", value: .nan))
        return .nan
      }
    }
    let omega = SphericalGeometry.solidAngle(cl.axes)
    let gapDelta = c.exchange * c.spinA * pow(2 * Double.pi / Double(n), 2)
    func eq15(_ t: Double) -> Double {
      guard semi != nil, t > 0 else { return semi == nil ? .nan : 0 }
      return
        (try? MagnonCurrent.exactSum(omega: omega, gap: gapDelta, zeeman: c.zeemanKelvin, temperature: t).sum
        .spinCurrent) ?? .nan
    }
    func lswtL(_ t: Double) -> Double { (try? lswtLongitudinal?.forwardCurrents(temperature: t)[0]) ?? .nan }
    let lswtGap = ring?.gap ?? semiValue { try semi!.gap() }
    // The columns besides the exact ones, by name.
    func semiclassicalCells(_ t: Double) -> [String: Double] {
      let sw = lswtColumns(t)
      return [
        "temperature_K": t, "classical_spin_current_z_K": cl.current, "lswt_spin_current_z_K": sw.full,
        "lswt_thermal_spin_current_z_K": sw.fullThermal, "nc_lswt_spin_current_z_K": sw.conserving,
        "nc_lswt_thermal_spin_current_z_K": sw.conservingThermal, "lswt_longitudinal_spin_current_K": lswtL(t),
        "eq15_spin_current_K": eq15(t), "lswt_gap_K": lswtGap, "theta_m_deg": thetaM,
      ]
    }
    let exact: [[String: Double]]
    switch p.method {
    case .ftlm: exact = try ftlmCells(p, model: model, axes: cl.axes, table: &table, warnings: &warnings)
    case .full: exact = try fullCells(p, model: model, axes: cl.axes, table: &table, warnings: &warnings)
    case .lanczos:
      exact = try lanczosCells(model: model, axes: cl.axes, table: &table, warnings: &warnings, progress: p.progress)
    case .semiclassical: exact = p.temperatures.map { _ in [:] }
    }
    let temperatures = p.method == .lanczos ? [0] : p.temperatures
    for (t, cells) in zip(temperatures, exact) {
      let named = semiclassicalCells(t).merging(cells) { a, _ in a }
      table.append(columns.map { named[$0] ?? .nan })
    }
    table.warnings = warnings.deduplicated()
    table.metadata["method"] = .string(p.method.rawValue)
    table.metadata["solid_angle"] = .number(omega)
    table.metadata["zeeman_K"] = .number(c.zeemanKelvin)
    table.metadata["longitudinal_axes"] = .string("classical ground-state directions m̂_i (axis-dependent)")
    table.metadata["current_sign"] = .string("positive along i -> i+1, sites clockwise seen from +z")
    return table
  }
}

extension ExactCrownTable.Request {
  /// The ring of these parameters: the user's system, or the crown (validated).
  public func model() throws -> ExactRingModel { try system ?? crown.model() }
}
