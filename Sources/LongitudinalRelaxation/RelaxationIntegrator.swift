/// The time integrator of ``RelaxationEvolution``.
///
/// `adaptive`: CVODE's variable-order BDF with local error control (`IntegrationTolerances`),
/// the default. `fixed-step`: TR-BDF2 with a user-chosen step and no error estimate, kept as an
/// independent second route that tests compare against.
public enum RelaxationIntegrator: String, Sendable, CaseIterable {
  case adaptive
  case fixedStep = "fixed-step"
}
