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

  /// `computation` for the model file at `url`: its `removing` parameters (the built-in initial
  /// profiles) replaced by the file's `[params]`.
  static func specialize(
    _ computation: any Computation, modelFile url: URL, removing: [Parameter]
  ) throws
    -> any Computation
  {
    let model = try load(url, reserved: kept(computation, removing))
    return ModelFileComputation.specializing(
      computation, modelParameters: model.parameters.map(\.parameter), modelFile: url,
      removing: Set(removing.map(\.id)))
  }

  /// The model file that `values` name (`model`), nil for the built-in initial profiles.
  static func named(
    in values: ParameterValues, by computation: any Computation, removing: [Parameter]
  ) throws
    -> ProfileModelFile?
  {
    guard let path = values["model"]?.text, !path.isEmpty else { return nil }
    return try load(URL(fileURLWithPath: path), shownAs: path, reserved: kept(computation, removing))
  }

  private static func kept(_ computation: any Computation, _ removing: [Parameter]) -> [Parameter] {
    let base = (computation as? ModelFileComputation)?.base ?? computation
    return base.parameters.filter { p in p.id != modelParameter.id && !removing.contains { $0.id == p.id } }
  }
}
