import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// Full exact spectrum of an ``ExactRingModel``, block by block in its screw (and S^z) sectors.
///
/// Every sector matrix (``ScrewSectors/matrix(_:in:)``) is diagonalised densely with
/// ``/LinearAlgebra/HermitianEigensystem`` (zheevd): O(Σ_k D_k³) time, Σ_k D_k² complex numbers per
/// stored eigenvector set; sectors run in parallel. `reduced: false` uses one sector (the unreduced D × D problem): the
/// reference route of the tests. Thermal averages use all eigenvalues; at T = 0 the ground manifold
/// (levels within 1e-9·max(1, |E_0|) K of E_0) is averaged with equal weights.
public struct ExactSpectrum: Sendable {
  public let model: ExactRingModel
  public let sectors: ScrewSectors
  /// True when total S^z splits the sectors (H conserves it: fields along z).
  let usesSz: Bool

  /// One diagonalised sector.
  public struct Block: Sendable {
    public let sector: ScrewSectors.Sector
    /// Eigenvalues (K), ascending.
    public let values: [Double]
    /// Eigenvectors in the sector basis (0×0 when not computed).
    public let vectors: ComplexMatrix
  }
  public let blocks: [Block]

  /// Largest sector dimension accepted for full diagonalisation (zheevd of 16384 takes ≈ 1 h on one core).
  static let maximumSectorDimension = 16_384

  /// - Parameters:
  ///   - model: the ring (spins, exchange, fields, twist).
  ///   - reduced: use the screw (and S^z) sectors; false: one unreduced block.
  ///   - computeVectors: false keeps eigenvalues only (energies, F, twist route).
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`spins`) when the memory estimate does not fit
  ///   (checked before any allocation) or a sector exceeds `maximumSectorDimension`; LAPACK failures.
  public init(model: ExactRingModel, reduced: Bool = true, computeVectors: Bool = true) throws {
    try Self.requireFits(model: model, reduced: reduced)
    try self.init(sizeChecked: model, reduced: reduced, computeVectors: computeVectors)
  }

  /// ``init(model:reduced:computeVectors:)`` for a ring whose size ``requireFits(model:reduced:)``
  /// has already accepted (precondition, not checked again). `progress` hears "sector n/L
  /// diagonalised" as each sector finishes (its share of the work: D_k³ of Σ D_k³).
  public init(
    sizeChecked model: ExactRingModel, reduced: Bool = true, computeVectors: Bool = true,
    progress: PointProgress? = nil
  ) throws {
    self.model = model
    sectors =
      reduced ? model.screwSectors : ScrewSectors(basis: model.productBasis, cell: model.siteCount, angle: 0)
    let h = model.hamiltonian
    usesSz = reduced && h.conservesTotalSz
    // Sectors in parallel, BLAS on one thread each (each block's numbers do not depend on the threads).
    let list = sectors.allSectors(bySz: usesSz)
    let slots = ResultSlots<Result<Block, Error>>(count: list.count)
    let sectors = self.sectors
    let cost = { (k: Int) in pow(Double(list[k].dimension), 3) }
    let totalCost = list.indices.reduce(0) { $0 + cost($1) }
    SingleThreadedBLAS.enter()
    DispatchQueue.concurrentPerform(iterations: list.count) { k in
      slots.set(
        k,
        Result {
          let eig = try HermitianEigensystem(sectors.matrix(h, in: list[k]), computeVectors: computeVectors)
          progress?.complete(work: cost(k), ofTotal: totalCost) { "sector \($0)/\(list.count) diagonalised" }
          return Block(sector: list[k], values: eig.values, vectors: eig.vectors)
        })
    }
    SingleThreadedBLAS.leave()
    blocks = try slots.values.map { try $0!.get() }
  }

  /// Estimated bytes: orbit tables, per concurrently running sector (one per core, at most L) its
  /// matrices (H, vectors, zheevd workspace, the split eigenvector copy of the diagonals: 4 D_k²
  /// complex) and all stored eigenvectors (D²/L complex). D_k ≈ D/L (S^z not counted).
  public static func estimatedBytes(dimension d: Double, sectorsCount l: Double) -> Double {
    let dk = d / l
    let running = min(l, Double(ProcessInfo.processInfo.activeProcessorCount))
    return ScrewSectors.tableBytes(dimension: d) + running * 4 * 16 * dk * dk + 16 * dk * d
  }

  /// Refuses (exit-2 error naming `spins`) a ring whose full diagonalisation does not fit in memory or time.
  public static func requireFits(model: ExactRingModel, reduced: Bool = true) throws {
    let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
    let screw = reduced ? model.screw : (cell: model.siteCount, angle: 0.0)
    let l = Double(model.siteCount / screw.cell)
    let bytes = estimatedBytes(dimension: d, sectorsCount: l)
    try MemoryBudget.require(
      bytes, parameter: "spins", value: model.siteCount,
      what: "full exact diagonalisation (Hilbert space \(String(format: "%.0f", d)) states, \(Int(l)) screw sectors)")
    guard d / l <= Double(maximumSectorDimension) * (model.hamiltonian.conservesTotalSz ? 4 : 1) else {
      throw InvalidParameter(
        "spins", model.siteCount,
        allowed: "a ring whose screw sectors have at most \(maximumSectorDimension) states for full diagonalisation "
          + "(this one: ≈ \(Int(d / l)) of \(String(format: "%.0f", d))); the Lanczos ground state "
          + "(method = lanczos) reaches larger rings")
    }
  }

  /// All eigenvalues (K), ascending.
  public var energies: [Double] { blocks.flatMap(\.values).sorted() }
  /// E_0 (K).
  public var groundEnergy: Double { blocks.compactMap(\.values.first).min() ?? .nan }
  /// Degeneracy tolerance of the ground manifold (K).
  public var degeneracyTolerance: Double { 1e-9 * max(1, abs(groundEnergy)) }
  /// Lowest excitation energy E_1 − E_0 above the ground manifold (K); nan for a one-level spectrum.
  public var gap: Double {
    let e0 = groundEnergy
    return (energies.first { $0 > e0 + degeneracyTolerance } ?? .nan) - e0
  }
  /// Number of states in the ground manifold.
  public var groundDegeneracy: Int { energies.filter { $0 <= groundEnergy + degeneracyTolerance }.count }

  /// Boltzmann weights per block (Σ = 1); T = 0: equal weights on the ground manifold.
  public func weights(temperature t: Double) -> [[Double]] {
    let e0 = groundEnergy, tol = degeneracyTolerance
    let raw: [[Double]] = blocks.map { b in
      b.values.map { e in t > 0 ? exp(-(e - e0) / t) : (e <= e0 + tol ? 1 : 0) }
    }
    let z = raw.reduce(0) { $0 + $1.reduce(0, +) }
    return raw.map { $0.map { $0 / z } }
  }

  /// Thermodynamics at T (K): ⟨E⟩ (K), C = (⟨E²⟩ − ⟨E⟩²)/T² (units of k_B), F = −T ln Z (K).
  public func thermodynamics(temperature t: Double) -> (energy: Double, specificHeat: Double, freeEnergy: Double) {
    let w = weights(temperature: t)
    var e1 = 0.0, e2 = 0.0
    let e0 = groundEnergy
    for (b, wb) in zip(blocks, w) {
      for (e, p) in zip(b.values, wb) {
        e1 += p * (e - e0)
        e2 += p * (e - e0) * (e - e0)
      }
    }
    guard t > 0 else { return (e0 + e1, 0, e0 + e1) }
    let z = blocks.reduce(0.0) { acc, b in acc + b.values.reduce(0) { $0 + exp(-($1 - e0) / t) } }
    return (e0 + e1, (e2 - e1 * e1) / (t * t), e0 - t * log(z))
  }

  /// Thermal ⟨O⟩ at T for any operator (symmetrised over the screw group first, which is exact
  /// for a G-invariant state; see `SpinOperatorSum/screwAveraged(sites:cell:angle:)`).
  /// - Throws: when the spectrum was computed without eigenvectors, or a BLAS error.
  public func expectation(_ op: SpinOperatorSum, temperature t: Double) throws -> Double {
    average(try diagonal(op, onlyWeighted: t), temperature: t)
  }

  /// ⟨n|O|n⟩ for every eigenstate, block by block (O symmetrised first), then
  /// ``average(_:temperature:)`` at any number of temperatures. `onlyWeighted` (a temperature) skips
  /// states of negligible weight there (entries left 0).
  ///
  /// O is applied sparsely to the stored eigenvectors (`ScrewSectors/SparseSectorMatrix`): O(nnz_k D_k)
  /// per block with nnz_k ≈ D_k × (terms of the screw-averaged O), not the O(D_k³) of a dense product;
  /// blocks run in parallel (each block's numbers do not depend on the threads).
  public func diagonal(_ op: SpinOperatorSum, onlyWeighted: Double? = nil) throws -> [[Double]] {
    guard blocks.allSatisfy({ $0.vectors.columns == $0.values.count }) else {
      throw InvalidParameter(
        "method", "eigenvalues only", allowed: "a spectrum with eigenvectors for expectation values")
    }
    let sym =
      sectors.cellCount > 1 ? op.screwAveraged(sites: model.siteCount, cell: sectors.cell, angle: sectors.angle) : op
    let w = onlyWeighted.map { weights(temperature: $0) }
    let slots = ResultSlots<[Double]>(count: blocks.count)
    DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
      let b = blocks[index]
      var diag = [Double](repeating: 0, count: b.values.count)
      let cols = b.values.indices.filter { w == nil || w![index][$0] > 1e-300 }
      if !cols.isEmpty {
        let o = sectors.sparseMatrix(sym, in: b.sector)
        for (k, value) in zip(cols, o.diagonalExpectations(b.vectors, columns: cols)) { diag[k] = value }
      }
      slots.set(index, diag)
    }
    return slots.values.map { $0! }
  }

  /// Σ_n p_n(T) d_n for per-state values `d` (from ``diagonal(_:onlyWeighted:)``).
  public func average(_ d: [[Double]], temperature t: Double) -> Double {
    zip(weights(temperature: t), d).reduce(0) { acc, pair in acc + zip(pair.0, pair.1).reduce(0) { $0 + $1.0 * $1.1 } }
  }
}
