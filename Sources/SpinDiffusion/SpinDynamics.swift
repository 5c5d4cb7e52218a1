import LinearAlgebra
import Diagnostics
import Foundation

/// Time-dependent spin accumulation (Eq. 70) coupled to the Landau–Lifshitz equation (Eq. 79).
///
///     ∂ₜm = ∂ₓ(𝔇 ∂ₓm) − diag(1/τ)(m − m_eq) − Ω × m,          Ω = (B + λM)/ħ
///     ∂ₜM = M × h / ħ,    h = (J/2) ∂ₓ²M + B + λ ρ m     (eV; J in eV·m², ρ = accumulation scale)
///
/// One step Δt (Lie splitting): (1) M rotates about h(Mⁿ, mⁿ) at each node by the exact angle
/// |h|Δt/ħ (Rodrigues) — |M| is preserved to rounding at every node, whatever Δt; the local
/// equilibrium m_eq co-rotates with M; (2) m advances implicitly with the diffusion operator of
/// the new M: BDF2 (backward Euler on the first step), one block-tridiagonal solve per step.
/// The steady state of step (2) with M fixed is exactly the discrete steady state of
/// ``SteadySpinProblem/solve(progress:)`` (same operator). The exchange term is explicit: stable for
/// Δt ≲ ħ h_min²/J (h_min the smallest spacing); a warning reports the ratio when exceeded.
public struct SpinDynamics: Sendable {
  public let problem: SteadySpinProblem
  /// Exchange stiffness J, eV·m².
  public var exchangeStiffness: Double { field.exchangeStiffness }
  /// ρ: the physical accumulation is ρ m (dimensionless, same units as M) in the LL field λρm.
  public var accumulationScale: Double { field.accumulationScale }
  /// Time, s.
  public private(set) var time: Double = 0
  /// m at the nodes.
  public private(set) var accumulation: [Vector3]
  /// M at the nodes (control-volume averages of the texture at t = 0).
  public private(set) var magnetization: [Vector3]
  /// M at the faces (mid-points between nodes), rotated with the face-averaged field.
  private var faceMagnetization: [Vector3]
  /// m_eq at the nodes (co-rotating with M).
  public private(set) var equilibrium: [Vector3]
  private var previous: [Vector3]?
  private var previousStep: Double?
  private let op: SpinDiffusionOperator
  /// The Landau–Lifshitz field (J and ρ), built once.
  private let field: LandauLifshitzField
  public private(set) var warnings: [NumericalWarning] = []
  /// The fastest turn of M by exchange at the current M, rad/s, and its node (0 for J = 0 or a
  /// texture at rest under exchange).
  public var exchangeRate: (rate: Double, node: Int) { field.largestExchangeRate(magnetization: magnetization) }

  /// Starts the time evolution of `problem` from its texture.
  ///
  /// - Parameters:
  ///   - problem: the geometry, grid, material and boundary conditions (M at t = 0).
  ///   - exchangeStiffness: J in eV·m² (the explicit exchange term of Landau–Lifshitz).
  ///   - accumulationScale: ρ, the physical accumulation per unit m (ρ = 0 freezes M).
  ///   - initialAccumulation: m(x, 0) at the nodes (nil: m = 0 in the interior, end
  ///     values from Dirichlet conditions).
  public init(
    problem: SteadySpinProblem, exchangeStiffness: Double = 0, accumulationScale: Double = 0,
    initialAccumulation: [Vector3]? = nil
  ) throws {
    try problem.material.validate()
    self.problem = problem
    let n = problem.grid.count
    op = SpinDiffusionOperator(grid: problem.grid, material: problem.material)
    field = try LandauLifshitzField(
      operator: op, exchangeStiffness: exchangeStiffness, accumulationScale: accumulationScale)
    magnetization = (0..<n).map { i in problem.halfCellAverage(i, problem.texture.magnetization) }
    faceMagnetization = (0..<op.spacings.count).map { problem.texture.magnetization(problem.faceCentre($0)) }
    equilibrium = (0..<n).map(problem.nodeEquilibrium)
    if let m = initialAccumulation {
      guard m.count == n else { throw InvalidParameter("initial_accumulation", m.count, allowed: "\(n) nodes") }
      accumulation = m
    } else {
      accumulation = problem.restAccumulation()
    }
  }

  /// Rotates v about the unit axis k by angle θ (Rodrigues; norm-preserving).
  @inline(__always) static func rotate(_ v: Vector3, axis k: Vector3, angle t: Double) -> Vector3 {
    let c = cos(t), s = sin(t)
    return c * v + s * cross3(k, v) + ((1 - c) * dot3(k, v)) * k
  }

  /// The LL field h_i (eV) at the nodes (``LandauLifshitzField``).
  func nodeFields() -> [Vector3] {
    field(magnetization: magnetization, accumulation: accumulation)
  }

  /// Advances by `dt` seconds (BDF2 after the first step; a change of Δt restarts with backward Euler).
  public mutating func step(_ dt: Double) throws {
    try Require.positive(dt, "time_step_s")
    let hbar = SpinDiffusionMaterial.hbarElectronVoltSeconds
    let n = accumulation.count, nf = faceMagnetization.count
    // (1) Landau–Lifshitz: ∂ₜM = M × h/ħ = (−h/ħ) × M, rotation by |h|Δt/ħ about −ĥ.
    let fields = nodeFields()
    if exchangeStiffness > 0, let hmin = op.spacings.min() {
      let limit = hbar * hmin * hmin / exchangeStiffness, ratio = dt / limit
      if ratio > 1, !warnings.contains(where: { $0.kind == "explicit-exchange" }) {
        func g(_ x: Double) -> String { String(format: "%.3g", x) }
        warnings.append(
          NumericalWarning(
            kind: "explicit-exchange",
            message: "time step \(g(dt)) s exceeds the explicit exchange limit ħh²/J = \(g(limit)) s (h = "
              + "\(g(hmin * 1e9)) nm, the smallest grid spacing) by a factor \(g(ratio)): this route turns M by "
              + "exchange explicitly, so its M is not accurate; take a smaller time step or the "
              + "error-controlled method",
            value: ratio))
      }
    }
    for i in 0..<n {
      let h = fields[i], hn = norm3(h)
      guard hn > 0, norm3(magnetization[i]) > 0 else { continue }
      let axis = -h / hn, angle = hn * dt / hbar
      magnetization[i] = Self.rotate(magnetization[i], axis: axis, angle: angle)
      equilibrium[i] = Self.rotate(equilibrium[i], axis: axis, angle: angle)
    }
    for f in 0..<nf {
      let h = 0.5 * (fields[f] + fields[(f + 1) % n]), hn = norm3(h)
      guard hn > 0 else { continue }
      faceMagnetization[f] = Self.rotate(faceMagnetization[f], axis: -h / hn, angle: hn * dt / hbar)
    }
    // (2) Implicit diffusion step with the new M.
    let bdf2 = previous != nil && previousStep == dt
    let shift = bdf2 ? 1.5 / dt : 1 / dt
    let current = accumulation, old = previous
    let mat = problem.material
    let faces = faceMagnetization, nodesM = magnetization, eq = equilibrium
    let (matrix, rhs) = try op.assemble(
      faceTensor: { DiffusionTensor.tensor(mat, magnetization: faces[$0]) },
      nodePrecession: { mat.precession(magnetization: nodesM[$0]) },
      nodeEquilibrium: { eq[$0] }, left: problem.left, right: problem.right, shift: shift,
      extraSource: { i in bdf2 ? (4 * current[i] - old![i]) / (2 * dt) : current[i] / dt })
    let x = try matrix.solve(rhs)
    previous = current
    previousStep = dt
    accumulation = (0..<n).map { Vector3(x[3 * $0], x[3 * $0 + 1], x[3 * $0 + 2]) }
    time += dt
  }
}
