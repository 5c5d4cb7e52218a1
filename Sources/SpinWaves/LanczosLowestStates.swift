import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// The lowest few eigenpairs of a sector matrix by Lanczos with full reorthogonalisation.
///
/// Recurrence (``LanczosRecurrence``) w = H q_j − β_{j−1} q_{j−1} − α_j q_j, then w is orthogonalised twice (classical
/// Gram–Schmidt, "twice is enough") against every stored q_i and every vector of `deflate`, so the
/// Krylov basis stays orthonormal to rounding and no spurious copies appear. Every 5 steps the
/// tridiagonal problem goes to LAPACK `dstev` (``/LinearAlgebra/SymmetricTridiagonalEigensystem``);
/// converged when every wanted Ritz pair has residual β_m |y_{m,i}| ≤ `tolerance`·max(1, |θ_i|) (K).
/// Eigenvalue errors are then O(residual²/gap), vector errors O(residual/gap).
///
/// Memory: (`maxSteps` + 3) sector vectors of 16 B per state. Limitation: from one start vector
/// only one vector of each degenerate eigenspace is found; callers that need the complement check
/// it (``FiniteTemperatureLanczos`` warns when a sampled Ritz value falls below an "exact" one).
enum LanczosLowestStates {
  struct Result {
    /// Ritz values (K), ascending, at most `count`.
    var values: [Double]
    /// Ritz vectors (normalised, sector basis).
    var vectors: [[Complex<Double>]]
    /// Largest relative residual of the returned pairs.
    var residual: Double
    var steps: Int
  }

  /// The `count` lowest eigenpairs of the Hermitian `matrix` (dimension `dimension`), started from a
  /// random vector drawn from `seed`. Stops early (all pairs exact) when the Krylov space becomes invariant.
  static func lowest(
    _ matrix: ScrewSectors.SparseSectorMatrix, dimension dk: Int, count: Int, seed: UInt64, maxSteps: Int,
    tolerance: Double = 1e-11
  ) throws -> Result {
    var rng = SplitMix64(seed: seed)
    var q = (0..<dk).map { _ in Complex(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5) }
    SectorVector.scale(&q, 1 / SectorVector.norm(q))
    var basis: [[Complex<Double>]] = []
    var lanczos = LanczosRecurrence(start: q) { matrix.multiply($0, into: &$1) }
    let steps = min(maxSteps, dk)
    var best = Result(values: [], vectors: [], residual: .infinity, steps: 0)
    var y = RealMatrix(rows: 0, columns: 0)
    for j in 0..<steps {
      basis.append(lanczos.q)
      let (a, b) = lanczos.step { w in
        for _ in 0..<2 { for v in basis { SectorVector.axpy(&w, -SectorVector.dot(v, w), v) } }
      }
      let m = j + 1
      let invariant = b <= 1e-13 * max(1, abs(a)) || m == dk
      guard m % 5 == 0 || m == steps || invariant else {
        lanczos.advance()
        continue
      }
      let t = try SymmetricTridiagonalEigensystem(
        diagonal: lanczos.alphas, offDiagonal: Array(lanczos.betas[0..<(m - 1)]))
      let wanted = min(count, m)
      let residual =
        (0..<wanted).map { i in
          invariant ? 0 : b * abs(t.vectors[m - 1, i]) / max(1, abs(t.values[i]))
        }.max() ?? 0
      best = Result(values: Array(t.values[0..<wanted]), vectors: [], residual: residual, steps: m)
      y = t.vectors
      if invariant || residual <= tolerance { break }
      lanczos.advance()
    }
    // Ritz vectors from the stored (orthonormal) Krylov basis.
    best.vectors = (0..<best.values.count).map { i in
      var v = [Complex<Double>](repeating: .zero, count: dk)
      for (j, qj) in basis.prefix(best.steps).enumerated() { SectorVector.axpy(&v, Complex(y[j, i], 0), qj) }
      SectorVector.scale(&v, 1 / SectorVector.norm(v))
      return v
    }
    return best
  }
}

/// Level-1 operations on sector vectors ([Complex<Double>]), written out for speed.
enum SectorVector {
  /// ⟨a|b⟩ = Σ conj(a_i) b_i.
  static func dot(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Complex<Double> {
    var re = 0.0, im = 0.0
    for i in a.indices {
      let x = a[i], z = b[i]
      re += x.real * z.real + x.imaginary * z.imaginary
      im += x.real * z.imaginary - x.imaginary * z.real
    }
    return Complex(re, im)
  }

  /// y ← y + c x.
  static func axpy(_ y: inout [Complex<Double>], _ c: Complex<Double>, _ x: [Complex<Double>]) {
    let cr = c.real, ci = c.imaginary
    for i in y.indices {
      let xr = x[i].real, xi = x[i].imaginary
      y[i] = Complex(y[i].real + cr * xr - ci * xi, y[i].imaginary + cr * xi + ci * xr)
    }
  }

  static func norm(_ a: [Complex<Double>]) -> Double { a.reduce(0) { $0 + $1.lengthSquared }.squareRoot() }

  static func scale(_ a: inout [Complex<Double>], _ f: Double) {
    for i in a.indices { a[i] = Complex(a[i].real * f, a[i].imaginary * f) }
  }

  /// x ← x − Σ_v v⟨v|x⟩ (twice) for orthonormal `vectors`.
  static func project(_ x: inout [Complex<Double>], out vectors: [[Complex<Double>]]) {
    for _ in 0..<2 { for v in vectors { axpy(&x, -dot(v, x), v) } }
  }
}
