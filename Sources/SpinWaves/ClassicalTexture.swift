import Foundation
import LinearAlgebra

/// A classical spin configuration m̂_i (unit vectors) on a ``HeisenbergRing``: energy, fields, stability.
///
/// Classical energy (leading order in 1/S): E = ½ S² Σ_ij J_ij m̂_i·m̂_j − S Σ_i h_i·m̂_i (K).
/// Effective field h_i^eff = h_i − S Σ_j J_ij m̂_j (K); Eq. 7 is m̂_i × h_i^eff = 0. Anisotropic rings:
/// J_ij m̂_j → K_ij m̂_j throughout (energy, field, Hessian).
public struct ClassicalTexture: Sendable {
  public let ring: HeisenbergRing
  /// Unit vectors m̂_i.
  public let directions: [Vector3]

  /// Normalises `directions` (each must be non-zero).
  public init(ring: HeisenbergRing, directions: [Vector3]) {
    precondition(directions.count == ring.siteCount, "one direction per site")
    self.ring = ring
    self.directions = directions.map(\.normalized)
  }

  /// Classical energy E (K).
  public var energy: Double {
    let s = ring.spinLength
    var e = 0.0
    for i in 0..<ring.siteCount {
      for (n, (j, jij)) in ring.neighbours(of: i).enumerated() {
        if let kj = ring.anisotropicProduct(i, neighbour: n, directions[j]) {
          e += 0.5 * s * s * directions[i].dot(kj)
        } else {
          e += 0.5 * s * s * jij * directions[i].dot(directions[j])
        }
      }
      e -= s * ring.fields[i].dot(directions[i])
    }
    return e
  }

  /// h_i^eff = h_i − S Σ_j J_ij m̂_j (K).
  var effectiveFields: [Vector3] {
    (0..<ring.siteCount).map { i in
      var f = ring.fields[i]
      for (n, (j, jij)) in ring.neighbours(of: i).enumerated() {
        if let kj = ring.anisotropicProduct(i, neighbour: n, directions[j]) {
          f -= ring.spinLength * kj
        } else {
          f -= ring.spinLength * jij * directions[j]
        }
      }
      return f
    }
  }

  /// Eq. 7 residual max_i |m̂_i × h_i^eff| (K).
  public var residual: Double {
    zip(directions, effectiveFields).map { $0.cross($1).length }.max() ?? 0
  }

  /// Local fields λ_i = m̂_i·h_i^eff (K): the on-site magnon energy term of LSWT.
  var localFields: [Double] { zip(directions, effectiveFields).map { $0.dot($1) } }

  /// The continuum magnon gap h* on this texture for a uniform nearest-neighbour ring (K), site 0:
  /// h* = λ_0 + S J_01 (1 + m̂_0·m̂_1)/2 · 2 = λ_0 − JS(1 + m̂_0·m̂_1) for J_01 = −J.
  ///
  /// The band bottom of the normal LSWT hopping (amplitude (S/2)|J|(1 + m̂_i·m̂_{i+1})); the paper's
  /// Eq. 15 uses |h| instead, which differs by O(Δ) (|h|(1 − cos(ϑ_m − ϑ)) + JS(1 − m̂_i·m̂_{i+1})).
  var nearestNeighbourMagnonGap: Double {
    localFields[0] + ring.spinLength * ring.bondCoupling(0) * (1 + directions[0].dot(directions[1 % ring.siteCount]))
  }

  /// Tangent frames (ê¹_i, ê²_i) with ê¹ × ê² = m̂_i (see `Vector3.tangentFrame` (an extension of `SIMD3<Double>`)).
  /// (A closure, not the key path `\.tangentFrame`: that one is not inlined across modules and
  /// took 8 % of `reproduce --figure 000-current-vs-omega` in `swift_getAtKeyPath`.)
  var frames: [(Vector3, Vector3)] { directions.map { $0.tangentFrame } }

  /// Hessian of E on the product of tangent spaces, 2N × 2N, in the frames `frames` (K): dense.
  ///
  /// With m̂_i → m̂_i + t_i − ½|t_i|² m̂_i: H_(ia),(jb) = S² J_ij ê^a_i·ê^b_j + δ_ij δ_ab S λ_i,
  /// λ_i = m̂_i·h_i^eff. Valid at a stationary point (Eq. 7); positive definite ⇔ strict local minimum.
  /// O(N²) memory (3.2 GB at N = 10 000): the route for rings with couplings beyond nearest
  /// neighbours and the cross-check of `tangentHessianBlocks` in tests.
  public var tangentHessian: RealMatrix {
    let n = ring.siteCount, s = ring.spinLength
    let f = frames, lambda = localFields
    var h = RealMatrix(rows: 2 * n, columns: 2 * n)
    for i in 0..<n {
      let ei = [f[i].0, f[i].1]
      for a in 0..<2 { h[2 * i + a, 2 * i + a] += s * lambda[i] }
      for (n, (j, jij)) in ring.neighbours(of: i).enumerated() {
        let ej = [f[j].0, f[j].1]
        for a in 0..<2 { for b in 0..<2 { h[2 * i + a, 2 * j + b] += hessianTerm(i, n, s * s, jij, ei[a], ej[b]) } }
      }
    }
    return h
  }

  /// The same Hessian as ``tangentHessian`` as a cyclic block-tridiagonal matrix of N blocks 2×2 (K).
  ///
  /// Block row i: Dᵢ = S λ_i 𝟙₂, Uᵢ = S² J_{i,i+1} [ê^a_i·ê^b_{i+1}]_ab, Lᵢ = S² J_{i,i−1} [ê^a_i·ê^b_{i−1}]_ab,
  /// the same products as the dense matrix (so the entries agree bit for bit). O(N) memory.
  /// Precondition: ``HeisenbergRing/isNearestNeighbour`` (otherwise the Hessian is not block-tridiagonal).
  var tangentHessianBlocks: BlockTridiagonalMatrix<Double> {
    get throws {
      precondition(ring.isNearestNeighbour, "the block-tridiagonal Hessian needs nearest-neighbour couplings")
      let n = ring.siteCount, s = ring.spinLength
      let f = frames, lambda = localFields
      var h = try BlockTridiagonalMatrix<Double>(blockSize: 2, blockCount: n, periodic: true)
      for i in 0..<n {
        let ei = [f[i].0, f[i].1]
        for a in 0..<2 { h.diagonal[h.index(block: i, row: a, column: a)] += s * lambda[i] }
        for (m, (j, jij)) in ring.neighbours(of: i).enumerated() {
          let ej = [f[j].0, f[j].1]
          for a in 0..<2 {
            for b in 0..<2 {
              let k = h.index(block: i, row: a, column: b)
              if j == (i + 1) % n {
                h.upper[k] += hessianTerm(i, m, s * s, jij, ei[a], ej[b])
              } else {
                h.lower[k] += hessianTerm(i, m, s * s, jij, ei[a], ej[b])
              }
            }
          }
        }
      }
      return h
    }
  }

  /// S² ê^a_i·K_ij ê^b_j for the neighbour entry `index` of site i (`s2` = S²): S² J_ij ê^a_i·ê^b_j when isotropic (K).
  @inline(__always) func hessianTerm(
    _ i: Int, _ index: Int, _ s2: Double, _ jij: Double, _ ea: Vector3, _ eb: Vector3
  ) -> Double {
    if let k = ring.anisotropicProduct(i, neighbour: index, eb) { return s2 * ea.dot(k) }
    return s2 * jij * ea.dot(eb)
  }

  /// Smallest eigenvalue of the tangent Hessian (K); > 0 means a strict local minimum.
  ///
  /// Nearest-neighbour rings (``HessianRoute/automatic``): `dsbevx` on the band form of
  /// `tangentHessianBlocks`, O(N) time and memory; otherwise (or with `.dense`) `dsyevd` on
  /// ``tangentHessian``, O(N³) time and O(N²) memory.
  public func smallestHessianEigenvalue(route: HessianRoute = .automatic) throws -> Double {
    if route.usesBlocks(ring) { return try tangentHessianBlocks.smallestSymmetricEigenvalue() }
    return try HermitianEigensystem(tangentHessian, computeVectors: false).values.first ?? 0
  }
}

/// How the tangent Hessian is represented in the classical solver.
public enum HessianRoute: Sendable {
  /// Cyclic block-tridiagonal (O(N)) for nearest-neighbour rings, dense otherwise.
  case automatic
  /// Dense 2N×2N (O(N²) memory, O(N³) time): any couplings; the cross-check in tests.
  case dense

  /// True when this route uses `ClassicalTexture/tangentHessianBlocks` for `ring`.
  func usesBlocks(_ ring: HeisenbergRing) -> Bool { self == .automatic && ring.isNearestNeighbour }
}
