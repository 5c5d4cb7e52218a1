import Diagnostics
import Foundation
import SpinWaves
import Studies

/// What the three `magnon` entries share: the ground state of one point (remembered by the entry
/// value, so a temperature or method sweep solves each ring once), the whole-study memory check and
/// the warnings for non-finite cells.
enum CrownGroundStates {
  typealias P = CrownRingParameters

  /// The classical ground state at one point (``CrownStudy/groundState(_:randomStarts:route:progress:)``),
  /// looked up in and stored into `memory`, the entry's own.
  ///
  /// Deterministic (seeded random starts), so a remembered result is bit-identical to a fresh
  /// one; up to ``capacity`` results of rings with N ≤ ``largestRemembered`` are kept.
  static func groundState(_ v: ParameterValues, memory: Memory) throws -> CrownStudy.GroundState {
    let crown = try P.crown(v)
    let starts = v.integer(P.randomStarts.id), route = P.route(v)
    let key = Key(parameters: crown, randomStarts: starts, dense: route == .dense)
    if let known = memory.value(key) { return known }
    let ground = try CrownStudy.groundState(crown, randomStarts: starts, route: route)
    if crown.spins <= largestRemembered { memory.store(ground, key) }
    return ground
  }

  static let capacity = 64
  static let largestRemembered = 20_000

  struct Key: Hashable {
    let spins: Int
    let bits: [UInt64]
    let randomStarts: Int
    let dense: Bool
    init(parameters p: CrownRing, randomStarts: Int, dense: Bool) {
      spins = p.spins
      bits = [p.spinLength, p.exchange, p.fieldTesla, p.g, p.latitudeDegrees].map(\.bitPattern)
      self.randomStarts = randomStarts
      self.dense = dense
    }
  }

  /// A small first-in first-out store of ground states, safe across threads. Each `magnon` entry
  /// value owns one (the model a study runner is handed), so it lives as long as that run's model,
  /// never as a process-wide global; bounded by ``capacity``.
  final class Memory: @unchecked Sendable {
    private var values: [Key: CrownStudy.GroundState] = [:]
    private var order: [Key] = []
    private let lock = NSLock()
    func value(_ key: Key) -> CrownStudy.GroundState? {
      lock.lock()
      defer { lock.unlock() }
      return values[key]
    }
    func store(_ value: CrownStudy.GroundState, _ key: Key) {
      lock.lock()
      defer { lock.unlock() }
      if values.updateValue(value, forKey: key) == nil { order.append(key) }
      while order.count > CrownGroundStates.capacity { values[order.removeFirst()] = nil }
    }
  }

  /// Refuses a study whose memory estimate does not fit, before anything is allocated: every
  /// point's result (a texture of N directions and a row each) plus one ground-state search
  /// (and, with LSWT, one spectrum) per core running at once, all at the study's largest N;
  /// `extra` adds per-point bytes (a potential grid). Each point is checked first.
  static func prepare(
    _ points: [ParameterValues], check: (ParameterValues) throws -> Void,
    extra: (ParameterValues) -> Double = { _ in 0 }
  ) throws {
    for point in points { try check(point) }
    guard let largest = points.max(by: { $0.integer(P.spins.id) < $1.integer(P.spins.id) }) else { return }
    let n = largest.integer(P.spins.id)
    let lswt = points.contains { $0[P.method.id]?.text == CrownStudy.CurrentMethod.lswt.rawValue }
    let dense = points.contains { P.route($0) == .dense }
    let starts = points.map { $0.integer(P.randomStarts.id) }.max() ?? 2
    let count = Double(points.count)
    let concurrent = min(count, Double(ProcessInfo.processInfo.activeProcessorCount))
    var perSolve = CrownStudy.groundStateBytes(spins: n, randomStarts: starts, route: dense ? .dense : .automatic)
    if lswt { perSolve += CrownStudy.lswtBytes(spins: n) }
    let perPoint = points.map(extra).max() ?? 0
    let bytes = count * (24 * Double(n) + 2048) + concurrent * (perSolve + perPoint)
    let what =
      points.count == 1
      ? "one point at N = \(n)" + (lswt ? " with LSWT (method = lswt: dense 2N×2N complex matrices)" : "")
      : "\(points.count) points at N ≤ \(n)" + (lswt ? " with LSWT" : "")
    try MemoryBudget.require(bytes, parameter: P.spins.id, value: n, what: what)
  }
}
