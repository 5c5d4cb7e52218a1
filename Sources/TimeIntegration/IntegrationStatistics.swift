/// Work and error figures of one adaptive integration (CVODE's or ARKODE's counters).
///
/// `largestErrorRatio` is the largest, over the output times, of the weighted RMS norm of the
/// local error estimate of the last internal step before that output (≤ 1 for an accepted
/// step; see ``IntegrationTolerances``); `largestLocalError` the largest single component of
/// those estimates, in the units of the state.
public struct IntegrationStatistics: Sendable, Equatable {
  /// Internal steps taken.
  public var steps = 0
  /// Steps rejected by the local error test.
  public var errorTestFailures = 0
  /// Steps rejected because the Newton iteration did not converge.
  public var convergenceFailures = 0
  /// Right-hand-side evaluations (including those of difference-quotient Jacobians).
  public var rightHandSideEvaluations = 0
  /// Linear-solver set-ups (factorisations of 𝟙 − γJ).
  public var linearSolverSetups = 0
  /// Step size of the last internal step (units of time).
  public var lastStepSize = 0.0
  public var largestErrorRatio = 0.0
  public var largestLocalError = 0.0

  public init() {}
}
