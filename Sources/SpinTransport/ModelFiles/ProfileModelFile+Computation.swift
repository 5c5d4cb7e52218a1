import Diagnostics
import Foundation
import ModelFiles
import Studies

extension ProfileModelFile {
  /// The `model` parameter of `relaxation evolve`.
  public static let modelParameter = Parameter(
    "model", flag: "model", symbol: "", domain: .text, default: nil, requirement: .optional,
    help: "Path of a profile model file (TOML) giving the initial dM(x), dm(x) as formulas or a table; "
      + "default: --initial.")

  /// `computation` for the model file at `url`, which it keeps compiled: its `removing` parameters
  /// (the built-in initial profiles) replaced by the file's `[params]`.
  static func specialize<C: ModelFileEntry>(
    _ computation: C, modelFile url: URL, removing: [Parameter]
  ) throws
    -> any Computation where C.ModelFile == ProfileModelFile
  {
    let model = try load(url, reserved: kept(computation, removing))
    var base = computation
    base.compiledModel = CompiledModelFile(model, at: url)
    return ModelFileComputation.specializing(
      base, modelParameters: model.parameters.map(\.parameter), modelFile: url,
      removing: Set(removing.map(\.id)))
  }

  /// The model file that `values` name (`model`), nil for the built-in initial profiles: `compiled`
  /// when it is that file.
  static func named(
    in values: ParameterValues, by computation: any Computation, removing: [Parameter],
    compiled: CompiledModelFile<ProfileModelFile>? = nil
  ) throws
    -> ProfileModelFile?
  {
    guard let path = values["model"]?.text, !path.isEmpty else { return nil }
    return try CompiledModelFile.file(named: path, compiled: compiled) {
      try load($0, shownAs: path, reserved: kept(computation, removing))
    }
  }

  private static func kept(_ computation: any Computation, _ removing: [Parameter]) -> [Parameter] {
    let base = (computation as? ModelFileComputation)?.base ?? computation
    return base.parameters.filter { p in p.id != modelParameter.id && !removing.contains { $0.id == p.id } }
  }
}
