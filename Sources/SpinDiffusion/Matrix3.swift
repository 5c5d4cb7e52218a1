import LinearAlgebra

/// A 3×3 real matrix stored column-major (the layout of ``/LinearAlgebra/BlockTridiagonalMatrix`` blocks).
///
/// Small fixed-size algebra for assembling the spin-diffusion operator: products, the cross
/// product matrix [ω]×, and the closed-form (adjugate) inverse used for the well-conditioned
/// matrix A of Eq. 73 (det A ≥ 1 for equal relaxation times).
public struct Matrix3: Sendable, Equatable {
  /// Columns c0, c1, c2.
  public var c0: Vector3, c1: Vector3, c2: Vector3

  public init(columns c0: Vector3, _ c1: Vector3, _ c2: Vector3) {
    self.c0 = c0
    self.c1 = c1
    self.c2 = c2
  }

  /// Builds from rows (reads like the printed matrix).
  public init(rows r0: Vector3, _ r1: Vector3, _ r2: Vector3) {
    c0 = Vector3(r0.x, r1.x, r2.x)
    c1 = Vector3(r0.y, r1.y, r2.y)
    c2 = Vector3(r0.z, r1.z, r2.z)
  }

  public static let zero = Matrix3(columns: .zero, .zero, .zero)
  public static let identity = Matrix3(columns: Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1))

  /// diag(d).
  public static func diagonal(_ d: Vector3) -> Matrix3 {
    Matrix3(columns: Vector3(d.x, 0, 0), Vector3(0, d.y, 0), Vector3(0, 0, d.z))
  }

  /// The cross-product matrix: [ω]× v = ω × v.
  public static func cross(_ w: Vector3) -> Matrix3 {
    Matrix3(rows: Vector3(0, -w.z, w.y), Vector3(w.z, 0, -w.x), Vector3(-w.y, w.x, 0))
  }

  /// Entry (row r, column c).
  public subscript(r: Int, c: Int) -> Double {
    switch c {
    case 0: return c0[r]
    case 1: return c1[r]
    default: return c2[r]
    }
  }

  /// Rows as vectors.
  public var rows: (Vector3, Vector3, Vector3) {
    (Vector3(c0.x, c1.x, c2.x), Vector3(c0.y, c1.y, c2.y), Vector3(c0.z, c1.z, c2.z))
  }

  var determinant: Double { (c0 * cross3(c1, c2)).sum() }

  /// Inverse by the adjugate: A⁻¹ = adj(A)/det A (rows of A⁻¹ are cross products of columns).
  /// Precondition: det A ≠ 0 (callers use it for A of Eq. 73, whose determinant is ≥ 1
  /// when the relaxation times are equal, and positive for any positive times).
  public var inverse: Matrix3 {
    let r0 = cross3(c1, c2), r1 = cross3(c2, c0), r2 = cross3(c0, c1)
    let det = (c0 * r0).sum()
    return Matrix3(rows: r0 / det, r1 / det, r2 / det)
  }

  public static func * (a: Matrix3, v: Vector3) -> Vector3 { a.c0 * v.x + a.c1 * v.y + a.c2 * v.z }
  public static func * (a: Matrix3, b: Matrix3) -> Matrix3 { Matrix3(columns: a * b.c0, a * b.c1, a * b.c2) }
  public static func * (s: Double, a: Matrix3) -> Matrix3 { Matrix3(columns: s * a.c0, s * a.c1, s * a.c2) }
  public static func + (a: Matrix3, b: Matrix3) -> Matrix3 { Matrix3(columns: a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2) }
  public static func - (a: Matrix3, b: Matrix3) -> Matrix3 { Matrix3(columns: a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2) }
  public static prefix func - (a: Matrix3) -> Matrix3 { Matrix3(columns: -a.c0, -a.c1, -a.c2) }

  /// Largest absolute entry.
  public var maxAbs: Double {
    Swift.max(
      c0.replacing(with: -c0, where: c0 .< 0).max(), c1.replacing(with: -c1, where: c1 .< 0).max(),
      c2.replacing(with: -c2, where: c2 .< 0).max())
  }
}

/// u × v.
@inline(__always) public func cross3(_ u: Vector3, _ v: Vector3) -> Vector3 {
  Vector3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
}

/// u · v.
@inline(__always) public func dot3(_ u: Vector3, _ v: Vector3) -> Double { (u * v).sum() }

/// |v|.
@inline(__always) public func norm3(_ v: Vector3) -> Double { (v * v).sum().squareRoot() }
