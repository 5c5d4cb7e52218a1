import Diagnostics
import TimeIntegration

/// The parameters of the reduced longitudinal-relaxation model, declared once (units of r = 1/τ_mM and k_M).
///
/// Every front end reads these: the `relaxation` commands' options, study-file keys, table
/// columns and docs/parameters.md. Ranges are ``RelaxationRanges``' (why each bound: there).
public enum RelaxationParameters {
  /// ξ = χ_m/χ_M, the susceptibility ratio (dimensionless, 0 … 1).
  public static let xi = Parameter.real(
    "xi", flag: "xi", symbol: "ξ", default: 0.3, range: 0...1,
    help: "Susceptibility ratio ξ = χ_m/χ_M (0 ≤ ξ ≤ 1).")
  /// w_m = 1/τ_mL, lattice decay rate of m in units of r.
  public static let wm = Parameter.real(
    "wm_r", flag: "wm", symbol: "w_m", unit: "r", default: 0, range: RelaxationRanges.latticeRate,
    help: "Lattice decay rate of m, w_m = 1/τ_mL, in units of r.")
  /// w_M = 1/τ_ML, lattice decay rate of M in units of r.
  public static let wM = Parameter.real(
    "wM_r", flag: "wM", symbol: "w_M", unit: "r", default: 0, range: RelaxationRanges.latticeRate,
    help: "Lattice decay rate of M, w_M = 1/τ_ML, in units of r.")
  /// k²/k_M², the squared wavevector in units of k_M².
  public static let k2Ratio = Parameter.real(
    "k2_ratio", flag: "k2-ratio", symbol: "k²/k_M²", default: nil, range: RelaxationRanges.k2Ratio,
    help: "Squared wavevector k²/k_M² (a real wavevector: ≥ 0).")
  /// Route to γ±: eigenvalues of Γ or the closed form.
  public static let rateMethod = Parameter.choice(
    "method", flag: "method", choices: RateMethod.allCases.map(\.rawValue), default: RateMethod.eigen.rawValue,
    help: "eigen (eigenvalues of Γ, Eq. 33, zgeev) or closed-form (Eq. 39).")
  /// ω/r, a real frequency in units of r (e^{−iωt}).
  public static let omega = Parameter.real(
    "omega_r", flag: "omega", symbol: "ω", unit: "r", default: nil, range: RelaxationRanges.omega,
    help: "Real frequency ω in units of r (time dependence e^{−iωt}).")

  /// The model ξ, w_m, w_M at one point.
  public static func model(_ v: ParameterValues) throws -> RelaxationModel {
    try RelaxationModel(xi: v.number(xi.id), wm: v.number(wm.id), wM: v.number(wM.id))
  }
}

/// The parameters of `relaxation evolve` (grid, times, initial profile), declared once.
public enum RelaxationEvolveParameters {
  public static let length = Parameter.real(
    "length_kM", flag: "length", symbol: "L", unit: "1/k_M", default: 40, range: RelaxationRanges.length,
    help: "Domain length L in units of 1/k_M (x ∈ [−L/2, L/2]).")
  public static let points = Parameter.integer(
    "points", flag: "points", symbol: "n", default: 400, range: 3...1_000_000,
    help: "Number of grid cells/nodes (and the memory).")
  public static let boundary = Parameter.choice(
    "boundary", flag: "boundary", choices: RelaxationBoundary.allCases.map(\.rawValue),
    default: RelaxationBoundary.noFlux.rawValue, help: "Ends: no-flux or periodic.")
  public static let method = Parameter.choice(
    "method", flag: "method", choices: RelaxationIntegrator.allCases.map(\.rawValue),
    default: RelaxationIntegrator.adaptive.rawValue,
    help: "Time integrator: adaptive (local error within rtol, atol; see --scheme) or fixed-step "
      + "(TR-BDF2 with --time-step and no error estimate; a second route for checks).")
  public static let timeStep = Parameter.real(
    "time_step_r", flag: "time-step", symbol: "Δt", unit: "1/r", default: nil, range: RelaxationRanges.timeStep,
    requirement: .optional,
    help: "Time step of the fixed-step method in units of 1/r (default 0.01; ≤ 1e7 steps in all); "
      + "not with the adaptive method, which chooses its own steps.")
  /// The fixed-step method's step when `--time-step` is not given (units of 1/r).
  public static let defaultTimeStep = 0.01
  /// The adaptive method's scheme: L-stable SDIRK (ARKODE) or BDF (CVODE).
  public static let scheme = Parameter.choice(
    "scheme", flag: "scheme", choices: IntegrationScheme.names, default: IntegrationScheme.names[0],
    help: "Scheme of the adaptive method: sdirk (L-stable 5th-order diagonally implicit Runge–Kutta, ARKODE: "
      + "damps the fast M↔m exchange without resolving it; global error ∝ rtol) or bdf (variable-order BDF "
      + "of CVODE, orders 1–5).")
  public static let rtol = Parameter.real(
    "rtol", flag: "rtol", symbol: "rtol", default: 1e-6, range: RelaxationRanges.relativeTolerance,
    help: "Relative local error tolerance of the adaptive method.")
  public static let maxSteps = Parameter.integer(
    "max_steps", flag: "max-steps", symbol: "", default: 100_000, range: 1...10_000_000,
    help: "Largest number of internal steps of the adaptive method between two output times (beyond it the "
      + "run fails with the time reached).")
  public static let atol = Parameter.real(
    "atol", flag: "atol", symbol: "atol", default: 1e-9, range: RelaxationRanges.absoluteTolerance,
    help: "Absolute local error tolerance of the adaptive method, relative to the largest initial |dM|, |dm| "
      + "(the step height by default).")
  public static let times = Parameter(
    "times_r", flag: "times", symbol: "t", unit: "1/r", domain: .reals(RelaxationRanges.time, ascending: true),
    default: .numbers([0, 0.3, 1, 3, 10, 30]), help: "Output times in units of 1/r, comma-separated, ascending.")
  public static let initial = Parameter.choice(
    "initial", flag: "initial", choices: ["step", "cosine", "file"], default: "step",
    help: "Initial profile: step (dM = height for x < position, dm = 0), cosine, or file.")
  public static let stepHeight = Parameter.real(
    "step_height", flag: "step-height", symbol: "h", default: 1, range: RelaxationRanges.amplitude,
    help: "Step height of dM (initial step).")
  public static let stepPosition = Parameter.real(
    "step_position_kM", flag: "step-position", symbol: "x₀", unit: "1/k_M", default: 0,
    range: RelaxationRanges.position, help: "Step position in units of 1/k_M (initial step).")
  public static let mode = Parameter.integer(
    "mode", flag: "mode", symbol: "n", default: 1, range: 0...1_000_000_000,
    help: "Wave number n of the cosine initial profile dM = cos(2πn(x + L/2)/L), dm = 0.")
  public static let profile = Parameter(
    "profile", flag: "profile", symbol: "", domain: .text, default: nil, requirement: .optional,
    help: "CSV file with columns x, dM, dm (initial file), interpolated onto the grid.")
}
