import ArgumentParser
import Diagnostics
import Foundation
import SpinDiffusion
import Studies

extension SpinTransportCLI {
  /// `spintransport diffusion …`: spin accumulation with sd exchange (seed 003).
  struct Diffusion: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Spin accumulation in nonuniform ferromagnets with sd exchange (seed 003).",
      discussion: """
        Steady state of ∂x[𝔇(x)∂x m] = (m − m_eq)/τ_sf + λ M × m with the full tensor of Eqs. 72–73
        (D_xy = +D a/(1+a²), MODELS.md §D), and its time evolution coupled to Landau–Lifshitz.
        Lengths in metres, angles in degrees, times in seconds. Columns: x_m, m_x, m_y, m_z.
        """,
      subcommands: [Interface.self, Torus.self, Evolve.self])
  }
}

/// Material options shared by the diffusion commands.
struct DiffusionMaterialOptions: ParsableArguments {
  @Option(help: "Spin-diffusion length l_sdl = √(Dτ_sf), m.")
  var diffusionLength = 100e-9
  @Option(help: "Diffusivity D, m²/s.")
  var diffusivity = 1e-3
  @Option(help: "Precession ratio a₀ = τλM₀/ħ (the paper's D_yx/D_xx).")
  var precessionRatio = 100.0
  @Option(help: "sd coupling λ, eV.")
  var sdCoupling = 0.1

  func material() throws -> SpinDiffusionMaterial {
    try Require.positive(diffusionLength, "diffusion-length")
    try Require.positive(diffusivity, "diffusivity")
    try Require.finite(precessionRatio, "precession-ratio")
    try Require.positive(sdCoupling, "sd-coupling")
    return SpinDiffusionMaterial(diffusionLength: diffusionLength, diffusivity: diffusivity, sdCoupling: sdCoupling)
  }

  func metadata() throws -> [String: JSONValue] {
    SpinDiffusionTables.materialMetadata(try material(), precessionRatio: precessionRatio)
  }
}

/// Validates a node count for the CLI.
func requirePoints(_ points: Int, minimum: Int = 3) throws {
  try Require.atLeast(points, minimum, "points")
  guard points <= 20_000_000 else { throw InvalidParameter("points", points, allowed: "an integer ≤ 20000000") }
}

extension SpinTransportCLI.Diffusion {
  /// `diffusion interface`: the bilayer of Figs. 5–11.
  struct Interface: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Steady accumulation across an interface/domain wall (x from −L/2 to L/2, left-layer frame).")

    @Option(help: "Total length L, m.") var length = 100e-9
    @Option(help: "Wall width w, m (0 = sharp).") var wallWidth = 0.6e-9
    @Option(help: "Relative angle α between the magnetizations, degrees.") var angle = 90.0
    @Option(help: "Grid points (≥ 3); resolve 2πl/a₀ ≈ 6 nm with ≥ 100 points.") var points = 4001
    @Option(help: "Grid refinement ratio near the interface (≥ 0).") var refinement = 4.0
    @Option(help: "Sweep NAME=START:STOP:COUNT, NAME ∈ wall-width, angle, length.") var vary: String?
    @OptionGroup var materialOptions: DiffusionMaterialOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let material = try materialOptions.material()
      try requirePoints(points)
      try Require.nonNegative(refinement, "refinement")
      let sweep = try vary.map { try SweepRange(parsing: $0, allowedNames: ["wall-width", "angle", "length"]) }
      let values: [Double?] = sweep?.values.map { $0 } ?? [nil]
      let geometries = try values.map { v -> InterfaceGeometry in
        var (l, w, a) = (length, wallWidth, angle)
        switch sweep?.name {
        case "wall-width": w = v!
        case "angle": a = v!
        case "length": l = v!
        default: break
        }
        let g = InterfaceGeometry(
          length: l, wallWidth: w, angleDegrees: a, precessionRatio: materialOptions.precessionRatio, material: material
        )
        _ = try g.grid(points: points, refinement: refinement)  // validates everything before computing
        return g
      }
      let pts = points, ratio = refinement
      let profiles = try parallelMap(Array(zip(values, geometries)).map { Pair(value: $0.0, geometry: $0.1) }) {
        ($0.value, try $0.geometry.solve(points: pts, refinement: ratio))
      }
      var meta = try materialOptions.metadata()
      meta["geometry"] = "interface"
      meta["length_m"] = .number(length)
      meta["wall_width_m"] = .number(wallWidth)
      meta["angle_deg"] = .number(angle)
      try output.emit(SpinDiffusionTables.profiles(profiles, varied: sweep?.name, metadata: meta))
    }
  }

  /// `diffusion torus`: the four-sided periodic ring of Figs. 12–15.
  struct Torus: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Steady accumulation on the square ring (x from 0 to 4L, periodic; M in the yz plane).")

    @Option(help: "Side length L, m.") var side = 100e-9
    @Option(help: "Corner width w (|M| vanishes at the corners over w), m.") var wallWidth = 1e-9
    @Option(help: "Grid points (≥ 8).") var points = 8000
    @Option(help: "Grid refinement ratio near the corners (≥ 0).") var refinement = 4.0
    @Option(help: "Sweep NAME=START:STOP:COUNT, NAME ∈ side, wall-width.") var vary: String?
    @OptionGroup var materialOptions: DiffusionMaterialOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let material = try materialOptions.material()
      try requirePoints(points, minimum: 8)
      try Require.nonNegative(refinement, "refinement")
      let sweep = try vary.map { try SweepRange(parsing: $0, allowedNames: ["side", "wall-width"]) }
      let values: [Double?] = sweep?.values.map { $0 } ?? [nil]
      let geometries = try values.map { v -> TorusGeometry in
        let g = TorusGeometry(
          side: sweep?.name == "side" ? v! : side, cornerWidth: sweep?.name == "wall-width" ? v! : wallWidth,
          precessionRatio: materialOptions.precessionRatio, material: material)
        _ = try g.grid(points: points, refinement: refinement)
        return g
      }
      let pts = points, ratio = refinement
      let profiles = try parallelMap(geometries.indices.map { Pair(value: values[$0], geometry: geometries[$0]) }) {
        ($0.value, try $0.geometry.solve(points: pts, refinement: ratio))
      }
      var meta = try materialOptions.metadata()
      meta["geometry"] = "torus"
      meta["side_m"] = .number(side)
      meta["wall_width_m"] = .number(wallWidth)
      try output.emit(SpinDiffusionTables.profiles(profiles, varied: sweep?.name, metadata: meta))
    }
  }
}

/// A sweep point: the varied value and its geometry.
struct Pair<G: Sendable>: Sendable {
  let value: Double?
  let geometry: G
}
