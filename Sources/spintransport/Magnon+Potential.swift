import ArgumentParser
import Diagnostics
import Foundation
import SpinWaves
import SpinTransport
import Studies

extension SpinTransportCLI.Magnon {
  struct Potential: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Electric potential of the magnetization current (Eq. 17, SI): axial voltage or a grid.",
      discussion: """
        --distance d: columns distance_m, voltage_V (U = φ(+d ẑ) − φ(−d ẑ), exact line integral),
        voltage_dipole_V, magnetization_current_Am2_per_s, dipole_moment_Cm (z component).
        --grid HALF_WIDTH_m:POINTS: columns x_m, z_m, potential_V on a POINTS×POINTS grid in the
        plane y = 0, x, z ∈ [−HALF_WIDTH, HALF_WIDTH]; points within 1e-3 R of the wire, where φ
        diverges, are nan and named in a warning. Ranges: R 1e-10 to 1 m, d and HALF_WIDTH 1e-15 to
        1e3 m, POINTS 2 to 1000 (and within memory, ≈ 256 B per grid point).
        """)

    @OptionGroup var model: CrownOptions
    @Option(name: .long, help: "Temperature T in kelvin, 0 to 1e4.")
    var temperature: Double
    @Option(name: .long, help: "Ring radius R in metres, 1e-10 to 1; L = 2πR.")
    var radius: Double
    @Option(name: .long, help: "Distance d (m) of the two axial points ±d ẑ, 1e-15 to 1e3.")
    var distance: Double?
    @Option(name: .long, help: "Grid HALF_WIDTH_m:POINTS in the x–z plane.")
    var grid: String?
    @Option(name: .long, help: "Current method: sum, closed-form or lswt.")
    var method: CrownStudy.CurrentMethod = .sum
    @OptionGroup var output: OutputOptions

    func parsedGrid() throws -> (halfWidth: Double, points: Int)? {
      guard let grid else { return nil }
      let f = grid.split(separator: ":").map(String.init)
      guard f.count == 2, let w = Double(f[0]), let n = Int(f[1]), w.isFinite, w > 0, (2...1000).contains(n) else {
        throw InvalidParameter("grid", grid, allowed: "HALF_WIDTH_m:POINTS with HALF_WIDTH > 0 and 2 ≤ POINTS ≤ 1000")
      }
      return (w, n)
    }

    func validate() throws {
      try asValidationError(check)
      try model.check(sweeping: nil)
      try asValidationError { try model.requireMemory(method: method) }
    }

    func check() throws {
      try CrownParameters.require(temperature, CrownParameters.Bounds.temperature, "temperature", unit: " K")
      try CrownParameters.require(radius, MagnetizationCurrentLoop.Bounds.radius, "radius", unit: " m")
      if let distance {
        try CrownParameters.require(distance, MagnetizationCurrentLoop.Bounds.distance, "distance", unit: " m")
      }
      if let (w, n) = try parsedGrid() {
        try CrownParameters.require(w, MagnetizationCurrentLoop.Bounds.halfWidth, "grid", unit: " m (HALF_WIDTH)")
        try MemoryBudget.require(
          MagnetizationCurrentLoop.gridBytes(points: n), parameter: "grid", value: grid ?? "",
          what: "a \(n)×\(n) potential grid")
      }
      guard (distance == nil) != (grid == nil) else {
        throw ValidationError("Give exactly one of --distance or --grid.")
      }
    }

    func run() throws {
      let ground = try model.groundState(output)
      let current = try currentWithProgress(ground, temperature: temperature, method: method, output: output)
      let loop = try CrownStudy.loop(ground, radius: radius, magnetizationCurrent: current.magnetizationCurrent)
      var table: ResultTable
      var gridWarnings: [NumericalWarning] = []
      if let distance {
        let u = try loop.axialVoltage(distance: distance)
        table = ResultTable(columns: [
          "distance_m", "voltage_V", "voltage_dipole_V", "magnetization_current_Am2_per_s", "dipole_moment_Cm",
        ])
        table.append([distance, u.exact, u.dipole, current.magnetizationCurrent, loop.dipoleMoment.z])
      } else {
        let (w, n) = try parsedGrid()!
        let reporter = output.reporter("magnon potential grid", total: n, unit: "rows")
        let grid = try loop.potentialGrid(halfWidth: w, points: n) { zs, row in
          try parallelMap(zs, progress: reporter.doneCallback, row)
        }
        table = ResultTable(columns: ["x_m", "z_m", "potential_V"])
        for r in grid.rows { table.append(r) }
        gridWarnings = grid.warnings
      }
      table.warnings = ground.warnings + gridWarnings
      table.metadata = parameterMetadata(model.parameters)
      table.metadata["temperature_K"] = .number(temperature)
      table.metadata["radius_m"] = .number(radius)
      table.metadata["method"] = .string(method.rawValue)
      table.metadata["magnetization_current_Am2_per_s"] = .number(current.magnetizationCurrent)
      table.metadata["texture"] = .string(ground.isRadial ? "analytic crown m(φ)" : "slerp between site directions")
      try output.emit(table.withNonFiniteWarnings())
    }
  }
}
