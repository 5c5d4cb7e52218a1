import Diagnostics
import Foundation
import ModelFiles
import SpinDiffusion
import Studies

/// A steady spin-accumulation profile (`diffusion interface`, `diffusion torus`): one row per grid
/// node, x in metres and m normalised to the equilibrium accumulation.
///
/// An entry states its grid-size parameter and how to solve one point (``profile(_:)``); memory
/// checks, the table, the streamed rows and the row bound are shared here.
protocol SteadyProfileComputation: StreamingComputation, ModelFileEntry where ModelFile == TextureModelFile {
  /// The parameter that sets the number of grid nodes (`points`).
  var pointsParameter: Parameter { get }
  /// The profile at one point.
  func profile(_ v: ParameterValues) throws -> SpinAccumulationProfile
  /// The parameters of the built-in geometry, which a texture model file (`--model`) replaces.
  var geometryParameters: [Parameter] { get }
}

extension SteadyProfileComputation {
  public var outputs: [Column] { SpinDiffusionTables.profileColumns }

  /// With a texture model file: the file's `[params]` in place of the built-in geometry.
  public func specialized(modelFile: URL) throws -> any Computation {
    try TextureModelFile.specialize(self, modelFile: modelFile, removing: geometryParameters, points: pointsParameter)
  }

  /// The texture model file the point names (`model`), nil for the built-in geometry.
  func textureModel(_ v: ParameterValues) throws -> TextureModelFile? {
    try TextureModelFile.named(in: v, by: self, removing: geometryParameters, compiled: compiledModel)
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    try SpinDiffusionTables.prepareSteady(points, pointsID: pointsParameter.id, check: check)
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let id = pointsParameter.id
    try SpinDiffusionTables.requireTable(
      rows: v.number(id), columns: outputs.count, parameter: id, value: v.integer(id))
    let p = try profile(v)
    return StudyEvaluation(rows: SpinDiffusionTables.rows(p), warnings: p.warnings)
  }

  public func stream(
    _ v: ParameterValues, columns: [Int], into sink: ([TableValue]) throws -> Void
  ) throws
    -> [NumericalWarning]
  {
    let p = try profile(v)
    try SpinDiffusionTables.stream(p, columns: columns, into: sink)
    return p.warnings
  }

  public func rowBound(_ v: ParameterValues) -> RowBound? {
    let n = v.integer(pointsParameter.id)
    return RowBound(rows: Double(n), parameter: pointsParameter.id, value: "\(n)", what: "a profile of \(n) points")
  }
}
