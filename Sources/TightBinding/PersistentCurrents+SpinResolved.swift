import Diagnostics
import LinearAlgebra
import Numerics

extension PersistentCurrents {
  /// Operator-method totals on the spin-resolved path (see `HatanoNelsonRing+SpinResolved.swift`).
  ///
  /// One biorthogonal eigensystem of H_orb; sector s = ±1 (spin along ±m̂) has energies
  /// E = e_n − s h, so its occupied set is Re e_n ≤ μ + s h. With V_s = Tr(P_s v_orb):
  ///
  ///     ⟨v⟩ = V₊ + V₋,     ⟨{σ_α, v}⟩/2 = m̂_α (V₊ − V₋)
  static func spinResolvedOperatorTotals(
    _ ring: HatanoNelsonRing, mu: Double, kT: Double
  ) throws
    -> PersistentCurrentResult
  {
    let velocity = try ring.orbitalVelocity()
    let eig: BiorthogonalEigensystem
    do { eig = try BiorthogonalEigensystem(ring.orbitalHamiltonian()) } catch let e as LinearAlgebraError {
      return try defective(e)
    }
    var sector: [Complex<Double>] = []
    var occupation = 0.0, kappa = 1.0
    var warnings: [NumericalWarning] = []
    let perState = kT == 0 ? nil : try eig.stateExpectations(of: velocity)
    for s in [1.0, -1.0] {
      let t = try OccupiedTrace(eig, mu: mu + s * ring.exchange, kT: kT)
      if let perState {
        sector.append(zip(perState, t.weights).reduce(.zero) { $0 + Complex($1.1, 0) * $1.0 })
      } else {
        sector.append(try eig.traces(of: [velocity], selecting: t.selection)[0])
      }
      occupation += t.occupation
      kappa = max(kappa, t.maxCondition)
      warnings += t.warnings(context: " (spin \(s > 0 ? "along" : "against") m̂; orbital energy shown)")
    }
    let m = ring.momentDirection
    let difference = sector[0] - sector[1]
    let raw = [sector[0] + sector[1]] + [m.x, m.y, m.z].map { Complex($0, 0) * difference }
    return PersistentCurrentResult(
      currents: RingCurrents(rawTraces: raw, sites: ring.siteCount), occupation: occupation,
      maxConditionNumber: kappa, warnings: warnings)
  }
}
