import CLAPACK
import Foundation
import Numerics

/// Spectral (Riesz) projector onto the eigenvalues left of the line Re z = μ, from the matrix
/// sign function by the Newton iteration: no eigenvalues, no eigenvectors.
///
///     X₀ = A − μ𝟙,   X_{k+1} = ½ (X_k + X_k⁻¹),   S = lim X_k = sign(A − μ𝟙),
///     P = ½ (𝟙 − S),  Tr(P O) = Σ_{ij} O_ij P_ji.
///
/// Each step is one LU factorisation and inversion (`zgetrf`, `zgetri`, ≈ 8n³/3 + 8n³/3 real
/// flops of BLAS-3 work). P is the same projector as ``SchurSpectralProjection`` selecting
/// Re λ < μ: P² = P, PA = AP, Tr P = number of eigenvalues with Re λ < μ. Jordan blocks away
/// from the line cost nothing (the iteration sees only rational functions of A).
///
/// **Accuracy, and why it is checked.** LU with partial pivoting is backward stable only up to
/// its growth factor, which for some structured matrices grows exponentially with n (periodic,
/// banded problems are the textbook case). An iterate X_k = ½(X + X⁻¹) of a ring Hamiltonian
/// can be such a matrix: with Byers' determinantal scaling, the second step's inverse for a
/// 400×400 ring (N = 100, γ = 1.5 eV, h = 0, μ = 0, φ = 0.1) had residual ‖XX⁻¹ − 𝟙‖ = 7.5e−3 at
/// 2-norm condition number 5.6, and P came out wrong by 1.6e−3 (unscaled: 1.2e−13). The Newton
/// iteration does not damp an error that anticommutes with S, so such a step is never repaired.
/// Hence no scaling, and every result carries ``commutatorResidual``
/// = ‖AP − PA‖₁/(‖A‖₁‖P‖₁), computed over A's nonzero entries in O(nnz·n): a projector that is
/// not a function of A shows there, and callers reject it.
///
/// **Convergence.** The number of steps grows like log₂(spread/δ), δ the distance of the nearest
/// eigenvalue from the line and spread ≈ ‖A − μ𝟙‖; ≈ 10 for a 240×240 ring Hamiltonian with
/// δ ≈ 0.03 eV. Converged means a relative step ‖X_{k+1} − X_k‖₁/‖X_{k+1}‖₁ ≤ 10⁻⁷ that is also
/// smaller than the previous step to the power 1.5 (the quadratic regime), so the error of the
/// last iterate is of order that step squared (≤ 10⁻¹⁴·cond).
///
/// - Throws: shape/finiteness errors (``LinearAlgebraError``) before LAPACK; a ``Failure`` when
///   the iteration cannot give the projector: an exactly singular iterate (an eigenvalue on the
///   line Re z = μ), a non-finite iterate, or no convergence in ``maximumSteps`` steps (an
///   eigenvalue within about spread·2^(5 − maximumSteps) of the line, or an ill-conditioned
///   splitting). Callers that can fall back to an eigen-decomposition catch ``Failure``.
public struct MatrixSignProjection: Sendable {
  /// Steps after which the iteration is declared not converged.
  public static let maximumSteps = 40

  /// Why the Newton iteration gave no projector; each case means an eigenvalue on (or nearly on) the line.
  public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
    /// `zgetrf` met an exactly zero pivot `pivot` while inverting the iterate of step `step`.
    case singularIterate(step: Int, pivot: Int, mu: Double)
    /// The iterate of step `step` has a NaN or infinite entry.
    case nonFiniteIterate(step: Int, mu: Double)
    /// No convergence in `steps` steps; `lastStep` is the last relative step.
    case notConverged(steps: Int, lastStep: Double, mu: Double)

    public var description: String {
      switch self {
      case .singularIterate(let step, let pivot, let mu):
        return "matrix sign iteration: step \(step) is singular (zgetrf pivot U(\(pivot),\(pivot)) = 0): "
          + "an eigenvalue lies on the line Re z = \(mu)"
      case .nonFiniteIterate(let step, let mu):
        return "matrix sign iteration: non-finite iterate at step \(step): an eigenvalue lies on the line Re z = \(mu)"
      case .notConverged(let steps, let last, let mu):
        return "matrix sign iteration: no convergence in \(steps) Newton steps (last relative step "
          + "\(String(format: "%.2g", last))): an eigenvalue lies (nearly) on the line Re z = \(mu)"
      }
    }
  }

  /// P = ½(𝟙 − sign(A − μ𝟙)), n×n.
  public let projector: ComplexMatrix
  /// Newton steps taken (one LU inversion each).
  public let steps: Int
  /// Last relative step ‖X_{k+1} − X_k‖₁/‖X_{k+1}‖₁.
  public let lastStep: Double
  /// ‖P‖₂ by power iteration on P†P (a lower bound converged to 1 %): 1 for normal A, large
  /// when eigenvalues on either side of the line nearly meet (ill-conditioned splitting).
  public let projectorNorm: Double
  /// ‖AP − PA‖₁/(‖A‖₁‖P‖₁): rounding level (≲ 1e−13 for the rings here) when P is a function
  /// of A; larger when an unstable LU step corrupted the iteration (see the type's discussion).
  public let commutatorResidual: Double

  /// Tr P: the number of eigenvalues with Re λ < μ, up to rounding.
  public var trace: Complex<Double> {
    (0..<projector.rows).reduce(Complex<Double>.zero) { $0 + projector[$1, $1] }
  }

  /// Computes the projector of `a` for the line Re z = `mu`.
  /// - Parameters:
  ///   - a: a square complex matrix with finite entries.
  ///   - mu: the real part at which the spectrum is split (same units as `a`).
  ///   - workspace: reused `zgetri` workspace across calls (sweeps); one per thread.
  public init(_ a: ComplexMatrix, splitAt mu: Double, workspace: LAPACKWorkspace? = nil) throws {
    try a.requireSquare()
    try a.requireFinite("matrix sign input")
    let n = a.rows
    var x = guardedCopy(a.elements, fill: .zero, order: n)
    for i in 0..<n { x[i + i * n] -= Complex(mu, 0) }
    var inverse = guardedBuffer(count: n * n, fill: Complex<Double>.zero, order: n)
    var pivots = [Int32](repeating: 0, count: max(1, n))
    let ws = workspace ?? LAPACKWorkspace()
    var steps = 0
    var step = Double.infinity
    var previous = Double.infinity
    while n > 0 {
      guard steps < Self.maximumSteps else { throw Failure.notConverged(steps: steps, lastStep: step, mu: mu) }
      for i in 0..<(n * n) { inverse[i] = x[i] }
      steps += 1
      do {
        try Self.invert(&inverse, order: n, pivots: &pivots, workspace: ws)
      } catch SingularPivot.at(let pivot) {
        throw Failure.singularIterate(step: steps, pivot: pivot, mu: mu)
      }
      let half = Complex<Double>(0.5, 0)
      var difference = 0.0, norm = 0.0
      for j in 0..<n {
        var columnDifference = 0.0, columnNorm = 0.0
        for i in 0..<n {
          let k = i + j * n
          let next = half * (x[k] + inverse[k])
          columnDifference += (next - x[k]).length
          columnNorm += next.length
          x[k] = next
        }
        difference = max(difference, columnDifference)
        norm = max(norm, columnNorm)
      }
      (previous, step) = (step, difference / norm)
      guard step.isFinite else { throw Failure.nonFiniteIterate(step: steps, mu: mu) }
      if step <= 1e-7, step <= Foundation.pow(previous, 1.5) { break }
    }
    // P = ½(𝟙 − S), in place.
    for k in 0..<(n * n) { x[k] = Complex(-0.5, 0) * x[k] }
    for i in 0..<n { x[i + i * n] += Complex(0.5, 0) }
    removeGuard(&x, keeping: n * n)
    projector = try ComplexMatrix(rows: n, columns: n, elements: x)
    self.steps = steps
    lastStep = n > 0 ? step : 0
    projectorNorm = Self.spectralNorm(projector)
    commutatorResidual = Self.commutatorResidual(a, projector)
  }

  /// `zgetrf`'s info > 0: the 1-based index of the exactly zero pivot.
  enum SingularPivot: Error { case at(Int) }

  /// Replaces the LU-guarded buffer `a` (order n) by its inverse (`zgetrf` + `zgetri`).
  /// - Throws: ``SingularPivot`` when `a` is exactly singular.
  static func invert(
    _ a: inout [Complex<Double>], order n: Int, pivots: inout [Int32], workspace: LAPACKWorkspace
  ) throws {
    do {
      try lapackWithoutWorkspace("zgetrf", meaning: { "U(\($0),\($0)) is exactly zero" }) {
        a.withUnsafeMutableBufferPointer { pa in
          pivots.withUnsafeMutableBufferPointer {
            Complex<Double>.getrf(n: n, a: pa.baseAddress!, lda: n, ipiv: $0.baseAddress!)
          }
        }
      }
    } catch LinearAlgebraError.failed(_, let info, _) {
      throw SingularPivot.at(info)
    }
    try lapack("zgetri", queryWorkspace: true, order: n, workspace: workspace) { cw, lc, _, _, _, _ in
      a.withUnsafeMutableBufferPointer { pa in
        pivots.withUnsafeBufferPointer { pp in
          LAPACKE_zgetri_work(columnMajor, Int32(n), c(pa.baseAddress!), Int32(n), pp.baseAddress!, cw, lc)
        }
      }
    }
  }

  /// ‖AP − PA‖₁/(‖A‖₁‖P‖₁) over A's nonzero entries: O(nnz·n) time, O(nnz + n) extra memory
  /// (one column of the commutator at a time; O(n³) time for a dense A).
  static func commutatorResidual(_ a: ComplexMatrix, _ p: ComplexMatrix) -> Double {
    let n = a.rows
    guard n > 0 else { return 0 }
    // Nonzeros of A in column-major order, and where each column's run starts.
    var rowOf: [Int] = [], columnOf: [Int] = [], valueOf: [Complex<Double>] = []
    var columnStart = [Int](repeating: 0, count: n + 1)
    for k in 0..<n {
      columnStart[k] = rowOf.count
      for i in 0..<n where a[i, k] != .zero {
        rowOf.append(i)
        columnOf.append(k)
        valueOf.append(a[i, k])
      }
    }
    columnStart[n] = rowOf.count
    // Column j of C = AP − PA: Σ_{(i,k)} A_ik P_kj e_i − Σ_{(i,j)} A_ij P_{:,i}.
    var column = [Complex<Double>](repeating: .zero, count: n)
    var residual = 0.0
    for j in 0..<n {
      for r in 0..<n { column[r] = .zero }
      for e in 0..<rowOf.count { column[rowOf[e]] += valueOf[e] * p[columnOf[e], j] }
      for e in columnStart[j]..<columnStart[j + 1] {
        let (i, value) = (rowOf[e], valueOf[e])
        for r in 0..<n { column[r] -= p[r, i] * value }
      }
      var sum = 0.0
      for r in 0..<n { sum += column[r].length }
      residual = max(residual, sum)
    }
    let scale: Double = oneNorm(a.elements, order: n) * oneNorm(p.elements, order: n)
    return scale > 0 ? residual / scale : 0
  }

  /// Largest column sum of moduli of a column-major n×n array.
  static func oneNorm(_ m: [Complex<Double>], order n: Int) -> Double {
    var best = 0.0
    for j in 0..<n {
      var sum = 0.0
      for i in 0..<n { sum += m[i + j * n].length }
      best = max(best, sum)
    }
    return best
  }

  /// ‖P‖₂ by power iteration on P†P from a fixed start (all ones plus a ramp, so that no
  /// symmetry hides the top singular vector): stops at 1 % relative change or 30 steps.
  static func spectralNorm(_ p: ComplexMatrix) -> Double {
    let n = p.rows
    guard n > 0 else { return 0 }
    var v = ComplexMatrix(rows: n, columns: 1) { i, _ in Complex(1, Double(i) / Double(n)) }
    var pv = ComplexMatrix(rows: n, columns: 1)
    var estimate = 0.0
    for _ in 0..<30 {
      let length = v.elements.reduce(0.0) { $0 + $1.lengthSquared }.squareRoot()
      guard length > 0, length.isFinite else { return length.isFinite ? estimate : .infinity }
      for i in 0..<n { v.elements[i] = v.elements[i] / Complex(length, 0) }
      ComplexMatrix.multiply(into: &pv, p, .none, v, .none)
      let next = pv.elements.reduce(0.0) { $0 + $1.lengthSquared }.squareRoot()
      ComplexMatrix.multiply(into: &v, p, .adjoint, pv, .none)
      if abs(next - estimate) <= 0.01 * next { return next }
      estimate = next
    }
    return estimate
  }

  /// Tr(P O) = Σ_ij O_ij P_ji for each sparse operator: O(nnz).
  public func traces(of ops: [SparseMatrix<Complex<Double>>]) -> [Complex<Double>] {
    ops.map { o in
      var total = Complex<Double>.zero
      for i in 0..<o.rows {
        for k in o.rowStart[i]..<o.rowStart[i + 1] { total += o.values[k] * projector[o.columnIndex[k], i] }
      }
      return total
    }
  }
}
