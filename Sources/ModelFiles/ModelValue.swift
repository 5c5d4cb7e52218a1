import Numerics

/// A value of a model file that is a number or an expression (``ModelExpression``), evaluated at a
/// point with the variables in the expression's slot order.
public enum ModelValue: Sendable {
  case constant(Complex<Double>)
  case expression(ModelExpression)

  /// The value with the variables `values` (ignored by a constant).
  public func evaluate(_ values: [Complex<Double>]) throws -> Complex<Double> {
    switch self {
    case .constant(let z): return z
    case .expression(let e): return try e.evaluate(values)
    }
  }

  /// A real value (an expression with an imaginary part is an error at its location).
  public func real(_ values: [Complex<Double>]) throws -> Double {
    switch self {
    case .constant(let z): return z.real
    case .expression(let e): return try e.real(values)
    }
  }

  /// Whether the value reads variable `name` (a constant never does).
  public func uses(_ name: String) -> Bool {
    if case .expression(let e) = self { return e.uses(name) }
    return false
  }
}
