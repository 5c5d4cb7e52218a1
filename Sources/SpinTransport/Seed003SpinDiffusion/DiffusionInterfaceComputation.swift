import Diagnostics
import ModelFiles
import SpinDiffusion
import Studies

/// `diffusion interface` / study model `diffusion-interface`: the steady spin accumulation
/// across an interface or domain wall (Figs. 5–11; docs/model-reference.md, geometry (i)).
///
/// Solves ∂x[𝔇(x)∂x m] = (m − m_eq)/τ_sf + λ M × m with the full tensor of Eqs. 72–73
/// (D_xy = +D a/(1+a²)) on x ∈ [−L/2, L/2], ends held at equilibrium, on a grid of `points`
/// nodes refined near the interface. Rows: one per node, x in metres, m normalised to the
/// equilibrium accumulation (left layer's frame). Warnings: an under-resolved precession
/// wavelength 2πl/a₀, a large backward error. Memory is checked before the solve.
public struct DiffusionInterfaceComputation: SteadyProfileComputation {
  public init() {}
  /// The model file this entry is specialised for, read once.
  var compiledModel: CompiledModelFile<TextureModelFile>?
  public var name: String { "diffusion-interface" }
  public var command: [String] { ["diffusion", "interface"] }
  public var summary: String {
    "Steady spin accumulation m(x) across an interface / domain wall (x from −L/2 to L/2, in m)"
  }
  public var paper: Paper? { .sdExchangeDiffusion }
  public var discussion: String {
    """
    Steady state of ∂x[𝔇(x)∂x m] = (m − m_eq)/τ_sf + λ M × m with the full tensor of Eqs. 72–73 (D_xy = +D a/(1+a²), \
    docs/model-reference.md). |M| = M₀ tanh(|x|/w); M along ẑ on the left and (sin α, 0, cos α) on the right; \
    m_eq = −1 on the left, +1 on the right along the local axis; ends at equilibrium. m is normalised, components in the left layer's frame. \
    With --model FILE the texture, the extent and the ends come from a texture model file (docs/model-files.md) in place of \
    --length, --wall-width and --angle.
    """
  }

  typealias P = SpinDiffusionParameters
  public var parameters: [Parameter] {
    [P.length, P.wallWidth, P.angle, P.points, P.refinement] + P.material + [TextureModelFile.modelParameter]
  }
  var geometryParameters: [Parameter] { [P.length, P.wallWidth, P.angle] }
  var pointsParameter: Parameter { P.points }
  public var example: [String] { ["--length", "1e-8", "--points", "101", "--vary", "angle=0:90:3"] }

  public func check(_ v: ParameterValues) throws {
    if let model = try textureModel(v) {
      _ = try model.problem(v, points: v.integer(P.points.id))
    } else {
      _ = try P.interface(v)
    }
  }

  /// The profile at one point (the interface, or the texture of a model file).
  public func profile(_ v: ParameterValues) throws -> SpinAccumulationProfile {
    if let model = try textureModel(v) { return try model.problem(v, points: v.integer(P.points.id)).solve() }
    return try P.interface(v).solve(points: v.integer(P.points.id), refinement: v.number(P.refinement.id))
  }
}
