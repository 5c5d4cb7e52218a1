import Diagnostics
import Foundation
import LinearAlgebra
import Numerics
import PhysicalConstants
import TightBinding

/// Persistent currents of a closed Rashba ring threaded by flux Φ (Bray-Ali and Nussinov: the bare spin
/// current can persist in equilibrium), computed with the TightBinding ring machinery.
///
/// Operator method: ``/TightBinding/PersistentCurrents/denseOperatorTotals(_:sites:mu:kT:projector:)`` on the ring built
/// by ``SpinOrbitLattice`` (`.ring(sites:flux:)`): I = e⟨v⟩/(M a) in ampere and the bare spin
/// currents I_s^α = ⟨½{σ_α, v}⟩/(2M) in eV (docs/model-reference.md normalisation, ħ = a = 1).
///
/// Second methods (independent of the current operators):
/// - charge: I = −(e/ħ) dΩ/dΦ, Ω(Φ) = −k_BT Σ_n ln(1 + e^{−(E_n−μ)/k_BT})
///   (T = 0: Ω = Σ_{E_n<μ}(E_n − μ));
///   Hellmann–Feynman with ∂H/∂Φ = −v/M (forward hops carry e^{iΦ/M}).
/// - spin: ⟨½{σ_α, v}⟩ = −dΩ/dθ under the TightBinding SU(2) bond twist `.spin(axis: α, angle: θ)`.
/// Both by five-point differences (steps δΦ = 0.01, δθ = 0.01/M: truncation ~1e−8 relative);
/// a level crossing μ inside the stencil (T = 0) spoils them — keep μ away from levels.
public enum RashbaRingCurrents {
  /// Operator-method totals at μ (eV) and T (kelvin). - Throws: ``/Diagnostics/InvalidParameter`` unless a ring.
  public static func compute(
    _ ring: SpinOrbitLattice, mu: Double, temperature: Double = 0
  ) throws
    -> PersistentCurrentResult
  {
    try requireRing(ring)
    try Require.finite(mu, "mu_eV")
    try Require.nonNegative(temperature, "temperature_K")
    return try PersistentCurrents.denseOperatorTotals(
      try ring.system(), sites: ring.siteCount, mu: mu, kT: temperature * PhysicalConstants.electronVoltPerKelvin)
  }

  /// Charge current (A) from the flux derivative of the grand potential.
  public static func chargeFromFluxDerivative(
    _ ring: SpinOrbitLattice, mu: Double, temperature: Double = 0
  ) throws
    -> Double
  {
    guard case .ring(let n, let flux) = ring.geometry else {
      try requireRing(ring)
      return .nan
    }
    let kT = temperature * PhysicalConstants.electronVoltPerKelvin
    let d = try derivative(step: 0.01) { dphi in
      var r = ring
      r.geometry = .ring(sites: n, flux: flux + dphi)
      return try grandPotential(r.system().hamiltonian(), mu: mu, kT: kT)
    }
    return -PhysicalConstants.amperePerElectronVoltHopping * d
  }

  /// Bare spin current I_s^α (eV) from the SU(2) twist derivative of the grand potential.
  static func spinFromTwistDerivative(
    _ ring: SpinOrbitLattice, axis: Int = 2, mu: Double, temperature: Double = 0
  ) throws -> Double {
    try requireRing(ring)
    let system = try ring.system()
    let kT = temperature * PhysicalConstants.electronVoltPerKelvin
    let m = Double(ring.siteCount)
    let d = try derivative(step: 0.01 / m) {
      try grandPotential(system.hamiltonian(twist: .spin(axis: axis, angle: $0)), mu: mu, kT: kT)
    }
    return -d / (2 * m)
  }

  /// Ω = −kT Σ ln(1 + e^{−(E−μ)/kT}) (eV); at kT = 0, Σ_{E<μ} (E − μ).
  static func grandPotential(_ h: ComplexMatrix, mu: Double, kT: Double) throws -> Double {
    let e = try HermitianEigensystem(h, computeVectors: false).values
    if kT == 0 { return e.filter { $0 < mu }.reduce(0) { $0 + ($1 - mu) } }
    return e.reduce(0) { acc, x in
      let y = -(x - mu) / kT
      // ln(1 + e^y) without overflow.
      return acc - kT * (y > 0 ? y + Foundation.log1p(Foundation.exp(-y)) : Foundation.log1p(Foundation.exp(y)))
    }
  }

  static func derivative(step delta: Double, _ f: (Double) throws -> Double) throws -> Double {
    let f1 = try f(delta) - f(-delta)
    let f2 = try f(2 * delta) - f(-2 * delta)
    return (8 * f1 - f2) / (12 * delta)
  }

  static func requireRing(_ ring: SpinOrbitLattice) throws {
    guard case .ring = ring.geometry else {
      throw InvalidParameter("lattice", "open geometry", allowed: "a ring (SpinOrbitLattice.Geometry.ring)")
    }
  }
}
