/// An adaptive integration that could not meet its tolerance: the time reached and why.
///
/// Thrown by ``StiffIntegrator/advance(to:)`` for step-size underflow, too many steps, repeated
/// error-test or convergence failures, a failing linear solve or a non-finite state. No output
/// after `timeReached` exists.
public struct IntegrationFailure: Error, CustomStringConvertible, Sendable, Equatable {
  /// The last time the integrator reached (units of time).
  let timeReached: Double
  /// The output time that was requested.
  public let target: Double
  /// What went wrong, in words (with the integrator's own message when it gave one).
  public let reason: String

  public init(timeReached: Double, target: Double, reason: String) {
    self.timeReached = timeReached
    self.target = target
    self.reason = reason
  }

  public var description: String {
    "time integration failed at t = \(timeReached) (on the way to t = \(target)): \(reason)"
  }
}
