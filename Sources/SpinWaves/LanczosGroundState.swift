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

    /// The same result with `warning` (replacing a missing one only).
    func with(warning w: NumericalWarning) -> Result {
      Result(
        energy: energy, sector: sector, iterations: iterations, residual: residual, vector: vector,
        warning: warning ?? w)
    }
  }

  /// Bytes: orbit tables, six vectors and the stored sparse matrix (`termsPerState` entries of 24 B
  /// per state at most) of the largest sector (D_k ≈ D/L); `matrixFree`: the row tables and at least
  /// one momentum column of the wide recurrence (`wideColumnBytes(dimension:sectorsCount:)`) instead
  /// of the matrix — the least it needs; more columns run at once when memory allows.
  public static func estimatedBytes(
    dimension d: Double, sectorsCount l: Double, termsPerState: Double = 0, matrixFree: Bool = false
  ) -> Double {
    let sectorBytes = 6 * 16 * d / l + 24 * termsPerState * d / l + 4 * Double(l) * 8
    guard matrixFree else { return ScrewSectors.tableBytes(dimension: d) + sectorBytes }
    return ScrewSectors.tableBytes(dimension: d) + max(sectorBytes, wideColumnBytes(dimension: d, sectorsCount: l))
      + MatrixFreeSectorOperator.tableBytes(orbits: d / l, restricted: true)
  }

  /// Bytes per momentum column of the wide recurrence: its three vectors and the start (4 · 16 D/L).
  static func wideColumnBytes(dimension d: Double, sectorsCount l: Double) -> Double { 4 * 16 * d / l }

  /// Momenta per wide recurrence: all L when memory allows (the orbit lookups are then shared by all
  /// sectors), else as many as fit in what ``/Diagnostics/MemoryBudget`` leaves after the tables,
  /// balanced over the groups; at least 1.
  static func wideWidth(dimension d: Double, sectorsCount l: Int) -> Int {
    let free =
      MemoryBudget.usableFraction * MemoryBudget.availableBytes() - ScrewSectors.tableBytes(dimension: d)
      - MatrixFreeSectorOperator.tableBytes(orbits: d / Double(l), restricted: true)
    let fit = Int(
      min(Double(l), max(1, (free / wideColumnBytes(dimension: d, sectorsCount: Double(l))).rounded(.down))))
    let groups = (l + fit - 1) / fit
    return (l + groups - 1) / groups
  }

  /// Upper bound on the product states one application of `op` reaches (3 per one-site, 9 per two-site term).
  public static func termsPerState(_ op: SpinOperatorSum) -> Double {
    Double(3 * op.oneSite.count + 9 * op.twoSite.count)
  }

  /// The lowest eigenpair of `op` (Hermitian, G-invariant) in `sector`.
  public static func lowest(
    _ op: SpinOperatorSum, sectors: ScrewSectors, sector: ScrewSectors.Sector, maxIterations: Int = 500,
    tolerance: Double = 1e-10, computeVector: Bool = false, matrixFree: Bool = false,
    step: ((_ steps: Int, _ residual: Double) -> Void)? = nil
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
        step?(m, residual)
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
        step?(iterations + j + 1, residual)
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
      : notConverged(iterations: iterations, momentum: sector.momentum, residual: residual)
    return Result(
      energy: energy, sector: sector, iterations: iterations, residual: residual, vector: vector, warning: warning)
  }

  /// The ring's ground state: Lanczos in every screw (and S^z) sector, lowest kept.
  ///
  /// Stored matrices: sector by sector. `matrixFree`: every momentum of one total M (all of them when
  /// S^z is not conserved) in one recurrence of width L (`MatrixFreeSectorOperator`: one orbit lookup
  /// per image for all L sectors; in groups of fewer momenta when memory is short,
  /// `wideWidth`), each column converged to `tolerance` on its own and leaving when converged or
  /// when its Ritz value has settled well above the lowest level (`lowestLevels`);
  /// then one pass of the lowest column's recurrence alone rebuilds the vector
  /// (`groundVector`, checked by its residual |Hψ − E_0 ψ|). Momenta whose lowest levels lie within 1e-9·max(1, |E_0|) K of
  /// E_0 are reported by a `degenerate-ground-state` warning (the vector is the first one's).
  /// `progress` hears "Lanczos step s, residual r K" per sector or momentum group, the fraction done
  /// estimated from the residual's way down to `tolerance` (Lanczos converges about geometrically),
  /// the search taking 80 % of the work and the vector's second pass the rest.
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`spins`) when the memory estimate does not fit.
  public static func groundState(
    model: ExactRingModel, tolerance: Double = 1e-10, computeVector: Bool = false, matrixFree: Bool = false,
    maxIterations: Int = 500, progress: PointProgress? = nil
  ) throws -> (result: Result, sectors: ScrewSectors) {
    let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
    let screw = model.screw
    try MemoryBudget.require(
      estimatedBytes(
        dimension: d, sectorsCount: Double(model.siteCount / screw.cell),
        termsPerState: matrixFree ? 0 : termsPerState(model.hamiltonian), matrixFree: matrixFree),
      parameter: "spins",
      value: model.siteCount, what: "Lanczos (Hilbert space \(String(format: "%.0f", d)) states)")
    let sectors = model.screwSectors
    let h = model.hamiltonian
    var best: Result?
    var degenerate: [Int] = []
    let search = computeVector ? 0.8 : 1.0
    var groundLevel: Level?
    if matrixFree {
      let lowest = try lowestLevels(
        h, sectors: sectors, tolerance: tolerance, maxIterations: maxIterations, prune: true, progress: progress,
        share: search)
      groundLevel = lowest.min { $0.result.energy < $1.result.energy }
      best = groundLevel?.result
      if let e0 = best?.energy {
        degenerate = lowest.map(\.result).filter { $0.energy <= e0 + 1e-9 * max(1, abs(e0)) }.map(\.sector.momentum)
      }
    } else {
      let list = sectors.allSectors(bySz: h.conservesTotalSz)
      for (n, sector) in list.enumerated() {
        let meter = ResidualFraction(tolerance: tolerance, maxIterations: maxIterations)
        let r = try lowest(h, sectors: sectors, sector: sector, maxIterations: maxIterations, tolerance: tolerance) {
          steps, residual in
          progress?.report(
            fraction: search * (Double(n) + meter.fraction(steps: steps, residual: residual)) / Double(list.count),
            "sector \(n + 1)/\(list.count): " + ResidualFraction.detail(steps: steps, residual: residual))
        }
        if best == nil || r.energy < best!.energy { best = r }
      }
    }
    guard var result = best else { throw InvalidParameter("spins", model.siteCount, allowed: "a non-empty ring") }
    if computeVector, let level = groundLevel {
      let steps = level.alphas.count, k = result.sector.momentum
      let (vector, residual) = try groundVector(h, sectors: sectors, level: level) { j in
        progress?.report(
          fraction: search + (1 - search) * Double(j) / Double(steps),
          "ground-state vector (k index \(k)): Lanczos step \(j) of \(steps)")
      }
      result = Result(
        energy: result.energy, sector: result.sector, iterations: result.iterations, residual: result.residual,
        vector: vector, warning: result.warning)
      // The second pass repeats the first up to rounding; its vector's true residual stays at the
      // Ritz residual's size unless the passes parted.
      let allowed = 10 * max(result.residual, tolerance * max(1, abs(result.energy)))
      if residual > allowed {
        result = result.with(
          warning: NumericalWarning(
            kind: "vector-residual",
            message: "the ground-state vector's residual |Hψ − E_0 ψ| = \(String(format: "%.3g", residual)) K "
              + "exceeds \(String(format: "%.3g", allowed)) K (ten times the Lanczos residual): the "
              + "observables may be off by about that over the gap",
            value: residual))
      }
    } else if computeVector {
      let first = result.iterations
      result = try lowest(
        h, sectors: sectors, sector: result.sector, maxIterations: maxIterations, tolerance: tolerance,
        computeVector: true, matrixFree: matrixFree
      ) { steps, residual in
        progress?.report(
          fraction: search + (1 - search) * Double(steps) / Double(2 * max(first, 1)),
          "ground-state vector (k index \(result.sector.momentum)): Lanczos step \(steps) of \(2 * first)")
      }
    }
    if degenerate.count > 1 {
      result = result.with(
        warning: NumericalWarning(
          kind: "degenerate-ground-state",
          message: "the ground state is \(degenerate.count)-fold degenerate across the screw momenta "
            + "\(degenerate.map(String.init).joined(separator: ", ")) (levels within 1e-9·|E_0|): the "
            + "observables are those of momentum \(result.sector.momentum)'s state, not the manifold average",
          value: Double(degenerate.count)))
    }
    return (result, sectors)
  }

  /// The lowest level of every momentum sector (of every total M when `op` conserves S^z), by the
  /// matrix-free recurrence of width L. No vectors.
  /// `width` momenta per recurrence (default `wideWidth`). `progress` hears the Lanczos steps and the
  /// largest residual of the columns still running, as `share` of the whole work. `prune`: see
  /// ``lowestLevels(_:sectors:tolerance:maxIterations:width:prune:progress:share:)``.
  static func lowestPerMomentum(
    _ op: SpinOperatorSum, sectors: ScrewSectors, tolerance: Double, maxIterations: Int,
    width: Int? = nil, prune: Bool = false, progress: PointProgress? = nil, share: Double = 1
  ) throws -> [Result] {
    try lowestLevels(
      op, sectors: sectors, tolerance: tolerance, maxIterations: maxIterations, width: width, prune: prune,
      progress: progress, share: share
    ).map(\.result)
  }

  /// One momentum's lowest level with the recurrence coefficients α_j, β_j that produced it (for the
  /// vector pass, ``groundVector(_:sectors:level:)``).
  struct Level {
    let result: Result
    let alphas: [Double]
    let betas: [Double]
  }

  /// The lowest level of every momentum sector by the wide matrix-free recurrence.
  ///
  /// A column leaves the recurrence once converged; the rest continue narrower (the operator is rebuilt
  /// for the momenta left, the vectors repacked, `LanczosRecurrence/keep(columns:rows:multiply:)`),
  /// so the per-column work stops with the column. `prune`: a column whose Ritz value θ minus ten
  /// times its residual r lies above the lowest Ritz value seen in any column, E_up (an upper bound on
  /// E_0), by more than the degeneracy window 1e-9·max(1, |E_up|) K, also leaves, unreported. Some
  /// level always lies within r of θ; pruning assumes it is the sector's lowest, which holds once θ has
  /// settled (r small against θ − E_up) — standard for Lanczos from a random start, which finds the
  /// extreme levels first — but not in the first steps: with the margin r alone, the S = ½ N = 6 crown
  /// at J = 10 K, |B| = 2 T lost its ground sector at step 4 (θ = −14.65 K, r = 2.49 K, sector minimum
  /// −21.48 K), hence 10 r. A heuristic, not a proof: the reported ground level is the lowest found.
  static func lowestLevels(
    _ op: SpinOperatorSum, sectors: ScrewSectors, tolerance: Double, maxIterations: Int,
    width: Int? = nil, prune: Bool = false, progress: PointProgress? = nil, share: Double = 1
  ) throws -> [Level] {
    let l = sectors.cellCount
    let groups: [Double?] =
      op.conservesTotalSz ? Array(Set(sectors.magnetizations)).sorted().map { Optional($0) } : [nil]
    var levels: [Level] = []
    let d = Double(sectors.basis.dimension)
    let width = width ?? wideWidth(dimension: d, sectorsCount: l)
    let runs = groups.flatMap { m in stride(from: 0, to: l, by: width).map { (m, Array($0..<min(l, $0 + width))) } }
    var upper = Double.infinity
    for (g, (m, momenta)) in runs.enumerated() {
      var free = MatrixFreeSectorOperator(op, sectors: sectors, momenta: momenta, magnetization: m)
      guard !free.rows.isEmpty else { continue }
      var live = momenta
      var dimensions: [Int: Int] = [:]
      for (c, n) in momenta.enumerated() {
        dimensions[n] = (0..<free.rows.count).reduce(0) { $0 + ((free.partialMasks[$1]?[c] ?? 1) > 0 ? 1 : 0) }
      }
      var lanczos = LanczosRecurrence(start: start(free), width: free.width) { [free] in free.multiply($0, into: &$1) }
      // No stop at the sector dimension: without reorthogonalisation the Krylov vectors are no longer
      // orthogonal there, so only β_j ≈ 0 or the residual ends a column.
      let steps = maxIterations
      let meter = ResidualFraction(tolerance: tolerance, maxIterations: steps)
      var worst = Double.infinity
      // Empty sectors (no member of this M in momentum n) leave at the first check, unreported.
      var finished = Set(live.indices.filter { dimensions[live[$0]] == 0 })
      for j in 0..<steps {
        lanczos.step()
        let mSteps = j + 1
        if mSteps % 4 == 0 { worst = 0 }
        defer {
          progress?.report(
            fraction: share * (Double(g) + meter.fraction(steps: mSteps, residual: worst)) / Double(runs.count),
            (runs.count > 1 ? "momentum group \(g + 1)/\(runs.count): " : "")
              + ResidualFraction.detail(steps: mSteps, residual: worst))
        }
        var running: [(column: Int, energy: Double, residual: Double)] = []
        for (c, n) in live.enumerated() where !finished.contains(c) {
          let b = lanczos.columnBetas[c][j], a = lanczos.columnAlphas[c][j]
          let invariant = b <= 1e-14 * max(1, abs(a))
          guard mSteps % 4 == 0 || mSteps == steps || invariant else { continue }
          let t = try SymmetricTridiagonalEigensystem(
            diagonal: lanczos.columnAlphas[c], offDiagonal: Array(lanczos.columnBetas[c][0..<j]))
          let energy = t.values[0]
          upper = min(upper, energy)
          let residual = invariant ? 0 : b * abs(t.vectors[j, 0])
          let converged = invariant || residual <= tolerance * max(1, abs(energy))
          if converged || mSteps == steps {
            finished.insert(c)
            let result = Result(
              energy: energy, sector: sectors.sector(momentum: n, magnetization: m), iterations: mSteps,
              residual: residual, vector: [],
              warning: converged ? nil : notConverged(iterations: mSteps, momentum: n, residual: residual))
            levels.append(
              Level(result: result, alphas: lanczos.columnAlphas[c], betas: Array(lanczos.columnBetas[c][0..<j])))
          } else {
            running.append((c, energy, residual))
          }
        }
        for r in running where prune && r.energy - 10 * r.residual > upper + 1e-9 * max(1, abs(upper)) {
          finished.insert(r.column)
        }
        for r in running where !finished.contains(r.column) { worst = max(worst, r.residual) }
        if finished.count == live.count { break }
        lanczos.advance()
        if !finished.isEmpty {
          let kept = live.indices.filter { !finished.contains($0) }
          live = kept.map { live[$0] }
          let narrower = MatrixFreeSectorOperator(op, sectors: sectors, momenta: live, magnetization: m)
          // The rows left are a subset of the old ones (both ascending representatives).
          var oldRows: [Int] = [], o = 0
          for r in narrower.rows {
            while free.rows[o] != r { o += 1 }
            oldRows.append(o)
          }
          free = narrower
          lanczos.keep(columns: kept, rows: oldRows) { [free] in free.multiply($0, into: &$1) }
          finished = []
        }
      }
    }
    func key(_ v: Level) -> (Double, Int) { (v.result.sector.magnetization ?? 0, v.result.sector.momentum) }
    return levels.sorted { key($0) < key($1) }
  }

  /// Start element of representative r in momentum n: SplitMix64 outputs 2r + 1 and 2r + 2 from seed
  /// 2026 + n, each minus ½ (before normalisation) — a function of (r, n) alone, so the wide recurrence
  /// and the vector pass start alike whatever rows they hold.
  static func startValue(representative r: Int, momentum n: Int) -> Complex<Double> {
    var rng = SplitMix64(seed: (2026 &+ UInt64(n)) &+ 2 &* UInt64(r) &* 0x9E37_79B9_7F4A_7C15)
    return Complex(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5)
  }

  /// The normalised start vectors of the columns of `free` (zero where a row is not in the column's sector).
  static func start(_ free: MatrixFreeSectorOperator) -> [Complex<Double>] {
    let w = free.width
    var start = [Complex<Double>](repeating: .zero, count: free.rows.count * w)
    for (a, r) in free.rows.enumerated() {
      for c in 0..<w where (free.partialMasks[a]?[c] ?? 1) > 0 {
        start[a * w + c] = startValue(representative: Int(r), momentum: free.momenta[c])
      }
    }
    let norms = WideVector.norms(start, width: w)
    WideVector.scale(&start, norms.map { $0 > 0 ? 1 / $0 : 0 }, width: w)
    return start
  }

  /// The Ritz vector of `level` by a second pass of its recurrence (same start, ``startValue(representative:momentum:)``,
  /// width 1): ψ = Σ_j y_j q_j with y the lowest eigenvector of the first pass's (α, β), in the
  /// layout of `level.result.sector`. One more product checks it: ‖Hψ − E ψ‖ (K) is returned.
  static func groundVector(
    _ op: SpinOperatorSum, sectors: ScrewSectors, level: Level, progress: ((Int) -> Void)? = nil
  ) throws -> (vector: [Complex<Double>], residual: Double) {
    let sector = level.result.sector, steps = level.alphas.count
    let free = MatrixFreeSectorOperator(
      op, sectors: sectors, momenta: [sector.momentum], magnetization: sector.magnetization)
    precondition(free.rows.count == sector.dimension && free.partialMasks.isEmpty)
    let t = try SymmetricTridiagonalEigensystem(diagonal: level.alphas, offDiagonal: level.betas)
    var vector = [Complex<Double>](repeating: .zero, count: sector.dimension)
    var lanczos = LanczosRecurrence(start: start(free)) { free.multiply($0, into: &$1) }
    for j in 0..<steps {
      progress?(j + 1)
      WideVector.axpy(&vector, [t.vectors[j, 0]], lanczos.q, width: 1)
      if j + 1 < steps {
        lanczos.step()
        lanczos.advance()
      }
    }
    WideVector.scale(&vector, [1 / WideVector.norms(vector, width: 1)[0]], width: 1)
    var hv = vector
    free.multiply(vector, into: &hv)
    WideVector.axpy(&hv, [-level.result.energy], vector, width: 1)
    return (vector, WideVector.norms(hv, width: 1)[0])
  }

  static func notConverged(iterations: Int, momentum: Int, residual: Double) -> NumericalWarning {
    NumericalWarning(
      kind: "not-converged",
      message: "Lanczos did not converge in \(iterations) steps (sector k index \(momentum)): "
        + "residual \(String(format: "%.3g", residual)) K; the energy is an upper bound",
      value: residual)
  }

  /// ⟨ψ|O|ψ⟩ for a sector vector ψ of a G-invariant state and any operator (symmetrised first),
  /// O applied matrix-free in parallel (`MatrixFreeSectorOperator`; in an S^z sector the images
  /// outside it drop out, which leaves ⟨ψ|O|ψ⟩ unchanged).
  public static func expectation(
    _ op: SpinOperatorSum, in sectors: ScrewSectors, sector: ScrewSectors.Sector, vector: [Complex<Double>]
  ) -> Double {
    let sym =
      sectors.cellCount > 1
      ? op.screwAveraged(sites: sectors.basis.siteCount, cell: sectors.cell, angle: sectors.angle) : op
    return MatrixFreeSectorOperator(sym, sectors: sectors, sector: sector).expectations(vector)[0]
  }
}
