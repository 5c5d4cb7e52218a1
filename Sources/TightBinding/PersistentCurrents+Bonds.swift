import Diagnostics
import LinearAlgebra
import Numerics
import PhysicalConstants

/// The current through one link of a lattice: the hoppings between two sites over one path
/// (both directions), oriented from `from` to `to` along positive displacement.
public struct BondCurrent: Sendable {
  /// Site the link leaves (lower position along the ring's direction).
  public var from: Int
  /// Site the link enters.
  public var to: Int
  /// Length of the link d > 0 (units of a).
  public var displacement: Double
  /// Charge current through the link (A) and spin currents (eV), with the totals' normalisation
  /// per unit length: I_b = e⟨v_b⟩/(ħ d), I_s,b^α = ⟨{σ_α, v_b}⟩/(4 d).
  public var currents: RingCurrents
}

extension PersistentCurrents {
  /// Per-link currents of the occupied states: Tr(P v_b) with the link's part of the velocity,
  ///
  ///     v_b = −i d (T_{to←from} c†_to c_from − T_{from←to} c†_from c_to)      (d > 0)
  ///
  /// (and the spin parts {σ_α, v_b}/2), through the one dense operator route of the totals
  /// (`denseOccupiedTraces(_:operators:mu:kT:projector:)`: matrix sign at T = 0 unless asked
  /// otherwise, Fermi weights at T > 0, the exceptional-point policy). Since P commutes with
  /// H, charge is conserved at every site (continuity, also for non-Hermitian H with the
  /// biorthogonal P), so on a simple ring every link carries the same charge current, equal to
  /// the total I (Kirchhoff); spin currents need not be conserved (a non-collinear on-site
  /// field exerts a torque). Links are listed in the order of their first hopping.
  public static func bondCurrents(
    _ lattice: RingLattice, mu: Double, temperature: Double = 0, denseProjector: DenseProjector = .matrixSign
  ) throws -> (bonds: [BondCurrent], occupation: Double, warnings: [NumericalWarning]) {
    try Require.finite(mu, "mu")
    try Require.nonNegative(temperature, "temperature")
    try RingResources.require(lattice, path: .dense, workload: .currents)
    let system = lattice.system
    struct Key: Hashable {
      var from: Int
      var to: Int
      var length: Double
    }
    func key(_ h: LatticeModel.Hopping) -> Key {
      h.displacement >= 0
        ? Key(from: h.from, to: h.to, length: h.displacement) : Key(from: h.to, to: h.from, length: -h.displacement)
    }
    var links: [Key] = []
    var members: [Key: [Int]] = [:]
    for (n, h) in system.hoppings.enumerated() {
      let k = key(h)
      if members[k] == nil { links.append(k) }
      members[k, default: []].append(n)
    }
    let spins = [SpinMatrix.sigmaX, .sigmaY, .sigmaZ]
    let half = Complex<Double>(0.5, 0)
    var operators: [SparseMatrix<Complex<Double>>] = []
    operators.reserveCapacity(4 * links.count)
    for link in links {
      let part = TightBindingSystem.restricted(system, to: members[link]!)
      operators.append(try part.velocityOperator())
      for p in spins {
        operators.append(
          try part.bondOperator { h in
            let v = Complex(0, -h.displacement) * h.matrix
            return half * (p * v + v * p)
          })
      }
    }
    let t = try denseOccupiedTraces(
      system.hamiltonian(), operators: operators, mu: mu, kT: temperature * PhysicalConstants.electronVoltPerKelvin,
      projector: denseProjector)
    let bonds = links.enumerated().map { b, link -> BondCurrent in
      let raw = Array(t.raw[(4 * b)..<(4 * b + 4)])
      // RingCurrents(rawTraces:sites:) divides by M; a link's current is per its own length d.
      let perLength = raw.map { Complex(1 / link.length, 0) * $0 }
      return BondCurrent(
        from: link.from, to: link.to, displacement: link.length,
        currents: RingCurrents(rawTraces: perLength, sites: 1))
    }
    return (bonds, t.occupation, t.warnings)
  }
}

extension TightBindingSystem {
  /// The same sites with only the hoppings at `indices` (for one link's operators).
  static func restricted(_ system: TightBindingSystem, to indices: [Int]) -> TightBindingSystem {
    TightBindingSystem(sites: system.sites, hoppings: indices.map { system.hoppings[$0] })
  }
}
