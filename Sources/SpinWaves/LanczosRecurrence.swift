import Numerics

/// The Hermitian Lanczos three-term recurrence, the one kernel of every Lanczos route.
///
///     w = H q_j − β_{j−1} q_{j−1} − α_j q_j,   α_j = Re⟨q_j|H q_j⟩,   β_j = |w|,   q_{j+1} = w / β_j
///
/// (K for H in kelvin). `multiply` applies H (stored sparse sector matrix or matrix-free); ``step(_:)``
/// takes an optional orthogonalisation of w (full reorthogonalisation, projection out of known
/// states) before β_j is taken. The callers solve the tridiagonal problem (α, β) with LAPACK
/// (``/LinearAlgebra/SymmetricTridiagonalEigensystem``). Memory: three sector vectors.
/// Precondition: the start vector is normalised.
struct LanczosRecurrence {
  /// q_j, the current Lanczos vector.
  private(set) var q: [Complex<Double>]
  private var previous: [Complex<Double>]
  private var w: [Complex<Double>]
  /// α_0 … α_j and β_0 … β_j of the steps taken (β_j of the last step is its residual norm).
  private(set) var alphas: [Double] = []
  private(set) var betas: [Double] = []
  let multiply: ([Complex<Double>], inout [Complex<Double>]) -> Void

  init(start: [Complex<Double>], multiply: @escaping ([Complex<Double>], inout [Complex<Double>]) -> Void) {
    q = start
    previous = [Complex<Double>](repeating: .zero, count: start.count)
    w = previous
    self.multiply = multiply
  }

  /// One step from q_j: forms w, applies `orthogonalize`, records α_j and β_j = |w| and returns them.
  @discardableResult
  mutating func step(_ orthogonalize: (inout [Complex<Double>]) -> Void = { _ in }) -> (alpha: Double, beta: Double) {
    multiply(q, &w)
    let a = SectorVector.dot(q, w).real
    if let b = betas.last { SectorVector.axpy(&w, Complex(-b, 0), previous) }
    SectorVector.axpy(&w, Complex(-a, 0), q)
    orthogonalize(&w)
    let b = SectorVector.norm(w)
    alphas.append(a)
    betas.append(b)
    return (a, b)
  }

  /// q_{j+1} = w / β_j (after ``step(_:)``; β_j > 0).
  mutating func advance() {
    SectorVector.scale(&w, 1 / betas.last!)
    swap(&previous, &q)
    swap(&q, &w)
  }
}
