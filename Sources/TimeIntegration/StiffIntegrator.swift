import CSUNDIALS
import Diagnostics

/// Adaptive, error-controlled integration of a stiff system y' = f(t, y) by SUNDIALS: the only
/// file that touches SUNDIALS.
///
/// The ``IntegrationScheme`` picks CVODE's variable-order BDF or ARKODE's ARKStep with an
/// L-stable SDIRK table; both take Newton steps whose systems (𝟙 − γJ) x = b are solved by the
/// chosen ``LinearSolver``, keep each step's local error within ``IntegrationTolerances`` and
/// deliver outputs at the requested times: CVODE by interpolation (`CV_NORMAL`), independent of
/// its internal steps; ARKStep by ending a step on each output time (a stop time), as its
/// interpolants are less accurate than its steps on stiff oscillatory modes.
///
/// Failure modes: ``IntegrationFailure`` (time reached + reason) from ``advance(to:)``;
/// ``/Diagnostics/InvalidParameter`` for a non-finite initial state, a bad bandwidth or a BDF
/// order outside 1–5.
public final class StiffIntegrator {
  /// f(t, y, ẏ): writes the right-hand side for state `y` at time `t` into `ẏ`.
  public typealias RightHandSide = (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

  /// A solver of (𝟙 − γJ) z = r for the Newton iteration: `setUp(γ)` prepares (factorises)
  /// and returns the solve, which overwrites r by z. It is used as an exact preconditioner
  /// of GMRES, so a solve for a slightly different γ still converges.
  public typealias NewtonSolverFactory = (Double) throws -> (UnsafeMutableBufferPointer<Double>) throws -> Void

  /// J = ∂f/∂y(t, y) written into a ``BandJacobian`` (zero on entry) for the `.band` solver:
  /// replaces SUNDIALS's difference quotients (upper + lower + 1 right-hand sides per Jacobian).
  public typealias BandJacobianFunction = (Double, UnsafeBufferPointer<Double>, BandJacobian) -> Void

  /// How the Newton systems are solved.
  public enum LinearSolver {
    /// Banded LU with a difference-quotient banded Jacobian: J_ij ≠ 0 only for
    /// −lower ≤ j − i ≤ upper (open 1D grids in block order).
    case band(upper: Int, lower: Int)
    /// Dense LU with a difference-quotient Jacobian (small systems).
    case dense
    /// GMRES preconditioned by an exact (𝟙 − γJ) solver the caller supplies (periodic grids:
    /// a cyclic block-tridiagonal factorisation).
    case preconditionedGMRES(NewtonSolverFactory)
  }

  /// Callback context reached from C through the integrator's user-data pointer.
  private final class Context {
    let rhs: RightHandSide
    let newtonSolverFactory: NewtonSolverFactory?
    var bandJacobian: BandJacobianFunction?
    var newtonSolve: ((UnsafeMutableBufferPointer<Double>) throws -> Void)?
    var lastMessage = ""
    var callbackError: String?
    init(rhs: @escaping RightHandSide, newtonSolverFactory: NewtonSolverFactory?) {
      self.rhs = rhs
      self.newtonSolverFactory = newtonSolverFactory
    }
  }

  public let dimension: Int
  public let tolerances: IntegrationTolerances
  public let scheme: IntegrationScheme
  /// The time the state refers to (the last output time).
  public private(set) var time: Double
  public private(set) var statistics = IntegrationStatistics()

  private let context: Context
  private var sundialsContext: OpaquePointer?
  private var memory: UnsafeMutableRawPointer?
  private var state: N_Vector?
  private var matrix: SUNMatrix?
  private var linearSolver: SUNLinearSolver?

  /// Prepares the integration from `initial` at time `start` with `scheme`; at most
  /// `maximumSteps` internal steps per call of ``advance(to:)``; `bandJacobian` (with the `.band`
  /// solver only) supplies ∂f/∂y analytically.
  ///
  /// BDF3–5 are only A(α)-stable (α = 86°, 73°, 51°), so a stiff spectrum close to the imaginary
  /// axis (a diffusion tensor with a large antisymmetric part: eigenvalues ∝ (1 ± i a)k²) limits
  /// their step by stability, not accuracy, and the step count then grows as the stiffness
  /// (∝ 1/h² on a grid of spacing h); BDF2 or an SDIRK scheme removes that limit.
  public init(
    initial: [Double], start: Double = 0, tolerances: IntegrationTolerances, linearSolver solver: LinearSolver,
    scheme: IntegrationScheme = .bdf(maximumOrder: 5), maximumSteps: Int = 100_000,
    bandJacobian: BandJacobianFunction? = nil, rightHandSide: @escaping RightHandSide
  ) throws {
    try scheme.validate()
    self.scheme = scheme
    guard !initial.isEmpty, initial.allSatisfy(\.isFinite) else {
      throw InvalidParameter("initial", "\(initial.count) values, not all finite", allowed: "finite initial values")
    }
    let n = initial.count
    dimension = n
    self.tolerances = tolerances
    time = start
    var factory: NewtonSolverFactory?
    if case .preconditionedGMRES(let f) = solver { factory = f }
    context = Context(rhs: rightHandSide, newtonSolverFactory: factory)
    context.bandJacobian = bandJacobian
    if bandJacobian != nil {
      guard case .band = solver else {
        throw InvalidParameter("band_jacobian", "given", allowed: "only with the band linear solver")
      }
    }
    if case .band(let upper, let lower) = solver, upper < 0 || lower < 0 || upper >= n || lower >= n {
      throw InvalidParameter("bandwidth", "\(upper)/\(lower)", allowed: "0 ≤ upper, lower < \(n)")
    }
    guard SUNContext_Create(nil, &sundialsContext) == 0, let ctx = sundialsContext else {
      throw IntegrationFailure(timeReached: start, target: start, reason: "SUNDIALS context could not be created")
    }
    guard let y = N_VNew_Serial(sunindextype(n), ctx) else {
      throw IntegrationFailure(timeReached: start, target: start, reason: "out of memory (state vector)")
    }
    state = y
    let data = N_VGetArrayPointer(y)!
    for i in 0..<n { data[i] = initial[i] }
    let user = Unmanaged.passUnretained(context).toOpaque()
    switch scheme {
    case .bdf(let maximumOrder):
      memory = CVodeCreate(CV_BDF, ctx)
      guard let mem = memory else {
        throw IntegrationFailure(timeReached: start, target: start, reason: "CVODE could not be created")
      }
      try check(CVodeInit(mem, Self.rhsCallback, start, y), "initialisation")
      try check(CVodeSetUserData(mem, user), "user data")
      try check(CVodeSetErrHandlerFn(mem, Self.errorCallback, user), "error handler")
      try check(CVodeSStolerances(mem, tolerances.relative, tolerances.absolute), "tolerances")
      try check(CVodeSetMaxNumSteps(mem, maximumSteps), "step limit")
      try check(CVodeSetMaxOrd(mem, Int32(maximumOrder)), "maximum order")
    case .sdirk(let table):
      memory = ARKStepCreate(nil, Self.rhsCallback, start, y, ctx)
      guard let mem = memory else {
        throw IntegrationFailure(timeReached: start, target: start, reason: "ARKODE could not be created")
      }
      try check(ARKStepSetTableNum(mem, table.identifier, ARKODE_ERK_NONE), "Butcher table")
      // A fresh Newton matrix 𝟙 − γJ every step: with ARKODE's default reuse (up to 20 steps,
      // γ off by up to 20 %) the Newton iteration contracts slowly on eigenvalues next to the
      // imaginary axis, its stopping test passes early, and the error test then failed repeatedly
      // (step underflow) or let 100·rtol errors through on the precessing spin accumulation.
      try check(ARKStepSetLSetupFrequency(mem, 1), "Newton matrix update")
      try check(ARKStepSetUserData(mem, user), "user data")
      try check(ARKStepSetErrHandlerFn(mem, Self.errorCallback, user), "error handler")
      try check(ARKStepSStolerances(mem, tolerances.relative, tolerances.absolute), "tolerances")
      try check(ARKStepSetMaxNumSteps(mem, maximumSteps), "step limit")
    }
    guard let mem = memory else { throw IntegrationFailure(timeReached: start, target: start, reason: "no memory") }
    switch solver {
    case .band(let upper, let lower):
      matrix = SUNBandMatrix(sunindextype(n), sunindextype(upper), sunindextype(lower), ctx)
      linearSolver = SUNLinSol_Band(y, matrix, ctx)
    case .dense:
      matrix = SUNDenseMatrix(sunindextype(n), sunindextype(n), ctx)
      linearSolver = SUNLinSol_Dense(y, matrix, ctx)
    case .preconditionedGMRES:
      linearSolver = SUNLinSol_SPGMR(y, Int32(SUN_PREC_LEFT), 5, ctx)
    }
    guard linearSolver != nil else {
      throw IntegrationFailure(timeReached: start, target: start, reason: "out of memory (linear solver)")
    }
    try check(
      usesARKStep
        ? ARKStepSetLinearSolver(mem, linearSolver, matrix) : CVodeSetLinearSolver(mem, linearSolver, matrix),
      "linear solver")
    if bandJacobian != nil {
      try check(
        usesARKStep ? ARKStepSetJacFn(mem, Self.jacobianCallback) : CVodeSetJacFn(mem, Self.jacobianCallback),
        "Jacobian function")
    }
    if factory != nil {
      try check(
        usesARKStep
          ? ARKStepSetPreconditioner(mem, Self.preconditionerSetup, Self.preconditionerSolve)
          : CVodeSetPreconditioner(mem, Self.preconditionerSetup, Self.preconditionerSolve), "preconditioner")
    }
  }

  private var usesARKStep: Bool {
    if case .sdirk = scheme { return true }
    return false
  }

  /// Frees the integrator memory (after a failure or at the end).
  private func release() {
    guard memory != nil else { return }
    if usesARKStep { ARKStepFree(&memory) } else { CVodeFree(&memory) }
  }

  deinit {
    release()
    if let s = linearSolver { SUNLinSolFree(s) }
    if let m = matrix { SUNMatDestroy(m) }
    if let y = state { N_VDestroy(y) }
    if sundialsContext != nil { SUNContext_Free(&sundialsContext) }
  }

  /// Integrates to `target` (≥ the current time) and returns the state there.
  ///
  /// - Throws: ``IntegrationFailure`` with the time reached and the reason (CVODE's flag
  ///   and message, or a non-finite state); the integrator is then unusable.
  public func advance(to target: Double) throws -> [Double] {
    guard let mem = memory, let y = state else {
      throw IntegrationFailure(timeReached: time, target: target, reason: "the integrator already failed")
    }
    if target > time {
      var reached = time
      // ARKStep stops on each output time: its dense output (Hermite or Lagrange interpolation
      // over the last steps) carried errors of 100·rtol on the precessing accumulation, the
      // step's own solution does not.
      if usesARKStep { try check(ARKStepSetStopTime(mem, target), "stop time") }
      let flag =
        usesARKStep ? ARKStepEvolve(mem, target, y, &reached, ARK_NORMAL) : CVode(mem, target, y, &reached, CV_NORMAL)
      updateStatistics()
      if flag < 0 {
        let failure = IntegrationFailure(timeReached: reached, target: target, reason: reason(flag))
        release()
        throw failure
      }
      time = target
    }
    let data = UnsafeBufferPointer(start: N_VGetArrayPointer(y)!, count: dimension)
    if let bad = data.firstIndex(where: { !$0.isFinite }) {
      release()
      throw IntegrationFailure(
        timeReached: time, target: target, reason: "non-finite state component \(bad): \(data[bad]) (overflow)")
    }
    return Array(data)
  }

  private func updateStatistics() {
    guard let mem = memory else { return }
    var steps = 0, errorFails = 0, convergenceFails = 0, explicitRhs = 0, rhs = 0, lsRhs = 0, setups = 0
    var h = 0.0
    if usesARKStep {
      ARKStepGetNumSteps(mem, &steps)
      ARKStepGetNumErrTestFails(mem, &errorFails)
      ARKStepGetNumNonlinSolvConvFails(mem, &convergenceFails)
      ARKStepGetNumRhsEvals(mem, &explicitRhs, &rhs)
      ARKStepGetNumLinRhsEvals(mem, &lsRhs)
      ARKStepGetNumLinSolvSetups(mem, &setups)
      ARKStepGetLastStep(mem, &h)
    } else {
      CVodeGetNumSteps(mem, &steps)
      CVodeGetNumErrTestFails(mem, &errorFails)
      CVodeGetNumNonlinSolvConvFails(mem, &convergenceFails)
      CVodeGetNumRhsEvals(mem, &rhs)
      CVodeGetNumLinRhsEvals(mem, &lsRhs)
      CVodeGetNumLinSolvSetups(mem, &setups)
      CVodeGetLastStep(mem, &h)
    }
    statistics.steps = steps
    statistics.errorTestFailures = errorFails
    statistics.convergenceFailures = convergenceFails
    statistics.rightHandSideEvaluations = explicitRhs + rhs + lsRhs
    statistics.linearSolverSetups = setups
    statistics.lastStepSize = h
    guard let ctx = sundialsContext, steps > 0, let errors = N_VNew_Serial(sunindextype(dimension), ctx),
      let weights = N_VNew_Serial(sunindextype(dimension), ctx)
    else { return }
    defer {
      N_VDestroy(errors)
      N_VDestroy(weights)
    }
    let estimated =
      usesARKStep
      ? ARKStepGetEstLocalErrors(mem, errors) == 0 && ARKStepGetErrWeights(mem, weights) == 0
      : CVodeGetEstLocalErrors(mem, errors) == 0 && CVodeGetErrWeights(mem, weights) == 0
    guard estimated else { return }
    let ratio = N_VWrmsNorm(errors, weights), largest = N_VMaxNorm(errors)
    if ratio.isFinite { statistics.largestErrorRatio = max(statistics.largestErrorRatio, ratio) }
    if largest.isFinite { statistics.largestLocalError = max(statistics.largestLocalError, largest) }
  }

  private func reason(_ flag: Int32) -> String {
    let what: String
    switch flag {  // CVODE's and ARKODE's failure flags have the same values (CV_… = ARK_…).
    case CV_TOO_MUCH_WORK: what = "too many internal steps (the limit per output interval was reached)"
    case CV_TOO_MUCH_ACC: what = "the tolerance is below what double precision can deliver"
    case CV_ERR_FAILURE: what = "repeated local error-test failures (step size underflow)"
    case CV_CONV_FAILURE: what = "repeated Newton convergence failures (step size underflow)"
    case CV_LSETUP_FAIL, CV_LSOLVE_FAIL: what = "the linear solve of the Newton system failed"
    case CV_RHSFUNC_FAIL, CV_REPTD_RHSFUNC_ERR, CV_UNREC_RHSFUNC_ERR, CV_FIRST_RHSFUNC_ERR:
      what = "the right-hand side could not be evaluated"
    default: what = "\(library) flag \(flag)"
    }
    var parts = [what]
    if let e = context.callbackError { parts.append(e) }
    if !context.lastMessage.isEmpty { parts.append("\(library): " + context.lastMessage) }
    return parts.joined(separator: "; ")
  }

  /// The SUNDIALS package running the scheme, for messages.
  private var library: String { usesARKStep ? "ARKODE" : "CVODE" }

  private func check(_ flag: Int32, _ what: String) throws {
    guard flag == 0 else {
      throw IntegrationFailure(timeReached: time, target: time, reason: "\(library) \(what) failed (flag \(flag))")
    }
  }

  // MARK: - C callbacks (user data = Unmanaged<Context>; CVODE's and ARKODE's types coincide)

  private static let rhsCallback: CVRhsFn = { t, y, ydot, user in
    let context = Unmanaged<Context>.fromOpaque(user!).takeUnretainedValue()
    let n = Int(N_VGetLength(y))
    context.rhs(
      t, UnsafeBufferPointer(start: N_VGetArrayPointer(y), count: n),
      UnsafeMutableBufferPointer(start: N_VGetArrayPointer(ydot), count: n))
    for i in 0..<n where !N_VGetArrayPointer(ydot)[i].isFinite { return 1 }
    return 0
  }

  private static let jacobianCallback: CVLsJacFn = { t, y, _, jacobian, user, _, _, _ in
    let context = Unmanaged<Context>.fromOpaque(user!).takeUnretainedValue()
    guard let jacobian, let function = context.bandJacobian, SUNMatZero(jacobian) == 0 else { return -1 }
    let matrix = BandJacobian(
      data: SUNBandMatrix_Data(jacobian), leadingDimension: Int(SUNBandMatrix_LDim(jacobian)),
      storedUpper: Int(SUNBandMatrix_StoredUpperBandwidth(jacobian)),
      upper: Int(SUNBandMatrix_UpperBandwidth(jacobian)), lower: Int(SUNBandMatrix_LowerBandwidth(jacobian)))
    function(t, UnsafeBufferPointer(start: N_VGetArrayPointer(y), count: Int(N_VGetLength(y))), matrix)
    return 0
  }

  private static let errorCallback: CVErrHandlerFn = { _, _, _, message, user in
    let context = Unmanaged<Context>.fromOpaque(user!).takeUnretainedValue()
    context.lastMessage = message.map { String(cString: $0) } ?? ""
  }

  private static let preconditionerSetup: CVLsPrecSetupFn = { _, _, _, _, jcur, gamma, user in
    let context = Unmanaged<Context>.fromOpaque(user!).takeUnretainedValue()
    do {
      context.newtonSolve = try context.newtonSolverFactory?(gamma)
      jcur?.pointee = 1
      return 0
    } catch {
      context.callbackError = "preconditioner set-up: \(error)"
      return 1
    }
  }

  private static let preconditionerSolve: CVLsPrecSolveFn = { _, _, _, r, z, _, _, _, user in
    let context = Unmanaged<Context>.fromOpaque(user!).takeUnretainedValue()
    let n = Int(N_VGetLength(r))
    let buffer = UnsafeMutableBufferPointer(start: N_VGetArrayPointer(z), count: n)
    for i in 0..<n { buffer[i] = N_VGetArrayPointer(r)[i] }
    do {
      try context.newtonSolve?(buffer)
      return 0
    } catch {
      context.callbackError = "preconditioner solve: \(error)"
      return -1
    }
  }
}

/// A band matrix being written by a ``StiffIntegrator/BandJacobianFunction``: entries (row, column)
/// with row − lower ≤ column ≤ row + upper, stored column by column (SUNDIALS's band storage,
/// or any buffer laid out the same way).
public struct BandJacobian {
  let data: UnsafeMutablePointer<Double>
  let leadingDimension: Int
  /// Rows stored above the diagonal (≥ upper; SUNDIALS keeps upper + lower for the LU fill-in).
  let storedUpper: Int
  public let upper: Int
  public let lower: Int

  /// Adds `value` to entry (row, column). Precondition: the entry lies in the band.
  @inline(__always) public func add(_ value: Double, row: Int, column: Int) {
    assert(column - row <= upper && row - column <= lower, "entry (\(row), \(column)) outside the band")
    data[column * leadingDimension + storedUpper + row - column] += value
  }
}

extension SDIRKTable {
  /// ARKODE's identifier of the table.
  fileprivate var identifier: ARKODE_DIRKTableID {
    switch self {
    case .ark548: ARKODE_ARK548L2SA_DIRK_8_4_5
    case .ark437: ARKODE_ARK437L2SA_DIRK_7_3_4
    case .esdirk547: ARKODE_ESDIRK547L2SA2_7_4_5
    }
  }
}
