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

    /// The path that runs for `ring` (never `.automatic`), for a path already checked by
    /// ``RingSpectrum/concretePath(_:_:)`` (precondition: not `.bloch` on a disordered ring).
    public func concrete(for ring: HatanoNelsonRing) -> Path {
      precondition(self != .bloch || ring.isClean, "path bloch on a disordered ring: check it first")
      return self == .automatic ? (ring.isClean ? .bloch : .spinResolved) : self
    }
  }

  /// All 4N eigenvalues (eV), sorted by real part then imaginary part.
  ///
  /// - Throws: ``/Diagnostics/InvalidParameter`` for bad ring parameters or `.bloch` on a disordered ring;
  ///   LinearAlgebra errors if LAPACK fails.
  /// `progress`, if given, advances once per Bloch block.
  public static func eigenvalues(
    of ring: HatanoNelsonRing, path: Path = .automatic, progress: ProgressReporter? = nil
  ) throws -> [Complex<Double>] {
    try ring.validate()
    let concrete = try concretePath(path, ring)
    try RingResources.require(ring, path: concrete, workload: .spectrum)
    return try eigenvalues(checked: ring, concretePath: concrete, progress: progress)
  }

  /// ``eigenvalues(of:path:progress:)-(HatanoNelsonRing,_,_)`` of a ring already validated, on the concrete path
  /// ``concretePath(_:_:)`` chose, its memory checked (precondition, not checked again).
  public static func eigenvalues(
    checked ring: HatanoNelsonRing, concretePath concrete: Path, progress: ProgressReporter? = nil
  ) throws -> [Complex<Double>] {
    var values: [Complex<Double>]
    switch concrete {
    case .spinResolved:
      let orbital = try GeneralEigensystem.eigenvalues(ring.orbitalHamiltonian())
      values = [1.0, -1.0].flatMap { s in orbital.map { $0 - Complex(s * ring.exchange, 0) } }
    case .bloch: values = try blochEigenvalues(try ring.checkedBlochForm(), progress: progress)
    default: values = try GeneralEigensystem.eigenvalues(try ring.assembledSystem().hamiltonian())
    }
    return sorted(values)
  }

  /// All 2M eigenvalues (eV) of any ``RingLattice``, sorted by real part then imaginary part,
  /// on ``RingLattice/concretePath(_:)`` of `path` (Bloch blocks or one dense `zgeev`).
  /// Memory is checked first.
  public static func eigenvalues(
    of lattice: RingLattice, path: Path = .automatic, progress: ProgressReporter? = nil
  ) throws -> [Complex<Double>] {
    let concrete = try lattice.concretePath(path)
    try RingResources.require(lattice, path: concrete, workload: .spectrum)
    if concrete == .bloch, let form = lattice.bloch { return sorted(try blochEigenvalues(form, progress: progress)) }
    return sorted(try GeneralEigensystem.eigenvalues(lattice.system.hamiltonian()))
  }

  /// The eigenvalues of every Bloch block H(k), k = 2πm/N.
  static func blochEigenvalues(_ form: BlochForm, progress: ProgressReporter?) throws -> [Complex<Double>] {
    var values: [Complex<Double>] = []
    values.reserveCapacity(form.dimension * form.cells)
    let workspace = LAPACKWorkspace()
    var h = ComplexMatrix(rows: form.dimension, columns: form.dimension)
    for k in form.momenta {
      form.hamiltonian(k, into: &h)
      values += try GeneralEigensystem.eigenvalues(h, workspace: workspace)
      progress?.advance()
    }
    return values
  }

  /// Bands E(k) of a translation-invariant lattice at `kPoints` momenta spanning [−π, π]: the
  /// eigenvalues (2p per k, sorted by Re then Im) of the block of the same ``BlochForm`` the
  /// Bloch path diagonalises, in the sign convention of ``bands(of:kPoints:)-(HatanoNelsonRing,_)`` (the paper's
  /// closed form, c_n = N^{−1/2} Σ_k e^{−ikn} c_k): E(k) = eig H_Bloch(−k). Returns
  /// (k, band index, energy) in k order.
  public static func bands(
    of form: BlochForm, kPoints: Int
  ) throws -> [(k: Double, band: Int, energy: Complex<Double>)] {
    guard kPoints >= 2 else { throw InvalidParameter("k-points", kPoints, allowed: "an integer ≥ 2") }
    try MemoryBudget.require(
      Double(form.dimension) / 4 * bandBytes(kPoints: kPoints), parameter: "k-points", value: kPoints,
      what: "\(kPoints) k-points × \(form.dimension) bands of table rows")
    var out: [(k: Double, band: Int, energy: Complex<Double>)] = []
    let workspace = LAPACKWorkspace()
    var h = ComplexMatrix(rows: form.dimension, columns: form.dimension)
    for m in 0..<kPoints {
      let k = -Double.pi + 2 * Double.pi * Double(m) / Double(kPoints - 1)
      form.hamiltonian(-k, into: &h)
      for (b, e) in sorted(try GeneralEigensystem.eigenvalues(h, workspace: workspace)).enumerated() {
        out.append((k, b, e))
      }
    }
    return out
  }

  /// Sorts complex numbers by (Re, Im).
  public static func sorted(_ values: [Complex<Double>]) -> [Complex<Double>] {
    values.sorted { $0.real != $1.real ? $0.real < $1.real : $0.imaginary < $1.imaginary }
  }

  /// Bands E(k) of the four branches at `kPoints` momenta spanning [−π, π] (closed form of
  /// docs/model-reference.md, which the tests check against the Bloch and dense diagonalisations).
  /// Returns (k, band label, energy) triples in k order, bands in ``HatanoNelsonRing/bandLabels`` order.
  public static func bands(
    of ring: HatanoNelsonRing, kPoints: Int
  ) throws -> [(
    k: Double, band: String, energy: Complex<Double>
  )] {
    var r = ring
    r.cells = max(ring.cells, 2)
    try r.validate()
    guard kPoints >= 2 else { throw RingParameters.kPoints.invalid(.integer(kPoints), allowed: "an integer ≥ 2") }
    try MemoryBudget.require(
      bandBytes(kPoints: kPoints), parameter: RingParameters.kPoints.id, value: kPoints,
      what: "\(kPoints) k-points × 4 bands of table rows")
    var out: [(k: Double, band: String, energy: Complex<Double>)] = []
    for m in 0..<kPoints {
      let k = -Double.pi + 2 * Double.pi * Double(m) / Double(kPoints - 1)
      for (label, e) in zip(HatanoNelsonRing.bandLabels, ring.closedFormEnergies(k)) { out.append((k, label, e)) }
    }
    return out
  }

  /// Peak bytes of ``bands(of:kPoints:)-(HatanoNelsonRing,_)`` and its table: 4 rows of 4 columns per k-point
  /// (`RingResources/bytesPerOutputCell` each) plus the (k, band, E) tuple (≈ 48 B) per row.
  public static func bandBytes(kPoints: Int) -> Double {
    4 * Double(kPoints) * (4 * RingResources.bytesPerOutputCell + 48)
  }

  /// The concrete path (never `.automatic`) used for this ring. Sizes are not checked here:
  /// each computation checks its own memory estimate (``RingResources``).
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming the disorder (``HatanoNelsonRing/disorder``:
  ///   `aah_eV` or `anderson_eV`) for `.bloch` on a disordered ring.
  public static func concretePath(_ path: Path, _ ring: HatanoNelsonRing) throws -> Path {
    ValidationCount.record("RingSpectrum.concretePath")
    if path == .bloch, let (p, value) = ring.disorder {
      throw p.invalid(
        .number(value), allowed: "0 for path = bloch (a disordered ring needs path = dense or spin-resolved)")
    }
    return path.concrete(for: ring)
  }

}
