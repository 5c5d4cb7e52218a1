import Foundation
import PhysicalConstants

/// The SI value of a spin current given in the units of a command group, from CODATA constants:
/// a spin current is angular momentum per time, so an energy unit E stands for E/ħ quanta ħ per
/// second, i.e. E in joules.
enum SIUnits {
  private static func g(_ x: Double) -> String { String(format: "%.7g", x) }
  /// 1 K of spin current (k_B = ħ = 1).
  static var kelvin: String {
    let k = PhysicalConstants.boltzmann
    return "1 K = k_B·1 K = \(g(k)) J (angular momentum per second), i.e. \(g(k / PhysicalConstants.reducedPlanck)) ħ/s"
  }
  /// 1 eV of spin current (ħ = 1).
  static var electronVolt: String {
    let e = PhysicalConstants.electronVolt
    return "1 eV = \(g(e)) J (angular momentum per second), i.e. \(g(e / PhysicalConstants.reducedPlanck)) ħ/s"
  }
  /// 1 eV·a of the spin-velocity ½{σ_z, v} (ħ = 1, lattice constant a).
  static var electronVoltLattice: String {
    let rate = PhysicalConstants.electronVolt / PhysicalConstants.reducedPlanck
    return "1 eV·a = a·\(g(rate)) s⁻¹ (a velocity: \(g(rate * 1e-10)) m/s for a = 1 Å; times ħ/2 for angular momentum)"
  }
}
