import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// Thermal averages of an ``ExactRingModel`` by the finite-temperature Lanczos method (Jaklič and
/// Prelovšek), sector by sector, with the lowest states of every sector taken exactly.
///
/// In each screw (and S^z) sector the `exactStates` lowest eigenpairs |n⟩ are found by
/// `LanczosLowestStates` (full reorthogonalisation, residual ≤ 1e-11). The rest of the sector,
/// P⊥ = 1 − Σ|n⟩⟨n|, is sampled: for random-phase vectors |r⟩ (r_i = e^{iφ_i}, E[|r⟩⟨r|] = 1),
/// |r⊥⟩ = P⊥|r⟩ starts an M-step Lanczos run (kept orthogonal to the exact states) with Ritz pairs
/// (ε_j, ψ_j), and, H commuting with P⊥,
///
///     Tr[O e^{−βH}] = Σ_n ⟨n|O|n⟩ e^{−βE_n} + E_r Σ_j ⟨r⊥|ψ_j⟩⟨ψ_j|O|r⊥⟩ e^{−βε_j}  (every sector),
///
/// with ⟨ψ_j|O|r⊥⟩ = |r⊥| Σ_i y_ij ⟨q_i|O|q_0⟩ from O|q_0⟩ projected on each Lanczos vector q_i as it
/// is generated. O = 1, H, H² give Z, E, C; every operator is screw-averaged first (as in
/// ``ExactSpectrum``). The Krylov estimate of e^{−βH}|r⊥⟩ is exact for the first M moments, so the
/// truncation error is O((β‖H‖)^M/M!) and negligible for M ≳ 2β‖H‖; the statistical error is the spread
/// over the R samples (sample s = the s-th vector of every sector), reported as a jackknife standard
/// error of each ratio (see ``thermal(temperature:)``).
///
/// T = 0 is exact (ground manifold of the exact states, levels within 1e-9·max(1, |E_0|) K), and so
/// is every T where the sampled complement has negligible weight. Deterministic: vector s of sector k
/// is drawn from ``/LinearAlgebra/SplitMix64`` seeded by (seed, k, s), independent of the threads.
/// Sectors run in parallel. Memory per running sector: the sparse H (≤ 24 B × terms per state), the
/// exact-state Lanczos basis (≤ `maximumExactSteps` vectors) and a few vectors per operator.
public struct FiniteTemperatureLanczos: Sendable {
  /// Sampling parameters.
  public struct Settings: Sendable, Equatable {
    /// R ≥ 2 random vectors per sector (the standard error needs a spread).
    public var randomVectors: Int
    /// M Lanczos steps per random vector (capped at the complement's dimension).
    public var lanczosSteps: Int
    /// Lowest states per sector taken exactly (≥ 1).
    public var exactStates: Int
    public var seed: UInt64
    public init(randomVectors: Int = 10, lanczosSteps: Int = 100, exactStates: Int = 4, seed: UInt64 = 2026) {
      self.randomVectors = randomVectors
      self.lanczosSteps = lanczosSteps
      self.exactStates = exactStates
      self.seed = seed
    }
  }

  /// Evaluates an item (one sector's samples as lossless text) for every index in 0..<count, on any
  /// process, and returns the texts in index order (see ``init(model:operators:settings:progress:distribute:)``).
  public typealias Distribute = (_ count: Int, _ item: @escaping @Sendable (Int) throws -> String) throws -> [String]

  /// Upper bound on Lanczos steps spent finding the exact states of one sector.
  static let maximumExactSteps = 300

  /// One sector: its exact levels with operator diagonals, and each sample's Ritz data.
  struct SectorData: Sendable {
    var exactEnergies: [Double]
    /// exactDiagonals[op][n] = ⟨n|O|n⟩.
    var exactDiagonals: [[Double]]
    /// Per sample s: Ritz values ε_j, weights |⟨r⊥|ψ_j⟩|², and per operator ⟨r⊥|ψ_j⟩⟨ψ_j|O|r⊥⟩ (real part).
    var ritz: [[Double]]
    var weights: [[Double]]
    var operatorWeights: [[[Double]]]
    var exactResidual: Double
    var sectorLabel: String
  }

  public let model: ExactRingModel
  public let settings: Settings
  /// Number of operators given at construction (their order is kept in every result).
  public let operatorCount: Int
  let sectors: [SectorData]
  /// Warnings found while sampling (a missed low state, unconverged exact states).
  public let warnings: [NumericalWarning]

  /// Estimated bytes for `model` with `settings`: orbit tables, plus per concurrently running sector
  /// (one per core, at most the number of sectors) the sparse H and its assembly (≤ 2 × 24 B × terms
  /// per state), the exact-state Krylov basis and 4 + exactStates + 2·operators vectors.
  public static func estimatedBytes(model: ExactRingModel, settings: Settings, operators: Int) -> Double {
    let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
    let l = Double(model.siteCount / model.screw.cell)
    let dk = d / l
    let terms = LanczosGroundState.termsPerState(model.hamiltonian)
    let steps = Double(min(maximumExactSteps, max(settings.exactStates, 1) * 60))
    let vectors = steps + 4 + Double(settings.exactStates) + 2 * Double(operators)
    let perSector = 2 * 24 * terms * dk + 16 * vectors * dk
    let running = min(l, Double(ProcessInfo.processInfo.activeProcessorCount))
    return ScrewSectors.tableBytes(dimension: d) + running * perSector
  }

  /// Refuses (exit-2 error naming `spins`) a ring whose FTLM memory estimate does not fit, and
  /// settings outside their ranges (`ftlm_vectors` ≥ 2, `ftlm_steps` ≥ 2, exact states ≥ 1).
  public static func requireFits(model: ExactRingModel, settings: Settings, operators: Int) throws {
    try Require.atLeast(settings.randomVectors, 2, "ftlm_vectors")
    try Require.atLeast(settings.lanczosSteps, 2, "ftlm_steps")
    try Require.atLeast(settings.exactStates, 1, "ftlm_exact_states")
    let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
    try MemoryBudget.require(
      estimatedBytes(model: model, settings: settings, operators: operators), parameter: "spins",
      value: model.siteCount,
      what: "finite-temperature Lanczos (Hilbert space \(String(format: "%.0f", d)) states, "
        + "\(model.siteCount / model.screw.cell) screw sectors)")
  }

  /// Samples every sector of `model` for the thermal averages of `operators` (any spin operators;
  /// each is screw-averaged, so only its G-invariant part counts, which is exact for thermal states).
  /// `progress` hears "sector n/L sampled" as each sector finishes (its share of the work: D_k of D).
  /// `distribute` spreads the sectors over processes (MPI ranks): it evaluates the given item (a
  /// sector's samples as lossless text) for every sector index and returns them in index order; nil:
  /// the sectors run on this process's cores. Every sector's numbers depend only on (seed, sector,
  /// vector), and the sums run over the sectors in index order, so the result is the same bit for bit
  /// for any number of threads or ranks.
  /// - Throws: ``/Diagnostics/InvalidParameter`` (memory, settings) before any allocation; LAPACK failures.
  public init(
    model: ExactRingModel, operators: [SpinOperatorSum], settings: Settings = Settings(),
    progress: PointProgress? = nil, distribute: Distribute? = nil
  ) throws {
    try Self.requireFits(model: model, settings: settings, operators: operators.count)
    self.model = model
    self.settings = settings
    operatorCount = operators.count
    let screwSectors = model.screwSectors
    let h = model.hamiltonian
    let symmetric = operators.map {
      screwSectors.cellCount > 1
        ? $0.screwAveraged(sites: model.siteCount, cell: screwSectors.cell, angle: screwSectors.angle) : $0
    }
    let list = screwSectors.allSectors(bySz: h.conservesTotalSz)
    let total = Double(list.reduce(0) { $0 + $1.dimension })
    let sampleSector: @Sendable (Int) throws -> SectorData = { k in
      let data = try Self.sample(
        sector: list[k], index: k, sectors: screwSectors, hamiltonian: h, operators: symmetric, settings: settings)
      progress?.complete(work: Double(list[k].dimension), ofTotal: total) {
        "sector \($0)/\(list.count) sampled (\(settings.randomVectors) random vectors)"
      }
      return data
    }
    if let distribute {
      sectors = try distribute(list.count) { try sampleSector($0).wire }.map { try SectorData(wire: $0) }
    } else {
      let results = ResultSlots<Result<SectorData, Error>>(count: list.count)
      DispatchQueue.concurrentPerform(iterations: list.count) { k in results.set(k, Result { try sampleSector(k) }) }
      sectors = try results.values.map { try $0!.get() }
    }
    warnings = Self.checks(sectors)
  }

  /// Exact states and the R samples of one sector.
  static func sample(
    sector: ScrewSectors.Sector, index k: Int, sectors: ScrewSectors, hamiltonian h: SpinOperatorSum,
    operators: [SpinOperatorSum], settings: Settings
  ) throws -> SectorData {
    let dk = sector.dimension
    let matrix = sectors.sparseMatrix(h, in: sector)
    let positions = sectors.positions(sector)
    let label = "k index \(sector.momentum)" + (sector.magnetization.map { ", M = \($0)" } ?? "")
    // Streams start at hashed states: SplitMix64 advances its state by a fixed γ, so seeds that differ by
    // multiples of γ would give shifted copies of one stream (correlated samples).
    let seedBase = Self.streamSeed(settings.seed, UInt64(k))
    let exact = try LanczosLowestStates.lowest(
      matrix, dimension: dk, count: settings.exactStates, seed: seedBase,
      maxSteps: min(maximumExactSteps, max(settings.exactStates, 1) * 60))
    var y = [Complex<Double>](repeating: .zero, count: dk)
    func apply(_ op: SpinOperatorSum, _ x: [Complex<Double>]) -> [Complex<Double>] {
      sectors.multiply(op, in: sector, positions: positions, x, into: &y)
      return y
    }
    let exactDiagonals = operators.map { op in exact.vectors.map { SectorVector.dot($0, apply(op, $0)).real } }
    var data = SectorData(
      exactEnergies: exact.values, exactDiagonals: exactDiagonals, ritz: [], weights: [], operatorWeights: [],
      exactResidual: exact.residual, sectorLabel: label)
    let complement = dk - exact.values.count
    guard complement > 0 else {
      // The whole sector is exact: every sample contributes nothing.
      let empty = [[Double]](repeating: [], count: settings.randomVectors)
      data.ritz = empty
      data.weights = empty
      data.operatorWeights = Array(
        repeating: Array(repeating: [], count: operators.count), count: settings.randomVectors)
      return data
    }
    let steps = min(settings.lanczosSteps, complement)
    for s in 0..<settings.randomVectors {
      var rng = SplitMix64(seed: Self.streamSeed(seedBase, UInt64(s) &+ 1))
      var r = (0..<dk).map { _ -> Complex<Double> in
        let phi = 2 * Double.pi * rng.nextUnit()
        return Complex(cos(phi), sin(phi))
      }
      SectorVector.project(&r, out: exact.vectors)
      let norm2 = r.reduce(0) { $0 + $1.lengthSquared }
      var q = r
      SectorVector.scale(&q, 1 / norm2.squareRoot())
      let applied = operators.map { apply($0, q) }
      var projections = [[Complex<Double>]](repeating: [], count: operators.count)
      var lanczos = LanczosRecurrence(start: q) { matrix.multiply($0, into: &$1) }
      for j in 0..<steps {
        for o in operators.indices { projections[o].append(SectorVector.dot(lanczos.q, applied[o])) }
        let (a, b) = lanczos.step { SectorVector.project(&$0, out: exact.vectors) }
        if j == steps - 1 || b <= 1e-13 * max(1, abs(a)) { break }
        lanczos.advance()
      }
      let alphas = lanczos.alphas
      let t = try SymmetricTridiagonalEigensystem(diagonal: alphas, offDiagonal: Array(lanczos.betas.dropLast()))
      let m = alphas.count
      data.ritz.append(t.values)
      data.weights.append((0..<m).map { norm2 * t.vectors[0, $0] * t.vectors[0, $0] })
      data.operatorWeights.append(
        projections.map { c in
          (0..<m).map { jj in
            var acc = Complex<Double>.zero
            for i in 0..<m { acc = acc + Complex(t.vectors[i, jj], 0) * c[i] }
            return norm2 * t.vectors[0, jj] * acc.real
          }
        })
    }
    return data
  }

  /// A well-mixed seed for sub-stream `index` of `seed` (two SplitMix64 outputs of a combined state).
  static func streamSeed(_ seed: UInt64, _ index: UInt64) -> UInt64 {
    var g = SplitMix64(seed: seed ^ (index &* 0xD1B5_4A32_D192_ED03))
    return g.next() ^ (g.next() << 1)
  }

  /// Warnings: exact states not converged; a sampled Ritz value below a sector's highest exact level
  /// (a low state the exact Lanczos missed, e.g. a degenerate partner: T → 0 is then not exact).
  static func checks(_ sectors: [SectorData]) -> [NumericalWarning] {
    var out: [NumericalWarning] = []
    let worst = sectors.map(\.exactResidual).max() ?? 0
    if worst > 1e-8 {
      out.append(
        NumericalWarning(
          kind: "not-converged",
          message: "FTLM: the exact low states did not converge in \(maximumExactSteps) Lanczos steps "
            + "(relative residual \(String(format: "%.3g", worst))); low-T values carry that error",
          value: worst))
    }
    for s in sectors {
      guard let top = s.exactEnergies.last, s.exactEnergies.count > 0 else { continue }
      let tol = 1e-7 * max(1, abs(top))
      let low = s.ritz.compactMap { $0.first }.min() ?? .infinity
      if low < top - tol {
        out.append(
          NumericalWarning(
            kind: "ftlm-missed-state",
            message: "FTLM: a sampled level \(String(format: "%.8g", low)) K lies below the highest exact level "
              + "\(String(format: "%.8g", top)) K of sector \(s.sectorLabel) (a missed degenerate state): "
              + "low-temperature values are statistical there, not exact",
            value: top - low))
        break
      }
    }
    return out
  }
}

/// Thread-safe slots for results written by concurrent iterations.
final class ResultSlots<Value>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()
  init(count: Int) { storage = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ v: Value) {
    lock.lock()
    storage[i] = v
    lock.unlock()
  }
  var values: [Value?] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
