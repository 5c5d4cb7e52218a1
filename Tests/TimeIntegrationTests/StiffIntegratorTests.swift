@testable import Diagnostics
import Foundation
@testable import TimeIntegration
import XCTest

/// The SUNDIALS gateway (CVODE's BDF and ARKODE's SDIRK) on problems with closed-form
/// solutions, and its failure reports.
final class StiffIntegratorTests: XCTestCase {
  static let schemes: [IntegrationScheme] = [
    .bdf(maximumOrder: 5), .sdirk(.ark548), .sdirk(.ark437), .sdirk(.esdirk547),
  ]

  /// y' = −λ y, λ = 1…10⁴ (stiff): y(t) = e^{−λt}. CVODE bounds only each step's local
  /// error (≤ rtol·|y| + atol); for a decaying scalar the global error stays within a small
  /// multiple of that, so 100·rtol (10⁻⁶ at rtol = 10⁻⁸) is the stated bound for BDF (measured
  /// ≈ 10⁻⁸) and 300·rtol for SDIRK, whose propagated fifth-order solution is not what the error
  /// test bounds (measured 150·rtol relative at e^{−10}, ARK5(4)8L).
  /// Every linear solver of the gateway is exercised with every scheme, with the same answer.
  func testDecayingSystemMatchesExponentialWithEveryLinearSolver() throws {
    let rates = [1.0, 10, 100, 1e4]
    let tolerances = try IntegrationTolerances(relative: 1e-8, absolute: 1e-14)
    let solvers: [StiffIntegrator.LinearSolver] = [
      .band(upper: 0, lower: 0), .dense,
      .preconditionedGMRES { gamma in { r in for i in 0..<r.count { r[i] /= 1 + gamma * rates[i] } } },
    ]
    for scheme in Self.schemes {
      let bound: Double = if case .bdf = scheme { 1e-6 } else { 3e-6 }
      for solver in solvers {
        let integrator = try StiffIntegrator(
          initial: [1, 1, 1, 1], tolerances: tolerances, linearSolver: solver, scheme: scheme
        ) { _, y, out in for i in 0..<y.count { out[i] = -rates[i] * y[i] } }
        for t in [0.01, 0.1, 1] {
          let y = try integrator.advance(to: t)
          XCTAssertEqual(integrator.time, t)
          for i in 0..<4 {
            XCTAssertEqual(
              y[i], exp(-rates[i] * t), accuracy: bound * max(exp(-rates[i] * t), 1e-8), "\(scheme) λ = \(rates[i])")
          }
        }
        XCTAssertGreaterThan(integrator.statistics.steps, 10)
        XCTAssertLessThanOrEqual(integrator.statistics.largestErrorRatio, 1)
      }
    }
  }

  /// The band-Jacobian hook: y' = −λ y (λ = 1…10⁴) on a band solver with ∂f/∂y = −diag(λ)
  /// supplied. CVODE and ARKStep both call it (counted), the answer meets the bound of the
  /// difference-quotient runs above (100·rtol BDF, 300·rtol SDIRK), and the right-hand side is no
  /// longer evaluated for Jacobians: fewer evaluations than the same run with difference quotients
  /// (which spends upper + lower + 1 = 3 per Jacobian). A hook without the band solver is refused.
  func testBandJacobianIsCalledByEveryScheme() throws {
    let rates = [1.0, 10, 100, 1e4]
    let tolerances = try IntegrationTolerances(relative: 1e-8, absolute: 1e-14)
    for scheme in Self.schemes {
      let bound: Double = if case .bdf = scheme { 1e-6 } else { 3e-6 }
      var calls = 0, evaluations: [Int] = []
      for analytic in [true, false] {
        let jacobian: StiffIntegrator.BandJacobianFunction = { _, _, matrix in
          calls += 1
          for i in 0..<rates.count { matrix.add(-rates[i], row: i, column: i) }
        }
        let integrator = try StiffIntegrator(
          initial: [1, 1, 1, 1], tolerances: tolerances, linearSolver: .band(upper: 1, lower: 1), scheme: scheme,
          bandJacobian: analytic ? jacobian : nil
        ) { _, y, out in for i in 0..<y.count { out[i] = -rates[i] * y[i] } }
        let y = try integrator.advance(to: 1)
        for i in 0..<4 {
          XCTAssertEqual(y[i], exp(-rates[i]), accuracy: bound * max(exp(-rates[i]), 1e-8), "\(scheme) \(analytic)")
        }
        evaluations.append(integrator.statistics.rightHandSideEvaluations)
      }
      XCTAssertGreaterThan(calls, 0, "\(scheme)")
      XCTAssertLessThan(evaluations[0], evaluations[1], "\(scheme)")
    }
    XCTAssertThrowsError(
      try StiffIntegrator(
        initial: [1], tolerances: tolerances, linearSolver: .dense, bandJacobian: { _, _, _ in }
      ) { _, _, _ in }
    ) { XCTAssertEqual(($0 as? InvalidParameter)?.name, "band_jacobian") }
  }

  /// A precessing, weakly damped mode next to the imaginary axis (the spin accumulation's
  /// diffusion modes): y' = λy with λ = −1 + 100i as a real 2-vector, y(t) = e^{λt}, over 16
  /// periods. The error at t = 1 shrinks with rtol at each scheme's rate: 100× tighter rtol
  /// divides it by 100 for the fifth-order SDIRK (global error ∝ rtol; bounds [30, 300]) and by
  /// 100^{2/3} ≈ 21.5 for BDF capped at order 2 (bounds [10, 45]); the two ranges do not overlap,
  /// so the test tells the rates apart. At rtol 1e−8 SDIRK is within 1e−5 of |y| (the phase
  /// error accumulates over ~100 radians; measured 3.5e−6).
  func testPrecessingModeErrorFollowsEachSchemesRate() throws {
    func error(_ scheme: IntegrationScheme, _ rtol: Double) throws -> Double {
      let integrator = try StiffIntegrator(
        initial: [1, 0], tolerances: try IntegrationTolerances(relative: rtol, absolute: 1e-4 * rtol),
        linearSolver: .dense, scheme: scheme
      ) { _, y, out in
        out[0] = -y[0] - 100 * y[1]
        out[1] = 100 * y[0] - y[1]
      }
      let y = try integrator.advance(to: 1)
      return max(abs(y[0] - exp(-1) * cos(100)), abs(y[1] - exp(-1) * sin(100))) / exp(-1)
    }
    let cases: [(IntegrationScheme, ClosedRange<Double>)] = [
      (.sdirk(.ark548), 30...300), (.bdf(maximumOrder: 2), 10...45),
    ]
    for (scheme, range) in cases {
      let coarse = try error(scheme, 1e-6), fine = try error(scheme, 1e-8)
      print("\(scheme): error \(coarse) at rtol 1e-6, \(fine) at 1e-8")
      XCTAssertTrue(range.contains(coarse / fine), "\(scheme): \(coarse) → \(fine)")
      if case .sdirk = scheme { XCTAssertLessThan(fine, 1e-5) }
    }
  }

  /// A BDF order outside 1–5 is refused naming `max_order`.
  func testBDFOrderIsValidated() {
    XCTAssertThrowsError(
      try StiffIntegrator(
        initial: [1], tolerances: try IntegrationTolerances(relative: 1e-6, absolute: 1e-9), linearSolver: .dense,
        scheme: .bdf(maximumOrder: 6)
      ) { _, _, out in out[0] = 0 }
    ) { XCTAssertEqual(($0 as? InvalidParameter)?.name, "max_order") }
  }

  /// y' = y² from y(0) = 1 blows up at t = 1: the integration towards t = 2 fails with an
  /// ``IntegrationFailure`` whose time reached is within 1 % of 1 (the step size
  /// underflows or the non-finite guard fires as y → ∞), never with a silent number.
  func testBlowUpFailsWithTheTimeReached() throws {
    for scheme in Self.schemes {
      let integrator = try StiffIntegrator(
        initial: [1], tolerances: try IntegrationTolerances(relative: 1e-6, absolute: 1e-12), linearSolver: .dense,
        scheme: scheme
      ) { _, y, out in out[0] = y[0] * y[0] }
      XCTAssertThrowsError(try integrator.advance(to: 2)) { error in
        guard let failure = error as? IntegrationFailure else { return XCTFail("\(error)") }
        XCTAssertEqual(failure.target, 2)
        XCTAssertGreaterThan(failure.timeReached, 0.99)
        XCTAssertLessThanOrEqual(failure.timeReached, 1.01)
        XCTAssertTrue(failure.description.contains("t = "), failure.description)
      }
    }
  }

  /// The step limit per output interval is a failure naming the time reached, before the target.
  func testStepLimitIsReported() throws {
    for scheme in Self.schemes {
      let integrator = try StiffIntegrator(
        initial: [1], tolerances: try IntegrationTolerances(relative: 1e-10, absolute: 1e-14), linearSolver: .dense,
        scheme: scheme, maximumSteps: 5
      ) { t, _, out in out[0] = cos(100 * t) }
      XCTAssertThrowsError(try integrator.advance(to: 10)) { error in
        guard let failure = error as? IntegrationFailure else { return XCTFail("\(error)") }
        XCTAssertLessThan(failure.timeReached, 10)
        XCTAssertTrue(failure.reason.contains("too many internal steps"), failure.reason)
      }
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
