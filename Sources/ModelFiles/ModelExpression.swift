import Foundation
import Numerics

/// A compiled expression of a model file: a value that depends on the file's parameters and on
/// the variables a family provides (site index `j`, `N`, position `x`, …).
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary ("^" unary)?           (right-associative: 2^3^2 = 2^9; -2^2 = -4)
///     primary    := NUMBER | NAME | NAME "(" expression ("," expression)* ")" | "(" expression ")"
///
/// Values are complex (`Complex<Double>`); real arguments use Swift's own real functions, so a
/// real expression gives exactly what Foundation gives. Constants: `pi`, `e` (Euler's number),
/// `im` (the imaginary unit). Functions (``functions``): `sin cos tan asin acos atan sinh cosh
/// tanh exp log sqrt` (complex where the result is complex: `sqrt(-1) = im`, `log(-1) = im*pi`),
/// `abs arg real imag conj`, and the real-only `atan2(y, x)`, `floor ceil round sign`, `mod(a, b)`
/// (sign of b, like Python), `min max` (two or more arguments). `a^b` is real for a real base ≥
/// 0 or an integer exponent, else exp(b·log a).
///
/// Safety: the language can only compute numbers (no names beyond the constants, functions and
/// the given variables; no access to files or processes); text is at most ``maximumLength``
/// characters and nesting at most ``maximumDepth`` levels. Every error — syntax, an unknown
/// name (with the nearest known name), a wrong number of arguments, division by zero, a complex
/// argument to a real-only function, a non-finite result — is a ``ModelFileError`` at the
/// offending token's `file:line:column`.
///
/// Why our own recursive-descent parser and not swift-parsing: errors must point at the exact
/// column of the offending token inside a TOML string, the grammar is five rules, and a parser
/// of ~250 lines adds no dependency.
public struct ModelExpression: Sendable, CustomStringConvertible {
  /// Longest expression text (characters).
  static let maximumLength = 1000
  /// Deepest nesting (parentheses, unary signs, powers).
  static let maximumDepth = 64
  /// The constants every expression knows.
  public static let constants: [String: Complex<Double>] = [
    "pi": Complex(Double.pi, 0), "e": Complex(M_E, 0), "im": Complex(0, 1),
  ]
  /// The functions every expression knows, with their argument counts (nil: two or more).
  public static let functions: [String: Int?] = [
    "sin": 1, "cos": 1, "tan": 1, "asin": 1, "acos": 1, "atan": 1, "sinh": 1, "cosh": 1, "tanh": 1,
    "exp": 1, "log": 1, "sqrt": 1, "abs": 1, "arg": 1, "real": 1, "imag": 1, "conj": 1,
    "atan2": 2, "floor": 1, "ceil": 1, "round": 1, "sign": 1, "mod": 2, "min": nil, "max": nil,
  ]
  /// Names no parameter or variable may take (constants and functions).
  static var reservedNames: Set<String> { Set(constants.keys).union(functions.keys) }

  /// The text as written.
  public let text: String
  /// Where the text's first character is.
  public let location: SourceLocation
  /// Variable names, in the slot order ``evaluate(_:)-([Complex<Double>])`` expects.
  public let variables: [String]
  let root: Node

  public var description: String { text }

  /// Compiles `text` (found at `location`) against `variables`; throws ``ModelFileError``.
  public init(_ text: String, at location: SourceLocation, variables: [String]) throws {
    self.text = text
    self.location = location
    self.variables = variables
    guard text.count <= Self.maximumLength else {
      throw ModelFileError(
        "expression of \(text.count) characters (allowed: at most \(Self.maximumLength))", at: location)
    }
    var parser = ExpressionParser(text: text, location: location, variables: variables)
    root = try parser.parseAll()
  }

  /// Whether the expression reads `name` (a variable).
  public func uses(_ name: String) -> Bool {
    guard let slot = variables.firstIndex(of: name) else { return false }
    return root.uses(slot)
  }

  /// The value with variable `k` = `values[k]` (same order as ``variables``).
  public func evaluate(_ values: [Complex<Double>]) throws -> Complex<Double> {
    precondition(values.count == variables.count, "one value per variable")
    return try root.evaluate(values)
  }

  /// The value with variables by name (each of ``variables`` must be present).
  public func evaluate(_ environment: [String: Complex<Double>]) throws -> Complex<Double> {
    try evaluate(variables.map { environment[$0] ?? Complex(.nan, .nan) })
  }

  /// A real value: an imaginary part beyond 1e-12·(1 + |re|) is an error at the expression.
  public func real(_ values: [Complex<Double>]) throws -> Double {
    let z = try evaluate(values)
    guard abs(z.imaginary) <= 1e-12 * (1 + abs(z.real)) else {
      throw ModelFileError(
        "expression \"\(text)\" = \(z.real) + \(z.imaginary)·im (allowed: a real value here)", at: location)
    }
    return z.real
  }
}

/// The compiled tree; every node keeps its token's location for errors.
indirect enum Node: Sendable {
  case constant(Complex<Double>)
  case variable(Int)
  case negate(Node)
  case binary(Character, Node, Node, SourceLocation)
  case call(String, [Node], SourceLocation)

  func uses(_ slot: Int) -> Bool {
    switch self {
    case .constant: return false
    case .variable(let k): return k == slot
    case .negate(let a): return a.uses(slot)
    case .binary(_, let a, let b, _): return a.uses(slot) || b.uses(slot)
    case .call(_, let args, _): return args.contains { $0.uses(slot) }
    }
  }

  func evaluate(_ values: [Complex<Double>]) throws -> Complex<Double> {
    switch self {
    case .constant(let z): return z
    case .variable(let k): return values[k]
    case .negate(let a): return -(try a.evaluate(values))
    case .binary(let op, let a, let b, let at):
      let x = try a.evaluate(values), y = try b.evaluate(values)
      let r: Complex<Double>
      switch op {
      case "+": r = x + y
      case "-": r = x - y
      case "*": r = x.imaginary == 0 && y.imaginary == 0 ? Complex(x.real * y.real, 0) : x * y
      case "/":
        guard y != .zero else { throw ModelFileError("division by zero (allowed: a non-zero divisor)", at: at) }
        r = x.imaginary == 0 && y.imaginary == 0 ? Complex(x.real / y.real, 0) : x / y
      default: r = Self.power(x, y)
      }
      return try Self.finite(r, at, what: "\(op)")
    case .call(let name, let args, let at):
      let xs = try args.map { try $0.evaluate(values) }
      return try Self.finite(try Self.apply(name, xs, at), at, what: name)
    }
  }

  static func finite(_ z: Complex<Double>, _ at: SourceLocation, what: String) throws -> Complex<Double> {
    guard z.real.isFinite, z.imaginary.isFinite else {
      throw ModelFileError("non-finite value from \(what) (allowed: finite values)", at: at)
    }
    return z
  }

  static func power(_ x: Complex<Double>, _ y: Complex<Double>) -> Complex<Double> {
    if x.imaginary == 0, y.imaginary == 0, x.real >= 0 || y.real.rounded() == y.real {
      return Complex(Foundation.pow(x.real, y.real), 0)
    }
    if y.imaginary == 0, let n = Int(exactly: y.real), abs(n) <= 1024 {
      // Repeated squaring: exact for small Gaussian integers (im^2 = −1, not −1 + 1e−16·im).
      var result = Complex<Double>.one, base = x, e = abs(n)
      while e > 0 {
        if e & 1 == 1 { result = result * base }
        base = base * base
        e >>= 1
      }
      return n < 0 ? Complex.one / result : result
    }
    if x == .zero { return .zero }
    return Complex.exp(y * Complex.log(x))
  }

  static func realArguments(_ name: String, _ xs: [Complex<Double>], _ at: SourceLocation) throws -> [Double] {
    for x in xs where x.imaginary != 0 {
      throw ModelFileError("\(name) of a complex value \(x.real) + \(x.imaginary)·im (allowed: real arguments)", at: at)
    }
    return xs.map(\.real)
  }

  static func apply(_ name: String, _ xs: [Complex<Double>], _ at: SourceLocation) throws -> Complex<Double> {
    let z = xs[0]
    let isReal = xs.allSatisfy { $0.imaginary == 0 }
    func r(_ x: Double) -> Complex<Double> { Complex(x, 0) }
    switch name {
    case "sin": return isReal ? r(Foundation.sin(z.real)) : Complex.sin(z)
    case "cos": return isReal ? r(Foundation.cos(z.real)) : Complex.cos(z)
    case "tan": return isReal ? r(Foundation.tan(z.real)) : Complex.tan(z)
    case "asin": return isReal && abs(z.real) <= 1 ? r(Foundation.asin(z.real)) : Complex.asin(z)
    case "acos": return isReal && abs(z.real) <= 1 ? r(Foundation.acos(z.real)) : Complex.acos(z)
    case "atan": return isReal ? r(Foundation.atan(z.real)) : Complex.atan(z)
    case "sinh": return isReal ? r(Foundation.sinh(z.real)) : Complex.sinh(z)
    case "cosh": return isReal ? r(Foundation.cosh(z.real)) : Complex.cosh(z)
    case "tanh": return isReal ? r(Foundation.tanh(z.real)) : Complex.tanh(z)
    case "exp": return isReal ? r(Foundation.exp(z.real)) : Complex.exp(z)
    case "log":
      guard z != .zero else { throw ModelFileError("log(0) (allowed: a non-zero argument)", at: at) }
      return isReal && z.real > 0 ? r(Foundation.log(z.real)) : Complex.log(z)
    case "sqrt": return isReal && z.real >= 0 ? r(Foundation.sqrt(z.real)) : Complex.sqrt(z)
    case "abs": return r(isReal ? Swift.abs(z.real) : z.length)
    case "arg": return r(Foundation.atan2(z.imaginary, z.real))
    case "real": return r(z.real)
    case "imag": return r(z.imaginary)
    case "conj": return z.conjugate
    default: break
    }
    let a = try realArguments(name, xs, at)
    switch name {
    case "atan2": return r(Foundation.atan2(a[0], a[1]))
    case "floor": return r(a[0].rounded(.down))
    case "ceil": return r(a[0].rounded(.up))
    case "round": return r(a[0].rounded(.toNearestOrAwayFromZero))
    case "sign": return r(a[0] > 0 ? 1 : a[0] < 0 ? -1 : 0)
    case "mod":
      guard a[1] != 0 else { throw ModelFileError("mod(\(a[0]), 0) (allowed: a non-zero divisor)", at: at) }
      let m = a[0].truncatingRemainder(dividingBy: a[1])
      return r(m != 0 && (m < 0) != (a[1] < 0) ? m + a[1] : m)
    case "min": return r(a.min()!)
    default: return r(a.max()!)
    }
  }
}
