/// Matrix arithmetic; products go through BLAS `?gemm`.
extension Matrix {
  /// op(A)·op(B) through `?gemm`, without forming op(A) or op(B) explicitly.
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the inner sizes differ.
  @inlinable public static func product(
    _ a: Matrix, _ opA: MatrixOperation = .none, _ b: Matrix, _ opB: MatrixOperation = .none
  ) throws -> Matrix {
    let (m, ka) = opA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    let (kb, n) = opB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
    guard ka == kb else {
      throw LinearAlgebraError.dimensionMismatch("product of \(m)×\(ka) and \(kb)×\(n)")
    }
    var c = Matrix(rows: m, columns: n)
    multiply(into: &c, a, opA, b, opB)
    return c
  }

  /// In-place partner of ``product(_:_:_:_:)``: C := α op(A) op(B) + β C.
  /// Shapes must already agree (checked by precondition: this is the hot-loop form).
  @inlinable public static func multiply(
    into c: inout Matrix, _ a: Matrix, _ opA: MatrixOperation = .none, _ b: Matrix,
    _ opB: MatrixOperation = .none, alpha: Element? = nil, beta: Element? = nil
  ) {
    let alpha = alpha ?? .one, beta = beta ?? .zero
    let (m, k) = opA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    let n = opB == .none ? b.columns : b.rows
    precondition(c.rows == m && c.columns == n, "multiply(into:): output shape mismatch")
    guard m > 0, n > 0 else { return }
    if k == 0 {
      for i in 0..<c.elements.count { c.elements[i] = beta * c.elements[i] }
      return
    }
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          Element.gemm(
            opA, opB, m: m, n: n, k: k, alpha: alpha, a: pa.baseAddress!, lda: max(1, a.rows),
            b: pb.baseAddress!, ldb: max(1, b.rows), beta: beta, c: pc.baseAddress!, ldc: max(1, c.rows))
        }
      }
    }
  }

  /// Matrix product A·B (precondition: inner sizes agree).
  @inlinable public static func * (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.columns == b.rows, "matrix product: \(a.rows)×\(a.columns) times \(b.rows)×\(b.columns)")
    var c = Matrix(rows: a.rows, columns: b.columns)
    multiply(into: &c, a, .none, b, .none)
    return c
  }

  /// Matrix–vector product A·x.
  public static func * (a: Matrix, x: [Element]) -> [Element] {
    precondition(a.columns == x.count, "matrix–vector product: size mismatch")
    let v = Matrix(rows: x.count, columns: 1, repeating: .zero)
    var xv = v
    xv.elements = x
    return (a * xv).elements
  }

  /// Scalar multiple.
  @inlinable public static func * (s: Element, a: Matrix) -> Matrix {
    var r = a
    for k in 0..<r.elements.count { r.elements[k] = s * r.elements[k] }
    return r
  }

  /// Entrywise sum (precondition: equal shapes).
  @inlinable public static func + (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "matrix sum: shape mismatch")
    var r = a
    for k in 0..<r.elements.count { r.elements[k] = r.elements[k] + b.elements[k] }
    return r
  }

  /// Entrywise difference (precondition: equal shapes).
  @inlinable public static func - (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "matrix difference: shape mismatch")
    var r = a
    for k in 0..<r.elements.count { r.elements[k] = r.elements[k] - b.elements[k] }
    return r
  }

  /// Commutator [A, B] = AB − BA.
  public static func commutator(_ a: Matrix, _ b: Matrix) -> Matrix { a * b - b * a }

  /// Anticommutator {A, B} = AB + BA.
  public static func anticommutator(_ a: Matrix, _ b: Matrix) -> Matrix { a * b + b * a }

  /// Tr(A·B) in O(n²) without forming the product.
  public static func traceOfProduct(_ a: Matrix, _ b: Matrix) -> Element {
    precondition(a.columns == b.rows && a.rows == b.columns, "traceOfProduct: shape mismatch")
    var s = Element.zero
    for i in 0..<a.rows { for k in 0..<a.columns { s += a[i, k] * b[k, i] } }
    return s
  }

  /// ⟨x, A y⟩ = x† A y for vectors x, y.
  public func sandwich(_ x: [Element], _ y: [Element]) -> Element {
    precondition(x.count == rows && y.count == columns)
    let ay = self * y
    var s = Element.zero
    for i in 0..<rows { s += x[i].conjugated * ay[i] }
    return s
  }
}

/// Inner product x†y.
public func dot<E: LinearAlgebraScalar>(_ x: [E], _ y: [E]) -> E {
  precondition(x.count == y.count)
  var s = E.zero
  for i in 0..<x.count { s += x[i].conjugated * y[i] }
  return s
}

/// Euclidean norm of a vector.
public func norm<E: LinearAlgebraScalar>(_ x: [E]) -> Double {
  x.reduce(0.0) { $0 + $1.modulus * $1.modulus }.squareRoot()
}
