import Diagnostics
import Foundation
import LinearAlgebra
import Numerics

/// What a ring computation does (sets its memory and time estimate).
public enum RingWorkload: String, Sendable {
  /// Eigenvalues only (`ring spectrum`).
  case spectrum
  /// Operator-method totals: eigenvalues, left and right vectors, occupied traces.
  case currents
  /// Per-state values of every eigenstate (`ring states`): vectors plus one table row per state.
  case states
  /// Derivative-method totals: 16 eigenvalue-only problems plus one with vectors.
  case derivative
}

/// Memory and time estimates of the ring computations, checked *before* anything is allocated.
///
/// **Memory.** The dense paths hold B complex n×n buffers at their peak, n = 4N (dense) or 2N
/// (spin-resolved): the matrix, LAPACK's copy, left and right vectors, their biorthonormal copies
/// and (states, derivative) the per-state products. B was measured as peak RSS / (16 n²) with
/// `/usr/bin/time -v` at n = 1200 and 2000 (debug build) and rounded up: spectrum 2.5 → 4,
/// states 6.3 → 8, derivative 6.3 → 8; operator currents, since their traces are per-state sums
/// with the sparse operators (no k×k or n×k products), 5.3 at n = 1200 (release build, peak RSS
/// 123 MB including the process itself; 7.6 before) → 6. The Bloch path holds O(N) arrays. Every table row adds
/// `bytesPerOutputCell` per column. The total goes to ``/Diagnostics/MemoryBudget/require(_:parameter:value:what:)``,
/// so a ring too large for this machine is refused with the bytes named (exit 2), and one that
/// fits runs whatever its N (no fixed cap on the number of cells).
///
/// **Time.** A single dense diagonalisation cannot report progress, so ``estimatedSeconds(_:path:workload:)``
/// times a 256×256 `zgeev` now and scales by n³ and the workload's measured relative cost.
public enum RingResources {
  /// Bytes held per table cell until the CSV/JSON is written (the value plus its text):
  /// measured 72 B for `ring bands --k-points 1000000` (1.15 GB peak for 1.6e7 cells), rounded up.
  static let bytesPerOutputCell = 96.0

  /// Complex n×n buffers at the peak of a dense workload (see type documentation).
  static func denseBuffers(_ workload: RingWorkload) -> Double {
    switch workload {
    case .spectrum: return 4
    case .currents: return 6
    case .states, .derivative: return 8
    }
  }

  /// Order n of the one dense eigenproblem of `path` (0 for the Bloch path: N problems of 4×4).
  public static func denseDimension(_ ring: HatanoNelsonRing, path: RingSpectrum.Path) -> Double {
    switch path {
    case .dense: return 4 * Double(ring.cells)
    case .spinResolved: return 2 * Double(ring.cells)
    default: return 0
    }
  }

  /// Estimated peak bytes of `workload` on the concrete `path` (Double: never overflows).
  public static func bytes(_ ring: HatanoNelsonRing, path: RingSpectrum.Path, workload: RingWorkload) -> Double {
    let n = workload == .derivative ? 4 * Double(ring.cells) : denseDimension(ring, path: path)
    return bytes(denseOrder: n, states: 4 * Double(ring.cells), cells: Double(ring.cells), workload: workload)
  }

  /// Estimated peak bytes of `workload` on the concrete `path` of any ring lattice: dense order
  /// 2M (0 on the Bloch path), 2M states.
  public static func bytes(_ lattice: RingLattice, path: RingSpectrum.Path, workload: RingWorkload) -> Double {
    let states = Double(lattice.dimension)
    let n = workload == .derivative || path != .bloch ? states : 0
    return bytes(denseOrder: n, states: states, cells: Double(lattice.cells), workload: workload)
  }

  /// Peak bytes for a dense problem of order n (0: Bloch blocks only), `states` eigenstates
  /// and `cells` momenta.
  static func bytes(denseOrder n: Double, states: Double, cells: Double, workload: RingWorkload) -> Double {
    var total = denseBuffers(workload) * 16 * n * n
    // O(N) arrays: momenta (8 B), eigenvalues (16 B, sorted copy) and, for states, one
    // StateCurrent (≈ 200 B with its arrays) and its sorted copy per state.
    total += 8 * cells + 48 * states
    switch workload {
    case .spectrum: total += states * 3 * bytesPerOutputCell
    case .states: total += states * (400 + 13 * bytesPerOutputCell)
    case .currents, .derivative: break
    }
    return total
  }

  /// Throws ``/Diagnostics/InvalidParameter`` naming `cells` when the workload on `lattice`
  /// does not fit in memory.
  public static func require(_ lattice: RingLattice, path: RingSpectrum.Path, workload: RingWorkload) throws {
    let n = workload == .derivative || path != .bloch ? lattice.dimension : 0
    let problem =
      n > 0
      ? "the dense \(n)×\(n) non-Hermitian eigenproblem (\(workload == .derivative ? "dense" : path.rawValue) path)"
      : "\(lattice.cells) Bloch blocks"
    try MemoryBudget.require(
      bytes(lattice, path: path, workload: workload), parameter: "cells", value: lattice.cells,
      what: "ring \(workload.rawValue) of \(problem)")
  }

  /// Words for the refusal message.
  static func describe(_ ring: HatanoNelsonRing, path: RingSpectrum.Path, workload: RingWorkload) -> String {
    let n = workload == .derivative ? 4 * Double(ring.cells) : denseDimension(ring, path: path)
    let size = String(format: "%.0f", n)
    let problem =
      n > 0
      ? "the dense \(size)×\(size) non-Hermitian eigenproblem (\(workload == .derivative ? "dense" : path.rawValue) path)"
      : "\(ring.cells) Bloch blocks"
    return "ring \(workload.rawValue) of \(problem)"
  }

  /// Throws ``/Diagnostics/InvalidParameter`` naming `cells` when the workload does not fit in memory.
  public static func require(
    _ ring: HatanoNelsonRing, path: RingSpectrum.Path, workload: RingWorkload, parameter: String = "cells",
    value: Any? = nil
  ) throws {
    try MemoryBudget.require(
      bytes(ring, path: path, workload: workload), parameter: parameter, value: value ?? ring.cells,
      what: describe(ring, path: path, workload: workload))
  }

  /// Time of `workload` relative to one eigenvalues-only `zgeev` of the same order n, from
  /// runs on the development machine (debug build; spectrum 5.5e−9 s·n⁻³ at n = 2000, operator
  /// currents 1.5e−8 at n = 1200 and 1.3e−8 at n = 2000, states 2.4e−8, derivative 1.2e−7):
  /// spectrum 1, currents 2.8, states 4.4, derivative 22.
  static func relativeCost(_ workload: RingWorkload) -> Double {
    switch workload {
    case .spectrum: return 1
    case .currents: return 2.8
    case .states: return 4.4
    case .derivative: return 22
    }
  }

  /// Seconds per n³ of an eigenvalues-only `zgeev` of order n ≥ 1000 on this machine now: the
  /// faster of two runs on a fixed pseudo-random 256×256 matrix, divided by
  /// `smallMatrixInefficiency` (a 256×256 `zgeev` costs 5–7× more per n³ than n = 1200–2000,
  /// measured on the development machine; dividing by 4 keeps the estimate on the long side).
  public static func zgeevSecondsPerCube() throws -> Double {
    let n = 256
    var rng = SplitMix64(seed: 2026)
    let a = ComplexMatrix(rows: n, columns: n) { _, _ in Complex(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5) }
    var best = Double.infinity
    for _ in 0..<2 {
      let start = Date()
      _ = try GeneralEigensystem.eigenvalues(a)
      best = min(best, Date().timeIntervalSince(start))
    }
    return best / pow(Double(n), 3) / smallMatrixInefficiency
  }

  /// See ``zgeevSecondsPerCube()``.
  static let smallMatrixInefficiency = 4.0

  /// Estimated wall time (s) of `workload` on the concrete `path`: `relativeCost(_:)` ×
  /// ``zgeevSecondsPerCube()`` × n³. Nil for the Bloch path (it reports progress) and below
  /// n = 512 (seconds at most: not worth a line).
  public static func estimatedSeconds(
    _ ring: HatanoNelsonRing, path: RingSpectrum.Path, workload: RingWorkload
  ) throws -> Double? {
    let n = workload == .derivative ? 4 * Double(ring.cells) : denseDimension(ring, path: path)
    guard n >= 512 else { return nil }
    return relativeCost(workload) * (try zgeevSecondsPerCube()) * pow(n, 3)
  }

  /// "about 12 s" / "about 7 min" / "about 2.5 h".
  public static func formatDuration(_ seconds: Double) -> String {
    if seconds < 120 { return "about \(Int(seconds.rounded(.up))) s" }
    if seconds < 7200 { return "about \(Int((seconds / 60).rounded(.up))) min" }
    return String(format: "about %.1f h", seconds / 3600)
  }
}
