import ArgumentParser
import Diagnostics
import Foundation
import LongitudinalRelaxation
import SpinTransport
import Studies

extension SpinTransportCLI {
  /// `spintransport relaxation …`: the two-variable (M, m) longitudinal model of seed 004.
  struct Relaxation: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "relaxation",
      abstract: "Longitudinal relaxation of magnetization M and spin accumulation m (seed 004, MODELS.md §E).",
      discussion: """
        Reduced units: rates and ω in units of the exchange rate r = 1/τ_mM − 1/τ_Mm, wavevectors in
        units of k_M = √(r/D_m), lengths in 1/k_M, times in 1/r. Time dependence e^{−iωt}.
        """,
      subcommands: [Rates.self, Wavevector.self, Evolve.self])
  }
}

/// Model options shared by the `relaxation` subcommands (reduced parameters).
struct RelaxationModelOptions: ParsableArguments {
  @Option(name: .customLong("xi"), help: "Susceptibility ratio ξ = χ_m/χ_M (0 ≤ ξ ≤ 1).")
  var xi: Double

  @Option(name: .customLong("wm"), help: "Lattice decay rate of m, w_m = 1/τ_mL, in units of r (0 … 1e6).")
  var wm: Double = 0

  @Option(name: .customLong("wM"), help: "Lattice decay rate of M, w_M = 1/τ_ML, in units of r (0 … 1e6).")
  var wM: Double = 0

  /// The model in reduced units (r = k_M = 1); throws ``/Diagnostics/InvalidParameter`` naming the constraint
  /// or the range (``RelaxationRanges``) the option left.
  func model() throws -> RelaxationModel {
    let m = try RelaxationModel(xi: xi, wm: wm, wM: wM)
    try RelaxationRanges.check(wm, RelaxationRanges.latticeRate, "wm", unit: "(units of r)")
    try RelaxationRanges.check(wM, RelaxationRanges.latticeRate, "wM", unit: "(units of r)")
    return m
  }
}

extension SpinTransportCLI.Relaxation {
  /// `relaxation evolve`: dM(x, t), dm(x, t) on a 1D grid.
  struct Evolve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Space–time relaxation (Eqs. 28–29) by the method of lines with the implicit TR-BDF2 integrator.",
      discussion: """
        Columns: t, x, dM, dm (t in 1/r, x in 1/k_M). The default initial condition is the step of
        Fig. 1 (dM = height for x < position, dm = 0).
        """)

    @OptionGroup var model: RelaxationModelOptions

    @Option(name: .long, help: "Domain length L in units of 1/k_M (x ∈ [−L/2, L/2]; 1e-6 … 1e9).")
    var length: Double = 40

    @Option(name: .long, help: "Number of grid cells/nodes (3 … 1e6, and the memory).")
    var points: Int = 400

    @Option(name: .long, help: "Ends: no-flux or periodic.")
    var boundary: String = RelaxationBoundary.noFlux.rawValue

    @Option(
      name: .customLong("time-step"), help: "Largest time step in units of 1/r (1e-12 … 1e6; ≤ 1e7 steps in all).")
    var timeStep: Double = 0.01

    @Option(name: .long, help: "Output times in units of 1/r, comma-separated, ascending, 0 … 1e12.")
    var times: String = "0,0.3,1,3,10,30"

    @Option(name: .long, help: "Initial profile: step, cosine or file.")
    var initial: String = "step"

    @Option(name: .customLong("step-height"), help: "Step height of dM (initial step; |h| ≤ 1e100).")
    var stepHeight: Double = 1

    @Option(name: .customLong("step-position"), help: "Step position in units of 1/k_M (initial step; |x| ≤ 1e9).")
    var stepPosition: Double = 0

    @Option(
      name: .long, help: "Wave number n of the cosine initial profile dM = cos(2πn(x + L/2)/L), dm = 0 (0 … 1e9).")
    var mode: Int = 1

    @Option(name: .long, help: "CSV file with columns x, dM, dm (initial file), interpolated onto the grid.")
    var profile: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
      let m = try model.model()
      guard let ends = RelaxationBoundary(rawValue: boundary) else {
        throw InvalidParameter("boundary", boundary, allowed: "no-flux or periodic")
      }
      try RelaxationRanges.check(length, RelaxationRanges.length, "length", unit: "(units of 1/k_M)")
      let grid = try RelaxationGrid(length: length, points: points, boundary: ends)
      try RelaxationRanges.check(stepHeight, RelaxationRanges.amplitude, "step-height", unit: "")
      try RelaxationRanges.check(stepPosition, RelaxationRanges.position, "step-position", unit: "(units of 1/k_M)")
      try RelaxationRanges.check(timeStep, RelaxationRanges.timeStep, "time-step", unit: "(units of 1/r)")
      let outputTimes = try parseTimes(times)
      let stepCount = RelaxationEvolution.stepCount(times: outputTimes, timeStep: timeStep)
      guard stepCount <= RelaxationRanges.maximumSteps else {
        // A joint limit of --times and --time-step: both are named, whichever the user changed.
        throw InvalidParameter(
          "times", "\(times) with --time-step \(timeStep)",
          allowed: "at most 1e7 steps in all: a last output time ≤ \(RelaxationRanges.maximumSteps * timeStep) "
            + "at this --time-step, or a larger --time-step (this needs \(stepCount) steps)")
      }
      try MemoryBudget.require(
        Double(points) * RelaxationEvolution.bytesPerPoint, parameter: "points", value: points,
        what: "the evolution on \(points) points (snapshots are streamed)")
      try OutputBudget.require(
        OutputBudget.estimate(rows: Double(outputTimes.count) * Double(points), columns: 4), path: output.output,
        parameter: "times", value: times, what: "\(outputTimes.count) output times × \(points) points")
      let start: RelaxationProfiles
      switch initial {
      case "step":
        start = .step(grid: grid, height: stepHeight, position: stepPosition)
      case "cosine":
        try Require.inRange(mode, 0...1_000_000_000, "mode")
        start = .cosine(grid: grid, mode: mode)
      case "file":
        guard let profile else {
          throw InvalidParameter("profile", "(missing)", allowed: "a CSV file with --initial file")
        }
        start = try RelaxationTables.profile(fromCSV: profile, grid: grid)
      default:
        throw InvalidParameter("initial", initial, allowed: "step, cosine or file")
      }
      if profile != nil && initial != "file" {
        throw InvalidParameter("profile", profile!, allowed: "only with --initial file")
      }
      let reporter = output.progressReporter("relaxation evolve", total: Int(stepCount), unit: "steps")
      let writer = try output.streamingWriter(columns: ["t", "x", "dM", "dm"])
      do {
        let (meta, warnings) = try RelaxationTables.streamEvolution(
          model: m, grid: grid, initial: start, times: outputTimes, timeStep: timeStep, writer: writer,
          progress: reporter.map { r in { r.advance(by: $0) } })
        try output.finish(writer, metadata: meta, warnings: warnings)
      } catch {
        writer.abandon()
        throw error
      }
    }

    private func parseTimes(_ text: String) throws -> [Double] {
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      let values = parts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard !values.isEmpty, values.allSatisfy({ $0 != nil && RelaxationRanges.time.contains($0!) }) else {
        throw InvalidParameter("times", text, allowed: "comma-separated times from 0 to 1e12 (units of 1/r)")
      }
      let t = values.map { $0! }
      guard zip(t, t.dropFirst()).allSatisfy({ $0 <= $1 }) else {
        throw InvalidParameter("times", text, allowed: "times in ascending order")
      }
      return t
    }
  }
}
