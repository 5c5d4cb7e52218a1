/// One physical parameter of a computation, declared once: the schema every front end reads.
///
/// The identifier `id` is the study-file key, the table column and the JSON name; it carries the
/// unit (`gamma_eV`, `theta_deg`, `temperature_K`; dimensionless quantities carry none). `flag`
/// is the command-line spelling without dashes (`gamma`, `flux-phase`), kept stable so existing
/// scripts keep working. The CLI takes its options, defaults, help and validation from here, the
/// study parser its keys, `spintransport models` and `docs/parameters.md` their tables.
///
/// Values: ``ParameterValue/number(_:)`` for reals, ``ParameterValue/integer(_:)`` for integers
/// (exact: seeds beyond 2⁵³ stay themselves), ``ParameterValue/text(_:)`` for enumerated
/// choices and free text (file names), ``ParameterValue/numbers(_:)`` for lists.
/// Validation failures are ``InvalidParameter`` errors carrying `id`, `symbol` and `unit`, so
/// each front end can name the parameter its own way (`--gamma`, `parameters.gamma_eV`).
public struct Parameter: Sendable, Equatable, CustomStringConvertible {
  /// What values are allowed.
  public enum Domain: Sendable, Equatable {
    /// A finite real number in the closed interval.
    case real(ClosedRange<Double>)
    /// An integer in the closed interval.
    case integer(ClosedRange<Int>)
    /// One of the listed words (e.g. `operator`, `derivative`).
    case choice([String])
    /// Free text (e.g. a file name); never swept.
    case text
    /// A comma-separated list of finite reals in the interval, each ≥ the previous when `ascending`.
    case reals(ClosedRange<Double>, ascending: Bool)
  }

  /// Study key and column name, with unit suffix (`gamma_eV`).
  public let id: String
  /// Command-line option without dashes (`gamma`).
  public let flag: String
  /// Mathematical symbol (`γ`).
  public let symbol: String
  /// Unit (`eV`, `K`, `deg`, `rad`, `m`; "" for dimensionless).
  public let unit: String
  public let domain: Domain
  /// Default value; nil when the parameter has none (``requirement`` says whether it must be given).
  public let defaultValue: ParameterValue?
  /// Without a default: whether the user must give a value (or sweep it); otherwise it may stay absent.
  public let requirement: Requirement
  /// One line of help (what it is, with its unit and physics).
  public let help: String

  /// Whether a parameter without default must be given.
  public enum Requirement: Sendable, Equatable {
    /// Has a default (or may stay absent: ``optional``).
    case defaulted
    /// Must be given or swept.
    case required
    /// May stay absent (its absence selects another route, e.g. μ instead of a particle number).
    case optional
  }

  public init(
    _ id: String, flag: String, symbol: String, unit: String = "", domain: Domain,
    default defaultValue: ParameterValue?,
    requirement: Requirement? = nil, help: String
  ) {
    self.id = id
    self.flag = flag
    self.symbol = symbol
    self.unit = unit
    self.domain = domain
    self.defaultValue = defaultValue
    self.requirement = requirement ?? (defaultValue == nil ? .required : .defaulted)
    self.help = help
  }

  /// A real parameter with a default.
  public static func real(
    _ id: String, flag: String, symbol: String, unit: String = "", default value: Double?,
    range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
    requirement: Requirement? = nil, help: String
  ) -> Parameter {
    Parameter(
      id, flag: flag, symbol: symbol, unit: unit, domain: .real(range), default: value.map(ParameterValue.number),
      requirement: requirement, help: help)
  }

  /// An integer parameter.
  public static func integer(
    _ id: String, flag: String, symbol: String, default value: Int?, range: ClosedRange<Int>,
    requirement: Requirement? = nil, help: String
  ) -> Parameter {
    Parameter(
      id, flag: flag, symbol: symbol, domain: .integer(range), default: value.map(ParameterValue.integer),
      requirement: requirement, help: help)
  }

  /// An enumerated choice.
  public static func choice(
    _ id: String, flag: String, symbol: String = "", choices: [String], default value: String, help: String
  ) -> Parameter {
    Parameter(id, flag: flag, symbol: symbol, domain: .choice(choices), default: .text(value), help: help)
  }

  /// The closed interval of a real parameter (nil for other domains).
  public var realRange: ClosedRange<Double>? {
    if case .real(let r) = domain { return r }
    return nil
  }

  /// Whether a study may sweep it (numbers and choices; not text or lists).
  public var isSweepable: Bool {
    switch domain {
    case .real, .integer, .choice: return true
    case .text, .reals: return false
    }
  }

  /// Whether values are numbers (reals or integers).
  public var isNumeric: Bool {
    switch domain {
    case .real, .integer: return true
    default: return false
    }
  }

  /// What is allowed, in words with the unit ("a number in [-100, 100] eV", "one of operator, derivative").
  public var allowed: String {
    let u = unit.isEmpty ? "" : " \(unit)"
    switch domain {
    case .real(let r):
      if r.lowerBound == -.greatestFiniteMagnitude && r.upperBound == .greatestFiniteMagnitude {
        return "a finite number" + (unit.isEmpty ? "" : " (\(unit))")
      }
      if r.upperBound == .greatestFiniteMagnitude { return "a number ≥ \(Require.shown(r.lowerBound))\(u)" }
      if r.lowerBound == -.greatestFiniteMagnitude { return "a number ≤ \(Require.shown(r.upperBound))\(u)" }
      return "a number in \(Require.shownRange(r))\(u)"
    case .integer(let r):
      if r.upperBound == .max { return "an integer ≥ \(r.lowerBound)" }
      return "an integer from \(r.lowerBound) to \(r.upperBound)"
    case .choice(let words): return "one of " + words.joined(separator: ", ")
    case .text: return "a text"
    case .reals(let r, let ascending):
      return "comma-separated numbers in \(Require.shownRange(r))\(u)" + (ascending ? ", ascending" : "")
    }
  }

  /// Checks `value` against the domain; throws ``InvalidParameter`` naming ``id``.
  public func validate(_ value: ParameterValue) throws {
    ValidationCount.record("Parameter.validate")
    switch (domain, value) {
    case (.real(let r), .number(let x)) where x.isFinite && r.contains(x): return
    case (.real(let r), .integer(let i)) where r.contains(Double(i)): return
    case (.integer(let r), .integer(let i)) where r.contains(i): return
    // Int(exactly:) first: Double(Int.max) rounds up to 2⁶³, which would pass `x <= upperBound`
    // and then trap when read back as an Int.
    case (.integer(let r), .number(let x)) where Int(exactly: x).map(r.contains) ?? false:
      return
    case (.choice(let words), .text(let s)) where words.contains(s): return
    case (.text, .text): return
    case (.reals(let r, let ascending), .numbers(let xs))
    where !xs.isEmpty && xs.allSatisfy({ $0.isFinite && r.contains($0) })
      && (!ascending || zip(xs, xs.dropFirst()).allSatisfy { $0 <= $1 }):
      return
    default: throw invalid(value)
    }
  }

  /// Parses a value as typed on a command line or in a sweep list, then validates it.
  public func parse(_ text: String) throws -> ParameterValue {
    let value: ParameterValue
    switch domain {
    case .real:
      guard let x = Double(text.trimmingCharacters(in: .whitespaces)) else {
        throw InvalidParameter(id: id, symbol: symbol, unit: unit, value: text, allowed: allowed)
      }
      value = .number(x)
    case .integer:
      // Digits are read exactly (9007199254740993 stays odd); other spellings (1e3) go
      // through Double and must be integral.
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      guard let x = Int(trimmed).map(ParameterValue.integer) ?? Double(trimmed).map(ParameterValue.integer(exactly:))
      else {
        throw InvalidParameter(id: id, symbol: symbol, unit: unit, value: text, allowed: allowed)
      }
      value = x
    case .choice, .text: value = .text(text)
    case .reals:
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      let xs = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard xs.count == parts.count else {
        throw InvalidParameter(id: id, symbol: symbol, unit: unit, value: text, allowed: allowed)
      }
      value = .numbers(xs)
    }
    // Errors echo the text as typed ("99999999999999999999", not its rounded Double).
    do { try validate(value) } catch let error as InvalidParameter {
      throw InvalidParameter(
        id: id, symbol: symbol, unit: unit, value: text.trimmingCharacters(in: .whitespaces), allowed: error.allowed)
    }
    return value
  }

  /// The error for a value outside the domain.
  public func invalid(_ value: ParameterValue, allowed reason: String? = nil) -> InvalidParameter {
    InvalidParameter(id: id, symbol: symbol, unit: unit, value: value.description, allowed: reason ?? allowed)
  }

  /// `gamma_eV (γ, eV)`.
  public var description: String {
    let details = [symbol, unit].filter { !$0.isEmpty }.joined(separator: ", ")
    return details.isEmpty ? id : "\(id) (\(details))"
  }
}

/// A parameter value: a number (real or integer), a text (choice or file name) or a list of numbers.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
  case number(Double)
  /// An integer parameter's value, exact over the whole `Int` range.
  case integer(Int)
  case text(String)
  case numbers([Double])

  /// `.integer` for an integral `x` that `Int` holds exactly, else `.number(x)` (which an
  /// integer parameter then refuses, naming the value).
  public static func integer(exactly x: Double) -> ParameterValue { Int(exactly: x).map(Self.integer) ?? .number(x) }

  /// Shortest round-trip rendering (integers without ".0"), as a user would type it back.
  public var description: String {
    switch self {
    case .number(let x): return Self.render(x)
    case .integer(let i): return String(i)
    case .text(let s): return s
    case .numbers(let xs): return xs.map(Self.render).joined(separator: ",")
    }
  }

  /// A number as typed: integral values within 2⁵³ without ".0", others shortest round-trip.
  public static func render(_ x: Double) -> String {
    if x.isFinite, x.rounded() == x, abs(x) < 9.007_199_254_740_992e15 { return String(Int64(x)) }
    return "\(x)"
  }

  /// The value as a real (an integer converted, rounding beyond 2⁵³).
  public var number: Double? {
    switch self {
    case .number(let x): return x
    case .integer(let i): return Double(i)
    default: return nil
    }
  }
  /// The value as an exact integer (a real only when integral and within `Int`).
  public var integer: Int? {
    switch self {
    case .integer(let i): return i
    case .number(let x): return Int(exactly: x)
    default: return nil
    }
  }
  public var text: String? {
    if case .text(let s) = self { return s }
    return nil
  }
  public var numbers: [Double]? {
    if case .numbers(let xs) = self { return xs }
    return nil
  }
}

/// The values of one computation's parameters at one point, by ``Parameter/id``.
///
/// Accessors trap on a missing id or wrong type: a computation only reads ids it declared, and
/// the front ends fill in every declared parameter (defaults included) before evaluation.
public struct ParameterValues: Sendable, Hashable {
  public var values: [String: ParameterValue]

  public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

  /// Every parameter at its default (those without default stay absent).
  public init(defaultsOf parameters: [Parameter]) {
    var v: [String: ParameterValue] = [:]
    for p in parameters { if let d = p.defaultValue { v[p.id] = d } }
    values = v
  }

  public subscript(id: String) -> ParameterValue? {
    get { values[id] }
    set { values[id] = newValue }
  }

  /// The real value of `id`.
  public func number(_ id: String) -> Double {
    guard let x = values[id]?.number else { preconditionFailure("parameter \(id) is not a number here") }
    return x
  }
  /// The integer value of `id`.
  public func integer(_ id: String) -> Int {
    guard let i = values[id]?.integer else { preconditionFailure("parameter \(id) is not an integer here") }
    return i
  }
  /// The text (choice) of `id`.
  public func text(_ id: String) -> String {
    guard let s = values[id]?.text else { preconditionFailure("parameter \(id) is not a text here") }
    return s
  }
  /// The list of `id`.
  public func numbers(_ id: String) -> [Double] {
    guard let xs = values[id]?.numbers else { preconditionFailure("parameter \(id) is not a list here") }
    return xs
  }
  /// The number of `id`, or nil when absent.
  public func optionalNumber(_ id: String) -> Double? { values[id]?.number }
}

extension ParameterValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
  public init(stringLiteral value: String) { self = .text(value) }
}
