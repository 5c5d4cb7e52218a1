import Diagnostics
import Foundation

/// The crown-field workflow behind `spintransport magnon …`: ground state → Ω → current → potential.
///
/// Every step uses the general solver's texture (not the closed form): Eq. 14 is one of the starts
/// and is reported next to the result for comparison.
public enum CrownStudy {
  /// Ground-state report (angles in degrees, energies in K).
  public struct GroundState: Sendable {
    public let parameters: CrownRing
    public let texture: ClassicalTexture
    /// Polar angle of m̂_0 from the solver (deg).
    public let thetaMDegrees: Double
    /// Eq. 14 root (deg).
    public let thetaMEq14Degrees: Double
    /// Exact geodesic solid angle Ω (sr, branch (−2π, 2π]).
    public let solidAngle: Double
    /// Cap value 2π(1 − cosϑ_m) (sr).
    public let capSolidAngle: Double
    public let residual: Double
    /// Smallest tangent-Hessian eigenvalue (K); NaN (with a warning) above
    /// `ClassicalGroundState/maximumBandEigenvalueOrder`.
    public let smallestHessianEigenvalue: Double
    public let isStableMinimum: Bool
    /// All sites at the same latitude with the field's azimuth (to 1e-8 rad).
    public let isRadial: Bool
    public let energy: Double
    /// Lowest energy found from the other starts (K).
    public let otherStartsLowestEnergy: Double
    /// LSWT magnon gap on the texture h* (K), see `ClassicalTexture/nearestNeighbourMagnonGap`.
    public let magnonGapOnTexture: Double
    public let warnings: [NumericalWarning]
  }

  /// Number of starts ``groundState(_:randomStarts:route:progress:)`` relaxes: Eq. 14, the field
  /// direction, uniform ±ẑ and `randomStarts` random textures.
  static func groundStateStarts(randomStarts: Int = 2) -> Int { 4 + randomStarts }

  /// Bytes ``groundState(_:randomStarts:route:progress:)`` needs: one relaxation (O(N), see
  /// ``ClassicalGroundState/estimatedBytes(spins:route:nearestNeighbour:)``) plus every start and
  /// candidate texture kept for the energy comparison (2 × 24 B per spin and start) and the result.
  public static func groundStateBytes(spins n: Int, randomStarts: Int = 2, route: HessianRoute = .automatic) -> Double {
    ClassicalGroundState.estimatedBytes(spins: n, route: route) + Double(groundStateStarts(randomStarts: randomStarts))
      * 48 * Double(n)
      + 200 * Double(n)
  }

  /// Solves the classical ground state of the crown preset.
  ///
  /// O(N) time per Newton step and O(N) memory (the block-tridiagonal Hessian route); the memory
  /// estimate ``groundStateBytes(spins:randomStarts:route:)`` is checked before anything is allocated.
  /// - Parameters:
  ///   - p: the crown-ring parameters (validated first).
  ///   - randomStarts: random initial textures tried besides the four deterministic starts.
  ///   - route: the Hessian route (`.dense` is the O(N²)-memory, O(N³)-time 2N×2N solver, a
  ///     second route for comparisons and benchmarks).
  ///   - progress: called with the number of starts relaxed (of `groundStateStarts(randomStarts:)`).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for parameters outside their ``CrownRingParameters`` ranges or a ring
  ///   whose memory estimate does not fit (naming `spins`).
  public static func groundState(
    _ p: CrownRing, randomStarts: Int = 2, route: HessianRoute = .automatic, progress: ((Int) -> Void)? = nil
  ) throws -> GroundState {
    try p.validate()
    try MemoryBudget.require(
      groundStateBytes(spins: p.spins, randomStarts: randomStarts, route: route), parameter: "spins", value: p.spins,
      what: "the classical ground state (\(groundStateStarts(randomStarts: randomStarts)) starts, "
        + (route == .dense ? "dense 2N×2N Hessian)" : "O(N) block-tridiagonal Hessian)"))
    let ring = try p.ring()
    let thetaEq14 = CrownTexture.latitude(p)
    let search = try ClassicalGroundState.search(
      ring, extraStarts: [("eq14-crown", CrownTexture.directions(spins: p.spins, latitude: thetaEq14))],
      randomStarts: randomStarts, route: route, progress: progress)
    let best = search.best
    let m = best.texture.directions
    let theta0 = acos(max(-1, min(1, m[0].z)))
    var radial = true
    for (i, v) in m.enumerated() {
      let phi = -2 * Double.pi * Double(i) / Double(p.spins)
      let radialDeviation = abs(v.x * sin(phi) - v.y * cos(phi))
      if abs(acos(max(-1, min(1, v.z))) - theta0) > 1e-8 || radialDeviation > 1e-8 { radial = false }
    }
    var warnings = search.warnings
    if !radial {
      warnings.append(
        NumericalWarning(
          kind: "non-radial", message: "the classical ground state is not radial (crown): Eq. 14 does not apply",
          value: 0))
    }
    let others = search.candidates.filter { $0.start != best.start }.map(\.energy).min() ?? best.energy
    return GroundState(
      parameters: p, texture: best.texture, thetaMDegrees: theta0 * 180 / Double.pi,
      thetaMEq14Degrees: thetaEq14 * 180 / Double.pi, solidAngle: SphericalGeometry.solidAngle(m),
      capSolidAngle: CrownTexture.capSolidAngle(latitude: theta0), residual: best.residual,
      smallestHessianEigenvalue: best.smallestHessianEigenvalue ?? .nan, isStableMinimum: best.isStableMinimum,
      isRadial: radial, energy: best.energy, otherStartsLowestEnergy: others,
      magnonGapOnTexture: best.texture.nearestNeighbourMagnonGap, warnings: warnings)
  }

  /// How the current is computed.
  public enum CurrentMethod: String, CaseIterable, Sendable {
    /// Eq. 15, exact (lattice sum, or its Matsubara resummation where the lattice sum cancels).
    case sum
    /// Eq. 16 (classical limit).
    case closedForm = "closed-form"
    /// Linear spin-wave theory on the texture (bond current I_{0→1}, thermal + zero-point).
    case lswt
  }

  /// One current evaluation (K and A·m²/s); `thermalSpinCurrent` excludes LSWT's zero-point part.
  public struct Current: Sendable {
    public let temperature: Double
    public let solidAngle: Double
    public let spinCurrent: Double
    public let thermalSpinCurrent: Double
    public let magnetizationCurrent: Double
    public let route: String
  }

  /// Bytes of the LSWT route for N spins: about eleven dense 2N×2N complex matrices live at the
  /// peak (M, Colpa's K and Kσ₃K†, `zheevd`'s copy, vectors and workspace, the reordered vectors,
  /// the LU copy and T; then T·D and ⟨ΨΨ†⟩), 16 B per entry: 11·16·(2N)² B.
  public static func lswtBytes(spins n: Int) -> Double { 11 * 16 * pow(2 * Double(n), 2) }

  /// Estimated LSWT work in Mflop for N spins (for progress lines): about 15·(2N)³ complex
  /// operations of 4 real flops (Cholesky, two products, `zheevd` with vectors, one LU solve, two
  /// correlation products); see ``SpinWaveSpectrum/init(texture:twist:twistBond:anomalous:progress:)``.
  static func lswtWorkMflop(spins n: Int) -> Int {
    max(1, Int(min(Double(Int.max / 2), 60 * pow(2 * Double(n), 3) / 1e6)))
  }

  /// The persistent current of the crown ring at temperature `temperature` (K).
  ///
  /// - Parameters:
  ///   - ground: the classical ground state of the crown ring (from ``groundState(_:randomStarts:route:progress:)``).
  ///   - temperature: T in kelvin, within the range of ``CrownRingParameters/temperature``.
  ///   - method: Eq. 15 sum, Eq. 16 closed form or LSWT.
  ///   - progress: LSWT only: called with the estimated Mflop done (of `lswtWorkMflop(spins:)`).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for T outside the range of ``CrownRingParameters/temperature`` (naming
  ///   `temperature_K`), for LSWT on a ring whose dense matrices do not fit in memory (naming `spins`),
  ///   and for a zero-energy magnon (naming `field_T`, in tesla).
  public static func current(
    _ ground: GroundState, temperature: Double, method: CurrentMethod, progress: ((Int) -> Void)? = nil
  ) throws -> Current {
    try CrownRingParameters.require(CrownRingParameters.temperature, temperature)
    let p = ground.parameters
    let omega = ground.solidAngle
    var total: Double, thermal: Double, route: String
    do {
      switch method {
      case .sum:
        let r = try MagnonCurrent.exactSum(
          omega: omega, gap: p.gapKelvin, zeeman: p.zeemanKelvin, temperature: temperature)
        total = r.sum.spinCurrent
        thermal = total
        route = r.route
      case .closedForm:
        total = try MagnonCurrent.closedForm(
          omega: omega, gap: p.gapKelvin, zeeman: p.zeemanKelvin, temperature: temperature)
        thermal = total
        route = "eq16"
      case .lswt:
        try MemoryBudget.require(
          lswtBytes(spins: p.spins), parameter: "spins", value: p.spins,
          what: "linear spin-wave theory (method = lswt: dense 2N×2N complex matrices)")
        let work = Double(lswtWorkMflop(spins: p.spins))
        let spectrum = try SpinWaveSpectrum(
          texture: ground.texture, progress: progress.map { report in { report(Int(0.8 * work * $0)) } })
        total = try spectrum.forwardCurrents(temperature: temperature)[0]
        progress?(Int(0.9 * work))
        thermal = try spectrum.forwardCurrents(temperature: temperature, occupation: .thermal)[0]
        progress?(Int(work))
        route = "lswt"
      }
    } catch let error as InvalidParameter where error.name == "field_T" {
      let field = CrownRingParameters.field
      throw InvalidParameter(
        id: field.id, symbol: field.symbol, unit: field.unit, value: "\(p.fieldTesla) T",
        allowed: "a field with no zero-energy magnon: \(error.value) at Ω = \(omega) (\(error.allowed))")
    }
    return Current(
      temperature: temperature, solidAngle: omega, spinCurrent: total, thermalSpinCurrent: thermal,
      magnetizationCurrent: MagnonCurrent.magnetizationCurrent(spinCurrentKelvin: total, g: p.g), route: route)
  }

  /// The current loop of the ring for Eq. 17: analytic crown if the texture is radial, else slerp of the sites.
  public static func loop(
    _ ground: GroundState, radius: Double, magnetizationCurrent: Double
  ) throws
    -> MagnetizationCurrentLoop
  {
    let texture: MagnetizationCurrentLoop.Texture =
      ground.isRadial ? .crown(latitude: ground.thetaMDegrees * Double.pi / 180) : .sites(ground.texture.directions)
    return try MagnetizationCurrentLoop(radius: radius, texture: texture, magnetizationCurrent: magnetizationCurrent)
  }
}
