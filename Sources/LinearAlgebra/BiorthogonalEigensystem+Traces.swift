import Numerics

/// Expectation values and traces in a ``BiorthogonalEigensystem``.
///
/// Per state: Oₙ = (L†OR)ₙₙ = ⟨Lₙ|O|Rₙ⟩ (L†R = 𝟙). Traces over a selection of states, two ways:
/// ``stateSums(of:selecting:)`` sums per-state values (O(nnz·k) for sparse operators: the
/// fast path, exact when L†R = 𝟙), ``traces(of:selecting:)`` forms
/// Tr[(L_sel†R_sel)⁻¹ L_sel†OR_sel] with matrix products (O(n·k²), robust to a basis that is
/// not exactly biorthonormal).
extension BiorthogonalEigensystem {
  /// ‖L†R − 𝟙‖_max: how far the computed basis is from exact biorthonormality.
  func biorthogonalityError() throws -> Double {
    let g = try ComplexMatrix.product(left, .adjoint, right)
    return (g - .identity(values.count)).maxAbs
  }

  /// Per-state biorthogonal expectation values Oₙ = (L†OR)ₙₙ (= ⟨Lₙ|O|Rₙ⟩ since L†R = 𝟙).
  ///
  /// Costs one n×n×n product plus O(n²). For degenerate clusters the individual values depend
  /// on the basis chosen inside the cluster; sums over whole clusters do not.
  public func stateExpectations(of op: ComplexMatrix) throws -> [Complex<Double>] {
    let oR = try ComplexMatrix.product(op, .none, right)
    return Self.columnDots(left, oR)
  }

  /// Per-state values for a sparse operator (O(nnz·n) instead of O(n³), no n×n temporary).
  public func stateExpectations(of op: SparseMatrix<Complex<Double>>) throws -> [Complex<Double>] {
    try requireShape(op)
    return values.indices.map { stateValue(op, $0) }
  }

  /// Σₙ (L†OR)ₙₙ over `selection` for each sparse operator: the trace Tr(P O) of the selection's
  /// projector P = R_sel L_sel†, valid because the basis is biorthonormal (L†R = 𝟙 to rounding,
  /// `biorthogonalityError()`). O(nnz·|selection|) per operator, nothing n×n formed; this is
  /// what the persistent currents use. Degenerate clusters must be selected whole (their
  /// individual values depend on the basis, their sums do not).
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when an operator is not n×n or an
  ///   index is out of range.
  public func stateSums(
    of ops: [SparseMatrix<Complex<Double>>], selecting selection: [Int]
  ) throws
    -> [Complex<Double>]
  {
    for op in ops { try requireShape(op) }
    guard selection.allSatisfy({ values.indices.contains($0) }) else {
      throw LinearAlgebraError.dimensionMismatch("selection outside 0..<\(values.count)")
    }
    return ops.map { op in selection.reduce(Complex<Double>.zero) { $0 + stateValue(op, $1) } }
  }

  /// (L†OR)ₙₙ = Σᵢ conj(Lᵢₙ) (O R)ᵢₙ for one state, straight from the CSR arrays.
  @inline(__always)
  func stateValue(_ op: SparseMatrix<Complex<Double>>, _ state: Int) -> Complex<Double> {
    let n = values.count, base = state * n
    return left.elements.withUnsafeBufferPointer { pl in
      right.elements.withUnsafeBufferPointer { pr in
        op.rowStart.withUnsafeBufferPointer { start in
          op.columnIndex.withUnsafeBufferPointer { column in
            op.values.withUnsafeBufferPointer { value in
              var total = Complex<Double>.zero
              for i in 0..<n {
                var s = Complex<Double>.zero
                for k in start[i]..<start[i + 1] { s += value[k] * pr[column[k] + base] }
                total += pl[i + base].conjugate * s
              }
              return total
            }
          }
        }
      }
    }
  }

  func requireShape(_ op: SparseMatrix<Complex<Double>>) throws {
    guard op.rows == values.count, op.columns == values.count else {
      throw LinearAlgebraError.dimensionMismatch("operator \(op.rows)×\(op.columns) for \(values.count) states")
    }
  }

  /// Σₙ wₙ Oₙ: a weighted (e.g. Fermi–Dirac) trace over states.
  func weightedTrace(of op: ComplexMatrix, weights: [Double]) throws -> Complex<Double> {
    guard weights.count == values.count else {
      throw LinearAlgebraError.dimensionMismatch("\(weights.count) weights for \(values.count) states")
    }
    let o = try stateExpectations(of: op)
    return zip(o, weights).reduce(.zero) { $0 + $1.0 * Complex($1.1, 0) }
  }

  /// The projector P = R_sel (L_sel† R_sel)⁻¹ L_sel† onto the selected eigenvalues.
  public func projector(selecting selection: [Int]) throws -> ComplexMatrix {
    let rs = right.columns(selection), ls = left.columns(selection)
    let overlap = try ComplexMatrix.product(ls, .adjoint, rs)
    let y = try ComplexMatrix.solve(overlap, ls.adjoint)
    return rs * y
  }

  /// Tr(P·O) for each operator, P the selection's projector, by matrix products:
  /// Tr(P O) = Tr[(L_sel†R_sel)⁻¹ (L_sel† O R_sel)] (one factorisation for all operators).
  public func traces(of ops: [ComplexMatrix], selecting selection: [Int]) throws -> [Complex<Double>] {
    try traces(selection, count: ops.count) { try ComplexMatrix.product(ops[$0], .none, $1) }
  }

  /// Tr(P·O) for sparse operators.
  public func traces(of ops: [SparseMatrix<Complex<Double>>], selecting selection: [Int]) throws -> [Complex<Double>] {
    try traces(selection, count: ops.count) { try ops[$0].multiply($1) }
  }

  /// Tr(P·O) for one operator.
  public func trace(of op: ComplexMatrix, selecting selection: [Int]) throws -> Complex<Double> {
    try traces(of: [op], selecting: selection)[0]
  }

  private func traces(
    _ selection: [Int], count: Int, apply: (Int, ComplexMatrix) throws -> ComplexMatrix
  ) throws -> [Complex<Double>] {
    guard !selection.isEmpty else { return Array(repeating: .zero, count: count) }
    let rs = right.columns(selection), ls = left.columns(selection)
    let k = selection.count
    let overlap = try ComplexMatrix.product(ls, .adjoint, rs)
    var stacked = ComplexMatrix(rows: k, columns: k * count)
    for o in 0..<count {
      let g = try ComplexMatrix.product(ls, .adjoint, try apply(o, rs))
      stacked.elements.replaceSubrange((o * k * k)..<((o + 1) * k * k), with: g.elements)
    }
    let x = try ComplexMatrix.solve(overlap, stacked)
    return (0..<count).map { o in (0..<k).reduce(Complex<Double>.zero) { $0 + x[$1, o * k + $1] } }
  }

  /// Σᵢ conj(Aᵢⱼ) Bᵢⱼ for every column j.
  static func columnDots(_ a: ComplexMatrix, _ b: ComplexMatrix) -> [Complex<Double>] {
    (0..<a.columns).map { j in
      var s = Complex<Double>.zero
      for i in 0..<a.rows { s += a[i, j].conjugate * b[i, j] }
      return s
    }
  }

}
