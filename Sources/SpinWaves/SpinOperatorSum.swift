import Foundation
import LinearAlgebra
import Numerics

/// A real 3×3 matrix (row-major rows), the coupling K of a two-site term S_iᵀ K S_j.
public typealias Matrix3 = [[Double]]

/// 3×3 helpers for spin couplings: identity, rotations about z, products.
public enum Spin3 {
  public static let identity: Matrix3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
  /// (a × b)^z = aᵀ K b with this K.
  static let crossZ: Matrix3 = [[0, 1, 0], [-1, 0, 0], [0, 0, 0]]
  /// R_z(θ): rotation by θ (rad) about z.
  static func rotationZ(_ t: Double) -> Matrix3 { [[cos(t), -sin(t), 0], [sin(t), cos(t), 0], [0, 0, 1]] }
  public static func product(_ a: Matrix3, _ b: Matrix3) -> Matrix3 {
    (0..<3).map { i in (0..<3).map { j in (0..<3).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
  }
  public static func transpose(_ a: Matrix3) -> Matrix3 { (0..<3).map { i in (0..<3).map { a[$0][i] } } }
  public static func scaled(_ a: Matrix3, _ f: Double) -> Matrix3 { a.map { $0.map { $0 * f } } }
  public static func apply(_ a: Matrix3, _ v: Vector3) -> Vector3 {
    Vector3(
      a[0][0] * v.x + a[0][1] * v.y + a[0][2] * v.z, a[1][0] * v.x + a[1][1] * v.y + a[1][2] * v.z,
      a[2][0] * v.x + a[2][1] * v.y + a[2][2] * v.z)
  }
  /// K with m̂_i·(S_i × X) = S_iᵀ K X: K_bc = Σ_a ε_abc m_a.
  public static func crossWith(_ m: Vector3) -> Matrix3 { [[0, m.z, -m.y], [-m.z, 0, m.x], [m.y, -m.x, 0]] }
}

/// A spin operator O = Σ v_i·S_i + Σ S_iᵀ K_ij S_j (i ≠ j) on a ``SpinProductBasis``, with real v and K.
///
/// Hermitian for real v, K (sites i ≠ j commute). Each term is compiled to the ladder basis
/// S^x = (S^+ + S^−)/2, S^y = (S^+ − S^−)/2i, so acting on a product state gives at most 3 (one-site)
/// or 9 (two-site) product states. Units: whatever v and K carry (K for the Hamiltonian).
public struct SpinOperatorSum: Sendable {
  public struct OneSite: Sendable { public let site: Int; public let vector: Vector3 }
  public struct TwoSite: Sendable { public let first: Int; public let second: Int; public let coupling: Matrix3 }
  public private(set) var oneSite: [OneSite] = []
  public private(set) var twoSite: [TwoSite] = []
  /// Ladder coefficients c_μ (μ = +, −, z) of each one-site term, c_μν of each two-site term.
  private(set) var oneSiteLadder: [(site: Int, c: [Complex<Double>])] = []
  private(set) var twoSiteLadder: [(i: Int, j: Int, c: [Complex<Double>])] = []

  public init() {}

  /// U_aμ: S^a = Σ_μ U_aμ S^μ for a = x, y, z and μ = +, −, z.
  private static let ladderOf: [[Complex<Double>]] = [
    [Complex(0.5, 0), Complex(0.5, 0), .zero], [Complex(0, -0.5), Complex(0, 0.5), .zero],
    [.zero, .zero, Complex(1, 0)],
  ]

  /// Adds v·S_site.
  public mutating func add(site: Int, _ v: Vector3) {
    guard v != .zero else { return }
    oneSite.append(OneSite(site: site, vector: v))
    let comps = [v.x, v.y, v.z]
    let c = (0..<3).map { mu in
      (0..<3).reduce(Complex<Double>.zero) { $0 + Complex(comps[$1], 0) * Self.ladderOf[$1][mu] }
    }
    oneSiteLadder.append((site, c))
  }

  /// Adds S_iᵀ K S_j (precondition i ≠ j).
  public mutating func add(_ i: Int, _ j: Int, _ k: Matrix3) {
    precondition(i != j, "two-site term needs two different sites")
    guard k.contains(where: { $0.contains { $0 != 0 } }) else { return }
    twoSite.append(TwoSite(first: i, second: j, coupling: k))
    var c = [Complex<Double>](repeating: .zero, count: 9)
    for mu in 0..<3 {
      for nu in 0..<3 {
        var acc = Complex<Double>.zero
        for a in 0..<3 where k[a].contains(where: { $0 != 0 }) {
          for b in 0..<3 where k[a][b] != 0 {
            acc = acc + Self.ladderOf[a][mu] * Complex(k[a][b], 0) * Self.ladderOf[b][nu]
          }
        }
        c[3 * mu + nu] = acc
      }
    }
    twoSiteLadder.append((i, j, c))
  }

  /// The sum of two operators.
  public static func + (a: SpinOperatorSum, b: SpinOperatorSum) -> SpinOperatorSum {
    var r = a
    for t in b.oneSite { r.add(site: t.site, t.vector) }
    for t in b.twoSite { r.add(t.first, t.second, t.coupling) }
    return r
  }

  /// The operator times a real number.
  public func scaled(_ f: Double) -> SpinOperatorSum {
    var r = SpinOperatorSum()
    for t in oneSite { r.add(site: t.site, f * t.vector) }
    for t in twoSite { r.add(t.first, t.second, Spin3.scaled(t.coupling, f)) }
    return r
  }

  /// Calls `emit(s′, ⟨s′|O|s⟩ contribution)` for every product state reached from `s` (repeats possible).
  public func apply(to s: Int, in basis: SpinProductBasis, _ emit: (Int, Complex<Double>) -> Void) {
    for (site, c) in oneSiteLadder {
      for mu in 0..<3 where c[mu] != .zero {
        if let (t, a) = basis.apply(SpinProductBasis.Ladder(rawValue: mu)!, site: site, to: s) {
          emit(t, c[mu] * Complex(a, 0))
        }
      }
    }
    for (i, j, c) in twoSiteLadder {
      for nu in 0..<3 {
        guard let (t1, a1) = basis.apply(SpinProductBasis.Ladder(rawValue: nu)!, site: j, to: s) else { continue }
        for mu in 0..<3 where c[3 * mu + nu] != .zero {
          if let (t2, a2) = basis.apply(SpinProductBasis.Ladder(rawValue: mu)!, site: i, to: t1) {
            emit(t2, c[3 * mu + nu] * Complex(a1 * a2, 0))
          }
        }
      }
    }
  }

  /// True when every term commutes with S^z_total (v ∥ z, K invariant under rotations about z).
  public var conservesTotalSz: Bool {
    oneSite.allSatisfy { $0.vector.x == 0 && $0.vector.y == 0 }
      && twoSite.allSatisfy { t in
        let k = t.coupling
        return k[0][2] == 0 && k[1][2] == 0 && k[2][0] == 0 && k[2][1] == 0
          && abs(k[0][0] - k[1][1]) <= 1e-15 * abs(k[0][0])
          && abs(k[0][1] + k[1][0]) <= 1e-15 * max(abs(k[0][1]), 1e-300)
      }
  }

  /// The dense D×D matrix in the full product basis (no symmetry used; for small rings and tests).
  func denseMatrix(_ basis: SpinProductBasis) -> ComplexMatrix {
    let d = basis.dimension
    var m = ComplexMatrix(rows: d, columns: d)
    for s in 0..<d { apply(to: s, in: basis) { t, c in m[t, s] = m[t, s] + c } }
    return m
  }

  /// The average over the screw group of this operator: (1/L) Σ_j G^j O G^{−j}, L = N/cell.
  ///
  /// G S_i G† = R_z(−cell·α) S_{i+cell}, so v_i → R_z(j·cell·α) v_i at site i + j·cell and
  /// K → R K Rᵀ. Thermal states commute with G, hence ⟨O⟩ = ⟨average⟩ exactly.
  /// Terms on the same site (pair) are merged, so an operator already summed over the ring (N_b
  /// bonds) stays N_b terms, not N_b·L.
  func screwAveraged(sites n: Int, cell: Int, angle alpha: Double) -> SpinOperatorSum {
    let l = n / cell
    var vectors: [Int: Vector3] = [:], couplings: [Int: Matrix3] = [:]
    var siteOrder: [Int] = [], pairOrder: [Int] = []
    for j in 0..<l {
      let rot = Spin3.rotationZ(Double(j * cell) * alpha), shift = j * cell
      for t in oneSite {
        let site = (t.site + shift) % n, v = Spin3.apply(rot, t.vector) / Double(l)
        if let old = vectors[site] {
          vectors[site] = old + v
        } else {
          vectors[site] = v
          siteOrder.append(site)
        }
      }
      for t in twoSite {
        let k = Spin3.scaled(Spin3.product(Spin3.product(rot, t.coupling), Spin3.transpose(rot)), 1 / Double(l))
        let key = ((t.first + shift) % n) * n + (t.second + shift) % n
        if let old = couplings[key] {
          couplings[key] = (0..<3).map { a in (0..<3).map { old[a][$0] + k[a][$0] } }
        } else {
          couplings[key] = k
          pairOrder.append(key)
        }
      }
    }
    var r = SpinOperatorSum()
    for site in siteOrder { r.add(site: site, vectors[site]!) }
    for key in pairOrder { r.add(key / n, key % n, couplings[key]!) }
    return r
  }
}
