import Diagnostics
import LinearAlgebra
import Numerics
import TimeIntegration

/// Profiles dM(x_i), dm(x_i) on a ``RelaxationGrid``.
public struct RelaxationProfiles: Sendable, Equatable {
  public var dM: [Double]
  public var dm: [Double]

  public init(dM: [Double], dm: [Double]) {
    self.dM = dM
    self.dm = dm
  }

  /// Samples dM(x), dm(x) at the grid positions.
  public init(grid: RelaxationGrid, dM: (Double) -> Double, dm: (Double) -> Double) {
    let x = grid.positions
    self.init(dM: x.map(dM), dm: x.map(dm))
  }

  /// The initial condition of Fig. 1: a step in M + m, higher on the left.
  ///
  /// dM = `height` for x < `position`, 0 for x > `position` (a cell centred exactly on the
  /// step gets height/2), dm = 0: M is in local equilibrium on both sides, only the step is not.
  public static func step(grid: RelaxationGrid, height: Double = 1, position: Double = 0) -> RelaxationProfiles {
    RelaxationProfiles(
      grid: grid, dM: { $0 < position ? height : ($0 == position ? height / 2 : 0) }, dm: { _ in 0 })
  }
}

extension RelaxationProfiles {
  /// A single Fourier mode: dM = `amplitude`·cos(2πn(x + L/2)/L), dm = `ratio`·dM (n ≥ 0; with
  /// periodic ends an exact eigenvector of the discrete Laplacian, see ``RelaxationGrid``).
  public static func cosine(
    grid: RelaxationGrid, mode n: Int, amplitude: Double = 1, ratio: Double = 0
  )
    -> RelaxationProfiles
  {
    let k = 2 * Double.pi * Double(n) / grid.length, half = grid.length / 2
    return RelaxationProfiles(
      grid: grid, dM: { amplitude * Double.cos(k * ($0 + half)) },
      dm: { ratio * amplitude * Double.cos(k * ($0 + half)) })
  }
}

/// Profiles at one output time.
public struct RelaxationSnapshot: Sendable, Equatable {
  /// Time t (model time unit, e.g. s or 1/r).
  public let time: Double
  public let profiles: RelaxationProfiles
}

/// The 1D space–time problem (Eqs. 28–29) by the method of lines with the L-stable, second-order
/// TR-BDF2 integrator.
///
/// Semi-discrete system u' = A u, u = (dM_0, dm_0, dM_1, dm_1, …), A block tridiagonal with 2×2
/// blocks (``RelaxationModel`` equations, three-point Laplacian of δm = dm + ξ dM). One step of
/// size τ (α = 2 − √2, c = 1 − 1/√2 = α/2 = (1 − α)/(2 − α)):
///
///     (𝟙 − cτA) u* = (𝟙 + cτA) uⁿ                               trapezoid over ατ
///     (𝟙 − cτA) uⁿ⁺¹ = [u* − (1 − α)² uⁿ] / (α(2 − α))          BDF2 over the rest
///
/// Both stages solve with the same matrix (``/LinearAlgebra/BlockTridiagonalMatrix``, block size 2, cyclic for
/// periodic ends), factorised once per step size (``/LinearAlgebra/BlockTridiagonalFactorization``). Because
/// 𝟙ᵀA = 0 for the total M + m without lattice decay and no-flux or periodic ends, Σ(dM + dm)
/// is conserved by every stage to rounding. The rate error of a mode
/// with rate γ is ≈ 0.04 (γτ)² relative (TR-BDF2's error constant); L-stability damps the
/// unresolved fast modes of a step instead of ringing (Crank–Nicolson would ring).
public struct RelaxationEvolution: Sendable {
  public let model: RelaxationModel
  public let grid: RelaxationGrid

  /// Memory per grid point of ``evolve(from:times:timeStep:progress:snapshot:)``, bytes: u, A·u,
  /// right-hand side and stage (4 × 2 doubles), the 2×2 block matrix (3 blocks) and its banded
  /// LU, one snapshot's profiles and positions — measured ≈ 330 B (`relaxation evolve --points
  /// 1000000`: 356 MB peak RSS, debug build), budgeted with a margin of 3.
  public static let bytesPerPoint = 1000.0

  public init(model: RelaxationModel, grid: RelaxationGrid) {
    self.model = model
    self.grid = grid
  }

  /// ∫(dM + dm) dx = h Σ_i (dM_i + dm_i) (model units: magnetization × length).
  public func totalMagnetization(_ p: RelaxationProfiles) -> Double {
    var s = 0.0
    for i in 0..<p.dM.count { s += p.dM[i] + p.dm[i] }
    return s * grid.spacing
  }

  /// Evolves `initial` and returns the profiles at each of `times` (ascending, ≥ 0; t = 0 is
  /// the initial profile), with a step no larger than `timeStep` (each interval between output
  /// times is cut into equal steps so outputs fall exactly on the requested times).
  ///
  /// Holds every snapshot (times × points values); for long runs use
  /// ``evolve(from:times:timeStep:progress:snapshot:)``, which hands them over one at a time.
  /// Warnings and errors as there.
  public func evolve(
    from initial: RelaxationProfiles, times: [Double], timeStep: Double
  ) throws -> (
    snapshots: [RelaxationSnapshot], warnings: [NumericalWarning]
  ) {
    var snapshots: [RelaxationSnapshot] = []
    let warnings = try evolve(from: initial, times: times, timeStep: timeStep) { snapshots.append($0) }
    return (snapshots, warnings)
  }

  /// Number of TR-BDF2 steps ``evolve(from:times:timeStep:progress:snapshot:)`` takes
  /// (Σ over the intervals of ⌈interval/timeStep⌉), as a `Double` so huge counts cannot overflow.
  public static func stepCount(times: [Double], timeStep: Double) -> Double {
    var now = 0.0, total = 0.0
    for target in times where target > now {
      total += max(1, ((target - now) / timeStep - 1e-9).rounded(.up))
      now = target
    }
    return total
  }

  /// Evolves `initial` and calls `snapshot` with the profiles at each of `times` as they are
  /// reached (memory O(points), whatever the number of times); `progress` receives step counts.
  ///
  /// Warnings (with the number): grid spacing h > 0.5/k_M (the m diffusion length 1/k_M is not
  /// resolved), step rτ > 0.1 (the fast M↔m exchange, rate ≈ r, is under-resolved in time), a
  /// non-finite value in a snapshot (overflow; the first time it is seen).
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`times`, `time-step`, `initial`) before any computation;
  ///   ``/LinearAlgebra/LinearAlgebraError`` if a solve fails; whatever `snapshot` throws.
  public func evolve(
    from initial: RelaxationProfiles, times: [Double], timeStep: Double, progress: ((Int) -> Void)? = nil,
    snapshot: (RelaxationSnapshot) throws -> Void
  ) throws -> [NumericalWarning] {
    try Require.positive(timeStep, "time_step_r")
    var warnings = try validate(initial: initial, times: times)
    if timeStep * model.exchangeRate > 0.1 {
      warnings.append(
        NumericalWarning(
          kind: "under-resolved",
          message: "time step r·dt = \(timeStep * model.exchangeRate) > 0.1: the fast M↔m exchange is under-resolved",
          value: timeStep * model.exchangeRate))
    }
    var u = blockVector(initial)
    var now = 0.0, sawNonFinite = false
    for target in times {
      let interval = target - now
      if interval > 0 {
        let steps = max(1, Int((interval / timeStep - 1e-9).rounded(.up)))
        let tau = interval / Double(steps)
        let matrix = try implicitMatrix(coefficient: (1 - 0.5.squareRoot()) * tau).factorized()
        for _ in 0..<steps {
          u = try trBDF2Step(u, tau: tau, matrix: matrix)
          progress?(1)
        }
        now = target
      }
      let p = profiles(u)
      if !sawNonFinite, let bad = u.first(where: { !$0.isFinite }) {
        sawNonFinite = true
        warnings.append(
          NumericalWarning(
            kind: "non-finite", message: "non-finite value \(bad) in the profiles at t = \(target) (overflow)",
            value: bad))
      }
      try snapshot(RelaxationSnapshot(time: target, profiles: p))
    }
    return warnings
  }

  /// Evolves `initial` with an adaptive `scheme` (ARKODE's L-stable SDIRK 5(4) by default, or
  /// CVODE's BDF) and calls `snapshot` at each of `times`.
  ///
  /// The SDIRK scheme propagates its fifth-order solution, so the global error scales as rtol;
  /// L-stability damps the fast M↔m exchange (rate ≈ r) without resolving it.
  ///
  /// The semi-discrete system u' = A u is the one of the fixed-step route; each internal step
  /// keeps its local error within `tolerances`: rtol·|u| + atol·max|u(0)| (atol relative to
  /// the largest initial |dM|, |dm|; the statistics' local errors are in that unit too). Newton systems
  /// (𝟙 − γA) use a banded LU (bandwidth 3 in block order) for no-flux ends and GMRES with the
  /// exact cyclic block-tridiagonal solve of 𝟙 − γA as preconditioner for periodic ends.
  /// Outputs are interpolated at `times`, independent of the internal steps; at most
  /// `maximumSteps` internal steps between two output times.
  /// - Returns: warnings as in ``evolve(from:times:timeStep:progress:snapshot:)`` (without the
  ///   step-size one) and the integrator's statistics.
  /// - Throws: ``/Diagnostics/InvalidParameter`` before any computation;
  ///   `IntegrationFailure` (time reached, reason) when the tolerance cannot
  ///   be met; whatever `snapshot` throws.
  public func evolveAdaptive(
    from initial: RelaxationProfiles, times: [Double], tolerances: IntegrationTolerances,
    scheme: IntegrationScheme = .sdirk(.ark548), maximumSteps: Int = 100_000,
    snapshot: (RelaxationSnapshot) throws -> Void
  ) throws -> (warnings: [NumericalWarning], statistics: IntegrationStatistics) {
    let warnings = try validate(initial: initial, times: times)
    let solver: StiffIntegrator.LinearSolver
    switch grid.boundary {
    case .noFlux: solver = .band(upper: 3, lower: 3)
    case .periodic:
      solver = .preconditionedGMRES { gamma in
        let factorization = try self.implicitMatrix(coefficient: gamma).factorized()
        return { buffer in
          let z = try factorization.solve(Array(buffer))
          for j in 0..<z.count { buffer[j] = z[j] }
        }
      }
    }
    // The system is linear: integrate u / max|u(0)|, so atol is relative to the profile's scale
    // (a step of height 1e100 and one of height 1 take the same steps).
    let start = blockVector(initial)
    let largest = start.map(abs).max() ?? 0, scale = largest > 0 ? largest : 1
    let integrator = try StiffIntegrator(
      initial: start.map { $0 / scale }, tolerances: tolerances, linearSolver: solver, scheme: scheme,
      maximumSteps: maximumSteps
    ) { _, u, out in self.applyOperator(u, into: out) }
    for target in times {
      let u = try integrator.advance(to: target)
      try snapshot(RelaxationSnapshot(time: target, profiles: profiles(u.map { $0 * scale })))
    }
    return (warnings, integrator.statistics)
  }

  /// Checks the initial profile and the output times; returns the grid-resolution warning.
  private func validate(initial: RelaxationProfiles, times: [Double]) throws -> [NumericalWarning] {
    let n = grid.points
    guard initial.dM.count == n, initial.dm.count == n else {
      throw InvalidParameter(
        "initial", "\(initial.dM.count)/\(initial.dm.count) values", allowed: "\(n) values of dM and of dm")
    }
    guard initial.dM.allSatisfy(\.isFinite), initial.dm.allSatisfy(\.isFinite) else {
      throw InvalidParameter("initial", "non-finite values", allowed: "finite dM and dm")
    }
    guard !times.isEmpty, times.allSatisfy({ $0.isFinite && $0 >= 0 }),
      zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 })
    else {
      throw InvalidParameter(
        "times", times.map { "\($0)" }.joined(separator: ","), allowed: "finite times ≥ 0 in ascending order")
    }
    let kM = model.exchangeWavevector
    guard grid.spacing * kM > 0.5 else { return [] }
    return [
      NumericalWarning(
        kind: "under-resolved",
        message: "grid spacing h·k_M = \(grid.spacing * kM) > 0.5: the m diffusion length 1/k_M is not resolved",
        value: grid.spacing * kM)
    ]
  }

  /// u = (dM_0, dm_0, dM_1, dm_1, …).
  private func blockVector(_ p: RelaxationProfiles) -> [Double] {
    var u = [Double](repeating: 0, count: 2 * p.dM.count)
    for i in 0..<p.dM.count {
      u[2 * i] = p.dM[i]
      u[2 * i + 1] = p.dm[i]
    }
    return u
  }

  /// The profiles of a block-major vector.
  private func profiles(_ u: [Double]) -> RelaxationProfiles {
    let n = u.count / 2
    var p = RelaxationProfiles(dM: [Double](repeating: 0, count: n), dm: [Double](repeating: 0, count: n))
    for i in 0..<n {
      p.dM[i] = u[2 * i]
      p.dm[i] = u[2 * i + 1]
    }
    return p
  }

  // MARK: - Semi-discrete operator

  /// Couplings of the semi-discrete operator A: the local 2×2 block (without Laplacian) and
  /// the Laplacian weight D_m/h² acting on δm = dm + ξ dM.
  private var laplacianWeight: Double { model.diffusivity / (grid.spacing * grid.spacing) }

  /// Number of Laplacian neighbours of cell i (1 at a no-flux end, else 2).
  private func neighbourCount(_ i: Int) -> Double {
    grid.boundary == .noFlux && (i == 0 || i == grid.points - 1) ? 1 : 2
  }

  /// A u for the block-major vector u.
  func applyOperator(_ u: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: u.count)
    u.withUnsafeBufferPointer { input in out.withUnsafeMutableBufferPointer { applyOperator(input, into: $0) } }
    return out
  }

  /// `out` = A u for the block-major vector u (both 2 × points long).
  func applyOperator(_ u: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
    let n = grid.points, w = laplacianWeight, xi = model.xi, r = model.exchangeRate
    let wm = model.spinLatticeRate, wM = model.magnetizationLatticeRate
    let periodic = grid.boundary == .periodic
    @inline(__always) func delta(_ j: Int) -> Double { u[2 * j + 1] + xi * u[2 * j] }
    for i in 0..<n {
      let dM = u[2 * i], dm = u[2 * i + 1], d = delta(i)
      var lap = 0.0
      if i > 0 { lap += delta(i - 1) - d } else if periodic { lap += delta(n - 1) - d }
      if i < n - 1 { lap += delta(i + 1) - d } else if periodic { lap += delta(0) - d }
      out[2 * i] = -wM * dM + (r - wM) * dm
      out[2 * i + 1] = w * lap - xi * wm * dM - (r + wm) * dm
    }
  }

  /// 𝟙 − c A as a block-tridiagonal matrix (c = coefficient × step).
  func implicitMatrix(coefficient c: Double) throws -> BlockTridiagonalMatrix<Double> {
    let n = grid.points, w = laplacianWeight, xi = model.xi, r = model.exchangeRate
    let wm = model.spinLatticeRate, wM = model.magnetizationLatticeRate
    var m = try BlockTridiagonalMatrix<Double>(blockSize: 2, blockCount: n, periodic: grid.boundary == .periodic)
    for i in 0..<n {
      let nb = neighbourCount(i)
      m.diagonal[m.index(block: i, row: 0, column: 0)] = 1 + c * wM
      m.diagonal[m.index(block: i, row: 0, column: 1)] = -c * (r - wM)
      m.diagonal[m.index(block: i, row: 1, column: 0)] = c * (xi * wm + nb * w * xi)
      m.diagonal[m.index(block: i, row: 1, column: 1)] = 1 + c * (r + wm + nb * w)
      let hasLower = i > 0 || grid.boundary == .periodic
      let hasUpper = i < n - 1 || grid.boundary == .periodic
      if hasLower {
        m.lower[m.index(block: i, row: 1, column: 0)] = -c * w * xi
        m.lower[m.index(block: i, row: 1, column: 1)] = -c * w
      }
      if hasUpper {
        m.upper[m.index(block: i, row: 1, column: 0)] = -c * w * xi
        m.upper[m.index(block: i, row: 1, column: 1)] = -c * w
      }
    }
    return m
  }

  /// One TR-BDF2 step of size τ; `matrix` = 𝟙 − (1 − 1/√2)τA.
  private func trBDF2Step(_ u: [Double], tau: Double, matrix: BlockTridiagonalFactorization<Double>) throws -> [Double]
  {
    let alpha = 2 - 2.0.squareRoot(), c = (1 - 0.5.squareRoot()) * tau
    let au = applyOperator(u)
    var rhs = u
    for j in 0..<rhs.count { rhs[j] += c * au[j] }
    let stage = try matrix.solve(rhs)
    let norm = 1 / (alpha * (2 - alpha)), lag = (1 - alpha) * (1 - alpha)
    for j in 0..<rhs.count { rhs[j] = norm * (stage[j] - lag * u[j]) }
    return try matrix.solve(rhs)
  }
}
