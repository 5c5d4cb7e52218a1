import Diagnostics
import Foundation
import LinearAlgebra

/// Classical ground state + linear spin waves for the z spin current of any ``ExactRingModel``.
///
/// The 1/S expansion of the observable of ED, jᶻ = −(1/N) ∂F/∂δ of H(δ) = −J Σ S_i·R_z(δ)S_{i+1} − Σ h_i·S_i:
///
///     F(δ) = E_cl(δ) + F₂(δ),   jᶻ = jᶻ_cl + jᶻ_LSWT,
///     jᶻ_cl = −(J/N) Σ S_iS_{i+1} (m̂_i × m̂_{i+1})_z   (Hellmann–Feynman, exact),
///     jᶻ_LSWT = −(1/N) dF₂/dδ   (5-point stencil, step h = 1e-4 rad: error O(h⁴) ≈ 1e-16 relative,
///                                roundoff ≈ 1e-14·|F₂|/(N h)),
///
/// with F₂ of `RingSpinWaves` (Colpa with the anomalous terms, or the number-conserving truncation).
/// The texture at δ = ±h, ±2h is continued by Newton from the δ = 0 minimum (found by
/// ``RingTexture/groundState(of:randomStarts:seed:)``), so the stencil never jumps between minima.
/// Works for J < 0 (antiferromagnet), two sublattices, any fields. Preconditions: N ≥ 3, δ = 0 in `model`.
/// Failure: an unstable texture throws ``SpinWaveError/unstableMode(mode:eigenvalue:)`` from the
/// spin-wave methods; the classical part stays available.
public struct RingSemiclassics: Sendable {
  public let model: ExactRingModel
  /// The δ = 0 classical ground state.
  public let texture: RingTexture
  /// The search found a stable minimum (positive tangent Hessian).
  public let isStableMinimum: Bool
  /// Warnings of the ground-state search.
  public let warnings: [NumericalWarning]
  /// The textures at δ = −2h, −h, h, 2h (or the continuation's failure).
  let stencil: Result<[RingTexture], SpinWaveError>
  /// Twist step h (rad) of the 5-point stencil.
  static let twistStep = 1e-4

  /// Searches the classical ground state (``RingTexture/groundState(of:randomStarts:seed:)``), then continues it in δ.
  public init(model: ExactRingModel, randomStarts: Int = 2, seed: UInt64 = 1) throws {
    let g = try RingTexture.groundState(of: model, randomStarts: randomStarts, seed: seed)
    self.init(model: model, texture: g.texture, isStableMinimum: g.isStableMinimum, warnings: g.warnings)
  }

  /// Starts from known ground-state directions (e.g. found once for a texture that does not depend on S):
  /// Newton-relaxed on `model`; ``isStableMinimum`` from the Cholesky test of the tangent Hessian.
  /// - Throws: ``SpinWaveError/continuationFailed(twist:residual:)`` when Newton does not converge.
  public init(model: ExactRingModel, groundState directions: [Vector3]) throws {
    let t = try RingTexture(model: model, directions: directions).relaxed()
    let stable = (try? t.tangentHessian.choleskyUpper()) != nil
    self.init(model: model, texture: t, isStableMinimum: stable, warnings: [])
  }

  init(model: ExactRingModel, texture start: RingTexture, isStableMinimum: Bool, warnings: [NumericalWarning]) {
    self.model = model
    texture = start
    self.isStableMinimum = isStableMinimum
    self.warnings = warnings
    let h = Self.twistStep
    func continued(_ sign: Double) throws -> [RingTexture] {
      let one = try RingTexture(model: model.twisted(sign * h), directions: start.directions).relaxed()
      let two = try RingTexture(model: model.twisted(2 * sign * h), directions: one.directions).relaxed()
      return [one, two]
    }
    do {
      let minus = try continued(-1), plus = try continued(1)
      stencil = .success([minus[1], minus[0], plus[0], plus[1]])
    } catch {
      stencil = .failure(error as? SpinWaveError ?? .continuationFailed(twist: h, residual: .nan))
    }
  }

  /// jᶻ_cl (K), Hellmann–Feynman.
  var classicalCurrent: Double { texture.hellmannFeynmanCurrent }

  /// −(1/N) dE_cl/dδ on the continued textures (K): the finite-difference check of ``classicalCurrent``.
  func classicalTwistCurrent() throws -> Double {
    let t = try stencil.get()
    return derivative(t.map(\.energy))
  }

  /// The magnons at δ = 0.
  func spinWaves(anomalous: Bool = true) throws -> RingSpinWaves {
    try RingSpinWaves(texture: texture, anomalous: anomalous)
  }

  /// The magnons at the stencil twists −2h, −h, h, 2h.
  func stencilSpinWaves(anomalous: Bool = true) throws -> [RingSpinWaves] {
    try stencil.get().map { try RingSpinWaves(texture: $0, anomalous: anomalous) }
  }

  /// jᶻ_LSWT = −(1/N) dF₂/dδ (K) at each temperature (K).
  func spinWaveCurrents(temperatures: [Double], anomalous: Bool = true) throws -> [Double] {
    _ = try spinWaves(anomalous: anomalous)  // δ = 0 must be stable too
    let waves = try stencilSpinWaves(anomalous: anomalous)
    return temperatures.map { t in derivative(waves.map { $0.freeEnergy(temperature: t) }) }
  }

  /// Classical + LSWT jᶻ (K) and its thermal part jᶻ(T) − jᶻ(0), per temperature.
  public func currents(temperatures: [Double], anomalous: Bool = true) throws -> [(total: Double, thermal: Double)] {
    let lswt = try spinWaveCurrents(temperatures: [0] + temperatures, anomalous: anomalous)
    return lswt.dropFirst().map { (classicalCurrent + $0, $0 - lswt[0]) }
  }

  /// The LSWT gap min_k ε_k (K) at δ = 0.
  public func gap(anomalous: Bool = true) throws -> Double { try spinWaves(anomalous: anomalous).energies.min()! }

  /// −(1/N) d/dδ from values at −2h, −h, h, 2h.
  func derivative(_ f: [Double]) -> Double { Self.derivative(f, n: model.bondCount) }

  static func derivative(_ f: [Double], n: Int) -> Double {
    -TwistDerivative.combine(f, step: twistStep) / Double(n)
  }
}
