import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// Lowest eigenpair of a ring Hamiltonian by the Lanczos iteration, sector by sector.
///
/// Three-term recurrence (`LanczosRecurrence`) w = H q_j − β_{j−1} q_{j−1} − α_j q_j, β_j = |w|, with
/// the sector matrix stored once in compressed rows (`ScrewSectors/sparseMatrix(_:in:)`, ≤ D_k · terms
/// entries of 24 B; O(nnz) per step) or, `matrixFree`, H applied on the fly in parallel
/// (`MatrixFreeSectorOperator`: no storage ∝ nnz), and four sector vectors. Every 4 steps the projected tridiagonal problem is solved by LAPACK `dstev`
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

  /// True when the stored sparse sector matrix would not fit in memory but the matrix-free route
  /// does: ``groundState(model:tolerance:computeVector:matrixFree:)`` should then run matrix-free.
  public static func needsMatrixFree(_ model: ExactRingModel) -> Bool {
    let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
    let l = Double(model.siteCount / model.screw.cell)
    let stored = estimatedBytes(dimension: d, sectorsCount: l, termsPerState: termsPerState(model.hamiltonian))
    return stored > MemoryBudget.usableFraction * MemoryBudget.availableBytes()
  }

  /// Upper bound on the product states one application of `op` reaches (3 per one-site, 9 per two-site term).
  public static func termsPerState(_ op: SpinOperatorSum) -> Double {
    Double(3 * op.oneSite.count + 9 * op.twoSite.count)
  }

  /// The lowest eigenpair of `op` (Hermitian, G-invariant) in `sector`.
  public static func lowest(
    _ op: SpinOperatorSum, sectors: ScrewSectors, sector: ScrewSectors.Sector, maxIterations: Int = 500,
    tolerance: Double = 1e-10, computeVector: Bool = false, matrixFree: Bool = false
  ) throws -> Result {
    let dk = sector.dimension
    let multiply: ([Complex<Double>], inout [Complex<Double>]) -> Void
    if matrixFree {
      let m = MatrixFreeSectorOperator(op, sectors: sectors, sector: sector)
      multiply = { m.multiply($0, into: &$1) }
    } else {
      let matrix = sectors.sparseMatrix(op, in: sector)
      multiply = { matrix.multiply($0, into: &$1) }
    }
    var rng = SplitMix64(seed: 2026)
    var start = (0..<dk).map { _ in Complex(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5) }
    let norm0 = start.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
    start = start.map { $0 / Complex(norm0, 0) }
    var energy = Double.nan, residual = Double.infinity, iterations = 0, y: [Double] = []
    let steps = min(maxIterations, dk)
    var lanczos = LanczosRecurrence(start: start, multiply: multiply)
    for j in 0..<steps {
      let (a, b) = lanczos.step()
      let m = j + 1
      let invariant = b <= 1e-14 * max(1, abs(a))
      if m % 4 == 0 || m == steps || invariant {
        let t = try SymmetricTridiagonalEigensystem(
          diagonal: lanczos.alphas, offDiagonal: Array(lanczos.betas[0..<(m - 1)]))
        energy = t.values[0]
        y = (0..<m).map { t.vectors[$0, 0] }
        residual = invariant ? 0 : b * abs(y[m - 1])
        iterations = m
        if invariant || residual <= tolerance * max(1, abs(energy)) { break }
      }
      lanczos.advance()
    }
    var vector: [Complex<Double>] = []
    if computeVector {
      // The same recurrence again from the same start, summing y_j q_j.
      vector = [Complex<Double>](repeating: .zero, count: dk)
      var again = LanczosRecurrence(start: start, multiply: multiply)
      for j in 0..<iterations {
        SectorVector.axpy(&vector, Complex(y[j], 0), again.q)
        if j + 1 < iterations {
          again.step()
          again.advance()
        }
      }
      SectorVector.scale(&vector, 1 / SectorVector.norm(vector))
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
    model: ExactRingModel, tolerance: Double = 1e-10, computeVector: Bool = false, matrixFree: Bool = false
  ) throws -> (result: Result, sectors: ScrewSectors) {
    let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
    let screw = model.screw
    try MemoryBudget.require(
      estimatedBytes(
        dimension: d, sectorsCount: Double(model.siteCount / screw.cell),
        termsPerState: matrixFree ? 0 : termsPerState(model.hamiltonian)),
      parameter: "spins",
      value: model.siteCount, what: "Lanczos (Hilbert space \(String(format: "%.0f", d)) states)")
    let sectors = model.screwSectors
    let h = model.hamiltonian
    var best: Result?
    for sector in sectors.allSectors(bySz: h.conservesTotalSz) {
      let r = try lowest(h, sectors: sectors, sector: sector, tolerance: tolerance, matrixFree: matrixFree)
      if best == nil || r.energy < best!.energy { best = r }
    }
    guard var result = best else { throw InvalidParameter("spins", model.siteCount, allowed: "a non-empty ring") }
    if computeVector {
      result = try lowest(
        h, sectors: sectors, sector: result.sector, tolerance: tolerance, computeVector: true, matrixFree: matrixFree)
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
