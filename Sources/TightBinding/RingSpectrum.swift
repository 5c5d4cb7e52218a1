import Diagnostics
import LinearAlgebra
import Numerics

/// Complex single-particle spectra of a ``HatanoNelsonRing``.
public enum RingSpectrum {
  /// Which diagonalisation to use.
  public enum Path: String, Sendable, CaseIterable {
    /// One 4N×4N `zgeev` (any ring).
    case dense
    /// N blocks of 4×4 (clean rings only).
    case bloch
    /// The two spin sectors along m̂ share one 2N×2N orbital problem (any ring of the preset:
    /// spin-independent hoppings and a uniform moment direction). One `zgeev` of half the size.
    case spinResolved = "spin-resolved"
    /// Bloch when the ring is clean, spin-resolved otherwise.
    case automatic
  }

  /// All 4N eigenvalues (eV), sorted by real part then imaginary part.
  ///
  /// - Throws: ``/Diagnostics/InvalidParameter`` for bad ring parameters or `.bloch` on a disordered ring;
  ///   LinearAlgebra errors if LAPACK fails.
  public static func eigenvalues(of ring: HatanoNelsonRing, path: Path = .automatic) throws -> [Complex<Double>] {
    try ring.validate()
    var values: [Complex<Double>]
    switch try concretePath(path, ring) {
    case .spinResolved:
      let orbital = try GeneralEigensystem.eigenvalues(ring.orbitalHamiltonian())
      values = [1.0, -1.0].flatMap { s in orbital.map { $0 - Complex(s * ring.exchange, 0) } }
    case .bloch:
      values = []
      values.reserveCapacity(4 * ring.cells)
      for k in ring.momenta { values += try GeneralEigensystem.eigenvalues(ring.blochHamiltonian(k)) }
    default:
      values = try GeneralEigensystem.eigenvalues(try ring.system().hamiltonian())
    }
    return sorted(values)
  }

  /// Sorts complex numbers by (Re, Im).
  public static func sorted(_ values: [Complex<Double>]) -> [Complex<Double>] {
    values.sorted { $0.real != $1.real ? $0.real < $1.real : $0.imaginary < $1.imaginary }
  }

  /// Bands E(k) of the four branches at `kPoints` momenta spanning [−π, π] (closed form of
  /// MODELS.md §A, which the tests check against the Bloch and dense diagonalisations).
  /// Returns (k, band label, energy) triples in k order, bands in ``HatanoNelsonRing/bandLabels`` order.
  public static func bands(
    of ring: HatanoNelsonRing, kPoints: Int
  ) throws -> [(
    k: Double, band: String, energy: Complex<Double>
  )] {
    var r = ring
    r.cells = max(ring.cells, 2)
    try r.validate()
    guard kPoints >= 2 else { throw InvalidParameter("k-points", kPoints, allowed: "an integer ≥ 2") }
    var out: [(k: Double, band: String, energy: Complex<Double>)] = []
    for m in 0..<kPoints {
      let k = -Double.pi + 2 * Double.pi * Double(m) / Double(kPoints - 1)
      for (label, e) in zip(HatanoNelsonRing.bandLabels, ring.closedFormEnergies(k)) { out.append((k, label, e)) }
    }
    return out
  }

  /// Largest ring (cells) per path whose dense matrices fit comfortably in memory:
  /// 4N×4N complex (dense) or 2N×2N (spin-resolved) with eigenvectors, ≈ 0.8 GB at the limit.
  public static let maximumDenseCells = 1_500
  public static let maximumSpinResolvedCells = 3_000

  /// The concrete path (never `.automatic`) used for this ring.
  /// - Throws: ``/Diagnostics/InvalidParameter`` ("aah") for `.bloch` on a disordered ring, ("cells") for a
  ///   ring too large for a dense path.
  public static func concretePath(_ path: Path, _ ring: HatanoNelsonRing) throws -> Path {
    let resolved: Path
    switch path {
    case .dense, .spinResolved: resolved = path
    case .automatic: resolved = ring.isClean ? .bloch : .spinResolved
    case .bloch:
      guard ring.isClean else {
        throw InvalidParameter(
          "aah", ring.aah, allowed: "0 for the Bloch path (a disordered ring needs the dense or spin-resolved path)")
      }
      resolved = .bloch
    }
    if resolved == .dense, ring.cells > maximumDenseCells {
      throw InvalidParameter("cells", ring.cells, allowed: "≤ \(maximumDenseCells) on the dense path")
    }
    if resolved == .spinResolved, ring.cells > maximumSpinResolvedCells {
      throw InvalidParameter("cells", ring.cells, allowed: "≤ \(maximumSpinResolvedCells) on the spin-resolved path")
    }
    return resolved
  }

}
