import Foundation
import SpinTransport

/// TEST FIXTURE, not physics: an analytic function of two variables for exercising study files,
/// sweeps, checkpointing and figures independently of any physics model (lives under Tests/,
/// injected through a test ``Catalogue``; never in the shipped binary).
///
///     f(x, y) = amplitude · sin(x) · cos(y) + offset
///     g(x, y) = amplitude · exp(−(x² + y²)/2)
///
/// `delay_s` makes each point sleep (0…10 s) so tests can watch progress and interrupt a run.
public struct TestFunctionStudyModel: Computation {
  public init() {}

  public var name: String { "test-function" }
  public var command: [String] { ["test", "function"] }
  public var summary: String { "TEST FIXTURE: f = amplitude·sin(x)·cos(y) + offset, g = amplitude·exp(−(x²+y²)/2)" }
  public var example: [String] { ["--vary", "x=0:1:3"] }

  public var parameters: [Parameter] {
    [
      .real("x", flag: "x", symbol: "x", unit: "rad", default: 0, range: -100...100, help: "x"),
      .real("y", flag: "y", symbol: "y", unit: "rad", default: 0, range: -100...100, help: "y"),
      .real("amplitude", flag: "amplitude", symbol: "a", default: 1, range: -1e6...1e6, help: "amplitude"),
      .real("offset", flag: "offset", symbol: "c", default: 0, range: -1e6...1e6, help: "offset"),
      .real("delay_s", flag: "delay", symbol: "", unit: "s", default: 0, range: 0...10, help: "sleep per point"),
    ]
  }

  public var outputs: [Column] { [Column("f", "f(x, y)"), Column("g", "g(x, y)")] }

  public func evaluate(_ p: ParameterValues) throws -> StudyEvaluation {
    let x = p.number("x"), y = p.number("y"), a = p.number("amplitude")
    let delay = p.number("delay_s")
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    return StudyEvaluation(row: [a * sin(x) * cos(y) + p.number("offset"), a * exp(-(x * x + y * y) / 2)])
  }
}

extension Catalogue {
  /// The test catalogue: the fixture plus every shipped computation.
  static var withTestFixture: Catalogue { Catalogue([TestFunctionStudyModel()] + Catalogue.standard.computations) }
}
