@testable import Diagnostics
import Foundation
@testable import TimeIntegration
import XCTest

/// The CVODE gateway on problems with closed-form solutions, and its failure reports.
final class StiffIntegratorTests: XCTestCase {
  /// y' = −λ y, λ = 1…10⁴ (stiff): y(t) = e^{−λt}. CVODE bounds only each step's local
  /// error (≤ rtol·|y| + atol); for a decaying scalar the global error stays within a small
  /// multiple of that, so 100·rtol (10⁻⁶ at rtol = 10⁻⁸) is the stated bound (measured ≈ 10⁻⁸).
  /// Every linear solver of the gateway is exercised, with the same answer.
  func testDecayingSystemMatchesExponentialWithEveryLinearSolver() throws {
    let rates = [1.0, 10, 100, 1e4]
    let tolerances = try IntegrationTolerances(relative: 1e-8, absolute: 1e-14)
    let solvers: [StiffIntegrator.LinearSolver] = [
      .band(upper: 0, lower: 0), .dense,
      .preconditionedGMRES { gamma in { r in for i in 0..<r.count { r[i] /= 1 + gamma * rates[i] } } },
    ]
    for solver in solvers {
      let integrator = try StiffIntegrator(
        initial: [1, 1, 1, 1], tolerances: tolerances, linearSolver: solver
      ) { _, y, out in for i in 0..<y.count { out[i] = -rates[i] * y[i] } }
      for t in [0.01, 0.1, 1] {
        let y = try integrator.advance(to: t)
        XCTAssertEqual(integrator.time, t)
        for i in 0..<4 { XCTAssertEqual(y[i], exp(-rates[i] * t), accuracy: 1e-6 * max(exp(-rates[i] * t), 1e-8)) }
      }
      XCTAssertGreaterThan(integrator.statistics.steps, 10)
      XCTAssertLessThanOrEqual(integrator.statistics.largestErrorRatio, 1)
    }
  }

  /// y' = y² from y(0) = 1 blows up at t = 1: the integration towards t = 2 fails with an
  /// ``IntegrationFailure`` whose time reached is just below 1 (within 1 %: the step size
  /// underflows or the non-finite guard fires as y → ∞), never with a silent number.
  func testBlowUpFailsWithTheTimeReached() throws {
    let integrator = try StiffIntegrator(
      initial: [1], tolerances: try IntegrationTolerances(relative: 1e-6, absolute: 1e-12), linearSolver: .dense
    ) { _, y, out in out[0] = y[0] * y[0] }
    XCTAssertThrowsError(try integrator.advance(to: 2)) { error in
      guard let failure = error as? IntegrationFailure else { return XCTFail("\(error)") }
      XCTAssertEqual(failure.target, 2)
      XCTAssertGreaterThan(failure.timeReached, 0.99)
      XCTAssertLessThanOrEqual(failure.timeReached, 1.0)
      XCTAssertTrue(failure.description.contains("t = "), failure.description)
    }
  }

  /// The step limit per output interval is a failure naming the time reached, before the target.
  func testStepLimitIsReported() throws {
    let integrator = try StiffIntegrator(
      initial: [1], tolerances: try IntegrationTolerances(relative: 1e-10, absolute: 1e-14), linearSolver: .dense,
      maximumSteps: 5
    ) { t, _, out in out[0] = cos(100 * t) }
    XCTAssertThrowsError(try integrator.advance(to: 10)) { error in
      guard let failure = error as? IntegrationFailure else { return XCTFail("\(error)") }
      XCTAssertLessThan(failure.timeReached, 10)
      XCTAssertTrue(failure.reason.contains("too many internal steps"), failure.reason)
    }
  }

  func testToleranceValidation() {
    XCTAssertThrowsError(try IntegrationTolerances(relative: 0, absolute: 1)) {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "rtol")
    }
    XCTAssertThrowsError(try IntegrationTolerances(relative: 1e-6, absolute: .nan)) {
      XCTAssertEqual(($0 as? InvalidParameter)?.name, "atol")
    }
  }
}
