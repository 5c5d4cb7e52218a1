import Diagnostics
import Foundation
import LinearAlgebra

extension ExactSpectrum {
  /// Thermal observables of the ring at one temperature (K units; spin components dimensionless).
  public struct Observables: Sendable {
    public let temperature: Double
    /// ⟨H⟩, −T ln Z (K) and C = Var(E)/T² (k_B), whole ring.
    public let energy: Double
    public let freeEnergy: Double
    public let specificHeat: Double
    /// ⟨O⟩ of every operator entry of ``ExactObservable/all`` present (the longitudinal current only
    /// with axes), by name.
    public let values: [String: Double]
    /// Bond current j_0 = −J⟨S_0 × S_1⟩ (K) in the cylinder frame of site 0: (radial x̂, azimuthal ŷ, z).
    /// For the crown only jᶻ is the same on every bond; the others rotate with the bond.
    public var current: Vector3 { vector("spin_current_", "_K") }
    /// ⟨S_0⟩ and ⟨S_1⟩ in the cylinder frames of sites 0 and 1 (radial, azimuthal φ̂, z).
    public var spinA: Vector3 { vector("spin_a_", "") }
    public var spinB: Vector3 { vector("spin_b_", "") }
    /// −J⟨m̂_0·(S_0^⊥ × S_1^⊥)⟩ with the given classical axes (K), nil without axes. Axis-dependent.
    var longitudinalCurrent: Double? { values["longitudinal_spin_current_K"] }

    func vector(_ prefix: String, _ suffix: String) -> Vector3 {
      let c = ExactObservable.frameNames.map { values[prefix + $0 + suffix]! }
      return Vector3(c[0], c[1], c[2])
    }
  }

  /// Radial, azimuthal and z unit vectors of site i (azimuth φ_i = −2πi/N, the crown's numbering).
  static func cylinderFrame(site i: Int, of n: Int) -> (Vector3, Vector3, Vector3) {
    let phi = -2 * Double.pi * Double(i) / Double(n)
    return (Vector3(cos(phi), sin(phi), 0), Vector3(-sin(phi), cos(phi), 0), Vector3(0, 0, 1))
  }

  /// Observables at temperature T (K); `axes` (one unit vector per site) for the longitudinal current.
  public func observables(temperature t: Double, axes: [Vector3]? = nil) throws -> Observables {
    try observables(temperatures: [t], axes: axes)[0]
  }

  /// Observables at several temperatures; each operator's eigenstate diagonal is computed once.
  public func observables(temperatures: [Double], axes: [Vector3]? = nil) throws -> [Observables] {
    let only = temperatures.count == 1 ? temperatures[0] : nil
    let ops = ExactObservable.operators(for: model, axes: axes)
    let diagonals = try ops.map { try diagonal($0.operator, onlyWeighted: only) }
    return temperatures.map { t in
      let thermo = thermodynamics(temperature: t)
      let values = zip(ops, diagonals).map { ($0.observable.name, average($1, temperature: t)) }
      return Observables(
        temperature: t, energy: thermo.energy, freeEnergy: thermo.freeEnergy, specificHeat: thermo.specificHeat,
        values: Dictionary(uniqueKeysWithValues: values))
    }
  }

  /// Second route to jᶻ: −(1/N) ∂F/∂δ of H(δ) = −J Σ S_i·R_z(δ)S_{i+1} at δ = 0 (K).
  ///
  /// 5-point central difference on F(δ) = −T ln Z(δ) (E_0(δ) at T = 0) with step `step`: truncation
  /// O(step⁴ F⁽⁵⁾), rounding ≈ 1e-15·|F|/step. Eigenvalues only (four diagonalisations). At T = 0 a
  /// level crossing at δ = 0 makes the derivative one-sided; `warning` then reports the ground degeneracy.
  static func twistCurrent(
    model: ExactRingModel, temperature t: Double, step: Double = 1e-3, reduced: Bool = true
  ) throws -> (current: Double, warning: NumericalWarning?) {
    let r = try twistCurrents(model: model, temperatures: [t], step: step, reduced: reduced)
    return (r.currents[0], r.warning)
  }

  /// `twistCurrent(model:temperature:step:reduced:)` at several temperatures from the same four spectra.
  /// `groundDegeneracy` of the untwisted ring, when the caller has its spectrum, saves the fifth
  /// diagonalisation that the T = 0 degeneracy warning otherwise needs.
  /// The size is checked once (all five rings share it); `sizeChecked` when the caller has already.
  static func twistCurrents(
    model: ExactRingModel, temperatures: [Double], step: Double = 1e-3, reduced: Bool = true,
    groundDegeneracy: Int? = nil, sizeChecked: Bool = false
  ) throws -> (currents: [Double], warning: NumericalWarning?) {
    if !sizeChecked { try requireFits(model: model, reduced: reduced) }
    // The four twisted spectra in parallel, BLAS on one thread each (results do not depend on it).
    let twists = [-2 * step, -step, step, 2 * step]
    let slots = ResultSlots<Result<ExactSpectrum, Error>>(count: twists.count)
    SingleThreadedBLAS.enter()
    DispatchQueue.concurrentPerform(iterations: twists.count) { i in
      slots.set(
        i, Result { try ExactSpectrum(sizeChecked: model.twisted(twists[i]), reduced: reduced, computeVectors: false) })
    }
    SingleThreadedBLAS.leave()
    let spectra = try slots.values.map { try $0!.get() }
    let currents = temperatures.map { t -> Double in
      let f = spectra.map { $0.thermodynamics(temperature: t).freeEnergy }
      return -TwistDerivative.combine(f, step: step) / Double(model.bondCount)
    }
    var warning: NumericalWarning?
    if temperatures.contains(0) {
      let degeneracy =
        try groundDegeneracy
        ?? ExactSpectrum(sizeChecked: model, reduced: reduced, computeVectors: false).groundDegeneracy
      if degeneracy > 1 {
        warning = NumericalWarning(
          kind: "degenerate-ground-state",
          message: "the T = 0 ground state is \(degeneracy)-fold degenerate: the twist derivative of E_0 "
            + "follows one branch and may differ from the operator average over the ground manifold",
          value: Double(degeneracy))
      }
    }
    return (currents, warning)
  }
}
