import Numerics

/// The Hermitian Lanczos three-term recurrence, the one kernel of every Lanczos route.
///
///     w = H q_j − β_{j−1} q_{j−1} − α_j q_j,   α_j = Re⟨q_j|H q_j⟩,   β_j = |w|,   q_{j+1} = w / β_j
///
/// (K for H in kelvin), run for `width` independent columns at once (vector element `row·width + c`;
/// each column its own α, β: the screw sectors of ``MatrixFreeSectorOperator`` in one product).
/// `multiply` applies H (stored sparse sector matrix or matrix-free); ``step(_:)`` takes an optional
/// orthogonalisation of w (full reorthogonalisation, projection out of known states; width 1) before
/// β_j is taken. The callers solve the tridiagonal problem (α, β) with LAPACK
/// (``/LinearAlgebra/SymmetricTridiagonalEigensystem``). Level-1 operations run in parallel over
/// fixed row chunks (``WideVector``), so the numbers do not depend on the thread count. A column with
/// β_j = 0 (an invariant Krylov space) continues as zero. Memory: three vectors.
/// Precondition: every column of the start vector is normalised (or zero).
struct LanczosRecurrence {
  private(set) var width: Int
  /// q_j, the current Lanczos vector.
  private(set) var q: [Complex<Double>]
  private var previous: [Complex<Double>]
  private var w: [Complex<Double>]
  /// α_0 … α_j and β_0 … β_j of each column (β_j of the last step is its residual norm).
  private(set) var columnAlphas: [[Double]]
  private(set) var columnBetas: [[Double]]
  private(set) var multiply: ([Complex<Double>], inout [Complex<Double>]) -> Void

  /// Column 0's α and β (the single-column recurrence).
  var alphas: [Double] { columnAlphas[0] }
  var betas: [Double] { columnBetas[0] }

  init(
    start: [Complex<Double>], width: Int = 1,
    multiply: @escaping ([Complex<Double>], inout [Complex<Double>]) -> Void
  ) {
    precondition(width >= 1 && start.count % width == 0)
    self.width = width
    q = start
    previous = [Complex<Double>](repeating: .zero, count: start.count)
    w = previous
    columnAlphas = Array(repeating: [], count: width)
    columnBetas = Array(repeating: [], count: width)
    self.multiply = multiply
  }

  /// One step from q_j: forms w, applies `orthogonalize`, records α_j and β_j = |w| of every column and
  /// returns column 0's.
  @discardableResult
  mutating func step(_ orthogonalize: (inout [Complex<Double>]) -> Void = { _ in }) -> (alpha: Double, beta: Double) {
    multiply(q, &w)
    let a = WideVector.dots(q, w, width: width).map(\.real)
    let b = columnBetas.map { $0.last ?? 0 }
    WideVector.subtract(&w, a, q, b, previous, width: width)
    orthogonalize(&w)
    let norms = WideVector.norms(w, width: width)
    for c in 0..<width {
      columnAlphas[c].append(a[c])
      columnBetas[c].append(norms[c])
    }
    return (a[0], norms[0])
  }

  /// Keeps only the columns `columns` (old column indices, in their new order) and the rows `rows` (old
  /// row index of each new row), with `multiply` applying H in the new layout. Between steps only
  /// (after ``advance()``); the dropped rows must be zero in the kept columns.
  mutating func keep(
    columns: [Int], rows: [Int], multiply: @escaping ([Complex<Double>], inout [Complex<Double>]) -> Void
  ) {
    let old = width, wNew = columns.count
    func repack(_ v: [Complex<Double>]) -> [Complex<Double>] {
      var out = [Complex<Double>](repeating: .zero, count: rows.count * wNew)
      for (a, r) in rows.enumerated() { for (c, o) in columns.enumerated() { out[a * wNew + c] = v[r * old + o] } }
      return out
    }
    q = repack(q)
    previous = repack(previous)
    w = [Complex<Double>](repeating: .zero, count: q.count)
    columnAlphas = columns.map { columnAlphas[$0] }
    columnBetas = columns.map { columnBetas[$0] }
    width = wNew
    self.multiply = multiply
  }

  /// q_{j+1} = w / β_j (after ``step(_:)``; a column with β_j = 0 becomes zero).
  mutating func advance() {
    WideVector.scale(&w, columnBetas.map { $0.last! > 0 ? 1 / $0.last! : 0 }, width: width)
    swap(&previous, &q)
    swap(&q, &w)
  }
}
