import LinearAlgebra
import Numerics

/// An immutable spinful tight-binding system built by ``LatticeModel/finalize()``.
///
/// **Basis ordering.** Site ⊗ spin with the spin index fastest: basis index `2·site + spin`
/// (spin 0 = ↑, 1 = ↓ along z). Matrices have dimension 2M for M sites.
///
/// **Units.** Energies in eV, positions in lattice constants (a = 1), ħ = 1 internally, so the
/// velocity operator is in eV·a/ħ. Conversions to SI are done by the callers (e.g. the ring
/// currents multiply by `PhysicalConstants.amperePerElectronVoltHopping`).
///
/// **Operators** (see `TightBindingSystem+Operators.swift`):
/// - ``hamiltonian()``: dense H (any H ≠ H† allowed).
/// - ``positionOperator()``: X = diag(x_i) ⊗ 𝟙.
/// - ``velocityOperator()``: v = (i/ħ)[H, X] assembled bond by bond,
///   v_{iσ,jσ'} = −(i/ħ) H_{iσ,jσ'} d_ij, with the *bond* displacement d_ij (so it is correct
///   across the closing bond of a ring, where x_i − x_j is not the hop length).
/// - ``spinOperator(_:)``: σ_α on every site (𝟙_sites ⊗ σ_α in this ordering).
/// - ``spinVelocityOperator(_:)``: {σ_α, v}/2, bond by bond.
/// - ``hamiltonian(twist:)``: H with every hopping twisted (charge phase or SU(2)), whose
///   derivative at zero twist gives v or −{σ_α, v}/2 (derivative method).
public struct TightBindingSystem: Sendable {
  /// Sites in index order.
  public let sites: [LatticeModel.Site]
  /// Directed hoppings i ← j (duplicates allowed; they add up).
  public let hoppings: [LatticeModel.Hopping]

  init(sites: [LatticeModel.Site], hoppings: [LatticeModel.Hopping]) {
    self.sites = sites
    self.hoppings = hoppings
  }

  /// Number of sites M.
  public var siteCount: Int { sites.count }
  /// Hilbert-space dimension 2M.
  public var dimension: Int { 2 * sites.count }
  /// Site positions x_i (units of a).
  public var positions: [Double] { sites.map(\.position) }

  /// Basis index of (site, spin): 2·site + spin.
  @inlinable public static func index(site: Int, spin: Int) -> Int { 2 * site + spin }

  /// A copy with new on-site matrices (same hoppings), e.g. to add disorder to a preset.
  /// - Precondition: `onsite.count == siteCount`.
  public func replacingOnsite(_ onsite: [SpinMatrix]) -> TightBindingSystem {
    precondition(onsite.count == sites.count, "one on-site matrix per site")
    let s = zip(sites, onsite).map { LatticeModel.Site(position: $0.0.position, onsite: $0.1) }
    return TightBindingSystem(sites: s, hoppings: hoppings)
  }

  /// The dense Hamiltonian H (2M × 2M, eV).
  public func hamiltonian() -> ComplexMatrix {
    hamiltonian(hopping: { $0.matrix })
  }

  /// The Hamiltonian with a bond twist applied to every hopping (see ``BondTwist``).
  public func hamiltonian(twist: BondTwist) -> ComplexMatrix {
    hamiltonian(hopping: { twist.apply(to: $0.matrix, displacement: $0.displacement) })
  }

  /// The Hamiltonian as a sparse (CSR) matrix.
  public func sparseHamiltonian() throws -> SparseMatrix<Complex<Double>> {
    var t: [(row: Int, column: Int, value: Complex<Double>)] = []
    for (i, s) in sites.enumerated() { appendBlock(&t, i, i, s.onsite) }
    for h in hoppings { appendBlock(&t, h.to, h.from, h.matrix) }
    return try SparseMatrix(rows: dimension, columns: dimension, triplets: t)
  }

  /// True when ‖H − H†‖_max ≤ tolerance.
  public func isHermitian(tolerance: Double = 1e-14) -> Bool {
    let h = hamiltonian()
    return (h - h.adjoint).maxAbs <= tolerance
  }

  func hamiltonian(hopping: (LatticeModel.Hopping) -> SpinMatrix) -> ComplexMatrix {
    var m = ComplexMatrix(rows: dimension, columns: dimension)
    for (i, s) in sites.enumerated() { Self.add(&m, i, i, s.onsite) }
    for h in hoppings { Self.add(&m, h.to, h.from, hopping(h)) }
    return m
  }

  static func add(_ m: inout ComplexMatrix, _ i: Int, _ j: Int, _ b: SpinMatrix) {
    for s in 0..<2 { for t in 0..<2 { m[2 * i + s, 2 * j + t] += b[s, t] } }
  }

  func appendBlock(
    _ t: inout [(row: Int, column: Int, value: Complex<Double>)], _ i: Int, _ j: Int, _ b: SpinMatrix
  ) {
    for s in 0..<2 { for u in 0..<2 where b[s, u] != .zero { t.append((2 * i + s, 2 * j + u, b[s, u])) } }
  }
}

/// A twist of every hopping, used by the derivative method (Hellmann–Feynman).
///
/// - `.charge(λ)`: T_ij → T_ij e^{−iλ d_ij}; then ∂H/∂λ at λ = 0 is the velocity v, so
///   ⟨v⟩_n = ∂E_n/∂λ. On a ring of M bonds of length a this is a total flux phase −Mλ.
/// - `.spin(axis: α, angle: θ)`: T_ij → e^{iθσ_α d_ij/2} T_ij e^{iθσ_α d_ij/2}; then
///   ∂H/∂θ at θ = 0 is −{σ_α, v}/2, so ⟨{σ_α, v}⟩_n/2 = −∂E_n/∂θ (docs/model-reference.md: the bond
///   factor exp(iθσ_α d_ij/a), split symmetrically so Hermitian H stays Hermitian).
public enum BondTwist: Sendable, Equatable {
  case none
  case charge(Double)
  case spin(axis: Int, angle: Double)

  /// The twisted hopping matrix for a bond of displacement d (units of a).
  public func apply(to t: SpinMatrix, displacement d: Double) -> SpinMatrix {
    switch self {
    case .none: return t
    case .charge(let lambda):
      return Complex(Double.cos(lambda * d), -Double.sin(lambda * d)) * t
    case .spin(let axis, let angle):
      let u = SpinMatrix.su2Phase(angle: angle * d / 2, axis: axis)
      return u * t * u
    }
  }
}
