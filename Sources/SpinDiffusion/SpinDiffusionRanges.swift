import Diagnostics
import Foundation

/// Physical ranges of the user-facing spin-diffusion parameters, checked before any work: the
/// one statement of them (``SpinDiffusionParameters`` declares each parameter with its range;
/// the CLI, study files and `spintransport models` show them from there).
///
/// Each bound is generous by orders of magnitude around measured materials, yet keeps every
/// derived quantity finite: τ_sf = l²/D ∈ [10⁻²¹, 10⁵] s, M₀ = a₀ħ/(τλ) ≤ 10¹⁸ and the precession
/// rate a₀/τ ≤ 10²⁷ s⁻¹ stay far from overflow, so an error always names the option the user typed
/// instead of a derived quantity that overflowed.
///
/// | option | range | why |
/// | --- | --- | --- |
/// | `--diffusion-length` | 10⁻¹⁰ … 10⁻² m | one lattice spacing to 1 cm (longest measured: ~mm, graphene, Si) |
/// | `--diffusivity` | 10⁻⁹ … 10 m²/s | hopping conductors (~10⁻⁸) to ballistic 2DEGs (~1) |
/// | `--precession-ratio` | −10⁶ … 10⁶ | the paper uses 100; 10⁶ needs ~10⁸ grid points to resolve |
/// | `--sd-coupling` | 10⁻⁶ … 10 eV | sd exchange is 0.1–1 eV |
/// | `--length`, `--side` | 10⁻¹⁰ … 10⁻² m | one lattice spacing to 1 cm |
/// | `--wall-width` | 0 … 10⁻² m | sharp to the whole sample |
/// | `--angle`, `--from-angle` | −360° … 360° | one full turn either way |
/// | `--refinement` | 0 … 10⁴ | grid spacing ratio; beyond 10⁴ the coarse cells are empty |
/// | `--points` | 3 (torus 8) … 2·10⁷ | a bound no grid of this model needs; memory is checked too |
/// | `--every` | ≥ 1 | snapshot interval in steps |
/// | `--time-step` | 10⁻¹⁸ … 10⁻³ s | attoseconds to the slowest spin relaxation |
/// | `--steps` | 1 … 10⁹ | a bound on the work of one run |
/// | `--times` | 0 … 1 s | snapshot times: far beyond every relaxation time of the model |
/// | `--exchange-stiffness` | 0 … 10⁻¹⁵ eV·m² | spin-wave stiffness of Fe/Co/Ni ~10⁻²⁰ eV·m² |
/// | `--accumulation-scale` | −10⁶ … 10⁶ | ρ of the LL field λρm |
enum SpinDiffusionRanges {
  public static let diffusionLength = 1e-10...1e-2
  public static let diffusivity = 1e-9...10.0
  public static let precessionRatio = -1e6...1e6
  public static let sdCoupling = 1e-6...10.0
  public static let length = 1e-10...1e-2
  public static let wallWidth = 0.0...1e-2
  public static let angle = -360.0...360.0
  public static let refinement = 0.0...1e4
  public static let points = 3...20_000_000
  public static let torusPoints = 8...20_000_000
  public static let every = 1...Int.max
  public static let timeStep = 1e-18...1e-3
  public static let steps = 1...1_000_000_000
  public static let times = 0.0...1.0
  public static let exchangeStiffness = 0.0...1e-15
  public static let accumulationScale = -1e6...1e6
}
