import Diagnostics
import Foundation
import LongitudinalRelaxation
import ModelFiles
import Studies

extension ProfileModelFile {
  /// What `spintransport model check` reports on a profile model file, at its parameters'
  /// defaults on `relaxation evolve`'s default grid: the source, the units, ∫(M + m)dx and the
  /// memory; JSON adds the profile itself on the grid (x, dM, dm).
  public static func check(_ url: URL, shownAs shown: String) throws -> (text: String, json: JSONValue) {
    let computation = try RelaxationEvolveComputation().specialized(modelFile: url)
    let values = try computation.resolve(ParameterValues(["model": .text(url.path)]))
    let model = try ProfileModelFile.named(
      in: values, by: RelaxationEvolveComputation(), removing: RelaxationEvolveComputation().initialParameters)!
    typealias E = RelaxationEvolveParameters
    let grid = try RelaxationGrid(
      length: values.number(E.length.id), points: values.integer(E.points.id),
      boundary: RelaxationBoundary(rawValue: values.text(E.boundary.id))!)
    let p = try model.profiles(values, grid: grid)
    let total = grid.spacing * zip(p.dM, p.dm).reduce(0) { $0 + $1.0 + $1.1 }
    let memory = Double(grid.points) * RelaxationEvolution.bytesPerPoint
    let source: String
    switch model.source {
    case .table(let s, _): source = "table of \(s.positions.count) samples, interpolated linearly"
    case .formula: source = "formulas of x and L"
    }
    let text =
      [
        "model file: \(shown)", "title: \(model.title.isEmpty ? "(none)" : model.title)",
        "family: profile (initial dM(x), dm(x) of relaxation evolve)", "source: \(source)",
        "grid: \(grid.points) points, x from \(-grid.length / 2) to \(grid.length / 2) (1/k_M), \(grid.boundary.rawValue) ends",
        "parameters: "
          + (model.parameters.isEmpty
            ? "(none)"
            : model.parameters.map { "\($0.name) = \(String(format: "%g", $0.value(in: values)))" }.joined(
              separator: ", ")),
        "units: x in 1/k_M; dM, dm in the units of the profile",
        "integral of dM + dm: \(total)", String(format: "memory: evolution ≈ %.3g MB", memory / 1e6),
      ].joined(separator: "\n") + "\n"
    let json: JSONValue = .object([
      "file": .string(shown), "title": .string(model.title), "family": "profile",
      "grid": .object([
        "points": .integer(grid.points), "length_kM": .number(grid.length), "boundary": .string(grid.boundary.rawValue),
      ]),
      "parameters": .object(
        Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.parameter.id, .number($0.value(in: values))) })),
      "integral_M_plus_m": .number(total), "memory_bytes": .number(memory),
      "x_kM": .array(grid.positions.map { .number($0) }), "dM": .array(p.dM.map { .number($0) }),
      "dm": .array(p.dm.map { .number($0) }),
    ])
    return (text, json)
  }
}
