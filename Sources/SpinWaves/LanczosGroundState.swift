import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// Lowest eigenpair of a ring Hamiltonian by the Lanczos iteration, sector by sector.
///
/// Three-term recurrence w = H q_j − β_{j−1} q_{j−1} − α_j q_j, β_j = |w|, with the sector matrix
/// stored once in compressed rows (``ScrewSectors/sparseMatrix(_:in:)``, ≤ D_k · terms entries of 24 B;
/// O(nnz) per step) and four sector vectors. Every 4 steps the projected tridiagonal problem is solved by LAPACK `dstev`
/// (``/LinearAlgebra/SymmetricTridiagonalEigensystem``); converged when the Ritz residual
/// β_j |y_j| ≤ `tolerance`·max(1, |θ|) (K). No reorthogonalisation: spurious copies of converged
/// Ritz values can appear, the lowest one is unaffected. The eigenvector is rebuilt by a second,
/// identical pass. Failure mode: no convergence within `maxIterations` → ``/Diagnostics/NumericalWarning`` with
/// the residual (the energy is then an upper bound).
public enum LanczosGroundState {
  public struct Result: Sendable {
    /// Lowest Ritz value (K).
    public let energy: Double
    public let sector: ScrewSectors.Sector
    public let iterations: Int
    /// β_j |y_j| (K).
    public let residual: Double
    /// Ground state in the sector basis (empty unless requested).
    public let vector: [Complex<Double>]
    public let warning: NumericalWarning?
  }

  /// Bytes: orbit tables, six vectors and the stored sparse matrix (`termsPerState` entries of 24 B
  /// per state at most) of the largest sector (D_k ≈ D/L).
  public static func estimatedBytes(dimension d: Double, sectorsCount l: Double, termsPerState: Double = 0) -> Double {
    ScrewSectors.tableBytes(dimension: d) + 6 * 16 * d / l + 24 * termsPerState * d / l + 4 * Double(l) * 8
  }

  /// Upper bound on the product states one application of `op` reaches (3 per one-site, 9 per two-site term).
  public static func termsPerState(_ op: SpinOperatorSum) -> Double {
    Double(3 * op.oneSite.count + 9 * op.twoSite.count)
  }

  /// The lowest eigenpair of `op` (Hermitian, G-invariant) in `sector`.
  public static func lowest(
    _ op: SpinOperatorSum, sectors: ScrewSectors, sector: ScrewSectors.Sector, maxIterations: Int = 500,
    tolerance: Double = 1e-10, computeVector: Bool = false
  ) throws -> Result {
    let dk = sector.dimension
    let matrix = sectors.sparseMatrix(op, in: sector)
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53) - 0.5
    }
    var start = (0..<dk).map { _ in Complex(next(), next()) }
    let norm0 = start.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
    start = start.map { $0 / Complex(norm0, 0) }
    // One pass of the recurrence; `visit(j, q_j)` sees each Lanczos vector; `stop(α, β)` may end it.
    func run(steps: Int, visit: (Int, [Complex<Double>]) -> Void, stop: ([Double], [Double]) throws -> Bool) rethrows {
      var q = start, previous = [Complex<Double>](repeating: .zero, count: dk)
      var w = [Complex<Double>](repeating: .zero, count: dk)
      var alphas: [Double] = [], betas: [Double] = []
      for j in 0..<steps {
        visit(j, q)
        matrix.multiply(q, into: &w)
        let beta = betas.last ?? 0
        var a = 0.0
        for i in 0..<dk {
          w[i] = w[i] - Complex(beta, 0) * previous[i]
          a += (q[i].conjugate * w[i]).real
        }
        var b2 = 0.0
        for i in 0..<dk {
          w[i] = w[i] - Complex(a, 0) * q[i]
          b2 += w[i].lengthSquared
        }
        alphas.append(a)
        betas.append(b2.squareRoot())
        if try stop(alphas, betas) { return }
        let inv = 1 / betas.last!
        previous = q
        for i in 0..<dk { q[i] = w[i] * Complex(inv, 0) }
      }
    }
    var energy = Double.nan, residual = Double.infinity, iterations = 0, y: [Double] = []
    let steps = min(maxIterations, dk)
    try run(steps: steps, visit: { _, _ in }) { alphas, betas in
      let m = alphas.count
      let invariant = betas[m - 1] <= 1e-14 * max(1, abs(alphas[m - 1]))
      guard m % 4 == 0 || m == steps || invariant else { return false }
      let t = try SymmetricTridiagonalEigensystem(diagonal: alphas, offDiagonal: Array(betas[0..<(m - 1)]))
      energy = t.values[0]
      y = (0..<m).map { t.vectors[$0, 0] }
      residual = invariant ? 0 : betas[m - 1] * abs(y[m - 1])
      iterations = m
      return invariant || residual <= tolerance * max(1, abs(energy))
    }
    var vector: [Complex<Double>] = []
    if computeVector {
      vector = [Complex<Double>](repeating: .zero, count: dk)
      run(
        steps: iterations,
        visit: { j, q in
          for i in 0..<dk { vector[i] = vector[i] + Complex(y[j], 0) * q[i] }
        }, stop: { _, _ in false })
      let nv = vector.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
      vector = vector.map { $0 / Complex(nv, 0) }
    }
    let warning =
      residual <= tolerance * max(1, abs(energy))
      ? nil
      : NumericalWarning(
        kind: "not-converged",
        message: "Lanczos did not converge in \(iterations) steps (sector k index \(sector.momentum)): "
          + "residual \(String(format: "%.3g", residual)) K; the energy is an upper bound",
        value: residual)
    return Result(
      energy: energy, sector: sector, iterations: iterations, residual: residual, vector: vector, warning: warning)
  }

  /// The ring's ground state: Lanczos in every screw (and S^z) sector, lowest kept.
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`spins`) when the memory estimate does not fit.
  public static func groundState(
    model: ExactRingModel, tolerance: Double = 1e-10, computeVector: Bool = false
  ) throws -> (result: Result, sectors: ScrewSectors) {
    let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
    let screw = model.screw
    try MemoryBudget.require(
      estimatedBytes(
        dimension: d, sectorsCount: Double(model.siteCount / screw.cell),
        termsPerState: termsPerState(model.hamiltonian)),
      parameter: "spins",
      value: model.siteCount, what: "Lanczos (Hilbert space \(String(format: "%.0f", d)) states)")
    let sectors = ScrewSectors(basis: try model.basis(), cell: screw.cell, angle: screw.angle)
    let h = model.hamiltonian
    var best: Result?
    for sector in sectors.allSectors(bySz: h.conservesTotalSz) {
      let r = try lowest(h, sectors: sectors, sector: sector, tolerance: tolerance)
      if best == nil || r.energy < best!.energy { best = r }
    }
    guard var result = best else { throw InvalidParameter("spins", model.siteCount, allowed: "a non-empty ring") }
    if computeVector {
      result = try lowest(h, sectors: sectors, sector: result.sector, tolerance: tolerance, computeVector: true)
    }
    return (result, sectors)
  }

  /// ⟨ψ|O|ψ⟩ for a sector vector ψ of a G-invariant state and any operator (symmetrised first).
  public static func expectation(
    _ op: SpinOperatorSum, in sectors: ScrewSectors, sector: ScrewSectors.Sector, vector: [Complex<Double>]
  ) -> Double {
    let sym =
      sectors.cellCount > 1
      ? op.screwAveraged(sites: sectors.basis.siteCount, cell: sectors.cell, angle: sectors.angle) : op
    var y = [Complex<Double>](repeating: .zero, count: vector.count)
    sectors.multiply(sym, in: sector, positions: sectors.positions(sector), vector, into: &y)
    return zip(vector, y).reduce(0) { $0 + ($1.0.conjugate * $1.1).real }
  }
}
