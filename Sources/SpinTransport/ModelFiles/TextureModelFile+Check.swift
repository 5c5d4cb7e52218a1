import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import SpinDiffusion
import Studies

extension TextureModelFile {
  /// What `spintransport model check` reports on a texture model file, at its parameters'
  /// defaults and the computations' default material (`diffusion interface`'s): the grid, the
  /// ends, the regions, the units, the memory of the steady solve and of the evolution; JSON
  /// adds the texture itself on the grid nodes (x, M/M₀ = f n̂, m_eq), so that it can be checked
  /// against an independent code.
  public static func check(_ url: URL, shownAs shown: String) throws -> (text: String, json: JSONValue) {
    let computation = try DiffusionInterfaceComputation().specialized(modelFile: url)
    let values = try computation.resolve(ParameterValues(["model": .text(url.path)]))
    let model = try TextureModelFile.named(
      in: values, by: DiffusionInterfaceComputation(), removing: DiffusionInterfaceComputation().geometryParameters)!
    let points = values.integer(SpinDiffusionParameters.points.id)
    let problem = try model.problem(values, points: points)
    let m0 = problem.material.saturation(
      forPrecessionRatio: values.number(SpinDiffusionParameters.precessionRatio.id))
    let grid = problem.grid
    let steady = Double(points) * SpinDiffusionMemory.steadyBytesPerNode
    let dynamics = Double(points) * SpinDiffusionMemory.dynamicsBytesPerNode
    func ends(_ b: SpinBoundaryCondition) -> (String, Vector3) {
      switch b {
      case .dirichlet(let m): return ("accumulation", m)
      case .flux(let j): return (j == .zero ? "no-flux" : "current", j)
      }
    }
    let shape =
      grid.isPeriodic
      ? "periodic, x from \(grid.nodes[0]) to \(grid.nodes[0] + grid.period!) m"
      : "open, x from \(grid.nodes[0]) to \(grid.nodes[grid.count - 1]) m"
    var lines = [
      "model file: \(shown)", "title: \(model.title.isEmpty ? "(none)" : model.title)",
      "family: texture (magnetization M(x) = M₀ f(x) n̂(x) and equilibrium accumulation m_eq(x) for spin diffusion)",
      "grid: \(points) nodes, \(shape)",
      "regions: "
        + model.regions.map {
          switch $0.shape {
          case .table(let t, _): return "table of \(t.samples.positions.count) samples"
          case .formula: return "formula"
          }
        }.joined(separator: ", "),
    ]
    if !grid.isPeriodic {
      let (l, lv) = ends(problem.left), (r, rv) = ends(problem.right)
      let shown = { (v: Vector3) in "(\(v.x), \(v.y), \(v.z))" }
      lines.append(
        "ends: left \(l) \(shown(lv)), right \(r) \(shown(rv)) (accumulation normalised; current in m/s)")
    }
    lines += [
      "parameters: "
        + (model.parameters.isEmpty
          ? "(none)"
          : model.parameters.map {
            "\($0.name) = \(String(format: "%g", $0.value(in: values)))"
              + ($0.parameter.unit.isEmpty ? "" : " \($0.parameter.unit)")
          }.joined(
            separator: ", ")),
      "units: x in m; M/M₀ dimensionless (M₀ from the precession ratio a₀ = \(values.number(SpinDiffusionParameters.precessionRatio.id))); m_eq normalised",
      String(
        format: "memory: steady solve ≈ %.3g MB, evolution ≈ %.3g MB on %d nodes", steady / 1e6, dynamics / 1e6, points),
    ]
    let nodes = grid.nodes
    let magnetization = nodes.map { problem.texture.magnetization($0) / m0 }
    let equilibrium = nodes.map { problem.texture.equilibrium($0) }
    func vector(_ v: Vector3) -> JSONValue { .array([.number(v.x), .number(v.y), .number(v.z)]) }
    var json: [String: JSONValue] = [
      "file": .string(shown), "title": .string(model.title), "family": "texture",
      "grid": .object([
        "points": .integer(points), "periodic": .bool(grid.isPeriodic),
        "start_m": .number(nodes[0]),
        "end_m": .number(grid.period.map { nodes[0] + $0 } ?? nodes[grid.count - 1]),
      ]),
      "parameters": .object(
        Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.parameter.id, .number($0.value(in: values))) })),
      "precession_ratio": .number(values.number(SpinDiffusionParameters.precessionRatio.id)),
      "memory_bytes": .object(["steady": .number(steady), "evolve": .number(dynamics)]),
      "x_m": .array(nodes.map { .number($0) }),
      "M_over_M0": .array(magnetization.map(vector)),
      "m_eq": .array(equilibrium.map(vector)),
    ]
    if !grid.isPeriodic {
      let (l, lv) = ends(problem.left), (r, rv) = ends(problem.right)
      json["ends"] = .object([
        "left": .object(["kind": .string(l), "value": vector(lv)]),
        "right": .object(["kind": .string(r), "value": vector(rv)]),
      ])
    }
    return (lines.joined(separator: "\n") + "\n", .object(json))
  }
}
