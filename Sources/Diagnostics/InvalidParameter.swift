/// A user-facing parameter error: names the parameter, the value given and what is allowed.
///
/// Every physics module throws this for bad input *before* any computation starts, so a front
/// end can print one line and exit with status 2 without writing a partial file.
/// `name` is the parameter's identifier: a schema ``Parameter/id`` (`gamma_eV`) when the error
/// comes from a declared parameter (then `symbol` and `unit` are set), otherwise a plain name.
/// Front ends render it in their own vocabulary: the CLI as `--gamma`, a study file as
/// `parameters.gamma_eV` with its line (``rendered(as:)``).
public struct InvalidParameter: Error, CustomStringConvertible, Sendable, Equatable {
  /// Parameter identifier (schema id such as `gamma_eV`, or a plain name such as `cells`).
  public let name: String
  /// The offending value, rendered as text.
  public let value: String
  /// What would have been accepted, in words ("an integer ≥ 2", "a finite number").
  public let allowed: String
  /// Mathematical symbol ("γ"), "" when unknown.
  public let symbol: String
  /// Unit of the value ("eV"), "" when dimensionless or unknown.
  public let unit: String

  public init(_ name: String, _ value: Any, allowed: String) {
    self.name = name
    self.value = Self.visible("\(value)")
    self.allowed = allowed
    self.symbol = ""
    self.unit = ""
  }

  /// An error about a declared parameter (see ``Parameter/invalid(_:allowed:)``).
  public init(id: String, symbol: String, unit: String, value: String, allowed: String) {
    self.name = id
    self.value = Self.visible(value)
    self.allowed = allowed
    self.symbol = symbol
    self.unit = unit
  }

  /// `text` on one visible line: control characters (newline, tab, NUL, escape …) and the
  /// Unicode line and paragraph separators written as Swift escapes (`\n`, `\u{0}`).
  ///
  /// Every error line shows user text through this, so a value holding a newline cannot cut
  /// the line (and hide "allowed: …") or move the terminal's cursor.
  public static func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
        out += scalar.escaped(asASCII: true)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// In physics terms: `γ = nan eV (gamma_eV): allowed a number in [-100, 100] eV`.
  public var description: String {
    if symbol.isEmpty { return "invalid value for \(name): \(value) (allowed: \(allowed))" }
    let shownValue = unit.isEmpty || value.hasSuffix(unit) ? value : "\(value) \(unit)"
    return "invalid \(symbol) = \(shownValue) (\(name)): allowed \(allowed)"
  }

  /// One line naming the parameter as `spelling` (`--gamma`, `parameters.gamma_eV`).
  public func rendered(as spelling: String) -> String {
    "invalid value for \(spelling): \(value) (allowed: \(allowed))"
  }
}

/// Validation helpers that throw ``InvalidParameter``.
public enum Require {
  /// `value` must be finite (not NaN, not ±∞).
  public static func finite(_ value: Double, _ name: String) throws {
    guard value.isFinite else { throw InvalidParameter(name, value, allowed: "a finite number") }
  }
  /// `value` must be finite and > 0.
  public static func positive(_ value: Double, _ name: String) throws {
    guard value.isFinite, value > 0 else {
      throw InvalidParameter(name, value, allowed: "a finite number > 0")
    }
  }
  /// `value` must be finite and ≥ 0.
  public static func nonNegative(_ value: Double, _ name: String) throws {
    guard value.isFinite, value >= 0 else {
      throw InvalidParameter(name, value, allowed: "a finite number ≥ 0")
    }
  }
  /// `value` must lie in the closed interval `range`.
  public static func inRange(_ value: Double, _ range: ClosedRange<Double>, _ name: String) throws {
    guard value.isFinite, range.contains(value) else {
      throw InvalidParameter(
        name, value, allowed: "a number in [\(range.lowerBound), \(range.upperBound)]")
    }
  }
  /// `value` must be finite and within the model's physical `range` (in `unit`, e.g. "m",
  /// "eV", "" for dimensionless); the message gives the range as the user would type it.
  public static func inPhysicalRange(
    _ value: Double, _ range: ClosedRange<Double>, _ name: String, unit: String
  ) throws {
    guard value.isFinite, range.contains(value) else {
      throw InvalidParameter(
        name, value, allowed: "a number in the physical range \(shownRange(range))" + (unit.isEmpty ? "" : " \(unit)"))
    }
  }

  /// A range as the user would type its bounds ("[1e-10, 0.01]").
  public static func shownRange(_ range: ClosedRange<Double>) -> String {
    "[\(shown(range.lowerBound)), \(shown(range.upperBound))]"
  }

  /// A bound as the user would type it ("1e-06", "0.01", "1e+12").
  public static func shown(_ x: Double) -> String { String(format: "%g", x) }

  /// Integer `value` must be ≥ `minimum`.
  public static func atLeast(_ value: Int, _ minimum: Int, _ name: String) throws {
    guard value >= minimum else { throw InvalidParameter(name, value, allowed: "an integer ≥ \(minimum)") }
  }
  /// Integer `value` must lie in `range`.
  public static func inRange(_ value: Int, _ range: ClosedRange<Int>, _ name: String) throws {
    guard range.contains(value) else {
      throw InvalidParameter(
        name, value, allowed: "an integer from \(range.lowerBound) to \(range.upperBound)")
    }
  }
}
