import LinearAlgebra
import Numerics

extension TightBindingSystem {
  /// Position operator X = diag(x_i) ⊗ 𝟙 (units of a), dense.
  public func positionOperator() -> ComplexMatrix {
    .diagonal(sites.flatMap { [Complex($0.position, 0), Complex($0.position, 0)] })
  }

  /// Velocity operator v = (i/ħ)[H, X] assembled bond by bond (ħ = 1, a = 1: eV·a/ħ), sparse.
  ///
  ///     v_{iσ, jσ'} = −i H_{iσ, jσ'} d_ij
  ///
  /// with d_ij the hop's displacement (equals x_i − x_j for open chains, where v = i[H, X]
  /// exactly; on a ring the closing bond uses its true length, not x_i − x_j).
  /// On-site terms do not contribute. Non-Hermitian H gives non-Hermitian v.
  public func velocityOperator() throws -> SparseMatrix<Complex<Double>> {
    try bondOperator { h in Complex(0, -h.displacement) * h.matrix }
  }

  /// Dense velocity operator (same as ``velocityOperator()``).
  public func denseVelocityOperator() throws -> ComplexMatrix { try velocityOperator().dense }

  /// Spin operator σ_α on every site (α = 0, 1, 2 for x, y, z), sparse, dimensionless.
  public func spinOperator(_ alpha: Int) throws -> SparseMatrix<Complex<Double>> {
    let p = SpinMatrix.pauli(alpha)
    var t: [(row: Int, column: Int, value: Complex<Double>)] = []
    for i in sites.indices { appendBlock(&t, i, i, p) }
    return try SparseMatrix(rows: dimension, columns: dimension, triplets: t)
  }

  /// Symmetrised spin velocity {σ_α, v}/2, bond by bond (eV·a/ħ), sparse.
  ///
  ///     ({σ_α, v}/2)_{i·, j·} = (σ_α V_ij + V_ij σ_α)/2,   V_ij = −i d_ij T_ij
  ///
  /// Exact because σ_α is site-diagonal. The bare spin current of docs/model-reference.md is
  /// I_s^α = (ħ/2)·{σ_α, v}/(2L) with L = M a, i.e. this operator divided by 2L (ħ = 1).
  public func spinVelocityOperator(_ alpha: Int) throws -> SparseMatrix<Complex<Double>> {
    let p = SpinMatrix.pauli(alpha)
    let half = Complex<Double>(0.5, 0)
    return try bondOperator { h in
      let v = Complex(0, -h.displacement) * h.matrix
      return half * (p * v + v * p)
    }
  }

  /// The four operators (v, {σ_x,v}/2, {σ_y,v}/2, {σ_z,v}/2), in that order.
  public func currentOperators() throws -> [SparseMatrix<Complex<Double>>] {
    [try velocityOperator()] + (try (0..<3).map { try spinVelocityOperator($0) })
  }

  /// A sparse operator with one 2×2 block per hopping (blocks on the same pair add up).
  public func bondOperator(_ block: (LatticeModel.Hopping) -> SpinMatrix) throws -> SparseMatrix<Complex<Double>> {
    var t: [(row: Int, column: Int, value: Complex<Double>)] = []
    t.reserveCapacity(4 * hoppings.count)
    for h in hoppings { appendBlock(&t, h.to, h.from, block(h)) }
    return try SparseMatrix(rows: dimension, columns: dimension, triplets: t)
  }
}
