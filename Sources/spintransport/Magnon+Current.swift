import ArgumentParser
import Diagnostics
import Foundation
import SpinWaves
import SpinTransport
import Studies

extension CrownStudy.CurrentMethod: ExpressibleByArgument {}

extension SpinTransportCLI.Magnon {
  struct Current: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Persistent magnon current: Eq. 15 (sum), Eq. 16 (closed-form) or LSWT on the texture.",
      discussion: """
        Columns: temperature_K, solid_angle, spin_current_K (I_s along i -> i+1, K),
        magnetization_current_Am2_per_s (I_m = gμ_B I_s/ħ), thermal_spin_current_K (LSWT without the
        zero-point part; equal to spin_current_K for sum and closed-form). With --vary the varied
        parameter is the first column. sum = Eq. 15 exactly (lattice sum, or its Matsubara
        resummation where the lattice sum cancels — metadata.routes says which).
        """)

    @OptionGroup var model: CrownOptions
    @Option(name: .long, help: "Temperature T in kelvin, 0 to 1e4; optional when --vary temperature=…")
    var temperature: Double?
    @Option(
      name: .long,
      help: "sum (Eq. 15), closed-form (Eq. 16) or lswt (dense, O(N³) time and 704·N² bytes: progress on stderr).")
    var method: CrownStudy.CurrentMethod = .sum
    @Option(name: .long, help: "Sweep NAME=START:STOP:COUNT, NAME ∈ temperature, field, latitude, spins (or N).")
    var vary: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
      try asValidationError(check)
      let sweep = try? vary.map { try MagnonSweep($0, allowed: ["temperature", "field", "latitude", "spins"]) }
      try model.check(sweeping: sweep?.range.name)
      if sweep == nil { try asValidationError { try model.requireMemory(method: method) } }
    }

    func check() throws {
      let sweep = try vary.map { try MagnonSweep($0, allowed: ["temperature", "field", "latitude", "spins"]) }
      if sweep?.range.name != "temperature" {
        guard let temperature else { throw ValidationError("Missing --temperature (kelvin).") }
        try CrownParameters.require(temperature, CrownParameters.Bounds.temperature, "temperature", unit: " K")
      }
      if let sweep {
        try sweep.requireMemory(model.parameters, method: method)
        for x in try sweep.values() {
          if sweep.range.name == "temperature" {
            try CrownParameters.require(x, CrownParameters.Bounds.temperature, "vary", unit: " K (temperature)")
          }
          _ = try sweep.parameters(model.parameters, x)
        }
      }
    }

    func run() throws {
      let base = model.parameters
      let columns = [
        "temperature_K", "solid_angle", "spin_current_K", "magnetization_current_Am2_per_s", "thermal_spin_current_K",
      ]
      var table: ResultTable
      var routes = Set<String>()
      func row(_ c: CrownStudy.Current) -> [Double] {
        [c.temperature, c.solidAngle, c.spinCurrent, c.magnetizationCurrent, c.thermalSpinCurrent]
      }
      if let vary {
        let sweep = try MagnonSweep(vary, allowed: ["temperature", "field", "latitude", "spins"])
        let values = try sweep.values()
        let method = self.method
        let results: [(CrownStudy.Current, [NumericalWarning])]
        // Ground states in parallel, then the currents (incl. LSWT) in parallel.
        let grounds: [CrownStudy.GroundState]
        let temperatures: [Double]
        if sweep.range.name == "temperature" {
          let ground = try model.groundState(output)
          grounds = Array(repeating: ground, count: values.count)
          temperatures = values
        } else {
          let reporter = output.reporter("magnon current --vary: ground states", total: values.count)
          grounds = try parallelMap(values, progress: reporter.doneCallback) { x in
            try CrownStudy.groundState(try sweep.parameters(base, x))
          }
          temperatures = Array(repeating: temperature ?? 0, count: values.count)
        }
        let points = Array(zip(grounds, temperatures))
        let reporter = output.reporter("magnon current --vary: currents (\(method.rawValue))", total: values.count)
        results = try parallelMap(points, progress: reporter.doneCallback) { g, t in
          (try CrownStudy.current(g, temperature: t, method: method), g.warnings)
        }
        table = ResultTable(columns: sweep.range.name == "temperature" ? columns : [sweep.column] + columns)
        for (x, (c, w)) in zip(values, results) {
          table.append(sweep.range.name == "temperature" ? row(c) : [x] + row(c))
          table.warnings += w
          routes.insert(c.route)
        }
      } else {
        let ground = try model.groundState(output)
        let c = try currentWithProgress(ground, temperature: temperature ?? 0, method: method, output: output)
        table = ResultTable(columns: columns)
        table.append(row(c))
        table.warnings = ground.warnings
        routes.insert(c.route)
      }
      table.metadata = parameterMetadata(base, sweep: vary)
      table.metadata["method"] = .string(method.rawValue)
      table.metadata["routes"] = .array(routes.sorted().map(JSONValue.string))
      try output.emit(table.withNonFiniteWarnings())
    }
  }
}

/// ``CrownStudy/current(_:temperature:method:progress:)`` with LSWT progress (estimated Mflop) on
/// stderr unless `--quiet`.
func currentWithProgress(
  _ ground: CrownStudy.GroundState, temperature: Double, method: CrownStudy.CurrentMethod, output: OutputOptions
) throws -> CrownStudy.Current {
  let n = ground.parameters.spins
  let reporter =
    method == .lswt
    ? output.reporter("magnon lswt (N = \(n))", total: CrownStudy.lswtWorkMflop(spins: n), unit: "Mflop (estimated)")
    : nil
  return try CrownStudy.current(
    ground, temperature: temperature, method: method, progress: reporter.doneCallback)
}
