import Numerics

/// Biorthonormal eigen-decomposition of a non-Hermitian matrix: A = R Λ L†, L†R = 𝟙.
///
/// Built from `zgeev`'s unit left/right eigenvectors. Eigenvalues closer than
/// `clusterTolerance · max(1, maxₙ|λₙ|)` are grouped into clusters (single linkage). Each
/// cluster C is biorthonormalised as a block, as in seed 002 appendix B: with the overlap
/// S = L_C†R_C, R_C ← R_C S^{−1/2} and L_C ← L_C (S^{−1/2})†, so L_C†R_C = 𝟙 while each new
/// vector stays an eigenvector. A singleton is the 1×1 case (rₙ/√s, lₙ/√s̄).
///
/// **Condition numbers.** For a singleton κₙ = 1/|l̂ₙ†r̂ₙ| (unit vectors, Wilkinson's
/// eigenvalue condition number); for a cluster every member gets ‖S⁻¹‖₂ of the unit-vector
/// overlap. κ = 1 for normal matrices; κ → ∞ at an exceptional point. Callers warn above
/// their own threshold (the physics modules use 1e6).
///
/// **Default tolerance 1e−8.** Exactly degenerate eigenvalues of a diagonalisable matrix come
/// out of `zgeev` split by ~κ·ε·‖A‖ ≈ 1e−14…1e−12 for the matrices here; pairs split by more
/// than 1e−8 are genuinely distinct (or near-defective, which the condition number reveals).
///
/// **Defective clusters.** A cluster is defective (an exceptional point: no biorthonormal
/// basis exists) when its overlap S is numerically singular: κ ≥ 1e15, a zero pivot, or an
/// inverse that overflows. This is decided on S and S⁻¹ *before* either is used further, so no
/// non-finite number reaches LAPACK (an overflowing S⁻¹ used to reach `zheevd` in the spectral
/// norm). κ of a defective cluster is reported between 1e15 and 1/ε ≈ 4.5e15 (a finite stand-in
/// for "no basis": the true value is infinite or lost in rounding).
///
/// - Throws: ``LinearAlgebraError/exceptionalPoint(eigenvalue:conditionNumber:)`` for a
///   defective cluster unless `allowDefective` is true; then the cluster is listed in
///   ``defectiveClusters``, its vectors stay unit-normalised (not biorthonormal) and its
///   per-state values are meaningless: callers must not use them (see ``isDefective``).
public struct BiorthogonalEigensystem: Sendable {
  /// Eigenvalues (LAPACK order).
  public let values: [Complex<Double>]
  /// Right eigenvectors R (columns), biorthonormal to `left`.
  public let right: ComplexMatrix
  /// Left eigenvectors L (columns): L†A = ΛL† and L†R = 𝟙.
  public let left: ComplexMatrix
  /// Index sets of numerically degenerate eigenvalues (every index in exactly one cluster).
  public let clusters: [[Int]]
  /// Condition number of each eigenvalue (see type documentation); ≥ 1.
  public let conditionNumbers: [Double]
  /// Relative tolerance used to form clusters.
  public let clusterTolerance: Double
  /// Clusters with no biorthonormal basis (exceptional points); empty unless `allowDefective`.
  public let defectiveClusters: [[Int]]
  /// Per state: true when it belongs to a defective cluster.
  public let isDefective: [Bool]

  /// Diagonalises `a` (one `zgeev` call) and biorthonormalises.
  public init(_ a: ComplexMatrix, clusterTolerance: Double = 1e-8, allowDefective: Bool = false) throws {
    let g = try GeneralEigensystem(a, computeLeft: true, computeRight: true)
    try self.init(
      values: g.values, right: g.right, left: g.left, clusterTolerance: clusterTolerance,
      allowDefective: allowDefective)
  }

  /// Biorthonormalises given eigenvectors (any normalisation, any basis inside a degenerate
  /// eigenspace). Columns must be eigenvectors of the same matrix for `values`.
  public init(
    values: [Complex<Double>], right: ComplexMatrix, left: ComplexMatrix, clusterTolerance: Double = 1e-8,
    allowDefective: Bool = false
  ) throws {
    let n = values.count
    guard right.rows == n, right.columns == n, left.rows == n, left.columns == n else {
      throw LinearAlgebraError.dimensionMismatch(
        "\(n) eigenvalues, R \(right.rows)×\(right.columns), L \(left.rows)×\(left.columns)")
    }
    guard clusterTolerance >= 0, clusterTolerance.isFinite else {
      throw LinearAlgebraError.nonFinite("clusterTolerance \(clusterTolerance)")
    }
    self.values = values
    self.clusterTolerance = clusterTolerance
    let clusters = Self.cluster(values, tolerance: clusterTolerance)
    self.clusters = clusters
    var r = right
    var l = left
    var kappa = [Double](repeating: 1, count: n)
    // Unit-normalise columns first so condition numbers are Wilkinson's.
    for j in 0..<n {
      let nr = norm(r.column(j)), nl = norm(l.column(j))
      guard nr > 0, nl > 0 else { throw LinearAlgebraError.dimensionMismatch("zero eigenvector in column \(j)") }
      for i in 0..<n {
        r[i, j] = r[i, j] / Complex(nr, 0)
        l[i, j] = l[i, j] / Complex(nl, 0)
      }
    }
    var defective: [[Int]] = []
    var flagged = [Bool](repeating: false, count: n)
    func markDefective(_ cluster: [Int], _ k: Double) throws {
      guard allowDefective else {
        throw LinearAlgebraError.exceptionalPoint(eigenvalue: "\(values[cluster[0]])", conditionNumber: k)
      }
      defective.append(cluster)
      for j in cluster {
        kappa[j] = k
        flagged[j] = true
      }
    }
    for cluster in clusters {
      if cluster.count == 1 {
        let j = cluster[0]
        var s = Complex<Double>.zero
        for i in 0..<n { s += l[i, j].conjugate * r[i, j] }
        let k = 1 / s.length
        guard k.isFinite, k < Self.defectiveCondition else {
          try markDefective(cluster, k.isFinite ? k : 1 / Double.ulpOfOne)
          continue
        }
        kappa[j] = k
        let root = Complex.sqrt(s)
        for i in 0..<n {
          r[i, j] = r[i, j] / root
          l[i, j] = l[i, j] / root.conjugate
        }
      } else {
        let rc = r.columns(cluster), lc = l.columns(cluster)
        let s = try ComplexMatrix.product(lc, .adjoint, rc)
        // Decide on S⁻¹ itself before using it: a zero pivot or an overflowing inverse means S
        // is numerically singular (max |S⁻¹ᵢⱼ| ≤ ‖S⁻¹‖₂, so the bound below is a lower bound).
        guard let sInverse = try? s.inverse(), sInverse.elements.allSatisfy(\.isFinite),
          sInverse.maxAbs < Self.defectiveCondition
        else {
          let bound = (try? s.inverse()).map(\.maxAbs) ?? .infinity
          try markDefective(
            cluster,
            bound.isFinite ? min(max(bound, Self.defectiveCondition), 1 / Double.ulpOfOne) : 1 / Double.ulpOfOne)
          continue
        }
        let k = try Self.spectralNorm(sInverse)
        guard k.isFinite, k < Self.defectiveCondition else {
          try markDefective(cluster, k.isFinite ? min(k, 1 / Double.ulpOfOne) : 1 / Double.ulpOfOne)
          continue
        }
        let (rootInverse, adjointRootInverse) = try Self.inverseSquareRoot(s, inverse: sInverse)
        let newR = rc * rootInverse
        let newL = lc * adjointRootInverse
        for (k2, j) in cluster.enumerated() {
          r.setColumn(j, newR.column(k2))
          l.setColumn(j, newL.column(k2))
          kappa[j] = k
        }
      }
    }
    self.defectiveClusters = defective
    self.isDefective = flagged
    self.right = r
    self.left = l
    self.conditionNumbers = kappa
  }

  /// Condition number from which a cluster counts as defective (no biorthonormal basis).
  public static let defectiveCondition = 1e15

  /// Largest condition number over all eigenvalues.
  public var maxConditionNumber: Double { conditionNumbers.max() ?? 1 }

  /// ‖L†R − 𝟙‖_max: how far the computed basis is from exact biorthonormality.
  public func biorthogonalityError() throws -> Double {
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

  /// Per-state values for a sparse operator (O(nnz·n) instead of O(n³)).
  public func stateExpectations(of op: SparseMatrix<Complex<Double>>) throws -> [Complex<Double>] {
    Self.columnDots(left, try op.multiply(right))
  }

  /// Σₙ wₙ Oₙ: a weighted (e.g. Fermi–Dirac) trace over states.
  public func weightedTrace(of op: ComplexMatrix, weights: [Double]) throws -> Complex<Double> {
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

  /// Single-linkage clusters of eigenvalues closer than tolerance·max(1, max|λ|).
  public static func cluster(_ values: [Complex<Double>], tolerance: Double) -> [[Int]] {
    let scale = max(1, values.reduce(0) { max($0, $1.length) })
    let eps = tolerance * scale
    let order = values.indices.sorted { values[$0].real < values[$1].real }
    var parent = Array(values.indices)
    func find(_ i: Int) -> Int {
      var i = i
      while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
      return i
    }
    for a in 0..<order.count {
      var b = a + 1
      while b < order.count, values[order[b]].real - values[order[a]].real <= eps {
        if (values[order[b]] - values[order[a]]).length <= eps { parent[find(order[b])] = find(order[a]) }
        b += 1
      }
    }
    var groups: [Int: [Int]] = [:]
    for i in values.indices { groups[find(i), default: []].append(i) }
    return groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
  }

  /// Largest singular value, from the Hermitian eigenvalues of M†M.
  static func spectralNorm(_ m: ComplexMatrix) throws -> Double {
    let g = try ComplexMatrix.product(m, .adjoint, m)
    return (try HermitianEigensystem(g, computeVectors: false).values.last ?? 0).squareRoot()
  }

  /// (S^{−1/2}, (S^{−1/2})†) for an invertible k×k overlap, via S = V D V⁻¹ (`zgeev`).
  /// Falls back to (S⁻¹, 𝟙) — still biorthonormal — if S is not diagonalisable numerically.
  static func inverseSquareRoot(_ s: ComplexMatrix, inverse: ComplexMatrix) throws -> (ComplexMatrix, ComplexMatrix) {
    let k = s.rows
    if let e = try? GeneralEigensystem(s, computeLeft: false, computeRight: true),
      let vInverse = try? e.right.inverse()
    {
      let d = ComplexMatrix.diagonal(e.values.map { 1 / Complex.sqrt($0) })
      let root = e.right * d * vInverse
      if (root * s * root - .identity(k)).maxAbs < 1e-10 { return (root, root.adjoint) }
    }
    return (inverse, .identity(k))
  }
}
