import ArgumentParser
import Diagnostics
import Foundation
import LinearAlgebra
import SpinDiffusion
import SpinTransport
import Studies

extension SpinTransportCLI.Diffusion {
  /// `diffusion evolve`: the interface accumulation in time (Eq. 70) with M following Eq. 79.
  struct Evolve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Time evolution of the interface accumulation (BDF2) coupled to Landau–Lifshitz.",
      discussion: """
        Starts from m = 0 (or from the steady state of --from-angle: the right layer is switched to
        --angle at t = 0) and prints snapshots every --every steps, t = 0 included.
        Columns: time_s, x_m, m_x, m_y, m_z, M_x, M_y, M_z (M dimensionless, λM is an energy).
        """)

    @Option(help: "Total length L, m (physical range 1e-10 … 1e-2).") var length = 100e-9
    @Option(help: "Wall width w, m (0 … 1e-2).") var wallWidth = 0.6e-9
    @Option(help: "Relative angle α, degrees (−360 … 360).") var angle = 90.0
    @Option(help: "Grid points (3 … 2e7, and the memory).") var points = 801
    @Option(help: "Time step, s (physical range 1e-18 … 1e-3).") var timeStep = 1e-13
    @Option(help: "Number of steps (1 … 1e9).") var steps = 100
    @Option(help: "Print a snapshot every N steps (≥ 1); rows = snapshots × points must fit the output.")
    var every = 10
    @Option(help: "Start from the steady state for this angle (degrees, −360 … 360) instead of m = 0.")
    var fromAngle: Double?
    @Option(help: "Exchange stiffness J of Eq. 79, eV·m² (0 … 1e-15).") var exchangeStiffness = 0.0
    @Option(help: "Accumulation scale ρ: the LL field is λρm (0 = M frozen; −1e6 … 1e6).")
    var accumulationScale = 0.0
    @OptionGroup var materialOptions: DiffusionMaterialOptions
    @OptionGroup var output: OutputOptions

    /// Snapshots printed: t = 0, every `every` steps, and the last step.
    var snapshotCount: Int { 1 + steps / every + (steps % every == 0 ? 0 : 1) }

    /// Checks every option against its range, then the memory (O(points): snapshots are
    /// streamed) and the output size (snapshots × points rows), before any allocation.
    func validate(material: SpinDiffusionMaterial) throws {
      typealias R = SpinDiffusionRanges
      try R.check(length, R.length, "length", unit: "m")
      try R.check(wallWidth, R.wallWidth, "wall-width", unit: "m")
      try R.check(angle, R.angle, "angle", unit: "degrees")
      try requirePoints(points)
      try R.check(timeStep, R.timeStep, "time-step", unit: "s")
      try Require.inRange(steps, R.steps, "steps")
      try Require.atLeast(every, 1, "every")
      try R.check(exchangeStiffness, R.exchangeStiffness, "exchange-stiffness", unit: "eV·m²")
      try R.check(accumulationScale, R.accumulationScale, "accumulation-scale", unit: "")
      if let a = fromAngle { try R.check(a, R.angle, "from-angle", unit: "degrees") }
      try MemoryBudget.require(
        Double(points) * SpinDiffusionMemory.dynamicsBytesPerNode, parameter: "points", value: points,
        what: "the evolution on \(points) nodes (snapshots are streamed)")
      let rows = Double(snapshotCount) * Double(points)
      try OutputBudget.require(
        OutputBudget.estimate(rows: rows, columns: 8), path: output.output, parameter: "steps",
        value: "\(steps) (with --every \(every))",
        what: "\(snapshotCount) snapshots × \(points) points (raise --every or lower --points)")
    }

    func run() throws {
      let material = try materialOptions.material()
      try validate(material: material)
      let a0 = materialOptions.precessionRatio
      let g = InterfaceGeometry(
        length: length, wallWidth: wallWidth, angleDegrees: angle, precessionRatio: a0, material: material)
      let grid = try g.grid(points: points)
      var initial: [Vector3]? = nil
      if let a = fromAngle {
        let before = InterfaceGeometry(
          length: length, wallWidth: wallWidth, angleDegrees: a, precessionRatio: a0, material: material)
        initial = try before.problem(on: grid).solve().accumulation
      }
      // One O(n) solve of 3×3 blocks per step: BLAS threads only spin; use one.
      BLASInfo.setThreadCount(1)
      var dynamics = try SpinDynamics(
        problem: g.problem(on: grid), exchangeStiffness: exchangeStiffness, accumulationScale: accumulationScale,
        initialAccumulation: initial)
      var meta = try materialOptions.metadata()
      meta["geometry"] = "interface"
      meta["time_step_s"] = .number(timeStep)
      meta["integrator"] = "BDF2 (diffusion) + exact LL rotation, Lie splitting"
      let reporter = output.progressReporter("diffusion evolve", total: steps, unit: "steps")
      let writer = try output.streamingWriter(columns: ["time_s", "x_m", "m_x", "m_y", "m_z", "M_x", "M_y", "M_z"])
      do {
        func snapshot() throws {
          for (i, x) in grid.nodes.enumerated() {
            let m = dynamics.accumulation[i], mm = dynamics.magnetization[i]
            try writer.append([dynamics.time, x, m.x, m.y, m.z, mm.x, mm.y, mm.z])
          }
        }
        try snapshot()
        for k in 1...steps {
          try dynamics.step(timeStep)
          if k % every == 0 || k == steps { try snapshot() }
          reporter?.advance()
        }
        try output.finish(writer, metadata: meta, warnings: dynamics.warnings)
      } catch {
        writer.abandon()
        throw error
      }
    }
  }
}
