import Foundation

/// TEST FIXTURE, not physics: an analytic function of two variables for exercising study files,
/// sweeps, checkpointing and figures before any physics model is registered.
///
///     f(x, y) = amplitude · sin(x) · cos(y) + offset
///     g(x, y) = amplitude · exp(−(x² + y²)/2)
///
/// `delay_s` makes each point sleep (0…10 s) so tests can watch progress and interrupt a run.
public struct TestFunctionStudyModel: StudyModel {
  public init() {}

  public var name: String { "test-function" }
  public var summary: String { "TEST FIXTURE: f = amplitude·sin(x)·cos(y) + offset, g = amplitude·exp(−(x²+y²)/2)" }

  public var parameters: [StudyParameter] {
    [
      StudyParameter("x", default: 0, range: -100...100, unit: "rad"),
      StudyParameter("y", default: 0, range: -100...100, unit: "rad"),
      StudyParameter("amplitude", default: 1, range: -1e6...1e6),
      StudyParameter("offset", default: 0, range: -1e6...1e6),
      StudyParameter("delay_s", default: 0, range: 0...10, unit: "s"),
    ]
  }

  public var outputs: [String] { ["f", "g"] }

  public func evaluate(_ p: [String: Double]) throws -> StudyEvaluation {
    let x = p["x"]!, y = p["y"]!, a = p["amplitude"]!
    if let delay = p["delay_s"], delay > 0 { Thread.sleep(forTimeInterval: delay) }
    return StudyEvaluation(row: [a * sin(x) * cos(y) + p["offset"]!, a * exp(-(x * x + y * y) / 2)])
  }
}
