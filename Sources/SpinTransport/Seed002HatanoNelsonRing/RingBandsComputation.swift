import Diagnostics
import Foundation
import ModelFiles
import Studies
import TightBinding

/// `ring bands` / study model `ring-bands`: the four complex bands E(k) of the clean ring,
/// k ∈ [−π, π] (closed form, docs/model-reference.md; checked against the Bloch and dense diagonalisations
/// in the tests). No ring size: the bands are those of the infinite ring.
///
/// Rows: for each k, the branches up+, up-, down+, down- (spin s = ±1 along the moments, ± the
/// root). Memory of all rows is checked before any point runs; a table of more than 10⁵ k-points
/// announces its time (a timed 2000-k-point table scaled linearly).
public struct RingBandsComputation: Computation, ModelFileEntry {
  public init() {}
  /// The model file this entry is specialised for, read once (``RingModelFiles/specialize(_:modelFile:)``).
  var compiledModel: CompiledModelFile<TightBindingModelFile>?
  public var name: String { "ring-bands" }
  public var command: [String] { ["ring", "bands"] }
  public var summary: String {
    "Complex bands E(k) (eV) of the clean ferromagnetic Hatano–Nelson ring, k ∈ [−π, π]"
  }
  public var paper: Paper? { .hatanoNelsonRing }
  public var discussion: String {
    "Four rows per k: band up+, up-, down+, down- (spin along the moments, ± the root). The disorder W "
      + "is ignored (bands of the clean ring)."
  }
  typealias P = RingParameters
  /// The clean ring's Hamiltonian (bands need translation symmetry: no AAH or Anderson disorder).
  public var parameters: [Parameter] {
    P.hamiltonian.filter { ![P.aah.id, P.anderson.id, P.seed.id, P.realisation.id].contains($0.id) } + [
      P.kPoints, RingModelFiles.parameter,
    ]
  }

  /// With `--model FILE`: the bands of the file's cell (2p bands, labelled 1…2p by Re E at each k).
  public func specialized(modelFile: URL) throws -> any Computation {
    try RingModelFiles.specialize(self, modelFile: modelFile)
  }

  /// The Bloch form of the model file at `v`, or nil for the paper's ring.
  func modelForm(_ v: ParameterValues) throws -> BlochForm? {
    guard let file = try RingModelFiles.file(v, compiled: compiledModel, reserved: parameters) else { return nil }
    return try file.blochForm(file.point(v))
  }
  public var outputs: [Column] {
    [
      Column("k_rad", unit: "rad", "Bloch momentum k"),
      Column("band", kind: .text, "branch: up+, up-, down+, down- (with a model file: 1…2p in order of Re E)"),
      Column("re_energy_eV", unit: "eV", "Re E(k)"),
      Column("im_energy_eV", unit: "eV", "Im E(k)"),
    ]
  }
  public var example: [String] { ["--k-points", "5", "--vary", "gamma=0.5,1.5"] }

  public func check(_ v: ParameterValues) throws {
    if try modelForm(v) != nil { return }
    _ = try P.ring(v, cells: 2)
  }

  public func prepare(_ points: [ParameterValues], log: @Sendable (String) -> Void) throws {
    var total = 0.0
    var rows = 0.0
    var largest = 0
    for v in points {
      let form = try modelForm(v)  // a model file's point is checked by building its Bloch form
      if form == nil { try check(v) }
      let k = v.integer(P.kPoints.id)
      let bands = Double(form?.dimension ?? 4)
      total += bands / 4 * RingSpectrum.bandBytes(kPoints: k)
      rows += bands * Double(k)
      largest = max(largest, k)
    }
    guard let first = points.first else { return }
    try MemoryBudget.require(
      total, parameter: P.kPoints.id, value: largest,
      what: points.count == 1
        ? "\(largest) k-points × 4 bands of table rows"
        : "\(points.count) points of up to \(largest) k-points × 4 bands of table rows")
    guard rows > 400_000 else { return }
    let sample = 2000
    var v = first
    v[P.kPoints.id] = .number(Double(sample))
    let start = Date()
    var table = ResultTable(columns: outputNames)
    for row in try evaluate(v).rows { table.append(row) }
    _ = try table.rendered(.csv)
    let seconds = Date().timeIntervalSince(start) * rows / Double(4 * sample)
    guard seconds >= 5 else { return }
    log(
      "ring bands: \(Int(rows)) rows × 4 columns, \(RingResources.formatDuration(seconds)) to build and write "
        + "(a timed \(sample)-k-point table scaled linearly)")
  }

  public func evaluate(_ v: ParameterValues) throws -> StudyEvaluation {
    let rows: [[TableValue]]
    if let form = try modelForm(v) {
      rows = try RingSpectrum.bands(of: form, kPoints: v.integer(P.kPoints.id)).map { x -> [TableValue] in
        [.number(x.k), .text("\(x.band + 1)"), .number(x.energy.real), .number(x.energy.imaginary)]
      }
    } else {
      rows = try RingSpectrum.bands(of: try P.ring(v, cells: 2), kPoints: v.integer(P.kPoints.id)).map {
        x -> [TableValue] in
        [.number(x.k), .text(x.band), .number(x.energy.real), .number(x.energy.imaginary)]
      }
    }
    return StudyEvaluation(rows: rows, warnings: NonFinite.warnings(rows, columns: outputNames))
  }
}
