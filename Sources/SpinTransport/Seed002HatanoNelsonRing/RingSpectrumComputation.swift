import Diagnostics
import Foundation
import ModelFiles
import Numerics
import Studies
import TightBinding

/// `ring spectrum` / study model `ring-spectrum`: the complex single-particle spectrum of the
/// ferromagnetic Hatano–Nelson ring (docs/model-reference.md), 4N eigenvalues E (eV) sorted by Re E then Im E.
///
/// Paths: Bloch (N blocks of 4×4, clean rings), spin-resolved (two 2N×2N blocks) or dense
/// (one 4N×4N zgeev); `automatic` takes Bloch when W = 0, else spin-resolved. The Bloch path on a
/// disordered ring is refused (`aah`). Memory is checked for the largest point before any runs.
public struct RingSpectrumComputation: Computation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once (``RingModelFiles/specialize(_:modelFile:)``).
  var compiledModel: CompiledModelFile<TightBindingModelFile>?
  public var name: String { "ring-spectrum" }
  public var command: [String] { ["ring", "spectrum"] }
  public var summary: String {
    "Complex single-particle spectrum E (eV) of the ferromagnetic Hatano–Nelson ring, 4N rows"
  }
  public var paper: Paper? { .hatanoNelsonRing }
  public var discussion: String {
    "One row per eigenvalue, sorted by Re E then Im E. Clean rings (--aah 0) use the Bloch path (N blocks of "
      + "4×4), disordered rings the spin-resolved dense path."
  }
  typealias P = RingParameters
  public var parameters: [Parameter] { [P.cells] + P.hamiltonian + [P.path, RingModelFiles.parameter] }

  /// With `--model FILE`: the file's parameters in place of the paper's Hamiltonian ones.
  public func specialized(modelFile: URL) throws -> any Computation {
    try RingModelFiles.specialize(self, modelFile: modelFile)
  }
  public var outputs: [Column] {
    [
      Column("index", kind: .integer, "position of the eigenvalue in the sorted spectrum (0-based)"),
      Column("re_energy_eV", unit: "eV", "Re E"),
      Column("im_energy_eV", unit: "eV", "Im E (non-Hermitian ring)"),
    ]
  }
  public var example: [String] { ["--cells", "4", "--exchange", "0.3", "--vary", "flux-phase=0:0.3:3"] }

  func path(_ v: ParameterValues) -> RingSpectrum.Path { RingSpectrum.Path(rawValue: v.text(P.path.id))! }

  public func check(_ v: ParameterValues) throws {
    if let model = try RingModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      _ = try model.lattice.concretePath(path(v))
      return
    }
    _ = try RingSpectrum.concretePath(path(v), try P.ring(v))
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    if points.contains(where: { $0[RingModelFiles.parameter.id] != nil }) {
      return try RingModelFiles.prepare(
        points, compiled: compiledModel, reserved: parameters, workload: .spectrum, check: check
      ) { v, lattice in
        try lattice.concretePath(path(v))
      }
    }
    try RingEntryResources.prepare(points, label: "ring spectrum", log: log) { v in
      let ring = try P.ring(v)
      return .init(ring: ring, path: try RingSpectrum.concretePath(path(v), ring), workload: .spectrum)
    }
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let e: [Complex<Double>]
    if let model = try RingModelFiles.build(v, compiled: compiledModel, reserved: parameters) {
      e = try RingSpectrum.eigenvalues(of: model.lattice, path: path(v))
    } else {
      // Trusts `check`: the ring assembled without validation, the path `check` chose.
      let ring = P.assembledRing(v)
      e = try RingSpectrum.eigenvalues(checked: ring, concretePath: path(v).concrete(for: ring))
    }
    let rows = e.enumerated().map { i, x -> [TableValue] in [.integer(i), .number(x.real), .number(x.imaginary)] }
    return StudyEvaluation(rows: rows, warnings: NonFinite.warnings(rows, columns: outputNames))
  }
}
