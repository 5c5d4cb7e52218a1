import Diagnostics

/// Local error tolerances of an adaptive integration: relative `rtol`, absolute `atol`.
///
/// Each internal step is accepted when the weighted RMS norm of its local error estimate,
/// ‖e_i / (rtol·|y_i| + atol)‖_RMS, is ≤ 1. `atol` is in the units of the state.
/// Preconditions: 0 < rtol < 1, atol > 0 (both finite), else ``/Diagnostics/InvalidParameter``
/// naming `rtol` or `atol`.
public struct IntegrationTolerances: Sendable, Equatable {
  public let relative: Double
  public let absolute: Double

  public init(relative: Double, absolute: Double) throws {
    guard relative.isFinite, relative > 0, relative < 1 else {
      throw InvalidParameter("rtol", relative, allowed: "a relative tolerance 0 < rtol < 1")
    }
    guard absolute.isFinite, absolute > 0 else {
      throw InvalidParameter("atol", absolute, allowed: "an absolute tolerance atol > 0")
    }
    self.relative = relative
    self.absolute = absolute
  }
}
