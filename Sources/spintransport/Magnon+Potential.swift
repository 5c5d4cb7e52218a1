import ArgumentParser
import Diagnostics
import Foundation
import SpinWaves
import Studies

extension SpinTransportCLI.Magnon {
  struct Potential: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Electric potential of the magnetization current (Eq. 17, SI): axial voltage or a grid.",
      discussion: """
        --distance d: columns distance_m, voltage_V (U = φ(+d ẑ) − φ(−d ẑ), exact line integral),
        voltage_dipole_V, magnetization_current_Am2_per_s, dipole_moment_Cm (z component).
        --grid HALF_WIDTH_m:POINTS: columns x_m, z_m, potential_V on a POINTS×POINTS grid in the
        plane y = 0, x, z ∈ [−HALF_WIDTH, HALF_WIDTH] (points on the wire give nan).
        """)

    @OptionGroup var model: CrownOptions
    @Option(name: .long, help: "Temperature T in kelvin (≥ 0).")
    var temperature: Double
    @Option(name: .long, help: "Ring radius R in metres (> 0); L = 2πR.")
    var radius: Double
    @Option(name: .long, help: "Distance d (m) of the two axial points ±d ẑ.")
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
    }

    func check() throws {
      try Require.nonNegative(temperature, "temperature")
      try Require.positive(radius, "radius")
      if let distance { try Require.positive(distance, "distance") }
      _ = try parsedGrid()
      guard (distance == nil) != (grid == nil) else {
        throw ValidationError("Give exactly one of --distance or --grid.")
      }
    }

    func run() throws {
      let ground = try CrownStudy.groundState(model.parameters)
      let current = try CrownStudy.current(ground, temperature: temperature, method: method)
      let loop = try CrownStudy.loop(ground, radius: radius, magnetizationCurrent: current.magnetizationCurrent)
      var table: ResultTable
      if let distance {
        let u = try loop.axialVoltage(distance: distance)
        table = ResultTable(columns: [
          "distance_m", "voltage_V", "voltage_dipole_V", "magnetization_current_Am2_per_s", "dipole_moment_Cm",
        ])
        table.append([distance, u.exact, u.dipole, current.magnetizationCurrent, loop.dipoleMoment.z])
      } else {
        let (w, n) = try parsedGrid()!
        let coordinates = (0..<n).map { -w + 2 * w * Double($0) / Double(n - 1) }
        let radius = self.radius
        let rows = try parallelMap(coordinates) { z in
          coordinates.map { x -> [Double] in
            let onWire = abs(z) < 1e-3 * radius && abs(abs(x) - radius) < 1e-3 * radius
            return [x, z, onWire ? .nan : loop.potential(at: Vector3(x, 0, z))]
          }
        }
        table = ResultTable(columns: ["x_m", "z_m", "potential_V"])
        for block in rows { for r in block { table.append(r) } }
      }
      table.warnings = ground.warnings
      table.metadata = parameterMetadata(model.parameters)
      table.metadata["temperature_K"] = .number(temperature)
      table.metadata["radius_m"] = .number(radius)
      table.metadata["method"] = .string(method.rawValue)
      table.metadata["magnetization_current_Am2_per_s"] = .number(current.magnetizationCurrent)
      table.metadata["texture"] = .string(ground.isRadial ? "analytic crown m(φ)" : "slerp between site directions")
      try output.emit(table)
    }
  }
}
