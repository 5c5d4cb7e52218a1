import Diagnostics
import Foundation
import ModelFiles
import SpinDiffusion
import Studies

extension TextureModelFile {
  /// The `model` parameter of the spin-diffusion computations.
  public static let modelParameter = Parameter(
    "model", flag: "model", symbol: "", domain: .text, default: nil, requirement: .optional,
    help: "Path of a texture model file (TOML) describing your own magnetization texture; default: the paper's.")

  /// `computation` for the model file at `url`: its `removing` parameters (the built-in
  /// geometry) replaced by the file's `[params]`, and the file's `[grid] points` as the default of `points`.
  static func specialize(
    _ computation: any Computation, modelFile url: URL, removing: [Parameter], points: Parameter
  ) throws -> any Computation {
    let model = try load(url, reserved: kept(computation, removing))
    return ModelFileComputation.specializing(
      computation, modelParameters: model.parameters.map(\.parameter), modelFile: url,
      removing: Set(removing.map(\.id)), defaults: model.points.map { [points.id: .number(Double($0))] } ?? [:])
  }

  /// The model file that `values` name (`model`), nil for the built-in geometry.
  static func named(
    in values: ParameterValues, by computation: any Computation, removing: [Parameter]
  ) throws
    -> TextureModelFile?
  {
    guard let path = values["model"]?.text, !path.isEmpty else { return nil }
    return try load(URL(fileURLWithPath: path), shownAs: path, reserved: kept(computation, removing))
  }

  /// The computation's parameters that stay with a model file (the file's may not shadow them).
  private static func kept(_ computation: any Computation, _ removing: [Parameter]) -> [Parameter] {
    let base = (computation as? ModelFileComputation)?.base ?? computation
    return base.parameters.filter { p in p.id != modelParameter.id && !removing.contains { $0.id == p.id } }
  }

  /// The steady problem at `values` on `points` nodes: the material and a₀ (hence M₀) are the
  /// computation's parameters, the grid refinement its `refinement` (4 when it has none).
  func problem(_ values: ParameterValues, points: Int, progress: ((Int) -> Void)? = nil) throws -> SteadySpinProblem {
    typealias P = SpinDiffusionParameters
    let material = P.material(values)
    try material.validate()
    let m0 = material.saturation(forPrecessionRatio: values.number(P.precessionRatio.id))
    try material.requireFiniteSaturation(m0)
    return try problem(
      values, points: points, refinement: values[P.refinement.id]?.number ?? 4, material: material, saturation: m0,
      progress: progress)
  }
}
