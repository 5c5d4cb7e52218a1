import Numerics

/// Biorthonormal eigen-decomposition of a non-Hermitian matrix: A = R Λ L†, L†R = 𝟙.
///
/// Built from `zgeev`'s unit left/right eigenvectors. Eigenvalues closer than
/// `clusterTolerance · max(1, maxₙ|λₙ|)` are grouped into clusters (single linkage). Each
/// cluster C is biorthonormalised as a block, as in Hatano–Nelson appendix B: with the overlap
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
/// non-finite number reaches LAPACK (an overflowing S⁻¹ would otherwise reach `zheevd` in the
/// spectral norm). κ of a defective cluster is reported between 1e15 and 1/ε ≈ 4.5e15 (a finite stand-in
/// for "no basis": the true value is infinite or lost in rounding).
///
/// - Throws: ``LinearAlgebraError/exceptionalPoint(eigenvalue:conditionNumber:)`` for a
///   defective cluster unless `allowDefective` is true; then the cluster is listed in
///   `defectiveClusters`, its vectors stay unit-normalised (not biorthonormal) and its
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
  let defectiveClusters: [[Int]]
  /// Per state: true when it belongs to a defective cluster.
  public let isDefective: [Bool]

  /// Diagonalises `a` (one `zgeev` call) and biorthonormalises.
  ///
  /// `workspace` (optional) keeps LAPACK's workspace between calls (Bloch blocks, sweeps).
  public init(
    _ a: ComplexMatrix, clusterTolerance: Double = 1e-8, allowDefective: Bool = false,
    workspace: LAPACKWorkspace? = nil
  ) throws {
    let g = try GeneralEigensystem.decompose(
      a, computeLeft: true, computeRight: true, balance: true, workspace: workspace)
    try self.init(
      values: g.values, rightElements: g.right, leftElements: g.left, clusterTolerance: clusterTolerance,
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
    try self.init(
      values: values, rightElements: right.elements, leftElements: left.elements, clusterTolerance: clusterTolerance,
      allowDefective: allowDefective)
  }

  /// The work of both initialisers on column-major n×n arrays (taken over, not copied).
  ///
  /// Cost O(n²) plus O(n·k²) per degenerate cluster of size k: unit normalisation, one
  /// overlap lₙ†rₙ per simple eigenvalue (the diagonal of L†R, never the full product).
  init(
    values: [Complex<Double>], rightElements: [Complex<Double>], leftElements: [Complex<Double>],
    clusterTolerance: Double, allowDefective: Bool
  ) throws {
    let n = values.count
    guard clusterTolerance >= 0, clusterTolerance.isFinite else {
      throw LinearAlgebraError.nonFinite("clusterTolerance \(clusterTolerance)")
    }
    self.values = values
    self.clusterTolerance = clusterTolerance
    let clusters = Self.cluster(values, tolerance: clusterTolerance)
    self.clusters = clusters
    var r = try ComplexMatrix(rows: n, columns: n, elements: rightElements)
    var l = try ComplexMatrix(rows: n, columns: n, elements: leftElements)
    var kappa = [Double](repeating: 1, count: n)
    // Unit-normalise columns first so condition numbers are Wilkinson's.
    try r.elements.withUnsafeMutableBufferPointer { pr in
      try l.elements.withUnsafeMutableBufferPointer { pl in
        for j in 0..<n {
          let nr = Self.columnNorm(pr, j, n), nl = Self.columnNorm(pl, j, n)
          guard nr > 0, nl > 0 else { throw LinearAlgebraError.dimensionMismatch("zero eigenvector in column \(j)") }
          let cr = Complex(nr, 0), cl = Complex(nl, 0)
          for i in (j * n)..<(j * n + n) {
            pr[i] = pr[i] / cr
            pl[i] = pl[i] / cl
          }
        }
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
        let s = l.elements.withUnsafeBufferPointer { pl in
          r.elements.withUnsafeBufferPointer { pr in
            var s = Complex<Double>.zero
            for i in (j * n)..<(j * n + n) { s += pl[i].conjugate * pr[i] }
            return s
          }
        }
        let k = 1 / s.length
        guard k.isFinite, k < Self.defectiveCondition else {
          try markDefective(cluster, k.isFinite ? k : 1 / Double.ulpOfOne)
          continue
        }
        kappa[j] = k
        let root = Complex.sqrt(s), rootConjugate = root.conjugate
        r.elements.withUnsafeMutableBufferPointer { pr in
          l.elements.withUnsafeMutableBufferPointer { pl in
            for i in (j * n)..<(j * n + n) {
              pr[i] = pr[i] / root
              pl[i] = pl[i] / rootConjugate
            }
          }
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
  static let defectiveCondition = 1e15

  /// Largest condition number over all eigenvalues.
  public var maxConditionNumber: Double { conditionNumbers.max() ?? 1 }

  /// Euclidean norm of column j of an n-row column-major buffer (same arithmetic as ``norm(_:)``).
  @inline(__always)
  static func columnNorm(_ p: UnsafeMutableBufferPointer<Complex<Double>>, _ j: Int, _ n: Int) -> Double {
    var s = 0.0
    for i in (j * n)..<(j * n + n) { s = s + p[i].length * p[i].length }
    return s.squareRoot()
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
