import Diagnostics
import Foundation
import LinearAlgebra
import Numerics
import TightBinding

/// The at-a-glance check of Bray-Ali and Nussinov's claims on an open lattice (the `definitions check` table).
///
/// For each row: the largest |per-eigenstate value| over all eigenstates and the thermal value.
///
/// | row | operator | claim |
/// |---|---|---|
/// | `bare` | j = ½{σ_z, v} | may persist: ⟨j⟩_T = −⟨½{τ, X}⟩_T (Eq. 10) |
/// | `shi` | J = i[H, σ_z X] | ⟨n|J|n⟩ = 0 (Eq. 8), ⟨J⟩_T = 0 (Eq. 9) |
/// | `label` | 𝒥 = j − ½{τ, X} | ⟨𝒥⟩_T = −2⟨½{τ, X}⟩_T (Eq. 11, leading order) |
/// | `torque_position` | ½{τ, X} | |
/// | `twist_slope` | dE/dδP of the LSM-twisted states | = −⟨J⟩: 0 per eigenstate and thermally (Eqs. 15–17) |
///
/// Values in eV·a (ħ = 1). `twist_slope` uses finite differences of the twisted energy, not J.
public struct DefinitionsCheck: Sendable {
  /// One row of the table.
  public struct Row: Sendable, Equatable {
    public var definition: String
    public var maxEigenstateAbs: Double
    public var thermalValue: Double
  }

  public var rows: [Row]
  /// Chemical potential used (eV): the given μ, or the one solved for a fixed particle number.
  public var mu: Double
  /// Σ f_n.
  public var particles: Double
  /// Largest |⟨n|j|n⟩|, the scale the eigenstate checks are relative to (eV·a).
  var bareScale: Double
  public var warnings: [NumericalWarning]

  /// The row named `name` (bare, shi, label, torque_position, twist_slope).
  public func row(_ name: String) -> Row? { rows.first { $0.definition == name } }

  /// Row names in table order.
  static let rowNames = ["bare", "shi", "label", "torque_position", "twist_slope"]

  /// Complex n×n buffers (n = 2M) at the peak of ``run(_:occupation:)``: H, the operators
  /// (v, σ_z X, J, j, τ, ½{τ,X}, 𝒥), eigenvectors, products and the LSM-twisted states. Measured
  /// peak RSS / (16 n²) = 15.4 at n = 1000 (`/usr/bin/time -v`, 500 sites), rounded up.
  public static let denseBuffers = 20.0

  /// Time of ``run(_:occupation:)`` relative to one eigenvalues-only `zgeev` of the same n:
  /// 98 s at n = 1000 against 5.5 s (debug build, development machine).
  public static let relativeCost = 18.0

  /// Estimated peak bytes for `lattice` (Double: never overflows).
  public static func estimatedBytes(_ lattice: SpinOrbitLattice) -> Double {
    let n = 2 * Double(lattice.siteCount)
    return denseBuffers * 16 * n * n
  }

  /// Throws ``/Diagnostics/InvalidParameter`` naming `--sites` when ``estimatedBytes(_:)`` exceeds the
  /// memory budget (``/Diagnostics/MemoryBudget``), before anything is allocated.
  public static func requireMemory(_ lattice: SpinOrbitLattice) throws {
    let m = lattice.siteCount
    let value: Any
    if case .patch(let l, let w) = lattice.geometry { value = "\(l) (× width \(w))" } else { value = m }
    try MemoryBudget.require(
      estimatedBytes(lattice), parameter: "sites", value: value,
      what: "the dense \(2 * m)×\(2 * m) spin-current operators and eigenvectors of \(m) sites")
  }

  /// Estimated wall time (s): ``relativeCost`` × a timed `zgeev` (``/TightBinding/RingResources/zgeevSecondsPerCube()``) × n³.
  public static func estimatedSeconds(_ lattice: SpinOrbitLattice) throws -> Double {
    relativeCost * (try RingResources.zgeevSecondsPerCube()) * pow(2 * Double(lattice.siteCount), 3)
  }

  /// Runs the check (memory checked first).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for a ring (X undefined), bad parameters or a lattice whose
  ///   memory estimate does not fit.
  public static func run(_ lattice: SpinOrbitLattice, occupation: Occupation) throws -> DefinitionsCheck {
    guard lattice.isOpen else {
      throw InvalidParameter("lattice", "ring", allowed: "an open chain or patch (X is not defined on a ring)")
    }
    try lattice.validate()
    try requireMemory(lattice)
    let system = try lattice.system()
    try occupation.validate(levelCount: system.dimension)
    let ops = try SpinCurrentOperators(system)
    let spectrum = try SpinCurrentExpectations(hamiltonian: ops.hamiltonian)
    let (weights, mu, warnings) = try occupation.weights(spectrum.energies)
    var rows: [Row] = []
    var scale = 0.0
    for d in SpinCurrentOperators.Definition.allCases {
      let values = try spectrum.stateExpectations(of: ops.named(d))
      let thermal = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
      let maxAbs = values.map(abs).max() ?? 0
      if d == .bare { scale = maxAbs }
      rows.append(Row(definition: d.rawValue, maxEigenstateAbs: maxAbs, thermalValue: thermal))
    }
    let slopes = try LSMTwist.stateSlopes(
      ops.hamiltonian, spinDisplacement: ops.spinDisplacement, states: spectrum.states)
    let rho = try spectrum.densityMatrix(weights: weights)
    let thermalSlope = LSMTwist.thermalSlope(ops.hamiltonian, spinDisplacement: ops.spinDisplacement, density: rho)
    rows.append(
      Row(definition: "twist_slope", maxEigenstateAbs: slopes.map(abs).max() ?? 0, thermalValue: thermalSlope))
    return DefinitionsCheck(
      rows: rows, mu: mu, particles: weights.reduce(0, +), bareScale: scale, warnings: warnings)
  }
}
