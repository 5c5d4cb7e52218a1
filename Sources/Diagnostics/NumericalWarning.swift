/// A warning about numerical trouble, with the number that shows it.
///
/// Physics routines never print; they return warnings with their results. The CLI prints
/// each once on stderr (`warning: …`) and records it under `metadata.warnings` in JSON.
/// Examples: an eigenvalue near an exceptional point (condition number), a singular block
/// (reciprocal condition), a solve that did not converge (residual).
public struct NumericalWarning: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Short machine-readable kind: `"exceptional-point"`, `"ill-conditioned"`, `"not-converged"`, …
  public let kind: String
  /// One line in the user's language, including the number (e.g. "condition number 3.2e9").
  public let message: String
  /// The number that shows the trouble (condition number, residual, …).
  public let value: Double

  public init(kind: String, message: String, value: Double) {
    self.kind = kind
    self.message = message
    self.value = value
  }

  public var description: String { message }
}

extension Array where Element == NumericalWarning {
  /// The warnings with duplicates (same kind and message) removed, first occurrence kept.
  public func deduplicated() -> [NumericalWarning] {
    var seen = Set<String>()
    return filter { seen.insert($0.kind + "\u{1F}" + $0.message).inserted }
  }
}
