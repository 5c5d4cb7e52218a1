import Diagnostics
import Foundation
import LinearAlgebra

/// A classical spin configuration m̂_i of an ``ExactRingModel`` (any S_i, signed J, fields, twist δ).
///
/// Classical energy (leading order in 1/S), bonds b = (i → j) with K(δ) = K_b R_z(δ) (the ring: −J R_z(δ) on i → i+1):
///
///     E_cl = Σ_b S_i S_j m̂_i·K m̂_j − Σ_i S_i h_i·m̂_i   (K),
///     h_i^eff = h_i − Σ_{b: i→j} S_j K m̂_j − Σ_{b: j→i} S_j Kᵀ m̂_j   (K),   stationary ⇔ m̂_i × h_i^eff = 0.
///
/// Tangent Hessian in the frames (ê¹_i, ê²_i) (m̂_i → m̂_i + t_i − ½|t_i|² m̂_i):
/// H_(ia),(jb) = S_iS_j ê^a_i·K_ij ê^b_j + δ_ij δ_ab S_i λ_i, λ_i = m̂_i·h_i^eff (K).
/// Hellmann–Feynman: −(1/N_b) ∂E_cl/∂δ at a stationary point is jᶻ_cl = −(J/N) Σ S_iS_{i+1}(m̂_i × m̂_{i+1})_z for the ring
/// (the twist moves only the explicit R_z(δ); the texture's response costs nothing to first order).
public struct RingTexture: Sendable {
  public let model: ExactRingModel
  /// Unit vectors m̂_i.
  public let directions: [Vector3]

  /// Normalises `directions` (one non-zero vector per site).
  public init(model: ExactRingModel, directions: [Vector3]) {
    precondition(directions.count == model.siteCount, "one direction per site")
    self.model = model
    self.directions = directions.map(\.normalized)
  }

  /// The model's bonds with their couplings K_b R_z(δ) at its twist: the terms S_iᵀ K S_j (K).
  public var bonds: [(i: Int, j: Int, coupling: Matrix3)] {
    model.bonds.indices.map {
      (i: model.bonds[$0].first, j: model.bonds[$0].second, coupling: model.twistedCoupling($0))
    }
  }

  /// E_cl (K).
  public var energy: Double {
    let s = model.spins, m = directions
    var e = 0.0
    for b in bonds { e += s[b.i] * s[b.j] * m[b.i].dot(Spin3.apply(b.coupling, m[b.j])) }
    for i in 0..<model.siteCount { e -= s[i] * model.fields[i].dot(m[i]) }
    return e
  }

  /// h_i^eff (K).
  var effectiveFields: [Vector3] {
    let s = model.spins, m = directions
    var f = model.fields
    for b in bonds {
      f[b.i] -= s[b.j] * Spin3.apply(b.coupling, m[b.j])
      f[b.j] -= s[b.i] * Spin3.apply(Spin3.transpose(b.coupling), m[b.i])
    }
    return f
  }

  /// λ_i = m̂_i·h_i^eff (K): the on-site term of the spin waves.
  var localFields: [Double] { zip(directions, effectiveFields).map { $0.dot($1) } }

  /// max_i |m̂_i × h_i^eff| (K).
  public var residual: Double { zip(directions, effectiveFields).map { $0.cross($1).length }.max() ?? 0 }

  /// Tangent frames (ê¹_i, ê²_i), ê¹ × ê² = m̂_i.
  var frames: [(Vector3, Vector3)] { directions.map(\.tangentFrame) }

  /// Hellmann–Feynman jᶻ_cl = −(1/N_b) Σ_b S_iS_j m̂_i·K_b ∂_δR_z(δ) m̂_j over the N_b bonds (K); for the untwisted
  /// Heisenberg ring −(J/N) Σ_i S_iS_{i+1} (m̂_i × m̂_{i+1})_z.
  public var hellmannFeynmanCurrent: Double {
    let s = model.spins, m = directions, t = model.twist
    let dr: Matrix3 = [[-sin(t), -cos(t), 0], [cos(t), -sin(t), 0], [0, 0, 0]]
    let sum = model.bonds.reduce(0.0) { acc, b in
      acc + s[b.first] * s[b.second] * m[b.first].dot(Spin3.apply(Spin3.product(b.coupling, dr), m[b.second]))
    }
    return -sum / Double(model.bondCount)
  }

  /// Classical bond currents j_b = (K_bᵀ S_i m̂_i) × S_j m̂_j (K) of directions `m`: the spin current into each
  /// bond's second site, the classical limit of ``ExactRingModel/bondCurrent(_:along:)`` (untwisted couplings).
  /// For isotropic bonds a stationary texture obeys continuity Σ_{b→j} j_b − Σ_{b: j→} j_b + S_j m̂_j × h_j = 0.
  public static func bondCurrents(spins s: [Double], bonds: [ExchangeBond], directions m: [Vector3]) -> [Vector3] {
    bonds.map { b in Spin3.apply(Spin3.transpose(b.coupling), s[b.first] * m[b.first]).cross(s[b.second] * m[b.second])
    }
  }

  /// Dense 2N × 2N tangent Hessian (K); positive definite ⇔ strict local minimum (at a stationary point).
  public var tangentHessian: RealMatrix {
    let n = model.siteCount, s = model.spins, f = frames, lambda = localFields
    var h = RealMatrix(rows: 2 * n, columns: 2 * n)
    for i in 0..<n { for a in 0..<2 { h[2 * i + a, 2 * i + a] += s[i] * lambda[i] } }
    for b in bonds {
      let ei = [f[b.i].0, f[b.i].1], ej = [f[b.j].0, f[b.j].1]
      for a in 0..<2 {
        for c in 0..<2 {
          let x = s[b.i] * s[b.j] * ei[a].dot(Spin3.apply(b.coupling, ej[c]))
          h[2 * b.i + a, 2 * b.j + c] += x
          h[2 * b.j + c, 2 * b.i + a] += x
        }
      }
    }
    return h
  }

  /// Projected Newton on the sphere from this texture (no line search: for continuation from a nearby
  /// minimum); a Levenberg shift μ ∈ {0, 1e-12, 1e-11, …}·S·max|h^eff| is added while H is singular
  /// (the zero mode of a U(1)-symmetric ring). Stops at residual ≤ `tolerance`·max|h^eff|.
  /// - Throws: ``SpinWaveError/continuationFailed(twist:residual:)`` when `maxSteps` steps do not converge.
  func relaxed(tolerance: Double = 1e-13, maxSteps: Int = 50) throws -> RingTexture {
    var t = self
    let n = model.siteCount, smax = model.spins.max()!
    for _ in 0..<maxSteps {
      let heff = t.effectiveFields, scale = max(heff.map(\.length).max() ?? 1, .leastNormalMagnitude)
      if t.residual <= tolerance * scale { return t }
      let f = t.frames, s = model.spins
      var rhs = [Double](repeating: 0, count: 2 * n)
      for i in 0..<n {
        rhs[2 * i] = s[i] * f[i].0.dot(heff[i])
        rhs[2 * i + 1] = s[i] * f[i].1.dot(heff[i])
      }
      var h = t.tangentHessian, shift = 0.0, step: [Double]?
      for attempt in 0...16 {
        // Cholesky can pass a numerically singular H (the exact zero mode of a U(1)-symmetric ring) that LU rejects.
        if (try? h.choleskyUpper()) != nil, let x = try? RealMatrix.solve(h, rhs) {
          step = x
          break
        }
        let next = attempt == 0 ? 1e-12 * smax * scale : 10 * shift
        for k in 0..<(2 * n) { h[k, k] += next - shift }
        shift = next
      }
      guard let dt = step else { break }
      let moved: [Vector3] = (0..<n).map { i in
        let a: Vector3 = dt[2 * i] * f[i].0, b: Vector3 = dt[2 * i + 1] * f[i].1
        return t.directions[i] + a + b
      }
      t = RingTexture(model: model, directions: moved)
    }
    throw SpinWaveError.continuationFailed(twist: model.twist, residual: t.residual)
  }

  /// The classical ground state of the untwisted `model`: ``ClassicalGroundState/search(_:extraStarts:randomStarts:seed:route:progress:)``
  /// on the equivalent ``HeisenbergRing`` (spin length 1, couplings S_iS_j K_b, fields S_i h_i: the same E_cl).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for N < 3 or δ ≠ 0; the search's failures.
  public static func groundState(
    of model: ExactRingModel, randomStarts: Int = 2, seed: UInt64 = 1
  ) throws -> (texture: RingTexture, isStableMinimum: Bool, warnings: [NumericalWarning]) {
    try Require.atLeast(model.siteCount, 3, "spins")
    guard model.twist == 0 else {
      throw InvalidParameter("twist", model.twist, allowed: "0 (the search runs on the untwisted ring)")
    }
    let ring = try classicalRing(of: model)
    let result = try ClassicalGroundState.search(ring, randomStarts: randomStarts, seed: seed)
    return (
      RingTexture(model: model, directions: result.best.texture.directions), result.best.isStableMinimum,
      result.warnings
    )
  }

  /// The ``HeisenbergRing`` with the classical energy of `model` (spin length 1, couplings S_iS_j K_b, fields S_i h_i).
  public static func classicalRing(of model: ExactRingModel) throws -> HeisenbergRing {
    try classicalRing(spins: model.spins, bonds: model.bonds, fields: model.fields)
  }

  /// The ``HeisenbergRing`` of spin length 1 with the classical energy E_cl = Σ_b S_iS_j m̂_i·K_b m̂_j − Σ_i S_i h_i·m̂_i
  /// of spins S_i, bonds K_b and fields h_i (K): couplings S_iS_j K_b (O(N_b) storage),
  /// fields S_i h_i. No Hilbert space is built, so any N.
  public static func classicalRing(spins s: [Double], bonds: [ExchangeBond], fields: [Vector3]) throws -> HeisenbergRing
  {
    let scaledFields = zip(fields, s).map { $0 * $1 }
    return try HeisenbergRing(
      spinLength: 1,
      bonds: bonds.map { b in
        ExchangeBond(b.first, b.second, coupling: b.coupling.map { $0.map { $0 * s[b.first] * s[b.second] } })
      },
      fields: scaledFields)
  }
}
