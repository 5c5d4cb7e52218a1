import ArgumentParser
import Diagnostics
import Foundation
import SpinDiffusion
import SpinTransport
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

/// Material options shared by the diffusion commands (ranges: ``SpinDiffusionRanges``).
struct DiffusionMaterialOptions: ParsableArguments {
  @Option(help: "Spin-diffusion length l_sdl = √(Dτ_sf), m (physical range 1e-10 … 1e-2).")
  var diffusionLength = 100e-9
  @Option(help: "Diffusivity D, m²/s (physical range 1e-9 … 10).")
  var diffusivity = 1e-3
  @Option(help: "Precession ratio a₀ = τλM₀/ħ (the paper's D_yx/D_xx; range −1e6 … 1e6).")
  var precessionRatio = 100.0
  @Option(help: "sd coupling λ, eV (physical range 1e-6 … 10).")
  var sdCoupling = 0.1

  /// The material after every option is checked against its physical range, so later errors
  /// cannot blame a derived quantity (τ_sf, M₀) the user never typed.
  func material() throws -> SpinDiffusionMaterial {
    try SpinDiffusionRanges.checkMaterial(
      diffusionLength: diffusionLength, diffusivity: diffusivity, precessionRatio: precessionRatio,
      sdCoupling: sdCoupling)
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

/// A parsed `--vary` whose START and STOP lie in the physical range of the varied option.
///
/// Values are computed on demand (``value(_:)``, the formula of ``SweepRange/values``), so a
/// huge COUNT allocates nothing before the size checks refuse it.
struct CheckedSweep {
  let text: String
  let range: SweepRange

  /// - Parameter ranges: the physical range and unit of each allowed NAME.
  init(_ text: String, ranges: [String: (ClosedRange<Double>, String)]) throws {
    self.text = text
    range = try SweepRange(parsing: text, allowedNames: ranges.keys.sorted())
    let (bounds, unit) = ranges[range.name]!
    for v in [range.start, range.stop] where !bounds.contains(v) {
      throw InvalidParameter(
        "vary", text,
        allowed:
          "\(range.name) from START to STOP in the physical range [\(SpinDiffusionRanges.shown(bounds.lowerBound)), "
          + "\(SpinDiffusionRanges.shown(bounds.upperBound))] \(unit)")
    }
  }

  var name: String { range.name }
  var count: Int { range.count }

  /// The i-th swept value (both ends included).
  func value(_ i: Int) -> Double {
    range.count == 1 ? range.start : range.start + (range.stop - range.start) * Double(i) / Double(range.count - 1)
  }
}

/// Distinct warnings listed by a steady sweep before the rest are only counted.
let maximumWarnings = 20

/// Solves the steady profiles of a sweep (or one profile) and streams their rows to the output.
///
/// Before any work: the memory of one solve per core (``SpinDiffusionMemory``) and the output
/// size are checked, naming `--points` or `--vary`. Profiles are solved in batches of one per
/// core and written as each batch ends, so memory does not grow with the sweep COUNT (warnings
/// too: distinct ones are kept up to ``maximumWarnings``, the rest counted in one more line).
/// Progress (nodes placed, assembled and solved) goes to stderr unless `--quiet`.
func emitSteadyProfiles(
  label: String, sweep: CheckedSweep?, points: Int, metadata: [String: JSONValue], output: OutputOptions,
  solve: @escaping @Sendable (_ value: Double?, _ progress: ((Int) -> Void)?) throws -> SpinAccumulationProfile
) throws {
  let count = sweep?.count ?? 1
  let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
  let batch = min(count, cores)
  try MemoryBudget.require(
    Double(batch) * Double(points) * SpinDiffusionMemory.steadyBytesPerNode, parameter: "points", value: points,
    what: "\(batch) steady solve\(batch > 1 ? "s" : "") at a time on \(points) nodes")
  var columns = ["x_m", "m_x", "m_y", "m_z"]
  if let sweep { columns.insert(SpinDiffusionTables.column(forVaried: sweep.name), at: 0) }
  let rows = Double(count) * Double(points)
  try OutputBudget.require(
    OutputBudget.estimate(rows: rows, columns: columns.count), path: output.output,
    parameter: sweep == nil ? "points" : "vary", value: sweep?.text ?? "\(points)",
    what: "\(count) profile\(count > 1 ? "s" : "") × \(points) points")
  let reporter = output.progressReporter(
    label, total: Int(min(3 * Double(count) * Double(points), 1e18)), unit: "node passes")
  let writer = try output.streamingWriter(columns: columns)
  var warnings: [NumericalWarning] = [], seen = Set<String>(), dropped = 0
  do {
    var first = 0
    while first < count {
      let indices = Array(first..<min(count, first + batch))
      let profiles = try parallelMap(indices) { i in
        try solve(sweep?.value(i), reporter.map { r in { r.advance(by: $0) } })
      }
      for (i, p) in zip(indices, profiles) {
        let value = sweep?.value(i)
        for (x, m) in zip(p.positions, p.accumulation) {
          try writer.append(value.map { [$0, x, m.x, m.y, m.z] } ?? [x, m.x, m.y, m.z])
        }
        for w in p.warnings where seen.insert(w.kind + "\u{1F}" + w.message).inserted {
          if warnings.count < maximumWarnings { warnings.append(w) } else { dropped += 1 }
        }
      }
      first += batch
    }
    if dropped > 0 {
      warnings.append(
        NumericalWarning(
          kind: "more-warnings", message: "\(dropped) more warnings like the above (sweep points not listed)",
          value: Double(dropped)))
    }
    try output.finish(writer, metadata: metadata, warnings: warnings)
  } catch {
    writer.abandon()
    throw error
  }
}

extension SpinTransportCLI.Diffusion {
  /// `diffusion interface`: the bilayer of Figs. 5–11.
  struct Interface: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Steady accumulation across an interface/domain wall (x from −L/2 to L/2, left-layer frame).")

    @Option(help: "Total length L, m (physical range 1e-10 … 1e-2).") var length = 100e-9
    @Option(help: "Wall width w, m (0 = sharp; up to 1e-2).") var wallWidth = 0.6e-9
    @Option(help: "Relative angle α between the magnetizations, degrees (−360 … 360).") var angle = 90.0
    @Option(help: "Grid points (3 … 2e7, and the memory); resolve 2πl/a₀ ≈ 6 nm with ≥ 100 points.")
    var points = 4001
    @Option(help: "Grid refinement ratio near the interface (0 … 1e4).") var refinement = 4.0
    @Option(help: "Sweep NAME=START:STOP:COUNT, NAME ∈ wall-width, angle, length (values in their ranges).")
    var vary: String?
    @OptionGroup var materialOptions: DiffusionMaterialOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let material = try materialOptions.material()
      try SpinDiffusionRanges.check(length, SpinDiffusionRanges.length, "length", unit: "m")
      try SpinDiffusionRanges.check(wallWidth, SpinDiffusionRanges.wallWidth, "wall-width", unit: "m")
      try SpinDiffusionRanges.check(angle, SpinDiffusionRanges.angle, "angle", unit: "degrees")
      try requirePoints(points)
      try SpinDiffusionRanges.check(refinement, SpinDiffusionRanges.refinement, "refinement", unit: "")
      let sweep = try vary.map {
        try CheckedSweep(
          $0,
          ranges: [
            "wall-width": (SpinDiffusionRanges.wallWidth, "m"), "angle": (SpinDiffusionRanges.angle, "degrees"),
            "length": (SpinDiffusionRanges.length, "m"),
          ])
      }
      let (l0, w0, a0, ratio, pts) = (length, wallWidth, angle, refinement, points)
      let precessionRatio = materialOptions.precessionRatio, name = sweep?.name
      // Every value of a sweep lies between START and STOP: both ends validated the geometry.
      for v in [sweep?.range.start, sweep?.range.stop] {
        try geometry(v, name, l0, w0, a0, precessionRatio, material).validate()
      }
      var meta = try materialOptions.metadata()
      meta["geometry"] = "interface"
      meta["length_m"] = .number(length)
      meta["wall_width_m"] = .number(wallWidth)
      meta["angle_deg"] = .number(angle)
      try emitSteadyProfiles(
        label: "diffusion interface", sweep: sweep, points: points, metadata: meta, output: output
      ) { v, progress in
        try geometry(v, name, l0, w0, a0, precessionRatio, material).solve(
          points: pts, refinement: ratio, progress: progress)
      }
    }
  }

  /// `diffusion torus`: the four-sided periodic ring of Figs. 12–15.
  struct Torus: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Steady accumulation on the square ring (x from 0 to 4L, periodic; M in the yz plane).")

    @Option(help: "Side length L, m (physical range 1e-10 … 1e-2).") var side = 100e-9
    @Option(help: "Corner width w (|M| vanishes at the corners over w), m (0 … 1e-2).") var wallWidth = 1e-9
    @Option(help: "Grid points (8 … 2e7, and the memory).") var points = 8000
    @Option(help: "Grid refinement ratio near the corners (0 … 1e4).") var refinement = 4.0
    @Option(help: "Sweep NAME=START:STOP:COUNT, NAME ∈ side, wall-width (values in their ranges).") var vary: String?
    @OptionGroup var materialOptions: DiffusionMaterialOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let material = try materialOptions.material()
      try SpinDiffusionRanges.check(side, SpinDiffusionRanges.length, "side", unit: "m")
      try SpinDiffusionRanges.check(wallWidth, SpinDiffusionRanges.wallWidth, "wall-width", unit: "m")
      try requirePoints(points, minimum: 8)
      try SpinDiffusionRanges.check(refinement, SpinDiffusionRanges.refinement, "refinement", unit: "")
      let sweep = try vary.map {
        try CheckedSweep(
          $0, ranges: ["side": (SpinDiffusionRanges.length, "m"), "wall-width": (SpinDiffusionRanges.wallWidth, "m")])
      }
      let (l0, w0, ratio, pts, a0) = (side, wallWidth, refinement, points, materialOptions.precessionRatio)
      let name = sweep?.name
      @Sendable func geometry(_ v: Double?) -> TorusGeometry {
        TorusGeometry(
          side: name == "side" ? v! : l0, cornerWidth: name == "wall-width" ? v! : w0, precessionRatio: a0,
          material: material)
      }
      for v in [sweep?.range.start, sweep?.range.stop] { try geometry(v).validate() }
      var meta = try materialOptions.metadata()
      meta["geometry"] = "torus"
      meta["side_m"] = .number(side)
      meta["wall_width_m"] = .number(wallWidth)
      try emitSteadyProfiles(
        label: "diffusion torus", sweep: sweep, points: points, metadata: meta, output: output
      ) { v, progress in
        try geometry(v).solve(points: pts, refinement: ratio, progress: progress)
      }
    }
  }
}

/// The interface geometry with the swept value `v` (if any) replacing the option `name`.
private func geometry(
  _ v: Double?, _ name: String?, _ length: Double, _ wallWidth: Double, _ angle: Double, _ precessionRatio: Double,
  _ material: SpinDiffusionMaterial
) -> InterfaceGeometry {
  var (l, w, a) = (length, wallWidth, angle)
  switch name {
  case "wall-width": w = v!
  case "angle": a = v!
  case "length": l = v!
  default: break
  }
  return InterfaceGeometry(
    length: l, wallWidth: w, angleDegrees: a, precessionRatio: precessionRatio, material: material)
}
