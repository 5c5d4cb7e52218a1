import Diagnostics
import Foundation
import ModelFiles
import Studies
import TightBinding

/// `--model FILE` on the `ring` computations: the parameter, the specialised schema and the
/// lattice a point computes with (the paper's ring or the file's model).
enum RingModelFiles {
  typealias P = RingParameters

  /// The `model` parameter every ring computation takes.
  static let parameter = Parameter(
    "model", flag: "model", symbol: "", domain: .text, default: nil, requirement: .optional,
    help: "Path of a tight-binding model file (TOML) describing your own system (docs/model-files.md); "
      + "default: the paper's ring.")

  /// `computation` for the model file at `url`, which it keeps compiled: the paper's Hamiltonian
  /// parameters (γ, t₁, t₂, h, θ, ϕ, ε) give way to the file's `[params]`; `cells` takes the file's default.
  static func specialize<C: ModelFileEntry>(_ computation: C, modelFile url: URL) throws -> any Computation
  where C.ModelFile == TightBindingModelFile {
    let file = try TightBindingModelFile.load(url, reserved: computation.parameters)
    var base = computation
    base.compiledModel = CompiledModelFile(file, at: url)
    let ids = Set(computation.parameters.map(\.id))
    var defaults: [String: ParameterValue] = [:]
    if let n = file.defaultCells, ids.contains(P.cells.id) { defaults[P.cells.id] = .integer(n) }
    return ModelFileComputation.specializing(
      base, modelParameters: file.parameters.map(\.parameter), modelFile: url,
      removing: TightBindingModelFile.replacedParameters.intersection(ids), defaults: defaults)
  }

  /// The model file named by `values` (nil: the paper's ring): `compiled` when it is that file.
  static func file(
    _ values: ParameterValues, compiled: CompiledModelFile<TightBindingModelFile>?, reserved: [Parameter]
  ) throws -> TightBindingModelFile? {
    guard let path = values[parameter.id]?.text, !path.isEmpty else { return nil }
    return try CompiledModelFile.file(named: path, compiled: compiled) {
      try TightBindingModelFile.load($0, reserved: reserved)
    }
  }

  /// The model at `values` built, or nil for the paper's ring.
  static func build(
    _ values: ParameterValues, compiled: CompiledModelFile<TightBindingModelFile>?, reserved: [Parameter]
  ) throws -> TightBindingModelFile.Build? {
    guard let file = try file(values, compiled: compiled, reserved: reserved) else { return nil }
    return try file.build(file.point(values))
  }

  /// Checks every point of a model file — built once, its path chosen by `path` (the entry's
  /// `check`) — then the memory of the largest point (times the points running at once) before any
  /// runs, naming `cells`; the model-file counterpart of ``RingEntryResources/prepare(_:label:log:plan:)``.
  /// Points without a model file go to `check`.
  static func prepare(
    _ points: [ParameterValues], compiled: CompiledModelFile<TightBindingModelFile>?, reserved: [Parameter],
    workload: RingWorkload, check: (ParameterValues) throws -> Void,
    path: (ParameterValues, RingLattice) throws -> RingSpectrum.Path
  ) throws {
    var largest: (lattice: RingLattice, path: RingSpectrum.Path, bytes: Double)?
    for v in points {
      guard let b = try build(v, compiled: compiled, reserved: reserved) else {
        try check(v)
        continue
      }
      let p = try path(v, b.lattice)
      let bytes = RingResources.bytes(b.lattice, path: p, workload: workload)
      if largest == nil || bytes > largest!.bytes { largest = (b.lattice, p, bytes) }
    }
    guard let (lattice, p, bytes) = largest else { return }
    let atOnce = min(points.count, ProcessInfo.processInfo.activeProcessorCount)
    if points.count == 1 {
      try RingResources.require(lattice, path: p, workload: workload)
    } else {
      try MemoryBudget.require(
        Double(atOnce) * bytes, parameter: P.cells.id, value: lattice.cells,
        what: "\(points.count) points, \(atOnce) at a time, the largest a model of \(lattice.siteCount) sites")
    }
  }
}
