import ArgumentParser
import Diagnostics
import Foundation
import SpinWaves
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
    @Option(name: .long, help: "Temperature T in kelvin (≥ 0); optional when --vary temperature=…")
    var temperature: Double?
    @Option(name: .long, help: "sum (Eq. 15), closed-form (Eq. 16) or lswt.")
    var method: CrownStudy.CurrentMethod = .sum
    @Option(name: .long, help: "Sweep NAME=START:STOP:COUNT, NAME ∈ temperature, field, latitude, spins (or N).")
    var vary: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
      try asValidationError(check)
      let sweep = try? vary.map { try MagnonSweep($0, allowed: ["temperature", "field", "latitude", "spins"]) }
      try model.check(sweeping: sweep?.range.name)
    }

    func check() throws {
      let sweep = try vary.map { try MagnonSweep($0, allowed: ["temperature", "field", "latitude", "spins"]) }
      if sweep?.range.name != "temperature" {
        guard let temperature else { throw ValidationError("Missing --temperature (kelvin).") }
        try Require.nonNegative(temperature, "temperature")
      }
      if let sweep {
        for x in try sweep.values() {
          if sweep.range.name == "temperature" { try Require.nonNegative(x, "vary") }
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
          let ground = try CrownStudy.groundState(base)
          grounds = Array(repeating: ground, count: values.count)
          temperatures = values
        } else {
          grounds = try parallelMap(values) { x in try CrownStudy.groundState(try sweep.parameters(base, x)) }
          temperatures = Array(repeating: temperature ?? 0, count: values.count)
        }
        let points = Array(zip(grounds, temperatures))
        results = try parallelMap(points) { g, t in
          (try CrownStudy.current(g, temperature: t, method: method), g.warnings)
        }
        table = ResultTable(columns: sweep.range.name == "temperature" ? columns : [sweep.column] + columns)
        for (x, (c, w)) in zip(values, results) {
          table.append(sweep.range.name == "temperature" ? row(c) : [x] + row(c))
          table.warnings += w
          routes.insert(c.route)
        }
      } else {
        let ground = try CrownStudy.groundState(base)
        let c = try CrownStudy.current(ground, temperature: temperature ?? 0, method: method)
        table = ResultTable(columns: columns)
        table.append(row(c))
        table.warnings = ground.warnings
        routes.insert(c.route)
      }
      table.metadata = parameterMetadata(base, sweep: vary)
      table.metadata["method"] = .string(method.rawValue)
      table.metadata["routes"] = .array(routes.sorted().map(JSONValue.string))
      try output.emit(table)
    }
  }
}
