import CLAPACK
import Numerics

/// How a BLAS/LAPACK operand is applied: as is, transposed, or conjugate-transposed.
public enum MatrixOperation: Sendable {
  case none, transpose, adjoint

  var cblas: CBLAS_TRANSPOSE {
    switch self {
    case .none: return CblasNoTrans
    case .transpose: return CblasTrans
    case .adjoint: return CblasConjTrans
    }
  }
}

/// Scalars the dense linear algebra works with: `Double` and `Complex<Double>`.
///
/// Each conformance routes to the matching BLAS/LAPACK routine (d… or z…). Pointers are
/// column-major; callers in this module validate shapes first.
public protocol LinearAlgebraScalar: AlgebraicField, Sendable, Hashable {
  /// Multiplicative identity.
  static var one: Self { get }
  /// Embeds a real number.
  init(realPart: Double)
  /// Complex conjugate (identity for `Double`).
  var conjugated: Self { get }
  /// Modulus |z| (overflow-safe).
  var modulus: Double { get }
  /// Real part.
  var realPart: Double { get }
  /// True when neither part is NaN or ±∞.
  var isFiniteScalar: Bool { get }
  /// BLAS letter used in error messages ("d" or "z").
  static var blasPrefix: String { get }

  /// C := α op(A) op(B) + β C  (cblas_?gemm).
  static func gemm(
    _ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
  /// LU factorisation with partial pivoting (?getrf); returns info.
  static func getrf(n: Int, a: UnsafeMutablePointer<Self>, lda: Int, ipiv: UnsafeMutablePointer<Int32>) -> Int32
  /// Solve with an LU factorisation (?getrs); returns info.
  static func getrs(
    n: Int, nrhs: Int, a: UnsafePointer<Self>, lda: Int, ipiv: UnsafePointer<Int32>,
    b: UnsafeMutablePointer<Self>, ldb: Int
  ) -> Int32
  /// LU factorisation and solve in one call (?gesv); `b` is overwritten by the solution; returns info.
  static func gesv(
    n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, lda: Int, ipiv: UnsafeMutablePointer<Int32>,
    b: UnsafeMutablePointer<Self>, ldb: Int
  ) -> Int32
  /// Banded LU factorisation (?gbtrf); `ab` has leading dimension 2kl+ku+1; returns info.
  static func gbtrf(
    n: Int, kl: Int, ku: Int, ab: UnsafeMutablePointer<Self>, ldab: Int, ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32
  /// Banded solve with a ?gbtrf factorisation (?gbtrs); returns info.
  static func gbtrs(
    n: Int, kl: Int, ku: Int, nrhs: Int, ab: UnsafePointer<Self>, ldab: Int,
    ipiv: UnsafePointer<Int32>, b: UnsafeMutablePointer<Self>, ldb: Int
  ) -> Int32
  /// Cholesky factorisation A = U†U of the upper triangle (?potrf); returns info.
  static func potrf(n: Int, a: UnsafeMutablePointer<Self>, lda: Int) -> Int32
}

extension Double: LinearAlgebraScalar {
  public static var one: Double { 1 }
  public init(realPart: Double) { self = realPart }
  public var conjugated: Double { self }
  public var modulus: Double { Swift.abs(self) }
  public var realPart: Double { self }
  public var isFiniteScalar: Bool { isFinite }
  public static var blasPrefix: String { "d" }

  public static func gemm(
    _ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dgemm(
      CblasColMajor, opA.cblas, opB.cblas, blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b,
      blasint(ldb), beta, c, blasint(ldc))
  }
  public static func getrf(
    n: Int, a: UnsafeMutablePointer<Double>, lda: Int, ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_dgetrf_work(columnMajor, Int32(n), Int32(n), a, Int32(lda), ipiv)
  }
  public static func getrs(
    n: Int, nrhs: Int, a: UnsafePointer<Double>, lda: Int, ipiv: UnsafePointer<Int32>,
    b: UnsafeMutablePointer<Double>, ldb: Int
  ) -> Int32 {
    LAPACKE_dgetrs_work(columnMajor, flag("N"), Int32(n), Int32(nrhs), a, Int32(lda), ipiv, b, Int32(ldb))
  }
  public static func gesv(
    n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, lda: Int, ipiv: UnsafeMutablePointer<Int32>,
    b: UnsafeMutablePointer<Double>, ldb: Int
  ) -> Int32 {
    LAPACKE_dgesv_work(columnMajor, Int32(n), Int32(nrhs), a, Int32(lda), ipiv, b, Int32(ldb))
  }
  public static func gbtrf(
    n: Int, kl: Int, ku: Int, ab: UnsafeMutablePointer<Double>, ldab: Int, ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_dgbtrf_work(columnMajor, Int32(n), Int32(n), Int32(kl), Int32(ku), ab, Int32(ldab), ipiv)
  }
  public static func gbtrs(
    n: Int, kl: Int, ku: Int, nrhs: Int, ab: UnsafePointer<Double>, ldab: Int,
    ipiv: UnsafePointer<Int32>, b: UnsafeMutablePointer<Double>, ldb: Int
  ) -> Int32 {
    LAPACKE_dgbtrs_work(
      columnMajor, flag("N"), Int32(n), Int32(kl), Int32(ku), Int32(nrhs), ab, Int32(ldab), ipiv, b, Int32(ldb))
  }
  public static func potrf(n: Int, a: UnsafeMutablePointer<Double>, lda: Int) -> Int32 {
    LAPACKE_dpotrf_work(columnMajor, flag("U"), Int32(n), a, Int32(lda))
  }
}

extension Complex: LinearAlgebraScalar where RealType == Double {
  public init(realPart: Double) { self.init(realPart, 0) }
  public var conjugated: Complex<Double> { conjugate }
  public var modulus: Double { length }
  public var realPart: Double { real }
  public var isFiniteScalar: Bool { real.isFinite && imaginary.isFinite }
  public static var blasPrefix: String { "z" }

  public static func gemm(
    _ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int,
    alpha: Complex<Double>, a: UnsafePointer<Complex<Double>>, lda: Int, b: UnsafePointer<Complex<Double>>,
    ldb: Int, beta: Complex<Double>, c: UnsafeMutablePointer<Complex<Double>>, ldc: Int
  ) {
    var alpha = alpha
    var beta = beta
    cblas_zgemm(
      CblasColMajor, opA.cblas, opB.cblas, blasint(m), blasint(n), blasint(k), &alpha, a, blasint(lda), b,
      blasint(ldb), &beta, c, blasint(ldc))
  }
  public static func getrf(
    n: Int, a: UnsafeMutablePointer<Complex<Double>>, lda: Int, ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_zgetrf_work(columnMajor, Int32(n), Int32(n), c(a), Int32(lda), ipiv)
  }
  public static func getrs(
    n: Int, nrhs: Int, a: UnsafePointer<Complex<Double>>, lda: Int, ipiv: UnsafePointer<Int32>,
    b: UnsafeMutablePointer<Complex<Double>>, ldb: Int
  ) -> Int32 {
    LAPACKE_zgetrs_work(
      columnMajor, flag("N"), Int32(n), Int32(nrhs), c(UnsafeMutablePointer(mutating: a)), Int32(lda), ipiv, c(b),
      Int32(ldb))
  }
  public static func gesv(
    n: Int, nrhs: Int, a: UnsafeMutablePointer<Complex<Double>>, lda: Int, ipiv: UnsafeMutablePointer<Int32>,
    b: UnsafeMutablePointer<Complex<Double>>, ldb: Int
  ) -> Int32 {
    LAPACKE_zgesv_work(columnMajor, Int32(n), Int32(nrhs), c(a), Int32(lda), ipiv, c(b), Int32(ldb))
  }
  public static func gbtrf(
    n: Int, kl: Int, ku: Int, ab: UnsafeMutablePointer<Complex<Double>>, ldab: Int, ipiv: UnsafeMutablePointer<Int32>
  ) -> Int32 {
    LAPACKE_zgbtrf_work(columnMajor, Int32(n), Int32(n), Int32(kl), Int32(ku), c(ab), Int32(ldab), ipiv)
  }
  public static func gbtrs(
    n: Int, kl: Int, ku: Int, nrhs: Int, ab: UnsafePointer<Complex<Double>>, ldab: Int,
    ipiv: UnsafePointer<Int32>, b: UnsafeMutablePointer<Complex<Double>>, ldb: Int
  ) -> Int32 {
    LAPACKE_zgbtrs_work(
      columnMajor, flag("N"), Int32(n), Int32(kl), Int32(ku), Int32(nrhs), c(UnsafeMutablePointer(mutating: ab)),
      Int32(ldab), ipiv, c(b), Int32(ldb))
  }
  public static func potrf(n: Int, a: UnsafeMutablePointer<Complex<Double>>, lda: Int) -> Int32 {
    LAPACKE_zpotrf_work(columnMajor, flag("U"), Int32(n), c(a), Int32(lda))
  }
}

/// Views a `Complex<Double>` pointer as LAPACKE's `{double re, im}` struct pointer.
/// The two types have identical layout (two contiguous `Double`s).
@inline(__always)
func c(_ p: UnsafeMutablePointer<Complex<Double>>) -> UnsafeMutablePointer<clapack_complex_double> {
  UnsafeMutableRawPointer(p).assumingMemoryBound(to: clapack_complex_double.self)
}
