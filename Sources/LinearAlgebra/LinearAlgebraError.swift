/// Errors raised by the LinearAlgebra module.
///
/// Argument problems are detected in Swift *before* LAPACK is called; `info < 0` from a
/// LAPACK routine is therefore a bug in this module (reported, never asserted); `info > 0`
/// is a numerical failure of the named routine (singular pivot, no convergence, not positive
/// definite) and is reported with the routine name and the value of `info`.
public enum LinearAlgebraError: Error, CustomStringConvertible, Sendable, Equatable {
  /// A square matrix was required.
  case notSquare(rows: Int, columns: Int)
  /// Two operands have incompatible shapes.
  case dimensionMismatch(String)
  /// An input contains NaN or ±∞.
  case nonFinite(String)
  /// LAPACK rejected argument number `argument` (a bug in this wrapper).
  case invalidArgument(routine: String, argument: Int)
  /// LAPACK reported numerical failure `info > 0` (meaning depends on the routine).
  case failed(routine: String, info: Int, meaning: String)
  /// An eigenvalue cluster whose left/right overlap matrix is singular: an exceptional point.
  case exceptionalPoint(eigenvalue: String, conditionNumber: Double)

  public var description: String {
    switch self {
    case .notSquare(let r, let c): return "matrix must be square, got \(r)×\(c)"
    case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
    case .nonFinite(let s): return "non-finite entry (NaN or ∞) in \(s)"
    case .invalidArgument(let routine, let k):
      return "\(routine): argument \(k) rejected by LAPACK (internal error in LinearAlgebra)"
    case .failed(let routine, let info, let meaning): return "\(routine) failed (info = \(info)): \(meaning)"
    case .exceptionalPoint(let e, let k):
      return "exceptional point: left and right eigenvectors at E = \(e) are (nearly) orthogonal, condition number \(k)"
    }
  }
}
