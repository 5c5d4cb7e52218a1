import CLAPACK
import Numerics

/// Spectral (Riesz) projector onto chosen eigenvalues of a general matrix, from an ordered
/// Schur form: finite at exceptional points, where no eigenvector basis exists.
///
/// With A = Q T Q† (`zgees`), the selected eigenvalues moved to the leading k×k block
/// (`ztrsen`) and Y the solution of the Sylvester equation (`ztrsyl`)
///
///     T = [[T₁₁, T₁₂], [0, T₂₂]],      T₁₁ Y − Y T₂₂ = T₁₂,
///     P = Q [[𝟙, Y], [0, 0]] Q†,       Tr(P O) = Tr(Q₁†O Q₁) + Tr(Y Q₂†O Q₁).
///
/// P is the projector onto the generalised eigenspace of the selected eigenvalues along the rest
/// (P² = P, PA = AP). It uses no eigenvectors, so Jordan blocks on either side cost nothing;
/// it is ill-conditioned only when a selected and an unselected eigenvalue meet
/// (sep(T₁₁, T₂₂) → 0), which ``projectorNorm`` shows: ‖P‖₂ = √(1 + ‖Y‖₂²) ≤ √(1 + ‖Y‖_F²).
///
/// Cost: one Schur decomposition (≈ `zgeev` without vectors plus the accumulation of Q), a
/// reordering and a k×(n−k) Sylvester solve; memory ≈ 3 n² complex numbers.
///
/// - Throws: shape/finiteness errors before LAPACK; ``LinearAlgebraError/failed(routine:info:meaning:)``
///   if the QR algorithm or the reordering fails. A singular Sylvester equation (selected and
///   unselected eigenvalues equal) is not an error: ``projectorNorm`` is then infinite.
public struct SchurSpectralProjection: Sendable {
  /// Eigenvalues, the k selected ones first.
  public let values: [Complex<Double>]
  /// Number k of selected eigenvalues.
  let selectedCount: Int
  /// Upper bound √(1 + ‖Y‖_F²) of ‖P‖₂ (1 when P is orthogonal; ∞ when selected and
  /// unselected eigenvalues coincide).
  public let projectorNorm: Double
  /// Reordered Schur vectors Q (unitary).
  let schurVectors: ComplexMatrix
  /// Y, k × (n − k).
  let coupling: ComplexMatrix

  /// Decomposes `a` and selects eigenvalues by `select`, which receives all n eigenvalues (in
  /// LAPACK's order) and returns one flag per eigenvalue.
  public init(_ a: ComplexMatrix, selecting select: ([Complex<Double>]) -> [Bool]) throws {
    try a.requireSquare()
    try a.requireFinite("zgees input")
    let n = a.rows
    var t = guardedCopy(a.elements, fill: .zero, order: n)
    var q = guardedBuffer(count: max(1, n * n), fill: Complex<Double>.zero, order: n)
    var w = guardedBuffer(count: max(1, n), fill: Complex<Double>.zero, order: n)
    var rwork = guardedBuffer(count: max(1, n), fill: 0.0, order: n)
    var bwork: [Int32] = [0]
    var sdim: Int32 = 0
    if n > 0 {
      try lapack("zgees", queryWorkspace: true, order: n, meaning: { "the QR algorithm failed at \($0)" }) {
        cw, lc, _, _, _, _ in
        t.withUnsafeMutableBufferPointer { pt in
          q.withUnsafeMutableBufferPointer { pq in
            w.withUnsafeMutableBufferPointer { pw in
              LAPACKE_zgees_work(
                columnMajor, flag("V"), flag("N"), nil, Int32(n), c(pt.baseAddress!), Int32(n), &sdim,
                c(pw.baseAddress!), c(pq.baseAddress!), Int32(n), cw, lc, &rwork, &bwork)
            }
          }
        }
      }
    }
    let flags = select(Array(w[0..<n]))
    guard flags.count == n else {
      throw LinearAlgebraError.dimensionMismatch("\(flags.count) selection flags for \(n) eigenvalues")
    }
    var selected = flags.map { Int32($0 ? 1 : 0) }
    var k: Int32 = 0
    var s = 0.0, sep = 0.0
    var work = [clapack_complex_double(re: 0, im: 0)]
    if n > 0 {
      try lapackWithoutWorkspace("ztrsen", meaning: { _ in "the reordering failed (eigenvalues too close)" }) {
        t.withUnsafeMutableBufferPointer { pt in
          q.withUnsafeMutableBufferPointer { pq in
            w.withUnsafeMutableBufferPointer { pw in
              LAPACKE_ztrsen_work(
                columnMajor, flag("N"), flag("V"), &selected, Int32(n), c(pt.baseAddress!), Int32(n),
                c(pq.baseAddress!), Int32(n), c(pw.baseAddress!), &k, &s, &sep, &work, 1)
            }
          }
        }
      }
    }
    let kk = Int(k)
    var y = ComplexMatrix(rows: kk, columns: n - kk)
    var norm = 1.0
    if kk > 0, kk < n {
      var scale = 1.0
      // info = 1 (T₁₁ and T₂₂ share an eigenvalue: solved with perturbed values) is a result here.
      let info = try lapackWithoutWorkspace("ztrsyl", tolerating: 1) {
        t.withUnsafeMutableBufferPointer { pt -> Int32 in
          let base = c(pt.baseAddress!)
          return LAPACKE_ztrsyl_work(
            columnMajor, flag("N"), flag("N"), -1, Int32(kk), Int32(n - kk), base, Int32(n), base + (kk + kk * n),
            Int32(n), base + kk * n, Int32(n), &scale)
        }
      }
      var frobenius = 0.0
      for j in 0..<(n - kk) {
        for i in 0..<kk {
          let e = t[i + (kk + j) * n]
          y[i, j] = e / Complex(scale, 0)
          frobenius += y[i, j].lengthSquared
        }
      }
      // info = 1: eigenvalues of T₁₁ and T₂₂ (nearly) equal, Y from perturbed values.
      norm = info == 0 && scale > 0 && frobenius.isFinite ? (1 + frobenius).squareRoot() : .infinity
    }
    removeGuard(&q, keeping: n * n)
    values = Array(w[0..<n])
    selectedCount = kk
    projectorNorm = norm
    schurVectors = try ComplexMatrix(rows: n, columns: n, elements: q)
    coupling = y
  }

  /// Tr(P O) for each operator, `apply(o, X)` = O_o X for an n×m block X.
  public func traces(
    count: Int, apply: (Int, ComplexMatrix) throws -> ComplexMatrix
  ) throws -> [Complex<Double>] {
    let n = schurVectors.rows, k = selectedCount
    guard k > 0 else { return Array(repeating: .zero, count: count) }
    guard projectorNorm.isFinite else { return Array(repeating: Complex(.nan, .nan), count: count) }
    let q1 = schurVectors.columns(Array(0..<k))
    let q2 = schurVectors.columns(Array(k..<n))
    return try (0..<count).map { o in
      let oq1 = try apply(o, q1)
      var total = Complex<Double>.zero
      for j in 0..<k {
        for i in 0..<n { total += q1[i, j].conjugate * oq1[i, j] }
      }
      if k < n {
        let b = try ComplexMatrix.product(q2, .adjoint, oq1)  // (n−k) × k
        for i in 0..<k {
          for j in 0..<(n - k) { total += coupling[i, j] * b[j, i] }
        }
      }
      return total
    }
  }

  /// Tr(P O) for dense operators.
  public func traces(of ops: [ComplexMatrix]) throws -> [Complex<Double>] {
    try traces(count: ops.count) { try ComplexMatrix.product(ops[$0], .none, $1) }
  }

  /// Tr(P O) for sparse operators.
  public func traces(of ops: [SparseMatrix<Complex<Double>>]) throws -> [Complex<Double>] {
    try traces(count: ops.count) { try ops[$0].multiply($1) }
  }
}
