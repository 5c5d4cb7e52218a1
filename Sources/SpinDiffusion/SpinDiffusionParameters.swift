import Diagnostics
import TimeIntegration

/// The parameters of the spin-diffusion spin-diffusion computations, declared once (SI units:
/// metres, seconds, eV; angles in degrees).
///
/// Every front end reads these: the `diffusion` commands' options, study-file keys, `--vary`
/// names, table columns and docs/parameters.md. Ranges are `SpinDiffusionRanges`' (why each
/// bound: there); nothing else states them.
public enum SpinDiffusionParameters {
  typealias R = SpinDiffusionRanges

  // MARK: Material

  /// l_sdl = √(Dτ_sf), the spin-diffusion length, m.
  public static let diffusionLength = Parameter.real(
    "diffusion_length_m", flag: "diffusion-length", symbol: "l_sdl", unit: "m", default: 100e-9,
    range: R.diffusionLength, help: "Spin-diffusion length l_sdl = √(Dτ_sf), m.")
  /// D, the diffusivity, m²/s.
  public static let diffusivity = Parameter.real(
    "diffusivity_m2_per_s", flag: "diffusivity", symbol: "D", unit: "m²/s", default: 1e-3, range: R.diffusivity,
    help: "Diffusivity D, m²/s.")
  /// a₀ = τλM₀/ħ, the precession ratio (the paper's D_yx/D_xx).
  public static let precessionRatio = Parameter.real(
    "precession_ratio", flag: "precession-ratio", symbol: "a₀", default: 100, range: R.precessionRatio,
    help: "Precession ratio a₀ = τλM₀/ħ (the paper's D_yx/D_xx); fixes M₀.")
  /// λ, the sd coupling, eV.
  public static let sdCoupling = Parameter.real(
    "sd_coupling_eV", flag: "sd-coupling", symbol: "λ", unit: "eV", default: 0.1, range: R.sdCoupling,
    help: "sd exchange coupling λ, eV.")

  /// The four material parameters, in help order.
  public static let material: [Parameter] = [diffusionLength, diffusivity, precessionRatio, sdCoupling]

  // MARK: Interface (geometry i)

  /// L, the total length of the bilayer (x from −L/2 to L/2), m.
  public static let length = Parameter.real(
    "length_m", flag: "length", symbol: "L", unit: "m", default: 100e-9, range: R.length,
    help: "Total length L (x from −L/2 to L/2), m.")
  /// w, the wall width at the interface (0 = sharp), m.
  public static let wallWidth = Parameter.real(
    "wall_width_m", flag: "wall-width", symbol: "w", unit: "m", default: 0.6e-9, range: R.wallWidth,
    help: "Wall width w (|M| = M₀ tanh(|x|/w); 0 = sharp interface), m.")
  /// α, the relative angle between the two magnetizations, degrees.
  public static let angle = Parameter.real(
    "angle_deg", flag: "angle", symbol: "α", unit: "deg", default: 90, range: R.angle,
    help: "Relative angle α between the magnetizations of the two layers, degrees.")
  /// Grid nodes of the interface.
  public static let points = Parameter.integer(
    "points", flag: "points", symbol: "n", default: 4001, range: R.points,
    help: "Grid points (and the memory); resolve 2πl/a₀ ≈ 6 nm with ≥ 100 points.")
  /// Refinement ratio of the grid near the interface or corners.
  public static let refinement = Parameter.real(
    "refinement", flag: "refinement", symbol: "r", default: 4, range: R.refinement,
    help: "Grid refinement ratio near the interface or corners (spacing (1 + r)-fold finer there).")

  // MARK: Torus (geometry ii)

  /// L, the side of the square ring (x from 0 to 4L, periodic), m.
  public static let side = Parameter.real(
    "side_m", flag: "side", symbol: "L", unit: "m", default: 100e-9, range: R.length,
    help: "Side length L of the square ring (x from 0 to 4L, periodic), m.")
  /// w, the corner width of the torus (|M| vanishes at the corners over w), m.
  public static let cornerWidth = Parameter.real(
    "wall_width_m", flag: "wall-width", symbol: "w", unit: "m", default: 1e-9, range: R.wallWidth,
    help: "Corner width w (|M| vanishes at the corners over w), m.")
  /// Grid nodes of the torus.
  public static let torusPoints = Parameter.integer(
    "points", flag: "points", symbol: "n", default: 8000, range: R.torusPoints, help: "Grid points (and the memory).")

  // MARK: Evolution (Eqs. 70 and 79)

  /// Geometry of the evolution: the interface or the torus.
  public static let geometry = Parameter.choice(
    "geometry", flag: "geometry", choices: ["interface", "torus"], default: "interface",
    help: "interface (bilayer, x from −L/2 to L/2, ends at equilibrium) or torus (square ring of side L, periodic).")
  /// L of the evolution: the interface's total length or the torus's side, m.
  public static let evolveLength = Parameter.real(
    "length_m", flag: "length", symbol: "L", unit: "m", default: 100e-9, range: R.length,
    help: "Interface: total length L (x from −L/2 to L/2); torus: side L (x from 0 to 4L), m.")
  /// w of the evolution; absent: 0.6 nm (interface) or 1 nm (torus), the steady commands' defaults.
  public static let evolveWallWidth = Parameter.real(
    "wall_width_m", flag: "wall-width", symbol: "w", unit: "m", default: nil, range: R.wallWidth,
    requirement: .optional, help: "Wall width (interface) or corner width (torus) w, m; default 0.6e-9 / 1e-9.")
  /// Grid nodes of the evolution.
  public static let evolvePoints = Parameter.integer(
    "points", flag: "points", symbol: "n", default: 801, range: R.points,
    help: "Grid points (and the memory; the torus needs ≥ 8).")
  /// Δt, the time step, s.
  public static let timeStep = Parameter.real(
    "time_step_s", flag: "time-step", symbol: "Δt", unit: "s", default: 1e-13, range: R.timeStep,
    help: "Time step Δt, s: snapshots are at t = k·Δt on both routes; the fixed-step route's step (BDF2, backward "
      + "Euler on the first step).")
  /// The time integrator of `diffusion evolve`.
  public static let evolveMethod = Parameter.choice(
    "method", flag: "method", choices: ["adaptive", "fixed-step"], default: "adaptive",
    help: "Time integrator: adaptive (error-controlled, see --scheme; M frozen or moving; snapshots at t = k·Δt) "
      + "or fixed-step (the second route: exact LL rotation + BDF2 with --time-step, Lie splitting, no error "
      + "estimate).")
  /// Relative tolerance of the adaptive method.
  public static let rtol = Parameter.real(
    "rtol", flag: "rtol", symbol: "rtol", default: 1e-6, range: 1e-12...1e-2,
    help: "Relative local error tolerance of the adaptive method.")
  /// Absolute tolerance of the adaptive method (units of m).
  public static let atol = Parameter.real(
    "atol", flag: "atol", symbol: "atol", default: 1e-9, range: 1e-300...1e100,
    help: "Absolute local error tolerance of the adaptive method, in the units of m (those of the equilibrium "
      + "accumulation of the material).")
  /// Step limit of the adaptive method between two snapshots.
  public static let maxSteps = Parameter.integer(
    "max_steps", flag: "max-steps", symbol: "", default: 100_000, range: 1...10_000_000,
    help: "Largest number of internal steps of the adaptive method between two snapshots (beyond it the run "
      + "fails with the time reached).")
  /// The adaptive method's scheme: L-stable SDIRK (ARKODE) or BDF (CVODE).
  public static let scheme = Parameter.choice(
    "scheme", flag: "scheme", choices: IntegrationScheme.names, default: IntegrationScheme.names[0],
    help: "Scheme of the adaptive method: sdirk (L-stable 5th-order diagonally implicit Runge–Kutta, ARKODE: "
      + "stable for the precessing diffusion modes −D(1 ± i a)k²/(1+a²), which lie next to the imaginary axis; "
      + "global error ∝ rtol) or bdf (variable-order BDF of CVODE up to --max-order).")
  /// Largest BDF order of the adaptive method.
  public static let maxOrder = Parameter.integer(
    "max_order", flag: "max-order", symbol: "q", default: 2, range: 1...5,
    help: "Largest BDF order of the adaptive method with scheme bdf only: 2 (A-stable; the step count does not "
      + "grow with the grid, "
      + "global error ∝ rtol^(2/3)) or up to 5 (error ∝ rtol, cheaper on coarse grids; on fine grids the diffusion "
      + "modes −D(1 ± i a)k²/(1+a²) limit its steps, whose count then grows as points²).")
  /// Number of time steps.
  public static let steps = Parameter.integer(
    "steps", flag: "steps", symbol: "N_t", default: 100, range: R.steps, help: "Number of time steps.")
  /// Snapshot times of the adaptive method, s (absent: t = k·Δt every `every` steps).
  public static let times = Parameter(
    "times_s", flag: "times", symbol: "t", unit: "s", domain: .reals(R.times, ascending: true), default: nil,
    requirement: .optional,
    help: "Adaptive method only: snapshot times in s, comma-separated, ascending (in place of the k·Δt of "
      + "--time-step, --steps and --every, which are then not used); the internal steps are the integrator's.")
  /// Snapshot interval in steps.
  public static let every = Parameter.integer(
    "every", flag: "every", symbol: "k", default: 3, range: R.every,
    help: "Print a snapshot every k steps (t = 0 and the last step included); rows = snapshots × points. Keep the "
      + "spacing k·Δt ≤ π/|Ω| = πτ/a₀, half the precession period (0.31 ps for the default material, a₀ = 100), or the "
      + "snapshots alias the precession.")
  /// α before t = 0 (the interface starts from that steady state); absent: m = 0.
  public static let fromAngle = Parameter.real(
    "from_angle_deg", flag: "from-angle", symbol: "α₀", unit: "deg", default: nil, range: R.angle,
    requirement: .optional,
    help:
      "Interface only: start from the steady state at this angle (the right layer switched to α at t = 0), degrees; default m = 0."
  )
  /// Whether M is the frozen texture or moves by the Landau–Lifshitz equation (Eq. 79).
  public static let magnetization = Parameter.choice(
    "magnetization", flag: "magnetization", choices: ["frozen", "landau-lifshitz"], default: "frozen",
    help: "frozen (M is the texture at all times: the paper's steady-state picture) or landau-lifshitz (M moves "
      + "by ∂ₜM = M × h/ħ, h = (J/2)∂ₓ²M + λρm, Eq. 79, with --exchange-stiffness and --accumulation-scale).")
  /// J, the exchange stiffness of Eq. 79, eV·m².
  public static let exchangeStiffness = Parameter.real(
    "exchange_stiffness_eV_m2", flag: "exchange-stiffness", symbol: "J", unit: "eV·m²",
    default: permalloyExchangeStiffness, range: R.exchangeStiffness,
    help: "Exchange stiffness J of the Landau–Lifshitz field (J/2)∂ₓ²M with M moving, eV·m². The default is "
      + "permalloy (A = 1.3e-11 J/m, Ms = 8.6e5 A/m; Coey, Magnetism and Magnetic Materials, 2010): "
      + "J = 4gμ_B A/(Ms M₀) at the default material (M₀ = 0.066). No anisotropy or damping holds a wall in "
      + "Eq. 79, so exchange unwinds a wall narrower than a few nm into spin waves (a warning gives the rate); "
      + "0 keeps the texture rigid against exchange.")
  /// ρ, the accumulation scale of the LL field λρm.
  public static let accumulationScale = Parameter.real(
    "accumulation_scale", flag: "accumulation-scale", symbol: "ρ", default: 0, range: R.accumulationScale,
    help: "Accumulation scale ρ with M moving: the LL field of the accumulation is λρm (0: the accumulation "
      + "exerts no torque on M).")

  /// Permalloy's exchange stiffness at the default material, eV·m², to the three digits its
  /// constants carry:
  ///
  ///     J = 4 g μ_B A / (M_s M₀),   A = 1.3×10⁻¹¹ J/m,  M_s = 8.6×10⁵ A/m,  g = 2
  ///
  /// (J. M. D. Coey, *Magnetism and Magnetic Materials*, 2010), with M₀ = a₀ħ/(τλ) = 0.0658 of the
  /// default material (a₀ = 100, τ = l²/D = 10 ps, λ = 0.1 eV): the spin-wave stiffness
  /// 2gμ_B A/M_s = 3.50×10⁻²¹ eV·m² divided by M₀/2. The derivation is in the spin-diffusion guide.
  public static let permalloyExchangeStiffness = 1.06e-19

  // MARK: Values → physics

  /// The material at one point (each value already in its range).
  public static func material(_ v: ParameterValues) -> SpinDiffusionMaterial {
    SpinDiffusionMaterial(
      diffusionLength: v.number(diffusionLength.id), diffusivity: v.number(diffusivity.id),
      sdCoupling: v.number(sdCoupling.id))
  }

  /// The interface at one point, with the angle `angle` (default: the `angle_deg` value), validated.
  public static func interface(
    _ v: ParameterValues, angle a: Double? = nil, wallWidth w: Double? = nil
  ) throws
    -> InterfaceGeometry
  {
    let g = InterfaceGeometry(
      length: v.number(length.id), wallWidth: w ?? v.number(wallWidth.id), angleDegrees: a ?? v.number(angle.id),
      precessionRatio: v.number(precessionRatio.id), material: material(v))
    try g.validate()
    return g
  }

  /// The torus at one point (side from `side_m`, or `sideID`), validated.
  public static func torus(
    _ v: ParameterValues, sideID: String = side.id, cornerWidth w: Double? = nil
  ) throws
    -> TorusGeometry
  {
    let g = TorusGeometry(
      side: v.number(sideID), cornerWidth: w ?? v.number(cornerWidth.id), precessionRatio: v.number(precessionRatio.id),
      material: material(v))
    try g.validate()
    return g
  }
}
