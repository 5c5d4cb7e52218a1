import Diagnostics
import Foundation

/// One study a figure's data come from: a catalogue computation with fixed values, up to two
/// sweeps and chosen columns — the study `reproduce --figure ID --save-study FILE` writes out.
///
/// The figure computes it through the one sweep path (``StudyRequest/study()`` →
/// ``StudyRunner/computeTable(study:model:checkpointDirectory:fresh:progress:progressAfter:log:shouldStop:)``),
/// the path `spintransport run` takes on the written file, so both give the same table.
/// Preconditions: the ids are the computation's parameter ids; values are checked when the
/// study is built (``study()``: ``StudyFileError`` naming the key).
public struct FigureStudy: Sendable {
  /// Names the study among its figure's (a curve or panel, e.g. `xi-0.01`): the suffix of its
  /// `--save-study` file; empty for a figure made of one study.
  public let name: String
  public let request: StudyRequest

  /// `fixed`: parameter values by id (the rest keep their defaults); `sweeps`: swept ids with
  /// their values, outer first; `columns`: chosen outputs (nil: all).
  public init(
    name: String = "", computation: any Computation, title: String, fixed: [String: ParameterValue] = [:],
    sweeps: [(id: String, values: [ParameterValue])] = [], columns: [String]? = nil
  ) {
    self.name = name
    var request = StudyRequest(computation: computation)
    request.given = computation.parameters.compactMap { p in fixed[p.id].map { (p.id, $0) } }
    request.sweeps = sweeps.map { ($0.id, StudyRequest.Sweep.values($0.values)) }
    request.columns = columns
    request.title = title
    self.request = request
  }

  /// The study file's text (docs/studies.md), what `--save-study` writes.
  public var tomlText: String { request.tomlText }

  /// The resolved study (the same parse as `spintransport run` on ``tomlText``).
  public func study() throws -> Study { try request.study() }

  /// The study's table: swept ids, then the chosen outputs, one row per output row per point.
  public func table() throws -> ResultTable {
    try StudyRunner.computeTable(study: try study(), model: request.computation, checkpointDirectory: nil).table
  }

  /// The file a study of a figure is saved to: `path` itself for a figure of one study, else
  /// `path` with `-NAME` inserted before its extension (`fig.toml` → `fig-xi-0.01.toml`).
  public static func path(_ path: String, for study: FigureStudy, of count: Int) -> String {
    guard count > 1, !study.name.isEmpty else { return path }
    let url = URL(fileURLWithPath: path)
    let ext = url.pathExtension
    let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
    return stem + "-" + study.name + (ext.isEmpty ? "" : "." + ext)
  }
}
