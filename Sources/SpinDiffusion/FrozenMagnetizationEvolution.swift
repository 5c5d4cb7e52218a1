import Diagnostics
import LinearAlgebra
import TimeIntegration

/// The accumulation m(x, t) with the magnetization frozen (Eq. 70 alone), by error-controlled
/// integration (ARKODE's L-stable SDIRK by default, or CVODE's BDF).
///
///     Vᵢ ∂ₜmᵢ = bᵢ − (K m)ᵢ,     K m = conductance fluxes + V (m/τ + Ω × m),  b = V m_eq/τ + fluxes
///
/// with K and b the finite-volume operator of the steady solve (``SteadySpinProblem/solve(progress:)``,
/// shift 0), so the long-time limit is exactly the discrete steady state. Dirichlet end nodes
/// keep their prescribed values (ṁ = 0). The system is linear: Newton systems 𝟙 − γJ are solved
/// by band LU (bandwidth 5) on the open interface and, on the torus (cyclic corners), by GMRES
/// preconditioned with the exact cyclic block-tridiagonal solve of σV + K, σ = 1/γ.
///
/// The transverse block of 𝔇 is D/(1+a²)[[1, a], [−a, 1]], so the diffusion modes decay with
/// eigenvalues −D(1 ± i a)k²/(1+a²): at a = 100 they lie 89.4° from the negative real axis,
/// outside the stability wedge of BDF3–5 (86°, 73°, 51°), and unrestricted CVODE shrinks its step
/// with the stiffest mode, k² ∝ 1/h² (measured on the 100 nm interface to t = 10 ps at rtol 1e−6:
/// 923, 7 478, 20 063 steps at 41, 101, 201 nodes). BDF2 is A-stable: its steps follow the
/// precession Ω ≈ a/τ alone (6 593, 5 742, 8 998, 11 136, 12 459 steps at 41, 101, 201, 401, 801
/// nodes), but its global error scales as rtol^{2/3}. The default scheme, the L-stable SDIRK 5(4)
/// of `IntegrationScheme.sdirk`, is stable on the whole left half-plane and
/// propagates its fifth-order solution, so its steps too follow the precession while the global
/// error scales as rtol.
/// Units: t in s, m dimensionless (the accumulation in units of the material's equilibrium
/// scale, as in the steady solve).
public struct FrozenMagnetizationEvolution {
  public let problem: SteadySpinProblem
  private let op: SpinDiffusionOperator
  private let matrix: BlockTridiagonalMatrix<Double>
  private let source: [Double]
  /// Whether each node's value is prescribed (Dirichlet ends).
  private let fixed: [Bool]
  /// The largest precession rate |Ω| over the nodes, rad/s.
  public let largestPrecessionRate: Double
  /// M at the nodes (control-volume averages of the texture; frozen).
  public let magnetization: [Vector3]

  public init(problem: SteadySpinProblem) throws {
    try problem.material.validate()
    self.problem = problem
    let op = SpinDiffusionOperator(grid: problem.grid, material: problem.material)
    self.op = op
    let (matrix, source) = try Self.assemble(problem, op, shift: 0)
    self.matrix = matrix
    self.source = source
    fixed = problem.prescribedNodes()
    let mat = problem.material
    let nodesM = (0..<problem.grid.count).map { problem.halfCellAverage($0, problem.texture.magnetization) }
    magnetization = nodesM
    largestPrecessionRate = nodesM.map { norm3(mat.precession(magnetization: $0)) }.max() ?? 0
  }

  private static func assemble(
    _ problem: SteadySpinProblem, _ op: SpinDiffusionOperator, shift: Double
  ) throws
    -> (BlockTridiagonalMatrix<Double>, [Double])
  {
    let mat = problem.material, n = problem.grid.count
    let faces = (0..<op.spacings.count).map { problem.texture.magnetization(problem.faceCentre($0)) }
    let nodesM = (0..<n).map { problem.halfCellAverage($0, problem.texture.magnetization) }
    return try op.assemble(
      faceTensor: { DiffusionTensor.tensor(mat, magnetization: faces[$0]) },
      nodePrecession: { mat.precession(magnetization: nodesM[$0]) }, nodeEquilibrium: problem.nodeEquilibrium,
      left: problem.left, right: problem.right, shift: shift)
  }

  /// Integrates from `initial` (nil: m = 0 inside; the Dirichlet ends always at their values) at t = 0
  /// with `scheme` and calls `snapshot(t, m)` at each of `times` (ascending, ≥ 0, s),
  /// interpolated independently of the internal steps; at most `maximumSteps` internal steps
  /// between two outputs (see the type's discussion for the choice of scheme: BDF orders above
  /// 2 make the step count grow with the grid).
  /// - Returns: the integrator's statistics.
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`initial-accumulation`, `times`) before any work;
  ///   `IntegrationFailure` (time reached, reason); whatever `snapshot` throws.
  public func evolve(
    from initial: [Vector3]? = nil, times: [Double], tolerances: IntegrationTolerances, maximumSteps: Int = 100_000,
    scheme: IntegrationScheme = .sdirk(.ark548), snapshot: (Double, [Vector3]) throws -> Void
  ) throws -> IntegrationStatistics {
    let n = problem.grid.count
    let start = problem.startingAccumulation(initial)
    guard start.count == n else { throw InvalidParameter("initial_accumulation", start.count, allowed: "\(n) nodes") }
    try SteadySpinProblem.requireOutputTimes(times)
    var u = [Double](repeating: 0, count: 3 * n)
    for i in 0..<n { (u[3 * i], u[3 * i + 1], u[3 * i + 2]) = (start[i].x, start[i].y, start[i].z) }
    let volumes = op.volumes, b = source, k = matrix, fixed = self.fixed
    let solver: StiffIntegrator.LinearSolver
    if problem.grid.isPeriodic {
      let problem = self.problem, op = self.op
      solver = .preconditionedGMRES { gamma in
        // (𝟙 + γV⁻¹K) z = r  ⇔  (σV + K) z = σ V r, σ = 1/γ.
        let sigma = 1 / gamma
        let factorization = try Self.assemble(problem, op, shift: sigma).0.factorized()
        return { r in
          var rhs = [Double](repeating: 0, count: r.count)
          for i in 0..<r.count { rhs[i] = sigma * volumes[i / 3] * r[i] }
          let z = try factorization.solve(rhs)
          for i in 0..<r.count { r[i] = z[i] }
        }
      }
    } else {
      solver = .band(upper: 5, lower: 5)
    }
    let integrator = try StiffIntegrator(
      initial: u, tolerances: tolerances, linearSolver: solver, scheme: scheme,
      maximumSteps: maximumSteps
    ) { _, m, dm in
      k.multiply(m, into: dm)
      for i in 0..<dm.count { dm[i] = fixed[i / 3] ? 0 : (b[i] - dm[i]) / volumes[i / 3] }
    }
    for t in times {
      let m = try integrator.advance(to: t)
      try snapshot(t, (0..<n).map { Vector3(m[3 * $0], m[3 * $0 + 1], m[3 * $0 + 2]) })
    }
    return integrator.statistics
  }
}
