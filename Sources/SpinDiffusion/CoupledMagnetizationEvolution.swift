import Diagnostics
import LinearAlgebra
import TimeIntegration

/// The accumulation m(x, t) coupled to Landau–Lifshitz for M (Eqs. 70 and 79) by error-controlled
/// integration (SUNDIALS: BDF or an L-stable SDIRK): the ODE whose Lie splitting ``SpinDynamics`` steps.
///
///     Vᵢ ∂ₜmᵢ = bᵢ(M, m_eq) − (K(M) m)ᵢ                  (finite volumes of the steady solve, shift 0)
///     ∂ₜMᵢ = Mᵢ × hᵢ/ħ,   ∂ₜm_eq,ᵢ = m_eq,ᵢ × hᵢ/ħ,   ∂ₜM_f = M_f × ½(h_f + h_{f+1})/ħ
///
/// with hᵢ the Landau–Lifshitz field of ``SpinDynamics`` (B + λρm + exchange, eV), M at the
/// nodes (control-volume averages at t = 0), M at the faces (the diffusion tensor's) and the
/// local equilibrium m_eq co-rotating with M. K and b are re-assembled from the current M at
/// every right-hand side, so with M frozen (ρ = J = 0) this is ``FrozenMagnetizationEvolution``.
/// Dirichlet end nodes keep their m (ṁ = 0). |M| is a constant of the exact flow; the
/// integrator keeps it to its local tolerances (rtol·|M| per step, drifting at most with the
/// global error).
///
/// The state is ordered node by node (m, M, m_eq, and the face to the node's right), so every
/// coupling of the right-hand side lies in a band: nearest neighbours, and next-nearest for the
/// face M (its field averages two nodes, each with an exchange stencil). On the torus the nodes
/// are interleaved 0, n−1, 1, n−2, … so that the cyclic neighbours (0 and n−1) fall inside the
/// band too: the Newton systems are solved exactly by band LU with a difference-quotient banded
/// Jacobian on both geometries (bandwidths from ``bandwidths``). With the BDF scheme the order
/// is capped at 2 by default for the reason given in ``FrozenMagnetizationEvolution``. M is integrated in
/// units of max|M(0)|, so `atol` means the same for m, m_eq and M.
/// Units: t in s, m dimensionless (the material's equilibrium accumulation), M as in ``SpinDynamics``.
public struct CoupledMagnetizationEvolution {
  public let problem: SteadySpinProblem
  /// J, eV·m².
  public var exchangeStiffness: Double { field.exchangeStiffness }
  /// ρ: the LL field of the accumulation is λρm.
  public var accumulationScale: Double { field.accumulationScale }
  /// M at the nodes at t = 0 (control-volume averages of the texture).
  public let initialMagnetization: [Vector3]
  /// The largest precession rate |Ω| = |B + λM|/ħ over the nodes at t = 0, rad/s (|M| is kept
  /// by the flow, so for B = 0 it bounds |Ω| at every t).
  public let largestPrecessionRate: Double
  private let op: SpinDiffusionOperator
  /// The Landau–Lifshitz field (J and ρ), built once.
  private let field: LandauLifshitzField
  private let layout: Layout

  /// Unknowns per node: m, M, m_eq, face M (the open grid's last node has no face).
  static let unknownsPerNode = 12

  public init(problem: SteadySpinProblem, exchangeStiffness: Double, accumulationScale: Double) throws {
    try problem.material.validate()
    self.problem = problem
    op = SpinDiffusionOperator(grid: problem.grid, material: problem.material)
    field = try LandauLifshitzField(
      operator: op, exchangeStiffness: exchangeStiffness, accumulationScale: accumulationScale)
    layout = Layout(count: problem.grid.count, periodic: problem.grid.isPeriodic)
    let mat = problem.material
    initialMagnetization = (0..<problem.grid.count).map {
      problem.halfCellAverage($0, problem.texture.magnetization)
    }
    largestPrecessionRate = initialMagnetization.map { norm3(mat.precession(magnetization: $0)) }.max() ?? 0
  }

  /// The (upper, lower) bandwidths of the Jacobian in the state order.
  public var bandwidths: (upper: Int, lower: Int) { (layout.upper, layout.lower) }

  /// Bytes per grid node of the integration, for a check before allocation: CVODE's band LU
  /// (matrix and saved Jacobian, 12 columns per node of upper + 2·lower + 1 doubles each, with
  /// the torus's bands upper 44, lower 56) and ~20 state-sized vectors.
  public static let bytesPerNode = Double(2 * unknownsPerNode * (44 + 2 * 56 + 1) * 8 + 20 * unknownsPerNode * 8)

  /// Integrates from `initial` m (nil: m = 0 inside, the Dirichlet values at the ends) and the
  /// texture's M at t = 0, calling `snapshot(t, m, M)` at each of `times` (ascending, ≥ 0, s),
  /// interpolated independently of the internal steps; at most `maximumSteps` internal steps
  /// between two outputs, with `scheme` (BDF up to order 2, or an L-stable SDIRK table).
  /// - Returns: the integrator's statistics.
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`initial_accumulation`, `times`) before any work;
  ///   `IntegrationFailure` (time reached, reason); whatever `snapshot` throws.
  public func evolve(
    from initial: [Vector3]? = nil, times: [Double], tolerances: IntegrationTolerances, maximumSteps: Int = 100_000,
    scheme: IntegrationScheme = .bdf(maximumOrder: 2), snapshot: (Double, [Vector3], [Vector3]) throws -> Void
  ) throws -> IntegrationStatistics {
    let n = problem.grid.count, nf = op.spacings.count
    let start = initial ?? problem.restAccumulation()
    guard start.count == n else { throw InvalidParameter("initial_accumulation", start.count, allowed: "\(n) nodes") }
    try SteadySpinProblem.requireOutputTimes(times)
    let scale = initialMagnetization.map(norm3).max().flatMap { $0 > 0 ? $0 : nil } ?? 1
    let faces0 = (0..<nf).map { problem.texture.magnetization(problem.faceCentre($0)) }
    let equilibrium0 = (0..<n).map(problem.nodeEquilibrium)
    let layout = self.layout
    var u = [Double](repeating: 0, count: layout.dimension)
    func put(_ v: Vector3, _ o: Int) { (u[o], u[o + 1], u[o + 2]) = (v.x, v.y, v.z) }
    for i in 0..<n {
      let b = layout.base(i)
      put(start[i], b)
      put(initialMagnetization[i] / scale, b + 3)
      put(equilibrium0[i], b + 6)
    }
    for f in 0..<nf { put(faces0[f] / scale, layout.base(f) + 9) }
    let rhs = RightHandSide(
      problem: problem, op: op, layout: layout, scale: scale,
      field: field, fixed: problem.prescribedNodes())
    let integrator = try StiffIntegrator(
      initial: u, tolerances: tolerances, linearSolver: .band(upper: layout.upper, lower: layout.lower),
      scheme: scheme, maximumSteps: maximumSteps
    ) { _, y, dy in rhs(y, dy) }
    for t in times {
      let y = try integrator.advance(to: t)
      func get(_ o: Int) -> Vector3 { Vector3(y[o], y[o + 1], y[o + 2]) }
      try snapshot(
        t, (0..<n).map { get(layout.base($0)) }, (0..<n).map { scale * get(layout.base($0) + 3) })
    }
    return integrator.statistics
  }

  /// Where each node's unknowns sit in the state vector, and the bandwidths that follow.
  struct Layout {
    let count: Int
    let periodic: Bool
    /// Block position of each node: identity (open), 0, n−1, 1, n−2, … interleaved (torus).
    let position: [Int]
    let dimension: Int
    let upper: Int
    let lower: Int

    init(count n: Int, periodic: Bool) {
      self.count = n
      self.periodic = periodic
      position = (0..<n).map { i in periodic ? (2 * i <= n - 1 ? 2 * i : 2 * (n - 1 - i) + 1) : i }
      let size = CoupledMagnetizationEvolution.unknownsPerNode
      dimension = size * n - (periodic ? 0 : 3)
      // Couplings (row unit, neighbour offset, column unit), unit offsets m 0, M 3, m_eq 6, face 9:
      // ṁ: m of i−1…i+1, M and m_eq of i, faces i−1 and i; Ṁ, ṁ_eq: h_i (M of i−1…i+1, m of i)
      // and themselves; face i: itself and h_i, h_{i+1} (M of i−1…i+2, m of i and i+1).
      var couplings: [(Int, Int, Int)] = [
        (0, -1, 0), (0, 0, 0), (0, 1, 0), (0, 0, 3), (0, 0, 6), (0, -1, 9), (0, 0, 9),
      ]
      for row in [3, 6] { couplings += [(row, -1, 3), (row, 0, 3), (row, 1, 3), (row, 0, 0), (row, 0, row)] }
      couplings += [(9, 0, 9), (9, -1, 3), (9, 0, 3), (9, 1, 3), (9, 2, 3), (9, 0, 0), (9, 1, 0)]
      var up = 0, low = 0
      let position = self.position
      let hasFace = { (i: Int) in periodic || i < n - 1 }
      for i in 0..<n {
        for (row, offset, column) in couplings {
          var j = i + offset
          if periodic { j = ((j % n) + n) % n } else if j < 0 || j >= n { continue }
          if (row == 9 && !hasFace(i)) || (column == 9 && !hasFace(j)) { continue }
          let r = size * position[i] + row, c = size * position[j] + column
          up = max(up, c + 2 - r)
          low = max(low, r + 2 - c)
        }
      }
      upper = min(up, dimension - 1)
      lower = min(low, dimension - 1)
    }

    @inline(__always) func base(_ i: Int) -> Int { CoupledMagnetizationEvolution.unknownsPerNode * position[i] }
  }

  /// f(y): the right-hand side in the state order (M and face M in units of `scale`).
  private struct RightHandSide {
    let problem: SteadySpinProblem
    let op: SpinDiffusionOperator
    let layout: Layout
    let scale: Double
    let field: LandauLifshitzField
    let fixed: [Bool]

    func callAsFunction(_ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
      let n = layout.count, nf = op.spacings.count, hbar = SpinDiffusionMaterial.hbarElectronVoltSeconds
      func get(_ o: Int) -> Vector3 { Vector3(y[o], y[o + 1], y[o + 2]) }
      func put(_ v: Vector3, _ o: Int) { (dy[o], dy[o + 1], dy[o + 2]) = (v.x, v.y, v.z) }
      let m = (0..<n).map { get(layout.base($0)) }
      let nodesM = (0..<n).map { scale * get(layout.base($0) + 3) }
      let equilibrium = (0..<n).map { get(layout.base($0) + 6) }
      let faces = (0..<nf).map { scale * get(layout.base($0) + 9) }
      let h = field(magnetization: nodesM, accumulation: m)
      for i in 0..<n {
        let b = layout.base(i)
        put(cross3(get(b + 3), h[i]) / hbar, b + 3)
        put(cross3(equilibrium[i], h[i]) / hbar, b + 6)
      }
      for f in 0..<nf {
        let b = layout.base(f) + 9
        put(cross3(get(b), 0.5 * (h[f] + h[(f + 1) % n])) / hbar, b)
      }
      let mat = problem.material
      // The assembled operator cannot fail for a validated material; a failure shows as NaN,
      // which the integrator reports as a failed right-hand side with the time reached.
      guard
        let (matrix, source) = try? op.assemble(
          faceTensor: { DiffusionTensor.tensor(mat, magnetization: faces[$0]) },
          nodePrecession: { mat.precession(magnetization: nodesM[$0]) }, nodeEquilibrium: { equilibrium[$0] },
          left: problem.left, right: problem.right, shift: 0)
      else {
        for i in 0..<n { put(Vector3(repeating: .nan), layout.base(i)) }
        return
      }
      var flat = [Double](repeating: 0, count: 3 * n), km = flat
      for i in 0..<n { (flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]) = (m[i].x, m[i].y, m[i].z) }
      flat.withUnsafeBufferPointer { x in km.withUnsafeMutableBufferPointer { matrix.multiply(x, into: $0) } }
      for i in 0..<n {
        let rate =
          fixed[i]
          ? Vector3.zero
          : Vector3(source[3 * i] - km[3 * i], source[3 * i + 1] - km[3 * i + 1], source[3 * i + 2] - km[3 * i + 2])
            / op.volumes[i]
        put(rate, layout.base(i))
      }
    }
  }
}
