import Diagnostics
import LinearAlgebra

extension SteadySpinProblem {
  /// The default start of a time evolution: m = 0 inside, the Dirichlet values at open ends.
  func restAccumulation() -> [Vector3] {
    let n = grid.count
    var m = [Vector3](repeating: .zero, count: n)
    if !grid.isPeriodic {
      if case .dirichlet(let v) = left { m[0] = v }
      if case .dirichlet(let v) = right { m[n - 1] = v }
    }
    return m
  }

  /// The start of an evolution: `initial` (nil: ``restAccumulation()``) with the Dirichlet ends
  /// set to this problem's values, which hold from t = 0 (a start from another problem's steady
  /// state, e.g. before a layer is switched, carries that problem's end values).
  func startingAccumulation(_ initial: [Vector3]?) -> [Vector3] {
    guard var start = initial else { return restAccumulation() }
    let rest = restAccumulation()
    for (i, fixed) in prescribedNodes().enumerated() where fixed && start.indices.contains(i) { start[i] = rest[i] }
    return start
  }

  /// Whether node i's accumulation is prescribed (a Dirichlet end of an open grid: ṁ = 0).
  func prescribedNodes() -> [Bool] {
    var fixed = [Bool](repeating: false, count: grid.count)
    if !grid.isPeriodic {
      if case .dirichlet = left { fixed[0] = true }
      if case .dirichlet = right { fixed[grid.count - 1] = true }
    }
    return fixed
  }

  /// Checks the output times of an evolution: finite, ≥ 0 and ascending (s); else
  /// ``/Diagnostics/InvalidParameter`` named `times`.
  static func requireOutputTimes(_ times: [Double]) throws {
    guard times.allSatisfy({ $0.isFinite && $0 >= 0 }), zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) else {
      throw InvalidParameter("times", times.map { "\($0)" }.joined(separator: ","), allowed: "ascending times ≥ 0")
    }
  }
}
