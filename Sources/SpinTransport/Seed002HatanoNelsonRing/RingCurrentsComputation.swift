import Diagnostics
import Foundation
import ModelFiles
import Studies
import TightBinding

/// `ring currents` (alias `ring sweep`, which requires `--vary`) / study model `ring-currents`:
/// persistent charge and spin currents of the ferromagnetic Hatano–Nelson ring (docs/model-reference.md).
///
/// Operator method: ⟨O⟩ = Tr(P O) with the biorthogonal occupied projector (Re E ≤ μ at T = 0,
/// Fermi weights of Re E at T > 0); derivative method: twist derivatives of the occupied energy
/// (T = 0 only, dense path). Charge current in A, spin currents in eV. Near an exceptional point
/// the currents carry a warning with the eigenvalue condition number; at one they are NaN with
/// that warning. The dense path at T = 0 takes the occupied projector from the matrix sign
/// function unless `dense-projector = eigenvectors` (it then warns only where the totals are in
/// trouble: see `PersistentCurrents+MatrixSign.swift` in TightBinding). Memory is checked for the largest point before any runs.
public struct RingCurrentsComputation: Computation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once (``RingModelFiles/specialize(_:modelFile:)``).
  var compiledModel: CompiledModelFile<TightBindingModelFile>?
  public var name: String { "ring-currents" }
  public var command: [String] { ["ring", "currents"] }
  public var summary: String {
    "Persistent charge (A) and spin (eV) currents of the ferromagnetic Hatano–Nelson ring"
  }
  public var paper: Paper? { .hatanoNelsonRing }
  public var discussion: String {
    "Real and imaginary parts of the total currents of the occupied states. `ring sweep` is the same entry "
      + "and requires --vary (NAME one of flux-phase, mu, theta, azimuth, exchange, cells, aah, gamma, …)."
  }
  typealias P = RingParameters
  public var parameters: [Parameter] {
    [P.cells] + P.hamiltonian + [P.mu, P.temperature, P.method, P.path, P.denseProjector, RingModelFiles.parameter]
  }

  /// With `--model FILE`: the file's parameters in place of the paper's Hamiltonian ones.
  public func specialized(modelFile: URL) throws -> any Computation {
    try RingModelFiles.specialize(self, modelFile: modelFile)
  }
  public var outputs: [Column] {
    [
      Column("re_charge_A", unit: "A", "Re I, persistent charge current"),
      Column("im_charge_A", unit: "A", "Im I (non-Hermitian ring)"),
      Column("re_spin_x_eV", unit: "eV", "Re I_s^x, spin current (x)"),
      Column("im_spin_x_eV", unit: "eV", "Im I_s^x"),
      Column("re_spin_y_eV", unit: "eV", "Re I_s^y"),
      Column("im_spin_y_eV", unit: "eV", "Im I_s^y"),
      Column("re_spin_z_eV", unit: "eV", "Re I_s^z"),
      Column("im_spin_z_eV", unit: "eV", "Im I_s^z"),
    ]
  }
  public var example: [String] {
    ["--cells", "10", "--exchange", "0.3", "--theta", "30", "--vary", "flux-phase=0:0.3:4"]
  }

  /// Notes on points where the currents are small for a physical reason, with the number that
  /// shows it: μ in a gap of the clean ring's bands (``/TightBinding/HatanoNelsonRing/bandGap(containing:samples:)``).
  static func notes(_ ring: HatanoNelsonRing, mu: Double) -> [NumericalWarning] {
    guard let gap = ring.bandGap(containing: mu) else { return [] }
    let distance = min(mu - gap.lower, gap.upper - mu)
    func edge(_ x: Double) -> String { String(format: "%.4g eV", x) }
    // The text names the gap, not μ, so a sweep groups its points by gap (one line per gap).
    let message: String
    if !gap.lower.isFinite {
      message =
        "μ lies below every band (lowest edge \(edge(gap.upper))): no state is occupied and the currents vanish; "
        + "choose μ inside a band (see `spintransport ring bands`)"
    } else if !gap.upper.isFinite {
      message =
        "μ lies above every band (highest edge \(edge(gap.lower))): every band is filled and the currents are only "
        + "a finite-size remainder; choose μ inside a band (see `spintransport ring bands`)"
    } else {
      message =
        "μ lies in the gap between the bands at \(edge(gap.lower)) and \(edge(gap.upper)): whole bands are filled "
        + "and the currents are only a finite-size remainder; choose μ inside a band (see `spintransport ring bands`)"
    }
    return [NumericalWarning(kind: "mu-in-gap", message: message, value: distance)]
  }

  func method(_ v: ParameterValues) -> CurrentMethod { CurrentMethod(rawValue: v.text(P.method.id))! }
  func path(_ v: ParameterValues) -> RingSpectrum.Path { RingSpectrum.Path(rawValue: v.text(P.path.id))! }

  /// The ring and the path of one point, checked once: the ring's parameters, T with the
  /// method, the path (``/TightBinding/PersistentCurrents/check(_:mu:temperature:method:path:)``).
  func plan(_ v: ParameterValues) throws -> RingEntryResources.Plan {
    let ring = P.assembledRing(v)
    let concrete = try PersistentCurrents.check(
      ring, mu: v.number(P.mu.id), temperature: v.number(P.temperature.id), method: method(v), path: path(v))
    return .init(ring: ring, path: concrete, workload: method(v) == .derivative ? .derivative : .currents)
  }

  /// The path a model file's lattice runs on, checked: T = 0 with the derivative method, the
  /// path (the lattice's own: Bloch only when translation invariant).
  func modelPath(_ v: ParameterValues, _ lattice: RingLattice) throws -> RingSpectrum.Path {
    if method(v) == .derivative, v.number(P.temperature.id) > 0 {
      throw P.temperature.invalid(
        v[P.temperature.id]!, allowed: "0 with method = derivative (T > 0 needs method = operator)")
    }
    let concrete = try lattice.concretePath(path(v))
    return method(v) == .derivative ? .dense : concrete
  }

  public func check(_ v: ParameterValues) throws {
    if let model = try RingModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      _ = try modelPath(v, model.lattice)
    } else {
      _ = try plan(v)
    }
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    if points.contains(where: { $0[RingModelFiles.parameter.id] != nil }) {
      return try RingModelFiles.prepare(
        points, compiled: compiledModel, reserved: parameters, workload: .currents, check: check, path: modelPath)
    }
    try RingEntryResources.prepare(points, label: "ring currents", log: log, plan: plan)
  }

  /// Trusts `check`: the ring is assembled without validation and the path is the one `check` chose.
  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let mu = v.number(P.mu.id)
    let projector = PersistentCurrents.DenseProjector(rawValue: v.text(P.denseProjector.id))!
    let r: PersistentCurrentResult
    var ring: HatanoNelsonRing?
    if let model = try RingModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      r = try PersistentCurrents.compute(
        model.lattice, mu: mu, temperature: v.number(P.temperature.id), method: method(v), path: path(v),
        denseProjector: projector)
    } else {
      let checked = P.assembledRing(v)
      ring = checked
      r = try PersistentCurrents.compute(
        checked: checked, mu: mu, temperature: v.number(P.temperature.id), method: method(v),
        concretePath: method(v) == .derivative ? .dense : path(v).concrete(for: checked), denseProjector: projector)
    }
    let c = r.currents
    let row = [c.charge.real, c.charge.imaginary] + c.spin.flatMap { [$0.real, $0.imaginary] }
    var warnings = r.warnings
    // Never a silent NaN: non-finite values without a warning of their own are named.
    if warnings.isEmpty { warnings = NonFinite.warnings([row.map(TableValue.number)], columns: outputNames) }
    if let ring { warnings += Self.notes(ring, mu: mu) }
    return StudyEvaluation(row: row, warnings: warnings)
  }
}
