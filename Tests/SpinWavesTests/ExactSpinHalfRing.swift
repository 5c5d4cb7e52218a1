import Foundation
@testable import LinearAlgebra
import Numerics

@testable import SpinWaves

/// Exact diagonalisation of a small spin-½ ring in the unreduced product basis, to test LSWT.
///
/// An independent second route beside ``ExactSpectrum`` (any S, screw-symmetry sectors): no
/// symmetry, the dense 2^N × 2^N Hamiltonian, used by the LSWT comparisons in `SpinWaveTheoryTests`.
///
/// Basis: S^z product states, bit i set ⇔ spin i up; dimension 2^N (N ≤ 12). H is built densely
/// and diagonalised with ``/LinearAlgebra/HermitianEigensystem`` (zheevd). Thermal averages use all eigenstates.
struct ExactSpinHalfRing: Sendable {
  let ring: HeisenbergRing
  /// Eigenvalues (K), ascending.
  let energies: [Double]
  /// Eigenvectors (columns).
  let states: ComplexMatrix

  /// - Throws: ``SpinWaveError`` never; precondition S = ½ and N ≤ 12 (checked: `InvalidParameter`).
  init(ring: HeisenbergRing) throws {
    guard ring.spinLength == 0.5 else {
      throw SpinWaveError.unstableTexture("exact diagonalisation needs S = 1/2 (got \(ring.spinLength))")
    }
    precondition(ring.siteCount <= 12, "2^N states: N ≤ 12")
    self.ring = ring
    let n = ring.siteCount, dim = 1 << n
    var h = ComplexMatrix(rows: dim, columns: dim)
    for s in 0..<dim {
      for i in 0..<n {
        let si = (s >> i) & 1 == 1 ? 0.5 : -0.5
        let f = ring.fields[i]
        // −h·S_i = −h_z S^z − ½(h_x − i h_y) S^+ − ½(h_x + i h_y) S^-
        h[s, s] = h[s, s] - Complex(f.z * si, 0)
        let flipped = s ^ (1 << i)
        // ⟨flipped| S^± |s⟩ = 1 when the flip raises (S^+) or lowers (S^-) spin i.
        let raise = si < 0
        let coefficient = raise ? Complex(-0.5 * f.x, 0.5 * f.y) : Complex(-0.5 * f.x, -0.5 * f.y)
        h[flipped, s] = h[flipped, s] + coefficient
        for j in (i + 1)..<max(i + 1, n) where ring.coupling(i, j) != 0 {
          let jij = ring.coupling(i, j)
          let sj = (s >> j) & 1 == 1 ? 0.5 : -0.5
          h[s, s] = h[s, s] + Complex(jij * si * sj, 0)
          if si != sj {  // ½ J (S^+_i S^-_j + S^-_i S^+_j)
            let t = s ^ (1 << i) ^ (1 << j)
            h[t, s] = h[t, s] + Complex(0.5 * jij, 0)
          }
        }
      }
    }
    let eig = try HermitianEigensystem(h, computeVectors: true)
    energies = eig.values
    states = eig.vectors
  }

  /// u = S_i^a v for a ∈ {0: x, 1: y, 2: z}.
  static func apply(_ a: Int, site i: Int, _ v: [Complex<Double>]) -> [Complex<Double>] {
    var u = [Complex<Double>](repeating: .zero, count: v.count)
    let mask = 1 << i
    for s in 0..<v.count where v[s] != .zero {
      let up = s & mask != 0
      switch a {
      case 0: u[s ^ mask] = u[s ^ mask] + Complex(0.5, 0) * v[s]
      case 1: u[s ^ mask] = u[s ^ mask] + (up ? Complex(0, 0.5) : Complex(0, -0.5)) * v[s]
      default: u[s] = u[s] + Complex(up ? 0.5 : -0.5, 0) * v[s]
      }
    }
    return u
  }

  /// Boltzmann weights p_k (normalised; ground state only at T = 0).
  func weights(temperature: Double) -> [Double] {
    let e0 = energies[0]
    guard temperature > 0 else { return [1] + Array(repeating: 0, count: energies.count - 1) }
    let w = energies.map { exp(-($0 - e0) / temperature) }
    let z = w.reduce(0, +)
    return w.map { $0 / z }
  }

  /// Thermal spin expectation ⟨S_i⟩ for every site.
  func spinExpectations(temperature: Double) -> [Vector3] {
    let p = weights(temperature: temperature)
    var result = [Vector3](repeating: Vector3(0, 0, 0), count: ring.siteCount)
    for k in 0..<energies.count where p[k] > 1e-16 {
      let v = states.column(k)
      for i in 0..<ring.siteCount {
        var comps = [0.0, 0.0, 0.0]
        for a in 0..<3 {
          let u = Self.apply(a, site: i, v)
          var acc = Complex<Double>.zero
          for s in 0..<v.count { acc = acc + v[s].conjugate * u[s] }
          comps[a] = acc.real
        }
        result[i] += p[k] * Vector3(comps[0], comps[1], comps[2])
      }
    }
    return result
  }

  /// Thermal ⟨J_ij m̂_i·(S_i^⊥ × S_j^⊥)⟩ (K), S^⊥_j = S_j − m̂_j(m̂_j·S_j) — the paper's Eq. 13 operator
  /// with the given directions (the paper's m̂_i is ⟨S_i⟩/|⟨S_i⟩|, see ``spinExpectations(temperature:)``).
  func bondCurrent(from i: Int, to j: Int, directions mi: Vector3, _ mj: Vector3, temperature: Double) -> Double {
    let p = weights(temperature: temperature)
    let a3 = [mi.x, mi.y, mi.z], b3 = [mj.x, mj.y, mj.z]
    var total = 0.0
    for k in 0..<energies.count where p[k] > 1e-16 {
      let v = states.column(k)
      // ⟨S_i^b S_j^c⟩ for all b, c.
      var corr = [[Double]](repeating: [0, 0, 0], count: 3)
      for c in 0..<3 {
        let sc = Self.apply(c, site: j, v)
        for b in 0..<3 {
          let u = Self.apply(b, site: i, sc)
          var acc = Complex<Double>.zero
          for s in 0..<v.count { acc = acc + v[s].conjugate * u[s] }
          corr[b][c] = acc.real
        }
      }
      // S^⊥_j = P_j S_j, P_j = 1 − m̂_j m̂_jᵀ; m̂_i·(S_i × P_j S_j) = ε_abc m_i^a ⟨S_i^b (P_j S_j)^c⟩.
      var value = 0.0
      for a in 0..<3 {
        let b = (a + 1) % 3, c = (a + 2) % 3
        for d in 0..<3 {
          let pcd = (c == d ? 1 : 0) - b3[c] * b3[d], pbd = (b == d ? 1 : 0) - b3[b] * b3[d]
          value += a3[a] * (corr[b][d] * pcd - corr[c][d] * pbd)
        }
      }
      total += p[k] * value
    }
    return ring.coupling(i, j) * total
  }
}
