import LinearAlgebra
import Diagnostics
import PhysicalConstants

/// Material parameters of the sd-exchange spin-diffusion model (docs/model-reference.md, Eqs. 70–75).
///
/// Units (SI at the API): diffusivities D^p in m²/s, times in s, the sd coupling λ and the
/// field B as energies in eV (B means gμ_B B), the magnetization M dimensionless (the paper's
/// units gμ_B = 1: λM is an energy). The effective field H = B + λM (Eq. 74) precesses spins at
/// the angular frequency Ω = H/ħ (rad/s). Per-component values (x, y, z) keep the full tensor
/// of Eqs. 72–73; the isotropic initializer sets all three equal.
public struct SpinDiffusionMaterial: Sendable, Equatable {
  /// D^p of Eq. 72, m²/s (per spin component p).
  public var diffusivity: Vector3
  /// Spin-flip times τ_k of the relaxation term (m − m_eq)/τ_k, s.
  public var spinFlipTime: Vector3
  /// Times τ_k in the matrix A of Eq. 73 (A = 𝟙 + τ[H/ħ]× for equal τ), s. docs/model-reference.md uses
  /// τ = τ_sf (then a = τλM/ħ is the paper's a(x) of Eq. 90).
  var precessionTime: Vector3
  /// sd coupling λ, eV.
  public var sdCoupling: Double
  /// External field B (as gμ_B B), eV.
  public var field: Vector3

  /// ħ in eV·s.
  static let hbarElectronVoltSeconds = PhysicalConstants.reducedPlanck / PhysicalConstants.elementaryCharge

  public init(
    diffusivity: Vector3, spinFlipTime: Vector3, precessionTime: Vector3, sdCoupling: Double,
    field: Vector3 = .zero
  ) {
    self.diffusivity = diffusivity
    self.spinFlipTime = spinFlipTime
    self.precessionTime = precessionTime
    self.sdCoupling = sdCoupling
    self.field = field
  }

  /// Isotropic material from the spin-diffusion length l_sdl = √(D τ_sf) (m) and D (m²/s);
  /// τ in A equals τ_sf (docs/model-reference.md).
  public init(diffusionLength: Double, diffusivity: Double, sdCoupling: Double = 0.1, field: Vector3 = .zero) {
    let tau = diffusionLength * diffusionLength / diffusivity
    self.init(
      diffusivity: Vector3(repeating: diffusivity), spinFlipTime: Vector3(repeating: tau),
      precessionTime: Vector3(repeating: tau), sdCoupling: sdCoupling, field: field)
  }

  /// The paper's parameters: l_sdl = 100 nm, D = 10⁻³ m²/s (τ_sf = 10 ps), λ = 0.1 eV.
  public static let paper = SpinDiffusionMaterial(diffusionLength: 100e-9, diffusivity: 1e-3, sdCoupling: 0.1)

  /// l_sdl = √(D_z τ_z), m (longitudinal spin-diffusion length).
  public var diffusionLength: Double { (diffusivity.z * spinFlipTime.z).squareRoot() }

  /// The dimensionless magnetization M₀ that gives the precession ratio a₀ = τ_z λ M₀/ħ
  /// (Eq. 90 with τ = τ_z; the paper's a₀ = D_yx/D_xx = 100).
  public func saturation(forPrecessionRatio a0: Double) -> Double {
    a0 * Self.hbarElectronVoltSeconds / (precessionTime.z * sdCoupling)
  }

  /// Precession angular-frequency vector Ω = (B + λM)/ħ, rad/s.
  @inline(__always) public func precession(magnetization m: Vector3) -> Vector3 {
    (field + sdCoupling * m) / Self.hbarElectronVoltSeconds
  }

  /// Checks every parameter (finite; D, τ > 0; λ finite); throws ``/Diagnostics/InvalidParameter``
  /// naming the parameter (its schema id where it has one).
  public func validate() throws {
    for (v, name) in [
      (diffusivity, "diffusivity_m2_per_s"), (spinFlipTime, "spin_flip_time"), (precessionTime, "precession_time"),
    ] {
      for k in 0..<3 { try Require.positive(v[k], name) }
    }
    try Require.finite(sdCoupling, "sd_coupling_eV")
    for k in 0..<3 { try Require.finite(field[k], "field") }
  }

  /// Throws ``/Diagnostics/InvalidParameter`` named `precession_ratio` when the saturation M₀ = a₀ħ/(τ_z λ)
  /// derived from it is not finite; the message shows τ_z and λ, the other factors, so an
  /// overflow caused by an extreme τ (from the diffusion length or diffusivity) or λ is
  /// recognisable as such.
  public func requireFiniteSaturation(_ saturation: Double) throws {
    guard saturation.isFinite else {
      throw InvalidParameter(
        "precession_ratio",
        "a₀ giving M₀ = a₀ħ/(τλ) = \(saturation) with τ = \(precessionTime.z) s, λ = \(sdCoupling) eV",
        allowed:
          "a₀, τ, λ with a finite M₀ (see the physical ranges of diffusion_length_m, diffusivity_m2_per_s, "
          + "sd_coupling_eV)")
    }
  }
}
