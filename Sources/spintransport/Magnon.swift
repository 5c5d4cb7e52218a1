import ArgumentParser
import Diagnostics
import Foundation
import SpinWaves
import Studies

extension SpinTransportCLI {
  /// `spintransport magnon …`: the Heisenberg ring in a crown field (seed 000, MODELS.md §B).
  struct Magnon: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Magnon persistent spin current of a ferromagnetic Heisenberg ring in a crown field (seed 000).",
      discussion: """
        Units: J and T in kelvin, |B| in tesla, latitude in degrees, lengths in metres. Sites are
        numbered clockwise seen from +z; a positive current flows i -> i+1 (see docs/spin-waves.md).
        """,
      subcommands: [GroundState.self, Current.self, Potential.self])
  }
}

/// The crown-ring model options shared by every `magnon` subcommand.
struct CrownOptions: ParsableArguments {
  @Option(name: .customLong("spins"), help: "Number of spins N (integer ≥ 3).")
  var spins: Int = 100
  @Option(name: .customLong("spin"), help: "Spin length S (> 0).")
  var spin: Double = 0.5
  @Option(name: .customLong("exchange"), help: "Ferromagnetic exchange J in kelvin (> 0); H = −J Σ S_i·S_{i+1}.")
  var exchange: Double = 100
  @Option(name: .customLong("field"), help: "Field magnitude |B| in tesla (> 0); required unless swept.")
  var field: Double?
  @Option(name: .customLong("g"), help: "g factor (> 0).")
  var g: Double = 2
  @Option(name: .customLong("latitude"), help: "Field polar angle ϑ in degrees, [0, 180]; required unless swept.")
  var latitude: Double?

  /// The model (a swept field/latitude is filled in per point by ``MagnonSweep``).
  var parameters: CrownParameters {
    CrownParameters(
      spins: spins, spinLength: spin, exchange: exchange, fieldTesla: field ?? 1, g: g, latitudeDegrees: latitude ?? 0)
  }

  /// Checks presence (unless `swept` names the option) and ranges of every model option.
  func check(sweeping swept: String?) throws {
    if field == nil && swept != "field" { throw ValidationError("Missing --field (tesla).") }
    if latitude == nil && swept != "latitude" { throw ValidationError("Missing --latitude (degrees).") }
    try asValidationError { try parameters.validate() }
  }
}

/// Runs `body`, turning an ``InvalidParameter`` into argument-parser's `ValidationError` (same one-line
/// text): errors thrown from `validate()` reach `main()` wrapped, and only validation errors map to exit 2.
func asValidationError(_ body: () throws -> Void) throws {
  do { try body() } catch let invalid as InvalidParameter { throw ValidationError(invalid.description) }
}

/// `--vary NAME=START:STOP:COUNT` over temperature, field, latitude or spins (N).
struct MagnonSweep {
  let range: SweepRange

  init(_ text: String, allowed: [String]) throws {
    var r = try SweepRange(parsing: text, allowedNames: allowed + (allowed.contains("spins") ? ["N"] : []))
    if r.name == "N" { r = SweepRange(name: "spins", start: r.start, stop: r.stop, count: r.count) }
    range = r
  }

  var column: String {
    switch range.name {
    case "temperature": return "temperature_K"
    case "field": return "field_T"
    case "latitude": return "latitude_deg"
    default: return "spins"
    }
  }

  /// Values, with N rounded to integers (and rejected unless integral).
  func values() throws -> [Double] {
    let v = range.values
    if range.name == "spins" {
      for x in v where x.rounded() != x || x < 3 {
        throw InvalidParameter("vary", "spins=\(x)", allowed: "integer N ≥ 3 at every point (choose COUNT accordingly)")
      }
    }
    return v
  }

  /// The model at sweep value `x` (validated).
  func parameters(_ base: CrownParameters, _ x: Double) throws -> CrownParameters {
    var p = base
    switch range.name {
    case "field": p.fieldTesla = x
    case "latitude": p.latitudeDegrees = x
    case "spins": p.spins = Int(x)
    default: break
    }
    try p.validate()
    return p
  }
}

extension CrownStudy.GroundState {
  /// Row of `magnon ground-state`.
  var row: [Double] {
    [
      thetaMDegrees, solidAngle, parameters.gapKelvin, parameters.zeemanKelvin, parameters.paperRadialCondition ? 1 : 0,
      residual, thetaMEq14Degrees, capSolidAngle, smallestHessianEigenvalue, isStableMinimum ? 1 : 0, isRadial ? 1 : 0,
      energy, otherStartsLowestEnergy, magnonGapOnTexture, parameters.fieldForZeemanEqualToGap,
    ]
  }

  static let columns = [
    "theta_m_deg", "solid_angle", "gap_K", "zeeman_K", "radial_valid", "residual", "theta_m_eq14_deg",
    "cap_solid_angle", "hessian_min_K", "stable_minimum", "is_radial", "energy_K", "other_starts_min_energy_K",
    "magnon_gap_on_texture_K", "field_for_gap_T",
  ]
}

func parameterMetadata(_ p: CrownParameters, sweep: String? = nil) -> [String: JSONValue] {
  var meta: [String: JSONValue] = [
    "spins": .integer(p.spins), "spin": .number(p.spinLength), "exchange_K": .number(p.exchange),
    "field_T": .number(p.fieldTesla), "g": .number(p.g), "latitude_deg": .number(p.latitudeDegrees),
    "convention": .string("sites clockwise about +z; Omega = exact geodesic solid angle, branch (-2pi, 2pi]"),
  ]
  if let sweep {  // the swept parameter's fixed value is meaningless: record the sweep instead
    let r = try? SweepRange(parsing: sweep)
    let key = [
      "field": "field_T", "latitude": "latitude_deg", "spins": "spins", "N": "spins", "temperature": "temperature_K",
    ]
    if let r, let k = key[r.name] { meta[k] = .string("swept \(r.start):\(r.stop):\(r.count)") }
  }
  return meta
}

extension SpinTransportCLI.Magnon {
  struct GroundState: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ground-state",
      abstract: "Classical ground state (general solver), Ω, gap Δ and Zeeman |h| in K, residual and Hessian.",
      discussion: """
        Columns: theta_m_deg, solid_angle, gap_K, zeeman_K, radial_valid (paper's |h| ≥ Δ),
        residual (max|m×h_eff|, K), theta_m_eq14_deg, cap_solid_angle, hessian_min_K, stable_minimum,
        is_radial, energy_K, other_starts_min_energy_K, magnon_gap_on_texture_K (LSWT band bottom h*),
        field_for_gap_T (|B| with gμ_B|B| = Δ). With --vary the varied
        parameter is the first column.
        """)

    @OptionGroup var model: CrownOptions
    @Option(name: .long, help: "Sweep NAME=START:STOP:COUNT, NAME ∈ field, latitude, spins.")
    var vary: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
      var swept: String?
      try asValidationError {
        if let vary {
          let sweep = try MagnonSweep(vary, allowed: ["field", "latitude", "spins"])
          swept = sweep.range.name
          for x in try sweep.values() { _ = try sweep.parameters(model.parameters, x) }
        }
      }
      try model.check(sweeping: swept)
    }

    func run() throws {
      var table: ResultTable
      if let vary {
        let sweep = try MagnonSweep(vary, allowed: ["field", "latitude", "spins"])
        let values = try sweep.values()
        let base = model.parameters
        let results = try parallelMap(values) { x in try CrownStudy.groundState(try sweep.parameters(base, x)) }
        table = ResultTable(columns: [sweep.column] + CrownStudy.GroundState.columns)
        for (x, r) in zip(values, results) {
          table.append([x] + r.row)
          table.warnings += r.warnings
        }
      } else {
        let r = try CrownStudy.groundState(model.parameters)
        table = ResultTable(columns: CrownStudy.GroundState.columns)
        table.append(r.row)
        table.warnings = r.warnings
      }
      table.metadata = parameterMetadata(model.parameters, sweep: vary)
      try output.emit(table)
    }
  }
}
