import Diagnostics
import Foundation
import ModelFiles
import Studies
import TightBinding

/// `ring bond-currents` / study model `ring-bond-currents`: the persistent charge and spin
/// currents through every link of the ring (or of a model file's lattice), from the occupied
/// projector of the dense path (docs/model-reference.md; ``/TightBinding/PersistentCurrents/bondCurrents(_:mu:temperature:denseProjector:)``).
///
/// Charge is conserved at every site also for a non-Hermitian ring (the biorthogonal occupied
/// projector commutes with H), so on a ring every link carries the total current of
/// `ring currents` (Kirchhoff); spin currents change from link to link where a non-collinear
/// field exerts a torque. Charge in A, spin in eV, per unit length of the link.
public struct RingBondCurrentsComputation: Computation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once (``RingModelFiles/specialize(_:modelFile:)``).
  var compiledModel: CompiledModelFile<TightBindingModelFile>?
  public var name: String { "ring-bond-currents" }
  public var command: [String] { ["ring", "bond-currents"] }
  public var summary: String {
    "Persistent charge (A) and spin (eV) currents through every link of the ring, one row per link"
  }
  public var paper: Paper? { .hatanoNelsonRing }
  public var discussion: String {
    "Links are oriented along increasing position (from → to); on a ring every link carries the same charge "
      + "current, the total of `ring currents` (charge conservation), while spin currents may vary. Dense path."
  }
  typealias P = RingParameters
  public var parameters: [Parameter] {
    [P.cells] + P.hamiltonian + [P.mu, P.temperature, P.denseProjector, RingModelFiles.parameter]
  }
  public var outputs: [Column] {
    [
      Column("link", kind: .integer, "link index (0-based, in the order of the lattice's bonds)"),
      Column("from_site", kind: .integer, "site the link leaves (0-based)"),
      Column("to_site", kind: .integer, "site the link enters"),
      Column("re_charge_A", unit: "A", "Re I_b, charge current through the link"),
      Column("im_charge_A", unit: "A", "Im I_b (non-Hermitian ring)"),
      Column("re_spin_x_eV", unit: "eV", "Re I_s,b^x"),
      Column("im_spin_x_eV", unit: "eV", "Im I_s,b^x"),
      Column("re_spin_y_eV", unit: "eV", "Re I_s,b^y"),
      Column("im_spin_y_eV", unit: "eV", "Im I_s,b^y"),
      Column("re_spin_z_eV", unit: "eV", "Re I_s,b^z"),
      Column("im_spin_z_eV", unit: "eV", "Im I_s,b^z"),
    ]
  }
  public var example: [String] { ["--cells", "3", "--exchange", "0.3", "--vary", "flux-phase=0.1,0.2"] }

  public func specialized(modelFile: URL) throws -> any Computation {
    try RingModelFiles.specialize(self, modelFile: modelFile)
  }

  func lattice(_ v: ParameterValues) throws -> RingLattice {
    try RingModelFiles.build(v, compiled: compiledModel, reserved: parameters)?.lattice ?? P.ring(v).lattice()
  }

  public func check(_ v: ParameterValues) throws { _ = try lattice(v) }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    var largest: (RingLattice, Double)?
    for v in points {
      let l = try lattice(v)
      let bytes = RingResources.bytes(l, path: .dense, workload: .currents)
      if largest == nil || bytes > largest!.1 { largest = (l, bytes) }
    }
    guard let (l, bytes) = largest else { return }
    let atOnce = min(points.count, ProcessInfo.processInfo.activeProcessorCount)
    if points.count == 1 { return try RingResources.require(l, path: .dense, workload: .currents) }
    try MemoryBudget.require(
      Double(atOnce) * bytes, parameter: P.cells.id, value: l.cells,
      what: "\(points.count) points, \(atOnce) at a time, the largest of \(l.siteCount) sites (dense path)")
  }

  public func rowBound(_ v: ParameterValues) -> RowBound? {
    guard let n = v[P.cells.id]?.integer else { return nil }
    // Two links per cell on the paper's ring; at most one per bond of the cell with a model file.
    let perCell = (try? RingModelFiles.file(v, compiled: compiledModel, reserved: parameters))??.bondsPerCell ?? 2
    return RowBound(
      rows: Double(perCell) * Double(n), parameter: P.cells.id, value: "\(n)",
      what: "\(perCell) links per cell × \(n) cells")
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let r = try PersistentCurrents.bondCurrents(
      try lattice(v), mu: v.number(P.mu.id), temperature: v.number(P.temperature.id),
      denseProjector: PersistentCurrents.DenseProjector(rawValue: v.text(P.denseProjector.id))!)
    let rows = r.bonds.enumerated().map { b, bond -> [TableValue] in
      [.integer(b), .integer(bond.from), .integer(bond.to)]
        + bond.currents.all.flatMap { [TableValue.number($0.real), .number($0.imaginary)] }
    }
    var warnings = r.warnings
    if warnings.isEmpty { warnings = NonFinite.warnings(rows, columns: outputNames) }
    return StudyEvaluation(rows: rows, warnings: warnings)
  }
}
