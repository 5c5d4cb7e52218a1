import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import SpinWaves
import Studies

/// `--model FILE` on the `magnon` computations that apply to any spin ring or chain (`magnon exact`,
/// `magnon ground-state`): the parameter, the specialised schema and the system a point computes with.
enum MagnonModelFiles {
  /// The `model` parameter.
  static let parameter = Parameter(
    "model", flag: "model", symbol: "", domain: .text, default: nil, requirement: .optional,
    help: "Path of a spin model file (TOML) describing your own ring or chain (docs/model-files.md); "
      + "default: the paper's crown ring.")

  /// `computation` for the model file at `url`, which it keeps compiled: the crown's spin, exchange,
  /// field, g and latitude give way to the file's `[params]`; `spins` (N) takes the file's `sites` as default.
  static func specialize<C: ModelFileEntry>(_ computation: C, modelFile url: URL) throws -> any Computation
  where C.ModelFile == SpinModelFile {
    let file = try SpinModelFile.load(url, reserved: computation.parameters)
    var base = computation
    base.compiledModel = CompiledModelFile(file, at: url)
    let ids = Set(computation.parameters.map(\.id))
    var defaults: [String: ParameterValue] = [:]
    if ids.contains(CrownRingParameters.spins.id) {
      defaults[CrownRingParameters.spins.id] = .integer(file.defaultSites)
    }
    return ModelFileComputation.specializing(
      base, modelParameters: file.parameters.map(\.parameter), modelFile: url,
      removing: SpinModelFile.replacedParameters.intersection(ids), defaults: defaults)
  }

  /// The model file named by `values` (nil: the paper's crown): `compiled` when it is that file.
  static func file(
    _ values: ParameterValues, compiled: CompiledModelFile<SpinModelFile>?, reserved: [Parameter]
  ) throws -> SpinModelFile? {
    guard let path = values[parameter.id]?.text, !path.isEmpty else { return nil }
    return try CompiledModelFile.file(named: path, compiled: compiled) {
      try SpinModelFile.load($0, reserved: reserved)
    }
  }

  /// The system at `values`, or nil for the paper's crown.
  static func build(
    _ values: ParameterValues, compiled: CompiledModelFile<SpinModelFile>?, reserved: [Parameter]
  ) throws -> SpinSystem? {
    guard let file = try file(values, compiled: compiled, reserved: reserved) else { return nil }
    return try file.build(file.point(values))
  }

  /// The classical ground state of `system` (any N ≥ 3): the general search on its
  /// ``/SpinWaves/HeisenbergRing`` (field direction, ±ẑ and `randomStarts` seeded random starts), with
  /// the memory check (naming `spins`) before anything is allocated.
  static func classicalGroundState(_ system: SpinSystem, randomStarts: Int) throws -> ClassicalGroundState.Result {
    try Require.atLeast(system.siteCount, 3, "spins")
    let ring = try system.classicalRing()
    try MemoryBudget.require(
      ClassicalGroundState.estimatedBytes(spins: system.siteCount, nearestNeighbour: ring.isNearestNeighbour)
        * Double(randomStarts + 3),
      parameter: "spins", value: system.siteCount, what: "the classical ground-state search")
    return try ClassicalGroundState.search(ring, randomStarts: randomStarts)
  }

  /// Classical bond currents (K) of a texture (``/SpinWaves/RingTexture/bondCurrents(spins:bonds:directions:)``).
  static func classicalBondCurrents(_ system: SpinSystem, directions m: [Vector3]) -> [Vector3] {
    RingTexture.bondCurrents(spins: system.spins, bonds: system.bonds, directions: m)
  }
}
