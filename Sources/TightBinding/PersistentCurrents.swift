import Diagnostics
import LinearAlgebra
import Numerics
import PhysicalConstants

/// Charge and spin persistent currents of a ring (one value or one state).
///
/// `charge` in ampere, `spin` = (I_s^x, I_s^y, I_s^z) in eV; complex (biorthogonal
/// expectation values of non-Hermitian operators: the paper's real and imaginary currents).
public struct RingCurrents: Sendable, Equatable {
  public var charge: Complex<Double>
  public var spin: [Complex<Double>]
  public init(charge: Complex<Double>, spin: [Complex<Double>]) {
    self.charge = charge
    self.spin = spin
  }
  public static let zero = RingCurrents(charge: .zero, spin: [.zero, .zero, .zero])
  /// NaN everywhere (only returned together with a warning).
  public static let undefined = RingCurrents(
    charge: Complex(.nan, .nan), spin: Array(repeating: Complex(.nan, .nan), count: 3))

  /// Builds from raw traces (⟨v⟩, ⟨{σ_x,v}/2⟩, ⟨{σ_y,v}/2⟩, ⟨{σ_z,v}/2⟩) in eV·a/ħ (ħ = a = 1)
  /// for a ring of M sites: I = e⟨v⟩/(M a) in A, I_s^α = (ħ/2)⟨{σ_α,v}⟩/(2 M a) in eV.
  public init(rawTraces t: [Complex<Double>], sites m: Int) {
    let chargeScale = PhysicalConstants.amperePerElectronVoltHopping / Double(m)
    let spinScale = 1 / (2 * Double(m))
    self.init(charge: Complex(chargeScale, 0) * t[0], spin: (1...3).map { Complex(spinScale, 0) * t[$0] })
  }

  /// The four currents in table order: charge (A), spin x, y, z (eV).
  public var all: [Complex<Double>] { [charge] + spin }

  /// Componentwise sum.
  public static func + (a: RingCurrents, b: RingCurrents) -> RingCurrents {
    RingCurrents(charge: a.charge + b.charge, spin: zip(a.spin, b.spin).map { $0 + $1 })
  }
}

/// How persistent currents are computed.
public enum CurrentMethod: String, Sendable, CaseIterable {
  /// Biorthogonal current operators traced with the occupied-subspace projector.
  case `operator`
  /// Hellmann–Feynman: twist derivatives of the occupied eigenvalue sum (T = 0 only).
  case derivative
}

/// The result of a persistent-current calculation.
public struct PersistentCurrentResult: Sendable {
  /// Totals at the given μ and T.
  public var currents: RingCurrents
  /// Number of occupied states at T = 0 (Re E ≤ μ); at T > 0 the sum of Fermi weights.
  public var occupation: Double
  /// Conditioning of the totals (1 for normal H): the largest eigenvalue condition number among
  /// occupied and boundary states on the eigenvector routes, ‖P‖₂ of the occupied projector on
  /// the matrix-sign route of the dense path.
  public var maxConditionNumber: Double
  /// Numerical trouble (exceptional points), with the number that shows it.
  public var warnings: [NumericalWarning]
}

/// One eigenstate's values (per-state biorthogonal expectations, degenerate blocks
/// biorthonormalised with S^{−1/2}).
public struct StateCurrent: Sendable {
  /// Eigenvalue (eV).
  public var energy: Complex<Double>
  /// Bloch momentum when computed on the Bloch path, else nil.
  public var momentum: Double?
  /// The state's contribution (charge in A, spin in eV; same normalisation as the totals).
  public var currents: RingCurrents
  /// Eigenvalue condition number κ (1 for a normal matrix; → ∞ at an exceptional point).
  public var conditionNumber: Double
}

/// Persistent charge and spin currents of a ``HatanoNelsonRing`` (docs/model-reference.md).
///
/// Operator method (default): ⟨O⟩ = Tr(P O) with the occupied projector
/// P = R_occ (L_occ†R_occ)⁻¹ L_occ†, occupied = Re E ≤ μ (T = 0, whole degenerate clusters by
/// their mean Re E). At T > 0 (extension) each state is weighted by the Fermi function of its
/// cluster's mean Re E. Clean rings use the Bloch path (N blocks of 4×4) unless `path` says
/// otherwise. Derivative method: see `PersistentCurrents+Derivative.swift`.
///
/// Warnings: a condition number above ``conditionWarningThreshold`` for an occupied state
/// (or one within 1e−9 eV of μ) gives an `"exceptional-point"` warning with the number. At an
/// exceptional point every path and method gives the same answer (see
/// `PersistentCurrents+ExceptionalPoints.swift`): finite totals (the limit) when the EP lies
/// away from μ, NaN *and* a warning when it lies at μ (or carries a Fermi weight at T > 0).
public enum PersistentCurrents {
  /// Condition number above which a state counts as close to an exceptional point.
  public static let conditionWarningThreshold = 1e6

  /// Totals at chemical potential `mu` (eV) and temperature `temperature` (kelvin, ≥ 0).
  /// `denseProjector` chooses how the dense path forms the T = 0 occupied projector
  /// (``DenseProjector``; other paths and T > 0 ignore it).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for bad ring parameters, non-finite μ, T < 0, the
  ///   derivative method at T > 0, or the Bloch path on a disordered ring.
  ///
  /// Memory is checked against ``RingResources`` before anything is allocated (`cells` named);
  /// `progress`, if given, advances once per Bloch block (the dense paths cannot count).
  public static func compute(
    _ ring: HatanoNelsonRing, mu: Double, temperature: Double = 0, method: CurrentMethod = .operator,
    path: RingSpectrum.Path = .automatic, denseProjector: DenseProjector = .matrixSign,
    progress: ProgressReporter? = nil
  ) throws -> PersistentCurrentResult {
    let concrete = try check(ring, mu: mu, temperature: temperature, method: method, path: path)
    try RingResources.require(ring, path: concrete, workload: method == .derivative ? .derivative : .currents)
    return try compute(
      checked: ring, mu: mu, temperature: temperature, method: method, concretePath: concrete,
      denseProjector: denseProjector, progress: progress)
  }

  /// Checks the input of ``compute(_:mu:temperature:method:path:denseProjector:progress:)-(HatanoNelsonRing,_,_,_,_,_,_)`` (the
  /// ring, μ finite, T ≥ 0, T = 0 for the derivative method, the path) and returns the path that
  /// will run (dense for the derivative method). Memory is not checked here.
  /// - Throws: ``/Diagnostics/InvalidParameter`` naming the ``RingParameters`` id.
  public static func check(
    _ ring: HatanoNelsonRing, mu: Double, temperature: Double, method: CurrentMethod, path: RingSpectrum.Path
  ) throws -> RingSpectrum.Path {
    try ring.validate()
    guard mu.isFinite else { throw RingParameters.mu.invalid(.number(mu), allowed: "a finite number (eV)") }
    guard temperature.isFinite, temperature >= 0 else {
      throw RingParameters.temperature.invalid(.number(temperature), allowed: "a finite T ≥ 0 K")
    }
    if method == .derivative, temperature != 0 {
      throw RingParameters.temperature.invalid(
        .number(temperature), allowed: "0 with method = derivative (T > 0 needs method = operator)")
    }
    // The path is checked for both methods (Bloch on a disordered ring is refused either way).
    let concrete = try RingSpectrum.concretePath(path, ring)
    return method == .derivative ? .dense : concrete
  }

  /// The totals of input already checked (``check(_:mu:temperature:method:path:)`` passed, memory
  /// checked, `concretePath` the path it returned): what the catalogue evaluates, so a point is
  /// validated once. Precondition, not re-validated.
  public static func compute(
    checked ring: HatanoNelsonRing, mu: Double, temperature: Double, method: CurrentMethod,
    concretePath concrete: RingSpectrum.Path, denseProjector: DenseProjector = .matrixSign,
    progress: ProgressReporter? = nil
  ) throws -> PersistentCurrentResult {
    switch method {
    case .derivative:
      return try checkedDerivativeTotals(ring, mu: mu)
    case .operator:
      let kT = temperature * PhysicalConstants.electronVoltPerKelvin
      switch concrete {
      case .bloch:
        return try blochOperatorTotals(
          try ring.checkedBlochForm(), sites: ring.siteCount, mu: mu, kT: kT, progress: progress)
      case .spinResolved: return try spinResolvedOperatorTotals(ring, mu: mu, kT: kT)
      default: break
      }
      return try denseOperatorTotals(
        try ring.assembledSystem(), sites: ring.siteCount, mu: mu, kT: kT, projector: denseProjector)
    }
  }

  /// Totals of any ``RingLattice`` (a preset or a model file): the same routes as
  /// ``compute(_:mu:temperature:method:path:denseProjector:progress:)-(HatanoNelsonRing,_,_,_,_,_,_)`` with the lattice's own
  /// paths (``RingLattice/concretePath(_:)``: Bloch when translation invariant, else dense).
  /// Memory is checked first (`cells` named).
  public static func compute(
    _ lattice: RingLattice, mu: Double, temperature: Double = 0, method: CurrentMethod = .operator,
    path: RingSpectrum.Path = .automatic, denseProjector: DenseProjector = .matrixSign,
    progress: ProgressReporter? = nil
  ) throws -> PersistentCurrentResult {
    try Require.finite(mu, "mu")
    try Require.nonNegative(temperature, "temperature")
    switch method {
    case .derivative:
      guard temperature == 0 else {
        throw RingParameters.temperature.invalid(
          .number(temperature), allowed: "0 with method = derivative (T > 0 needs method = operator)")
      }
      try RingResources.require(lattice, path: .dense, workload: .derivative)
      return try derivativeTotals(lattice.system, sites: lattice.siteCount, mu: mu)
    case .operator:
      let kT = temperature * PhysicalConstants.electronVoltPerKelvin
      let concrete = try lattice.concretePath(path)
      try RingResources.require(lattice, path: concrete, workload: .currents)
      if concrete == .bloch, let form = lattice.bloch {
        return try blochOperatorTotals(form, sites: lattice.siteCount, mu: mu, kT: kT, progress: progress)
      }
      return try denseOperatorTotals(
        lattice.system, sites: lattice.siteCount, mu: mu, kT: kT, projector: denseProjector)
    }
  }

  /// Operator-method totals for any ring-like ``TightBindingSystem`` of `sites` sites (its
  /// circumference M a), dense path. Usable for systems not built from the preset.
  ///
  /// At T = 0 the occupied projector comes from the matrix sign function by default
  /// (`PersistentCurrents+MatrixSign.swift`), which steps aside to the eigenvector route at any
  /// sign of trouble; `projector: .eigenvectors` forces the eigenvector route. T > 0 always
  /// uses eigenvectors (Fermi weights per state). Exceptional points follow the shared policy
  /// (`PersistentCurrents+ExceptionalPoints.swift`).
  public static func denseOperatorTotals(
    _ system: TightBindingSystem, sites: Int, mu: Double, kT: Double, projector: DenseProjector = .matrixSign
  ) throws -> PersistentCurrentResult {
    let t = try denseOccupiedTraces(
      system.hamiltonian(), operators: try system.currentOperators(), mu: mu, kT: kT, projector: projector)
    return PersistentCurrentResult(
      currents: RingCurrents(rawTraces: t.raw, sites: sites), occupation: t.occupation,
      maxConditionNumber: t.maxConditionNumber, warnings: t.warnings)
  }

  /// Tr(P O) for each of `ops` with the occupied projector P of the dense `h` (Re E ≤ μ at T = 0,
  /// Fermi weights of Re E at T > 0), under the exceptional-point policy: the one dense
  /// operator route, for the totals and for per-bond currents alike. Undefined totals (an EP at
  /// μ) are NaN with the warning.
  static func denseOccupiedTraces(
    _ h: ComplexMatrix, operators ops: [SparseMatrix<Complex<Double>>], mu: Double, kT: Double,
    projector: DenseProjector = .matrixSign
  ) throws -> (raw: [Complex<Double>], occupation: Double, maxConditionNumber: Double, warnings: [NumericalWarning]) {
    if kT == 0, projector == .matrixSign, let result = try matrixSignTraces(h, operators: ops, mu: mu) {
      return result
    }
    let eig = try BiorthogonalEigensystem(h, allowDefective: true)
    let t = try OccupiedTrace(eig, mu: mu, kT: kT)
    if let w = t.undefinedWarning(context: "", kT: kT) {
      return (Array(repeating: Complex(.nan, .nan), count: ops.count), t.occupation, w.value, [w])
    }
    // Tr(P O) = Σ_occ (L†OR)ₙₙ in the biorthonormal basis: O(nnz·k) per operator, no n×n product.
    let (raw, extra) = try occupiedTotals(
      h, eig: eig, occupancy: t, mu: mu, kT: kT,
      direct: { try eig.stateSums(of: ops, selecting: $0) },
      perState: { try ops.map { try eig.stateExpectations(of: $0) } },
      schur: { try $0.traces(of: ops) })
    return (raw, t.occupation, t.maxCondition, t.warnings(context: "") + extra)
  }

  /// Operator-method totals on the Bloch path (clean rings): Σ_k Tr(P_k O_k).
  static func blochOperatorTotals(
    _ form: BlochForm, sites: Int, mu: Double, kT: Double, progress: ProgressReporter? = nil
  ) throws -> PersistentCurrentResult {
    var raw = [Complex<Double>](repeating: .zero, count: 4)
    var occupation = 0.0
    var kappa = 1.0
    var warnings: [NumericalWarning] = []
    let workspace = LAPACKWorkspace()
    var h = ComplexMatrix(rows: form.dimension, columns: form.dimension)
    for k in form.momenta {
      form.hamiltonian(k, into: &h)
      let eig = try BiorthogonalEigensystem(h, allowDefective: true, workspace: workspace)
      let ops = form.currentOperators(k)
      let t = try OccupiedTrace(eig, mu: mu, kT: kT)
      let context = " (Bloch k = \(String(format: "%.4f", k)))"
      if let w = t.undefinedWarning(context: context, kT: kT) { return undefinedResult(w, occupation: .nan) }
      // In the biorthonormal basis (L†R = 𝟙, degenerate blocks by S^{−1/2}) the occupied
      // projector is P = R_occ L_occ†, so Tr(P O) = Σ_n w_n (L†OR)_nn: a 4×4 loop per state.
      let (part, extra) = try occupiedTotals(
        h, eig: eig, occupancy: t, mu: mu, kT: kT,
        direct: { _ in ops.map { weightedDiagonalSum(eig, $0, t.weights) } },
        perState: { try ops.map { try eig.stateExpectations(of: $0) } },
        schur: { try $0.traces(of: ops) })
      for j in 0..<raw.count { raw[j] += part[j] }
      occupation += t.occupation
      kappa = max(kappa, t.maxCondition)
      warnings += t.warnings(context: context) + extra
      progress?.advance()
    }
    return PersistentCurrentResult(
      currents: RingCurrents(rawTraces: raw, sites: sites), occupation: occupation,
      maxConditionNumber: kappa, warnings: warnings)
  }

  /// Σ_n w_n (L† O R)_nn by explicit loops (small blocks; skips states of weight 0).
  static func weightedDiagonalSum(_ eig: BiorthogonalEigensystem, _ op: ComplexMatrix, _ w: [Double]) -> Complex<Double>
  {
    let n = op.rows
    var total = Complex<Double>.zero
    for state in 0..<n where w[state] != 0 && !eig.isDefective[state] {
      var s = Complex<Double>.zero
      for b in 0..<n {
        let r = eig.right[b, state]
        for a in 0..<n { s += eig.left[a, state].conjugate * op[a, b] * r }
      }
      total += Complex(w[state], 0) * s
    }
    return total
  }

  /// Per-state values (all 4N states, sorted by Re E then Im E): Bloch path when `path` resolves to it, else dense.
  ///
  /// A numerically defective state (κ ≥ ``numericallyDefectiveCondition`` or no biorthonormal
  /// basis: an exceptional point) has no finite per-state value: its currents are NaN on every
  /// path, its condition number is reported; callers warn (see the `ring-states` catalogue entry).
  public static func states(
    _ ring: HatanoNelsonRing, path: RingSpectrum.Path = .automatic, progress: ProgressReporter? = nil
  ) throws -> [StateCurrent] {
    try ring.validate()
    let concrete = try RingSpectrum.concretePath(path, ring)
    try RingResources.require(ring, path: concrete, workload: .states)
    return try states(checked: ring, concretePath: concrete, progress: progress)
  }

  /// ``states(_:path:progress:)-(HatanoNelsonRing,_,_)`` of a ring already validated, on the concrete path
  /// ``RingSpectrum/concretePath(_:_:)`` chose, its memory checked (precondition, not checked again).
  public static func states(
    checked ring: HatanoNelsonRing, concretePath concrete: RingSpectrum.Path, progress: ProgressReporter? = nil
  ) throws -> [StateCurrent] {
    try states(of: try ring.checkedLattice(), concretePath: concrete == .bloch ? .bloch : .dense, progress: progress)
  }

  /// Per-state values of any ``RingLattice`` (all 2M states, sorted by Re E then Im E) on
  /// ``RingLattice/concretePath(_:)`` of `path` (Bloch or dense). Memory is checked first.
  public static func states(
    _ lattice: RingLattice, path: RingSpectrum.Path = .automatic, progress: ProgressReporter? = nil
  ) throws -> [StateCurrent] {
    let concrete = try lattice.concretePath(path)
    try RingResources.require(lattice, path: concrete, workload: .states)
    return try states(of: lattice, concretePath: concrete, progress: progress)
  }

  static func states(
    of lattice: RingLattice, concretePath concrete: RingSpectrum.Path, progress: ProgressReporter?
  ) throws -> [StateCurrent] {
    var out: [StateCurrent] = []
    out.reserveCapacity(lattice.dimension)
    let sites = lattice.siteCount
    func append(_ eig: BiorthogonalEigensystem, _ values: [[Complex<Double>]], momentum: Double?) {
      for n in eig.values.indices {
        let atEP = eig.isDefective[n] || eig.conditionNumbers[n] >= numericallyDefectiveCondition
        out.append(
          StateCurrent(
            energy: eig.values[n], momentum: momentum,
            currents: atEP ? .undefined : RingCurrents(rawTraces: values.map { $0[n] }, sites: sites),
            conditionNumber: eig.conditionNumbers[n]))
      }
    }
    if concrete == .bloch, let form = lattice.bloch {
      let workspace = LAPACKWorkspace()
      for k in form.momenta {
        let eig = try BiorthogonalEigensystem(form.hamiltonian(k), allowDefective: true, workspace: workspace)
        append(eig, try form.currentOperators(k).map { try eig.stateExpectations(of: $0) }, momentum: k)
        progress?.advance()
      }
    } else {
      let system = lattice.system
      let eig = try BiorthogonalEigensystem(system.hamiltonian(), allowDefective: true)
      append(eig, try system.currentOperators().map { try eig.stateExpectations(of: $0) }, momentum: nil)
    }
    return out.sorted {
      $0.energy.real != $1.energy.real ? $0.energy.real < $1.energy.real : $0.energy.imaginary < $1.energy.imaginary
    }
  }
}
