import Diagnostics
import Foundation
import LinearAlgebra
import LongitudinalRelaxation
import ModelFiles
import Numerics

/// The initial profile of `relaxation evolve` read from a model file (`family = "profile"`):
/// dM(x) and dm(x) as expressions or a table, built into ``/LongitudinalRelaxation/RelaxationProfiles``
/// (docs/model-files.md).
///
///     [profile]   dM = …, dm = … (numbers or expressions of x and L; each defaults to 0); or
///                 table = "file.csv" with columns x, dM and optionally dm, or the same columns
///                 inline, table = { x = […], dM = […], dm = […] }
///
/// x is the position in 1/k_M (x from −L/2 to L/2) and L the grid's length, both from the
/// computation. A table is interpolated linearly onto the grid (constant beyond its ends) by
/// ``/LinearAlgebra/SampledProfile``, the mechanism of texture tables; `--profile FILE.csv` is
/// the same table without a model file. Expressions are evaluated at every grid position before
/// the evolution: a division by zero or a value beyond ±1e100 is a located error first.
public struct ProfileModelFile: Sendable {
  /// The variables expressions may read besides the parameters: position x and grid length L (1/k_M).
  public static let variables = ["x", "L"]
  /// Columns of a profile table.
  public static let tableColumns = ["x", "dM", "dm"]

  public let file: String
  public let title: String
  public let parameters: [ModelParameter]
  let source: Source

  enum Source: Sendable {
    case formula(dM: ModelValue, dm: ModelValue, at: SourceLocation, dmAt: SourceLocation)
    case table(SampledProfile, SampleTable)
  }

  public static func load(
    _ url: URL, shownAs shown: String? = nil, reserved: [Parameter] = []
  ) throws
    -> ProfileModelFile
  {
    let document = try ModelDocument.load(url, shownAs: shown)
    return try ProfileModelFile(document, directory: url.deletingLastPathComponent(), reserved: reserved)
  }

  init(_ document: ModelDocument, directory: URL, reserved: [Parameter]) throws {
    try document.expectFamily("profile")
    try document.root.checkKeys(["family", "title", "description", "params", "profile"])
    file = document.file
    title = try document.root["title"]?.string() ?? ""
    parameters = try document.parameters(reserved: reserved, variables: Self.variables)
    let names = parameters.map(\.name) + Self.variables
    let node = try document.root.required("profile", allowed: "a [profile] table with dM, dm or table")
    let t = try node.table(allowedKeys: ["dM", "dm", "table"])
    if let table = t["table"] {
      for key in ["dM", "dm"] where t[key] != nil {
        throw t[key]!.invalid("no \(key) beside table = … (the table's columns give it)")
      }
      let reader = try SampleTable.read(
        table, directory: directory, modelFile: document.file, allowed: Self.tableColumns)
      source = .table(try Self.samples(reader), reader)
    } else {
      guard t["dM"] != nil || t["dm"] != nil else {
        throw ModelFileError(
          "profile needs dM and/or dm, or table = \"file.csv\" or { x = […], dM = […] }", at: t.location)
      }
      source = .formula(
        dM: try t["dM"]?.modelValue(variables: names) ?? .constant(.zero),
        dm: try t["dm"]?.modelValue(variables: names) ?? .constant(.zero),
        at: t["dM"]?.location ?? t.location, dmAt: t["dm"]?.location ?? t.location)
    }
  }

  /// Samples x, dM, dm of a profile table read from `path` (shown as `shown`); `ignoringOtherColumns`
  /// for the `--profile` shorthand, which has always ignored other columns.
  static func samples(
    path: String, shown: String, reference: SourceLocation, ignoringOtherColumns: Bool = false
  )
    throws -> (SampledProfile, SampleTable)
  {
    let t = try SampleTable(
      path: path, shown: shown, allowed: tableColumns, reference: reference, ignoringOthers: ignoringOtherColumns)
    return (try samples(t), t)
  }

  /// Samples x, dM, dm of a profile table (dm = 0 when the column is absent).
  static func samples(_ t: SampleTable) throws -> SampledProfile {
    guard t.has("x"), t.has("dM") else {
      throw ModelFileError(
        "a profile table needs columns x and dM (allowed: x, dM, dm)", at: t.location(row: nil))
    }
    let dm = t.has("dm") ? t.column("dm") : [Double](repeating: 0, count: t.rows.count)
    return try t.samples(position: "x", columns: [t.column("dM"), dm])
  }

  /// The initial profiles on `grid` at parameter `values`.
  public func profiles(_ values: ParameterValues, grid: RelaxationGrid) throws -> RelaxationProfiles {
    switch source {
    case .table(let samples, let reader):
      do {
        return try RelaxationProfiles(grid: grid, samples: samples)
      } catch let e as SampledProfileError {
        throw reader.error(e)
      }
    case .formula(let dM, let dm, let at, let dmAt):
      let p = parameters.map { Complex($0.value(in: values), 0) } + [.zero, Complex(grid.length, 0)]
      var a: [Double] = [], b: [Double] = []
      for x in grid.positions {
        var slots = p
        slots[slots.count - 2] = Complex(x, 0)
        let u = try dM.real(slots), v = try dm.real(slots)
        guard RelaxationRanges.amplitude.contains(u) else {
          throw ModelFileError("dM = \(u) at x = \(x) (allowed: |dM| ≤ 1e100)", at: at)
        }
        guard RelaxationRanges.amplitude.contains(v) else {
          throw ModelFileError("dm = \(v) at x = \(x) (allowed: |dm| ≤ 1e100)", at: dmAt)
        }
        a.append(u)
        b.append(v)
      }
      return RelaxationProfiles(dM: a, dm: b)
    }
  }
}
