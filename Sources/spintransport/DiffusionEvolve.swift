import ArgumentParser
import Diagnostics
import Foundation
import LinearAlgebra
import SpinDiffusion
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

    @Option(help: "Total length L, m.") var length = 100e-9
    @Option(help: "Wall width w, m.") var wallWidth = 0.6e-9
    @Option(help: "Relative angle α, degrees.") var angle = 90.0
    @Option(help: "Grid points (≥ 3).") var points = 801
    @Option(help: "Time step, s.") var timeStep = 1e-13
    @Option(help: "Number of steps (≥ 1).") var steps = 100
    @Option(help: "Print a snapshot every N steps (≥ 1).") var every = 10
    @Option(help: "Start from the steady state for this angle (degrees) instead of m = 0.") var fromAngle: Double?
    @Option(help: "Exchange stiffness J of Eq. 79, eV·m².") var exchangeStiffness = 0.0
    @Option(help: "Accumulation scale ρ: the LL field is λρm (0 = M frozen).") var accumulationScale = 0.0
    @OptionGroup var materialOptions: DiffusionMaterialOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let material = try materialOptions.material()
      try requirePoints(points)
      try Require.positive(timeStep, "time-step")
      try Require.atLeast(steps, 1, "steps")
      try Require.atLeast(every, 1, "every")
      try Require.nonNegative(exchangeStiffness, "exchange-stiffness")
      try Require.finite(accumulationScale, "accumulation-scale")
      if let a = fromAngle { try Require.finite(a, "from-angle") }
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
      var table = ResultTable(columns: ["time_s", "x_m", "m_x", "m_y", "m_z", "M_x", "M_y", "M_z"], metadata: meta)
      func snapshot() {
        for (i, x) in grid.nodes.enumerated() {
          let m = dynamics.accumulation[i], mm = dynamics.magnetization[i]
          table.append([dynamics.time, x, m.x, m.y, m.z, mm.x, mm.y, mm.z])
        }
      }
      snapshot()
      for k in 1...steps {
        try dynamics.step(timeStep)
        if k % every == 0 || k == steps { snapshot() }
      }
      table.warnings = dynamics.warnings
      try output.emit(table)
    }
  }
}
