import Foundation
import SpinTransport

/// TEST FIXTURE, not physics — place 2 of 3: the computation (name, command path, parameters,
/// columns, pure `evaluate`). Nothing else in the CLI is written for it.
struct ToyWaveComputation: Computation {
  var name: String { "toy-wave" }
  var command: [String] { ["toy", "wave"] }
  var summary: String { "TEST FIXTURE: samples y_n = A·sin(φ + n·δ) of a wave" }
  var discussion: String { "A fixture for the command tree: every front end reads this entry's schema." }
  var parameters: [Parameter] { ToyWave.parameters }
  var outputs: [Column] {
    [Column("n", kind: .integer, "sample index"), Column("y", "A·sin(φ + n·δ) (or cos)")]
  }
  var example: [String] { ["--amplitude", "2", "--vary", "phase=0:1:3"] }

  func evaluate(_ p: ParameterValues) throws -> StudyEvaluation {
    let a = p.number(ToyWave.amplitude.id), phi = p.number(ToyWave.phase.id), step = p.number(ToyWave.step.id)
    let wave: (Double) -> Double = p.text(ToyWave.shape.id) == "cosine" ? cos : sin
    let rows = (0..<p.integer(ToyWave.samples.id)).map { n -> [TableValue] in
      [.integer(n), .number(a * wave(phi + Double(n) * step))]
    }
    return StudyEvaluation(rows: rows)
  }
}
