import Diagnostics

/// Warnings for non-finite numbers in computed rows (README: never a silent NaN).
public enum NonFinite {
  /// One `non-finite` warning per column (of `columns`, not in `explained`) holding NaN or ±∞,
  /// with the count of such values and the first of them.
  public static func warnings(
    _ rows: [[TableValue]], columns: [String], skipping explained: Set<String> = []
  )
    -> [NumericalWarning]
  {
    var out: [NumericalWarning] = []
    for (j, column) in columns.enumerated() where !explained.contains(column) {
      let bad = rows.compactMap { row -> Double? in
        if case .number(let x) = row[j], !x.isFinite { return x }
        return nil
      }
      guard let first = bad.first else { continue }
      out.append(
        NumericalWarning(
          kind: "non-finite",
          message:
            "\(bad.count) non-finite value(s) in column \(column), first \(first) (overflow or an undefined limit)",
          value: Double(bad.count)))
    }
    return out
  }
}
