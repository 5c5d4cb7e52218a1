import Diagnostics
import Foundation
import Numerics

/// The ferromagnetic Hatano–Nelson ring of Karmakar, Ganguly and Maiti (docs/model-reference.md), as a preset on top of
/// ``LatticeModel``.
///
///     H = Σ_{n,j} c†_{nj} [ε_{nj} 𝟙 − h m̂·σ] c_{nj}
///       + Σ_n [t_R c†_{nB} c_{nA} + t_L c†_{nA} c_{nB}] + t₂ Σ_n [c†_{n+1,A} c_{nB} + h.c.]
///     t_R = (t₁ + γ) e^{iφ},  t_L = (t₁ − γ) e^{−iφ},  m̂ = (sinθ cosϕ, sinθ sinϕ, cosθ)
///     ε_i = ε + W cos(2π b i),  i = 1…2N the ring index (A_n ↔ 2n−1, B_n ↔ 2n), b = (1+√5)/2
///
/// The paper's case is t₁ = 0; t₁ ≠ 0, γ = 0 is the Hermitian SSH ring threaded by flux.
/// Units: energies in eV, the flux phase φ per cell and the angles θ, ϕ in **radians** (the
/// CLI takes degrees for θ, ϕ and converts). Sites sit at x = 0, 1, …, 2N−1 (a = 1); every
/// forward hop (A_n→B_n, B_n→A_{n+1}, including B_N→A₁) has displacement +1.
public struct HatanoNelsonRing: Sendable, Equatable {
  /// Number of unit cells N (≥ 2); the ring has M = 2N sites.
  public var cells: Int
  /// Reciprocal intradimer hopping t₁ (eV).
  public var t1: Double
  /// Non-reciprocity γ (eV).
  public var gamma: Double
  /// Interdimer hopping t₂ (eV).
  public var t2: Double
  /// Flux phase φ per cell (rad); total phase Nφ.
  public var fluxPhase: Double
  /// Exchange ("SDS") parameter h = J_sd⟨S⟩ (eV); spin splitting 2h.
  public var exchange: Double
  /// Polar angle θ of the moments (rad).
  public var theta: Double
  /// Azimuth ϕ of the moments (rad).
  public var azimuth: Double
  /// Uniform on-site energy ε (eV).
  public var onsite: Double
  /// Aubry–André–Harper strength W (eV); 0 = clean ring.
  public var aah: Double
  /// AAH modulation frequency b (default the golden mean (1+√5)/2).
  public var aahFrequency: Double
  /// Anderson disorder (W, seed, realisation); `.none` = no disorder (``AndersonDisorder``).
  public var anderson: AndersonDisorder = .none

  public static let goldenMean = (1 + 5.0.squareRoot()) / 2

  public init(
    cells: Int, t1: Double = 0, gamma: Double, t2: Double = 1, fluxPhase: Double = 0, exchange: Double = 0,
    theta: Double = 0, azimuth: Double = 0, onsite: Double = 0, aah: Double = 0,
    aahFrequency: Double = HatanoNelsonRing.goldenMean
  ) {
    self.cells = cells
    self.t1 = t1
    self.gamma = gamma
    self.t2 = t2
    self.fluxPhase = fluxPhase
    self.exchange = exchange
    self.theta = theta
    self.azimuth = azimuth
    self.onsite = onsite
    self.aah = aah
    self.aahFrequency = aahFrequency
  }

  /// Number of sites M = 2N.
  public var siteCount: Int { 2 * cells }

  /// True when the ring is translation invariant (W = 0), so the Bloch path applies.
  public var isClean: Bool { disorder == nil }

  /// The parameter that breaks translation invariance (``RingParameters/aah`` or
  /// ``RingParameters/anderson``) and its value; nil for a clean ring. Errors about a disordered
  /// ring name this one.
  public var disorder: (parameter: Parameter, value: Double)? {
    if aah != 0 { return (RingParameters.aah, aah) }
    if anderson.strength != 0 { return (RingParameters.anderson, anderson.strength) }
    return nil
  }

  /// Right hopping t_R = (t₁ + γ)e^{iφ} (B_n ← A_n), eV.
  public var hoppingRight: Complex<Double> {
    Complex(t1 + gamma, 0) * Complex(Double.cos(fluxPhase), Double.sin(fluxPhase))
  }
  /// Left hopping t_L = (t₁ − γ)e^{−iφ} (A_n ← B_n), eV.
  public var hoppingLeft: Complex<Double> {
    Complex(t1 - gamma, 0) * Complex(Double.cos(fluxPhase), -Double.sin(fluxPhase))
  }

  /// Unit moment direction m̂.
  public var momentDirection: (x: Double, y: Double, z: Double) {
    (Double.sin(theta) * Double.cos(azimuth), Double.sin(theta) * Double.sin(azimuth), Double.cos(theta))
  }

  /// On-site energy ε_i of ring site i = 0…2N−1 (0-based; docs/model-reference.md's index is i + 1), eV.
  public func siteEnergy(_ i: Int) -> Double {
    onsite + Self.disorderEnergy(site: i, aah: aah, frequency: aahFrequency, anderson: anderson)
  }

  /// The ring's disorder at ring site `i` (0-based), eV: the AAH term W cos(2π b (i + 1)) plus
  /// the Anderson offset of (seed, realisation, i). The one formula, also for model files.
  public static func disorderEnergy(site i: Int, aah: Double, frequency: Double, anderson: AndersonDisorder) -> Double {
    aah * Double.cos(2 * Double.pi * frequency * Double(i + 1)) + anderson.offset(site: i)
  }

  /// The 2×2 exchange term −h m̂·σ.
  public var exchangeMatrix: SpinMatrix {
    let m = momentDirection
    return Complex(-exchange, 0) * SpinMatrix.along(m.x, m.y, m.z)
  }

  /// Checks every parameter; errors name the ``RingParameters`` id (`gamma_eV`).
  ///
  /// There is no fixed upper bound on `cells`: what limits N is memory (and time), which each
  /// computation checks against its own estimate before allocating (``RingResources``).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for cells < 2 or any non-finite number.
  public func validate() throws {
    ValidationCount.record("HatanoNelsonRing.validate")
    typealias P = RingParameters
    guard cells >= 2 else { throw P.cells.invalid(.integer(cells), allowed: "an integer ≥ 2") }
    // θ and ϕ are held in radians; a non-finite angle is non-finite in degrees too.
    for (value, p) in [
      (t1, P.t1), (gamma, P.gamma), (t2, P.t2), (fluxPhase, P.fluxPhase), (exchange, P.exchange), (theta, P.theta),
      (azimuth, P.azimuth), (onsite, P.onsite), (aah, P.aah),
    ] where !value.isFinite {
      throw p.invalid(.number(value), allowed: "a finite number")
    }
    try Require.finite(aahFrequency, "aah_frequency")
    try anderson.validate()
  }

  /// The ring's bonds, written once: every directed orbital hopping i ← j (site indices in ring
  /// order A₁, B₁, A₂, …), its amplitude (eV) and displacement d_ij (units of a), in the order
  /// the builder adds them. Spin-independent (amplitude × 𝟙 in spin space).
  ///
  ///     B_n ← A_n: t_R, d = +1;   A_n ← B_n: t_L, d = −1;
  ///     A_{n+1} ← B_n: t₂, d = +1;   B_n ← A_{n+1}: t₂, d = −1   (A_{N+1} ≡ A₁)
  ///
  /// ``system()`` turns them into the spinful lattice, the spin-resolved path uses them as the
  /// orbital hoppings and the Bloch path wraps the built lattice around (``BlochForm``).
  public var bonds: [(to: Int, from: Int, amplitude: Complex<Double>, displacement: Double)] {
    let tR = hoppingRight, tL = hoppingLeft, t = Complex(t2, 0)
    var out: [(to: Int, from: Int, amplitude: Complex<Double>, displacement: Double)] = []
    out.reserveCapacity(4 * cells)
    for n in 0..<cells {
      let a = 2 * n, b = 2 * n + 1, nextA = (2 * n + 2) % siteCount
      out += [(b, a, tR, 1), (a, b, tL, -1), (nextA, b, t, 1), (b, nextA, t, -1)]
    }
    return out
  }

  /// Builds the ring with the general builder (sites A₁, B₁, A₂, …, B_N at x = 0…2N−1): on-site
  /// ε_i 𝟙 − h m̂·σ and the hoppings of ``bonds`` (× 𝟙 in spin space).
  public func system() throws -> TightBindingSystem {
    try validate()
    return try assembledSystem()
  }

  /// ``system()`` of a ring already validated (precondition): the internal paths build through
  /// this, so a point is validated once.
  func assembledSystem() throws -> TightBindingSystem {
    var model = LatticeModel()
    let exchangeTerm = exchangeMatrix
    for i in 0..<siteCount {
      model.addSite(position: Double(i), onsite: .scalar(siteEnergy(i)) + exchangeTerm)
    }
    for bond in bonds {
      model.addHopping(
        to: bond.to, from: bond.from, matrix: .scalar(complex: bond.amplitude), displacement: bond.displacement)
    }
    return try model.finalize()
  }

  /// The same ring threaded by the flux phase φ (rad): the one change a flux sweep makes.
  public func withFluxPhase(_ phase: Double) -> HatanoNelsonRing {
    var r = self
    r.fluxPhase = phase
    return r
  }
}
