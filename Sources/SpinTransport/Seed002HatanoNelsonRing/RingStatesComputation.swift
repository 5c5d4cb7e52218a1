import Diagnostics
import Foundation
import ModelFiles
import Studies
import TightBinding

/// `ring states` / study model `ring-states`: every eigenstate's biorthogonal current values
/// (not summed; docs/model-reference.md), its Bloch momentum and its eigenvalue condition number.
///
/// Charge in A, spin in eV, same normalisation as the totals of `ring currents` (their sum over
/// Re E ≤ μ is the T = 0 total). Degenerate blocks are biorthonormalised (S^{-1/2}), so values
/// inside a block depend on the basis. `k_rad` is empty on the dense path. At an exceptional
/// point the coalescing states' currents are NaN with a warning (condition number); near one a
/// warning names the largest condition number.
public struct RingStatesComputation: Computation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once (``RingModelFiles/specialize(_:modelFile:)``).
  var compiledModel: CompiledModelFile<TightBindingModelFile>?
  public var name: String { "ring-states" }
  public var command: [String] { ["ring", "states"] }
  public var summary: String {
    "Per-state biorthogonal currents (A, eV) of every eigenstate of the Hatano–Nelson ring, 4N rows"
  }
  public var paper: Paper? { .hatanoNelsonRing }
  public var discussion: String {
    "k_rad is empty on the dense path; degenerate blocks are biorthonormalised (S^{-1/2})."
  }
  typealias P = RingParameters
  public var parameters: [Parameter] { [P.cells] + P.hamiltonian + [P.statesPath, RingModelFiles.parameter] }

  /// With `--model FILE`: the file's parameters in place of the paper's Hamiltonian ones.
  public func specialized(modelFile: URL) throws -> any Computation {
    try RingModelFiles.specialize(self, modelFile: modelFile)
  }
  public var outputs: [Column] {
    [
      Column("index", kind: .integer, "position in the spectrum sorted by Re E then Im E (0-based)"),
      Column("k_rad", unit: "rad", "Bloch momentum (empty on the dense path)"),
      Column("re_energy_eV", unit: "eV", "Re E"),
      Column("im_energy_eV", unit: "eV", "Im E"),
      Column("re_charge_A", unit: "A", "Re of the state's charge current"),
      Column("im_charge_A", unit: "A", "Im of the state's charge current"),
      Column("re_spin_x_eV", unit: "eV", "Re I_s^x of the state"),
      Column("im_spin_x_eV", unit: "eV", "Im I_s^x"),
      Column("re_spin_y_eV", unit: "eV", "Re I_s^y"),
      Column("im_spin_y_eV", unit: "eV", "Im I_s^y"),
      Column("re_spin_z_eV", unit: "eV", "Re I_s^z"),
      Column("im_spin_z_eV", unit: "eV", "Im I_s^z"),
      Column("condition_number", "eigenvalue condition number κ (1 for a normal matrix, ∞ at an exceptional point)"),
    ]
  }
  public var example: [String] { ["--cells", "3", "--exchange", "0.3", "--vary", "theta=0,90"] }

  /// Columns that hold currents (NaN at exceptional points, explained by their own warning).
  static let currentColumns: Set<String> = [
    "re_charge_A", "im_charge_A", "re_spin_x_eV", "im_spin_x_eV", "re_spin_y_eV", "im_spin_y_eV", "re_spin_z_eV",
    "im_spin_z_eV",
  ]

  func path(_ v: ParameterValues) -> RingSpectrum.Path { RingSpectrum.Path(rawValue: v.text(P.statesPath.id))! }

  /// Bloch when it resolves to Bloch, else the full dense problem (what ``/TightBinding/PersistentCurrents/states(_:path:progress:)-(HatanoNelsonRing,_,_)`` runs).
  func concretePath(_ v: ParameterValues, _ ring: HatanoNelsonRing) throws -> RingSpectrum.Path {
    try RingSpectrum.concretePath(path(v), ring) == .bloch ? .bloch : .dense
  }

  public func check(_ v: ParameterValues) throws {
    if let model = try RingModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      _ = try model.lattice.concretePath(path(v))
      return
    }
    _ = try concretePath(v, try P.ring(v))
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    if points.contains(where: { $0[RingModelFiles.parameter.id] != nil }) {
      return try RingModelFiles.prepare(
        points, compiled: compiledModel, reserved: parameters, workload: .states, check: check
      ) { v, lattice in
        try lattice.concretePath(path(v))
      }
    }
    try RingEntryResources.prepare(points, label: "ring states", log: log) { v in
      let ring = try P.ring(v)
      return .init(ring: ring, path: try concretePath(v, ring), workload: .states)
    }
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let states: [StateCurrent]
    if let model = try RingModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      states = try PersistentCurrents.states(model.lattice, path: path(v))
    } else {
      // Trusts `check`: the ring assembled without validation, the path `check` chose.
      let ring = P.assembledRing(v)
      let concrete: RingSpectrum.Path = path(v).concrete(for: ring) == .bloch ? .bloch : .dense
      states = try PersistentCurrents.states(checked: ring, concretePath: concrete)
    }
    var rows: [[TableValue]] = []
    rows.reserveCapacity(states.count)
    for (i, s) in states.enumerated() {
      var row: [TableValue] = [.integer(i), s.momentum.map(TableValue.number) ?? .text("")]
      row += [s.energy.real, s.energy.imaginary].map(TableValue.number)
      for c in s.currents.all { row += [.number(c.real), .number(c.imaginary)] }
      row.append(.number(s.conditionNumber))
      rows.append(row)
    }
    var warnings: [NumericalWarning] = []
    let worst = states.map(\.conditionNumber).max() ?? 1
    let undefined = states.filter { !$0.currents.charge.isFinite }.count
    if undefined > 0 {
      warnings.append(
        NumericalWarning(
          kind: "exceptional-point",
          message: "\(undefined) state(s) at an exceptional point (eigenvalue condition number up to "
            + "\(String(format: "%.3g", worst)) ≥ \(String(format: "%.0g", PersistentCurrents.numericallyDefectiveCondition))): "
            + "their per-state currents diverge there and are reported as NaN; totals stay defined (ring currents)",
          value: worst))
    } else if worst > PersistentCurrents.conditionWarningThreshold {
      warnings.append(
        NumericalWarning(
          kind: "exceptional-point",
          message: "near an exceptional point: largest eigenvalue condition number \(String(format: "%.3g", worst)); "
            + "per-state values of the affected states are unreliable", value: worst))
    }
    warnings += NonFinite.warnings(rows, columns: outputNames, skipping: undefined > 0 ? Self.currentColumns : [])
    return StudyEvaluation(rows: rows, warnings: warnings)
  }
}
