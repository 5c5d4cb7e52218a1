import Diagnostics
import LinearAlgebra
import Numerics

/// Eigenstates of a Hermitian single-particle H and expectation values in them.
///
///     per state   O_n = ⟨n|O|n⟩
///     thermal     ⟨O⟩ = Σ_n f_n ⟨n|O|n⟩ = Tr(ρ O),   ρ = Σ_n f_n |n⟩⟨n|
///
/// f_n from an ``Occupation`` (degenerate levels always share one weight, so ⟨O⟩ does not
/// depend on the basis LAPACK picks inside a degenerate level; per-state values of operators
/// that do not commute with H can). Real parts are returned: every operator here is Hermitian.
public struct SpinCurrentExpectations: Sendable {
  /// Eigenvalues (eV), ascending.
  public let energies: [Double]
  /// Orthonormal eigenvectors (columns).
  public let states: ComplexMatrix

  /// Diagonalises H (`zheevd`).
  public init(hamiltonian: ComplexMatrix) throws {
    let eig = try HermitianEigensystem(hamiltonian, computeVectors: true)
    energies = eig.values
    states = eig.vectors
  }

  /// ⟨n|O|n⟩ for every eigenstate n (real part).
  /// Bond-local operators (few nonzeros per row) go through a sparse product, O(nnz·n).
  public func stateExpectations(of op: ComplexMatrix) throws -> [Double] {
    let sparse = Self.sparseIfWorthIt(op)
    let ov = try sparse?.multiply(states) ?? ComplexMatrix.product(op, .none, states, .none)
    let n = states.rows
    return (0..<states.columns).map { k in
      var s = Complex<Double>.zero
      for i in 0..<n { s += states[i, k].conjugate * ov[i, k] }
      return s.real
    }
  }

  /// The CSR form of `op` when at most 1/8 of its entries are nonzero, else nil.
  static func sparseIfWorthIt(_ op: ComplexMatrix) -> SparseMatrix<Complex<Double>>? {
    var t: [(row: Int, column: Int, value: Complex<Double>)] = []
    let limit = op.rows * op.columns / 8
    for col in 0..<op.columns {
      for row in 0..<op.rows where op[row, col] != .zero {
        t.append((row, col, op[row, col]))
        if t.count > limit { return nil }
      }
    }
    return try? SparseMatrix(rows: op.rows, columns: op.columns, triplets: t)
  }

  /// Σ_n w_n ⟨n|O|n⟩.
  public func thermal(of op: ComplexMatrix, weights: [Double]) throws -> Double {
    zip(try stateExpectations(of: op), weights).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// The one-body density matrix ρ = Σ_n w_n |n⟩⟨n| (ρ_ab = ⟨c_b† c_a⟩).
  func densityMatrix(weights: [Double]) throws -> ComplexMatrix {
    var scaled = states
    for k in 0..<states.columns {
      for i in 0..<states.rows { scaled[i, k] = Complex(weights[k], 0) * states[i, k] }
    }
    return try ComplexMatrix.product(scaled, .none, states, .adjoint)
  }

  /// Bond- and site-resolved expectation of an operator: Tr(ρ O) split by the site pairs
  /// {i, j} its matrix elements connect.
  ///
  ///     O_{ij}^{bond} = Σ_{σσ'} [ρ_{jσ', iσ} O_{iσ, jσ'} + ρ_{iσ, jσ'} O_{jσ', iσ}]   (i < j)
  ///     O_i^{site}    = Σ_{σσ'} ρ_{iσ', iσ} O_{iσ, iσ'}
  ///
  /// Σ bonds + Σ sites = Tr(ρ O). Bonds with |value| ≤ 1e−300 and no matrix element are omitted.
  /// For the currents on a chain the bond terms are the bond currents and the site terms carry
  /// what is local to a site (for ½{τ, X} the on-site Zeeman torque times x_i).
  public static func local(of op: ComplexMatrix, density rho: ComplexMatrix) -> LocalExpectation {
    let sites = op.rows / 2
    var bonds: [Int: Double] = [:]
    var site = [Double](repeating: 0, count: sites)
    for a in 0..<op.rows {
      for b in 0..<op.columns where op[a, b] != .zero {
        let term = (rho[b, a] * op[a, b]).real
        let i = a / 2
        let j = b / 2
        if i == j { site[i] += term } else { bonds[min(i, j) * sites + max(i, j), default: 0] += term }
      }
    }
    let list = bonds.keys.sorted().map { (i: $0 / sites, j: $0 % sites, value: bonds[$0]!) }
    return LocalExpectation(bonds: list, sites: site)
  }
}

/// A bond- and site-resolved expectation value (see ``SpinCurrentExpectations/local(of:density:)``).
public struct LocalExpectation: Sendable {
  /// (i, j, value) with i < j, sorted by (i, j).
  public var bonds: [(i: Int, j: Int, value: Double)]
  /// Value on each site.
  public var sites: [Double]
  /// Σ bonds + Σ sites.
  public var total: Double { bonds.reduce(0) { $0 + $1.value } + sites.reduce(0, +) }
}
