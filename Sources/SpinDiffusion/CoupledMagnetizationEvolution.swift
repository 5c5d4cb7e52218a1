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
/// local equilibrium m_eq co-rotating with M. K and b follow the current M at every
/// right-hand side (`System` evaluates their rows directly), so with M frozen (ρ = J = 0) this is ``FrozenMagnetizationEvolution``.
/// Dirichlet end nodes keep their m (ṁ = 0). |M| is a constant of the exact flow; the
/// integrator keeps it to its local tolerances (rtol·|M| per step, drifting at most with the
/// global error).
///
/// The state is ordered node by node (m, M, m_eq, and the face to the node's right), so every
/// coupling of the right-hand side lies in a band: nearest neighbours, and next-nearest for the
/// face M (its field averages two nodes, each with an exchange stencil). On the torus the nodes
/// are interleaved 0, n−1, 1, n−2, … so that the cyclic neighbours (0 and n−1) fall inside the
/// band too: the Newton systems are solved exactly by band LU with the analytic banded
/// Jacobian of `System` on both geometries (bandwidths from ``bandwidths``). With the BDF scheme the order
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
  /// The fastest turn of M by exchange at t = 0, rad/s, and its node (0 for a texture at rest
  /// under exchange, or J = 0): a rate far above 1/t of the run means the texture unwinds.
  public var initialExchangeRate: (rate: Double, node: Int) {
    field.largestExchangeRate(magnetization: initialMagnetization)
  }
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

  /// Integrates from `initial` m (nil: m = 0 inside; the Dirichlet ends always at their values) and the
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
    let start = problem.startingAccumulation(initial)
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
    let system = self.system(scale: scale)
    let integrator = try StiffIntegrator(
      initial: u, tolerances: tolerances, linearSolver: .band(upper: layout.upper, lower: layout.lower),
      scheme: scheme, maximumSteps: maximumSteps, bandJacobian: { _, y, jacobian in system.jacobian(y, into: jacobian) }
    ) { _, y, dy in system.rightHandSide(y, dy) }
    for t in times {
      let y = try integrator.advance(to: t)
      func get(_ o: Int) -> Vector3 { Vector3(y[o], y[o + 1], y[o + 2]) }
      try snapshot(
        t, (0..<n).map { get(layout.base($0)) }, (0..<n).map { scale * get(layout.base($0) + 3) })
    }
    return integrator.statistics
  }

  /// The right-hand side and its Jacobian with M in units of `scale`.
  func system(scale: Double) -> System {
    System(problem: problem, op: op, layout: layout, scale: scale, field: field)
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

  /// f(y) and ∂f/∂y in the state order (M and face M in units of `scale`), written into storage
  /// it owns (no allocation per call).
  ///
  ///     ṁᵢ = [G_{i+1/2}(m_{i+1} − mᵢ) + G_{i−1/2}(m_{i−1} − mᵢ) + jᵢ]/Vᵢ − (mᵢ − m_eq,ᵢ)/τ − Ωᵢ × mᵢ
  ///
  /// (the rows of the finite-volume operator divided by Vᵢ; G_f = 𝔇(M_f)/h_f the face conductance,
  /// jᵢ a prescribed end current) and the precession rows of ``CoupledMagnetizationEvolution``.
  /// The Jacobian is exact: with A = 𝟙 + diag(τ)[H]× (Eq. 73), ∂(𝔇v)/∂H = A⁻¹ diag(τ)[𝔇v]×, and
  /// ∂(X × h)/∂X = −[h]×, ∂(X × h)/∂h = [X]× with h linear in m and M (``LandauLifshitzField``).
  final class System {
    let layout: Layout
    let scale: Double
    let field: LandauLifshitzField
    let material: SpinDiffusionMaterial
    let volumes: [Double]
    let spacings: [Double]
    let fixed: [Bool]
    /// The prescribed end currents jᵢ (m/s; zero except at flux ends of an open grid).
    let endCurrent: [Vector3]
    /// hᵢ, eV.
    private let nodeField: UnsafeMutableBufferPointer<Vector3>
    /// G_f = 𝔇(M_f)/h_f, m/s.
    private let conductance: UnsafeMutableBufferPointer<Matrix3>
    /// ∂(G_f v)/∂M̃_f = S_f [G_f v]× with S_f = A_f⁻¹ diag(τ) λ·scale/ħ (Jacobian only).
    private let sensitivity: UnsafeMutableBufferPointer<Matrix3>

    init(
      problem: SteadySpinProblem, op: SpinDiffusionOperator, layout: Layout, scale: Double, field: LandauLifshitzField
    ) {
      self.layout = layout
      self.scale = scale
      self.field = field
      material = problem.material
      volumes = op.volumes
      spacings = op.spacings
      fixed = problem.prescribedNodes()
      let n = layout.count
      var current = [Vector3](repeating: .zero, count: n)
      if !layout.periodic {
        if case .flux(let j) = problem.left { current[0] += j }
        if case .flux(let j) = problem.right { current[n - 1] -= j }
      }
      endCurrent = current
      nodeField = .allocate(capacity: n)
      conductance = .allocate(capacity: spacings.count)
      sensitivity = .allocate(capacity: spacings.count)
    }

    deinit {
      nodeField.deallocate()
      conductance.deallocate()
      sensitivity.deallocate()
    }

    /// Fills hᵢ and G_f (and S_f when `sensitivities`) for the state y.
    @inline(__always) private func prepare(_ y: UnsafeBufferPointer<Double>, sensitivities: Bool) {
      let n = layout.count, scale = self.scale
      @inline(__always) func get(_ o: Int) -> Vector3 { Vector3(y[o], y[o + 1], y[o + 2]) }
      for i in 0..<n {
        let e = field.exchange(at: i), b = layout.base(i)
        nodeField[i] = field.field(
          at: i, magnetization: scale * get(b + 3), left: scale * get(layout.base(e.left) + 3),
          right: scale * get(layout.base(e.right) + 3), accumulation: get(b))
      }
      let tau = material.precessionTime, d = material.diffusivity
      let coupling = material.sdCoupling * scale / SpinDiffusionMaterial.hbarElectronVoltSeconds
      for f in 0..<spacings.count {
        let omega = material.precession(magnetization: scale * get(layout.base(f) + 9))
        let inverse = DiffusionTensor.matrixA(omega: omega, tau: tau).inverse
        conductance[f] = (1 / spacings[f]) * Matrix3(columns: inverse.c0 * d.x, inverse.c1 * d.y, inverse.c2 * d.z)
        if sensitivities {
          sensitivity[f] = coupling * Matrix3(columns: inverse.c0 * tau.x, inverse.c1 * tau.y, inverse.c2 * tau.z)
        }
      }
    }

    /// The faces left and right of node i (nil beyond an open end) and the neighbours' nodes.
    @inline(__always) private func faces(_ i: Int) -> (left: Int?, right: Int?, previous: Int, next: Int) {
      let n = layout.count, periodic = layout.periodic
      return (
        i > 0 ? i - 1 : (periodic ? n - 1 : nil), i < n - 1 || periodic ? i : nil, (i - 1 + n) % n, (i + 1) % n
      )
    }

    func rightHandSide(_ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
      prepare(y, sensitivities: false)
      let n = layout.count, c = 1 / SpinDiffusionMaterial.hbarElectronVoltSeconds
      let rate = 1 / material.spinFlipTime
      @inline(__always) func get(_ o: Int) -> Vector3 { Vector3(y[o], y[o + 1], y[o + 2]) }
      @inline(__always) func put(_ v: Vector3, _ o: Int) { (dy[o], dy[o + 1], dy[o + 2]) = (v.x, v.y, v.z) }
      for i in 0..<n {
        let b = layout.base(i), h = nodeField[i]
        put(c * cross3(get(b + 3), h), b + 3)
        put(c * cross3(get(b + 6), h), b + 6)
        guard !fixed[i] else {
          put(.zero, b)
          continue
        }
        let m = get(b), around = faces(i)
        var flux = endCurrent[i]
        if let f = around.right { flux += conductance[f] * (get(layout.base(around.next)) - m) }
        if let f = around.left { flux += conductance[f] * (get(layout.base(around.previous)) - m) }
        let omega = material.precession(magnetization: scale * get(b + 3))
        put(flux / volumes[i] - rate * (m - get(b + 6)) - cross3(omega, m), b)
      }
      for f in 0..<spacings.count {
        let b = layout.base(f) + 9
        put(c * cross3(get(b), 0.5 * (nodeField[f] + nodeField[(f + 1) % n])), b)
      }
    }

    /// ∂f/∂y at y into `jacobian` (zero on entry; the bandwidths of ``Layout``).
    func jacobian(_ y: UnsafeBufferPointer<Double>, into jacobian: BandJacobian) {
      prepare(y, sensitivities: true)
      let n = layout.count, scale = self.scale, c = 1 / SpinDiffusionMaterial.hbarElectronVoltSeconds
      let rate = 1 / material.spinFlipTime, lambda = material.sdCoupling * scale * c
      let coupling = field.accumulationCoupling
      @inline(__always) func get(_ o: Int) -> Vector3 { Vector3(y[o], y[o + 1], y[o + 2]) }
      @inline(__always) func add(_ a: Matrix3, _ row: Int, _ column: Int) {
        for k in 0..<3 {
          let v = k == 0 ? a.c0 : (k == 1 ? a.c1 : a.c2)
          jacobian.add(v.x, row: row, column: column + k)
          jacobian.add(v.y, row: row + 1, column: column + k)
          jacobian.add(v.z, row: row + 2, column: column + k)
        }
      }
      /// Row block `row` of X × (weight·h_k)/ħ with respect to node k's m and M (X fixed).
      @inline(__always) func addField(_ row: Int, _ x: Vector3, _ k: Int, _ weight: Double) {
        let e = field.exchange(at: k), cx = (weight * c) * Matrix3.cross(x)
        add(coupling * cx, row, layout.base(k))
        add((-scale * (e.leftWeight + e.rightWeight)) * cx, row, layout.base(k) + 3)
        add((scale * e.rightWeight) * cx, row, layout.base(e.right) + 3)
        add((scale * e.leftWeight) * cx, row, layout.base(e.left) + 3)
      }
      for i in 0..<n {
        let b = layout.base(i), h = nodeField[i]
        for unit in stride(from: 3, through: 6, by: 3) {
          add(-c * Matrix3.cross(h), b + unit, b + unit)
          addField(b + unit, get(b + unit), i, 1)
        }
        guard !fixed[i] else { continue }
        let m = get(b), around = faces(i), v = 1 / volumes[i]
        let omega = material.precession(magnetization: scale * get(b + 3))
        var diagonal = -(Matrix3.diagonal(rate) + Matrix3.cross(omega))
        for side in 0..<2 {
          guard let f = side == 0 ? around.right : around.left else { continue }
          let neighbour = side == 0 ? around.next : around.previous
          let g = conductance[f], w = g * (get(layout.base(neighbour)) - m)
          diagonal = diagonal - v * g
          add(v * g, b, layout.base(neighbour))
          add(v * (sensitivity[f] * Matrix3.cross(w)), b, layout.base(f) + 9)
        }
        add(diagonal, b, b)
        add(Matrix3.diagonal(rate), b, b + 6)
        add(lambda * Matrix3.cross(m), b, b + 3)
      }
      for f in 0..<spacings.count {
        let b = layout.base(f) + 9, x = get(b), next = (f + 1) % n
        add(-c * Matrix3.cross(0.5 * (nodeField[f] + nodeField[next])), b, b)
        addField(b, x, f, 0.5)
        addField(b, x, next, 0.5)
      }
    }
  }
}
