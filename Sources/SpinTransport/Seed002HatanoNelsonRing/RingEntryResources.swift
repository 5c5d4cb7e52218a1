import Diagnostics
import Foundation
import Studies
import TightBinding

/// Memory checks and time announcements of the ring entries (Karmakar, Ganguly and Maiti), run by each entry's
/// `prepare(points, log:)` before any point is computed (CLI, `run` and `reproduce` alike).
///
/// Order matters for the CLI contract: the memory check comes first (a refusal is the only line
/// on stderr), then — when the points are dense diagonalisations, which cannot report progress
/// — one line with the estimated time, then the work.
enum RingEntryResources {
  typealias P = RingParameters

  /// What one point computes: the ring, the concrete path (never `.automatic`) and the workload.
  struct Plan {
    let ring: HatanoNelsonRing
    let path: RingSpectrum.Path
    let workload: RingWorkload
  }

  /// Checks every point, then the memory of the largest one (times the points running at once,
  /// one per core), then — unless it is short — announces the time on `log`.
  ///
  /// One point gives exactly the refusal of ``/TightBinding/RingResources/require(_:path:workload:parameter:value:)``;
  /// several name the largest point's `cells` with the number running at once.
  /// - Parameters:
  ///   - label: the command (`ring currents`), first word of the announcement.
  ///   - plan: the point's ring, path and workload; throws the point's parameter errors.
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming `cells` when the memory does not fit.
  static func prepare(
    _ points: [ParameterValues], label: String, log: (String) -> Void, plan: (ParameterValues) throws -> Plan
  ) throws {
    var largest: (plan: Plan, bytes: Double)?
    for v in points {
      let p = try plan(v)
      let bytes = RingResources.bytes(p.ring, path: p.path, workload: p.workload)
      if largest == nil || bytes > largest!.bytes { largest = (p, bytes) }
    }
    guard let (big, bytes) = largest else { return }
    let atOnce = min(points.count, ProcessInfo.processInfo.activeProcessorCount)
    if points.count == 1 {
      try RingResources.require(big.ring, path: big.path, workload: big.workload)
    } else {
      try MemoryBudget.require(
        Double(atOnce) * bytes, parameter: P.cells.id, value: big.ring.cells,
        what: "\(points.count) points, \(atOnce) at a time, the largest \(problem(big))")
    }
    guard let seconds = try RingResources.estimatedSeconds(big.ring, path: big.path, workload: big.workload)
    else { return }
    let total = seconds * Double(points.count) / Double(atOnce)
    guard total >= 5 else { return }
    if points.count == 1 {
      log(
        "\(label): \(problem(big)), \(RingResources.formatDuration(total)) "
          + "(a timed 256×256 zgeev scaled by n³); no progress can be shown until it ends")
    } else {
      log(
        "\(label): \(points.count) points with dense diagonalisations (the largest \(problem(big))), "
          + "\(RingResources.formatDuration(total)) (a timed 256×256 zgeev scaled by n³); "
          + "progress follows as points finish")
    }
  }

  /// "one dense 800×800 non-Hermitian eigenproblem (dense path)", or the Bloch blocks.
  static func problem(_ p: Plan) -> String {
    if p.workload == .derivative {
      let n = 4 * p.ring.cells
      return "17 dense \(n)×\(n) non-Hermitian eigenproblems (derivative method)"
    }
    let n = Int(RingResources.denseDimension(p.ring, path: p.path))
    guard n > 0 else { return "\(p.ring.cells) Bloch blocks of 4×4" }
    return "one dense \(n)×\(n) non-Hermitian eigenproblem (\(p.path.rawValue) path)"
  }
}
