import Diagnostics

extension Computation {
  /// The table of this computation over a grid, through the one sweep path (``StudyRequest`` →
  /// ``Study`` → ``StudyRunner/computeTable(study:model:checkpointDirectory:fresh:progress:progressAfter:log:shouldStop:)``):
  /// what figures and library users call instead of looping over `evaluate` themselves.
  ///
  /// `fixed` holds parameter values by id (the rest keep their defaults); `sweeps` (outer first,
  /// at most two) list each swept id with its values; `columns` picks outputs (nil: all).
  /// Columns of the result: the swept ids, then the outputs. Throws ``/Diagnostics/InvalidParameter`` for a
  /// value outside its domain or a failing cross-parameter check, before any point runs.
  public func table(
    fixed: [String: ParameterValue] = [:], sweeps: [(id: String, values: [ParameterValue])] = [],
    columns: [String]? = nil
  ) throws -> ResultTable {
    let study = try study(fixed: fixed, sweeps: sweeps, columns: columns)
    return try StudyRunner.computeTable(study: study, model: self, checkpointDirectory: nil).table
  }

  /// The ``Study`` that ``table(fixed:sweeps:columns:)`` computes (its points, columns and
  /// fingerprint), checked as there; for front ends that run it themselves (e.g. with an
  /// interruption flag, ``StudyRunner/computeTable(study:model:checkpointDirectory:fresh:progress:progressAfter:log:shouldStop:)``).
  public func study(
    fixed: [String: ParameterValue] = [:], sweeps: [(id: String, values: [ParameterValue])] = [],
    columns: [String]? = nil
  ) throws -> Study {
    var request = StudyRequest(computation: self)
    for (id, value) in fixed {
      guard let p = parameters.first(where: { $0.id == id }) else {
        throw InvalidParameter(
          id, value, allowed: "a parameter of \(name): " + parameters.map(\.id).joined(separator: ", "))
      }
      try p.validate(value)
    }
    request.given = parameters.compactMap { p in fixed[p.id].map { (p.id, $0) } }
    request.sweeps = sweeps.map { ($0.id, StudyRequest.Sweep.values($0.values)) }
    request.columns = columns
    return try request.study()
  }
}
