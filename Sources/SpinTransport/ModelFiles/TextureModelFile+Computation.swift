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

  /// `computation` for the model file at `url`, which it keeps compiled: its `removing` parameters
  /// (the built-in geometry) replaced by the file's `[params]`, and the file's `[grid] points` as the
  /// default of `points`.
  static func specialize<C: ModelFileEntry>(
    _ computation: C, modelFile url: URL, removing: [Parameter], points: Parameter
  ) throws -> any Computation where C.ModelFile == TextureModelFile {
    let model = try load(url, reserved: kept(computation, removing))
    var base = computation
    base.compiledModel = CompiledModelFile(model, at: url)
    return ModelFileComputation.specializing(
      base, modelParameters: model.parameters.map(\.parameter), modelFile: url,
      removing: Set(removing.map(\.id)), defaults: model.points.map { [points.id: .number(Double($0))] } ?? [:])
  }

  /// The model file that `values` name (`model`), nil for the built-in geometry: `compiled` when it
  /// is that file.
  static func named(
    in values: ParameterValues, by computation: any Computation, removing: [Parameter],
    compiled: CompiledModelFile<TextureModelFile>? = nil
  ) throws
    -> TextureModelFile?
  {
    guard let path = values["model"]?.text, !path.isEmpty else { return nil }
    return try CompiledModelFile.file(named: path, compiled: compiled) {
      try load($0, shownAs: path, reserved: kept(computation, removing))
    }
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
