import Diagnostics
import ModelFiles
import SpinDiffusion
import Studies

/// `diffusion torus` / study model `diffusion-torus`: the steady spin accumulation on the
/// square ring of Figs. 12–15 (docs/model-reference.md, geometry (ii)).
///
/// x runs over [0, 4L) with periodic ends; on each side M turns 90° in the yz plane and |M|
/// vanishes at the corners over the corner width w. Rows: one per node, x in metres, m
/// normalised to the equilibrium accumulation. Warnings and memory as for `diffusion interface`.
public struct DiffusionTorusComputation: SteadyProfileComputation {
  public init() {}
  /// The model file this entry is specialised for, read once.
  var compiledModel: CompiledModelFile<TextureModelFile>?
  public var name: String { "diffusion-torus" }
  public var command: [String] { ["diffusion", "torus"] }
  public var summary: String {
    "Steady spin accumulation m(x) on the square ring (x from 0 to 4L, periodic, in m)"
  }
  public var paper: Paper? { .sdExchangeDiffusion }
  public var discussion: String {
    """
    Four sides of length L; on side k, M ∥ (0, sin kπ/2, cos kπ/2) with |M| = M₀ tanh(s/w) tanh((L − s)/w)/tanh²(L/2w), \
    vanishing at the corners; m_eq = +1 along the local M. Same equation and material as diffusion interface. \
    With --model FILE the texture and the grid come from a texture model file (docs/model-files.md) in place of --side and --wall-width.
    """
  }

  typealias P = SpinDiffusionParameters
  public var parameters: [Parameter] {
    [P.side, P.cornerWidth, P.torusPoints, P.refinement] + P.material + [TextureModelFile.modelParameter]
  }
  var geometryParameters: [Parameter] { [P.side, P.cornerWidth] }
  var pointsParameter: Parameter { P.torusPoints }
  public var example: [String] { ["--side", "1e-8", "--points", "160", "--vary", "wall-width=0:2e-9:3"] }

  public func check(_ v: ParameterValues) throws {
    if let model = try textureModel(v) {
      _ = try model.problem(v, points: v.integer(P.torusPoints.id))
    } else {
      _ = try P.torus(v)
    }
  }

  /// The profile at one point (the torus, or the texture of a model file).
  public func profile(_ v: ParameterValues) throws -> SpinAccumulationProfile {
    if let model = try textureModel(v) { return try model.problem(v, points: v.integer(P.torusPoints.id)).solve() }
    return try P.torus(v).solve(points: v.integer(P.torusPoints.id), refinement: v.number(P.refinement.id))
  }
}
