import LinearAlgebra
import Diagnostics
import Foundation
import PhysicalConstants

/// One exchange bond of a spin ring or chain: the term S_iᵀ K S_j of the Hamiltonian (K in kelvin).
///
/// Heisenberg −J S_i·S_j is K = −J 𝟙; XXZ is K = −diag(J_xy, J_xy, J_z); a Dzyaloshinskii–Moriya
/// term D·(S_i × S_j) adds the antisymmetric part K_bc = Σ_a ε_abc D_a. `first` ≠ `second`.
public struct ExchangeBond: Sendable, Equatable {
  public let first: Int
  public let second: Int
  /// K (K), row-major 3×3.
  public let coupling: Matrix3
  public init(_ first: Int, _ second: Int, coupling: Matrix3) {
    self.first = first
    self.second = second
    self.coupling = coupling
  }
  /// −J 𝟙: the Heisenberg bond (J > 0 ferromagnetic).
  public static func heisenberg(_ first: Int, _ second: Int, exchange j: Double) -> ExchangeBond {
    ExchangeBond(first, second, coupling: Spin3.scaled(Spin3.identity, -j))
  }
  /// True when K is a multiple of 𝟙 (an isotropic, Heisenberg bond).
  public var isIsotropic: Bool {
    let k = coupling
    return k[0][0] == k[1][1] && k[1][1] == k[2][2]
      && (0..<3).allSatisfy { a in (0..<3).allSatisfy { b in a == b || k[a][b] == 0 } }
  }
}

/// The quantum spin-S ring or chain: H(δ) = Σ_b S_iᵀ K_b R_z(δ) S_j − Σ_i h_i·S_i (K).
///
/// Bonds b = (i → j, K_b) of any 3×3 exchange (``ExchangeBond``); the paper's ring is K_b = −J 𝟙 on
/// the bonds i → i+1 mod N (J > 0 ferromagnet, J < 0 antiferromagnet; for N = 2 the two bonds join
/// the same pair: H = −2J S_0·S_1 − …). S_i per site (two-sublattice ferrimagnet S_A, S_B on even/odd
/// sites); h_i = gμ_B B_i in kelvin; δ (rad) a uniform twist of every bond about z (δ = 0 is the
/// physical system; −(1/N_b)∂F/∂δ at δ = 0 is the z spin current averaged over the N_b bonds).
/// Bond spin current into j (continuity ħ dS_j/dt = Σ_b j_b + S_j × h_j over the bonds b ending at j):
/// j_b = (K_bᵀ S_i) × S_j (K), which for the Heisenberg bond is −J S_i × S_j.
public struct ExactRingModel: Sendable {
  public let spins: [Double]
  /// J (K), signed, when every bond is the Heisenberg bond −J 𝟙 of a ring (the paper's system); nil otherwise.
  public let exchange: Double?
  /// The bonds with their untwisted couplings K_b (K).
  public let bonds: [ExchangeBond]
  /// h_i (K).
  public let fields: [Vector3]
  /// Uniform bond twist δ (rad).
  public let twist: Double
  public var siteCount: Int { spins.count }
  /// N_b, the number of bonds.
  public var bondCount: Int { bonds.count }
  /// The product basis of the ring (built on first use, once, shared by ``twisted(_:)`` copies).
  var productBasis: SpinProductBasis { basisCache.value }
  let basisCache: SharedLazy<SpinProductBasis>
  /// The screw symmetry of the ring: `cell` = period of the spin pattern (1 uniform, 2 ferrimagnet),
  /// α with h_{i+cell} = R_z(cell·α) h_i and K_{i+cell, j+cell} = R_z(cell·α) K_ij R_z(cell·α)ᵀ
  /// (α = −2π/N for the crown and for fields along z; 2πk/N for a field winding k times). No symmetry
  /// found (an open chain, random fields): cell = N (one sector, the unreduced basis). Found once, at construction.
  public let screw: (cell: Int, angle: Double)
  /// The orbit tables of the screw sectors, built on first use and shared by ``twisted(_:)`` copies
  /// (the twist changes neither the basis nor the symmetry).
  let sectorsCache: SharedLazy<ScrewSectors>

  /// The paper's ring: Heisenberg bonds −J 𝟙 on i → i+1 mod N.
  /// - Throws: ``/Diagnostics/InvalidParameter`` for fewer than 2 sites, S_i not a multiple of ½ in
  ///   [0.5, 1000], J = 0 or non-finite, non-finite fields or twist, a field count ≠ N.
  public init(spins: [Double], exchange: Double, fields: [Vector3], twist: Double = 0) throws {
    guard exchange.isFinite, exchange != 0 else {
      throw InvalidParameter("exchange_K", exchange, allowed: "a finite non-zero J in kelvin (J < 0: antiferromagnet)")
    }
    try self.init(
      spins: spins, bonds: Self.ringBonds(spins.count, exchange: exchange), fields: fields, twist: twist,
      uniformExchange: exchange)
  }

  /// Any bonds (a ring, an open chain, further neighbours, anisotropic or Dzyaloshinskii–Moriya exchange).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for fewer than 2 sites, S_i not a multiple of ½ in
  ///   [0.5, 1000], no bonds, a bond with a site out of range or i = j, a non-finite coupling, non-finite
  ///   fields or twist, a field count ≠ N.
  public init(spins: [Double], bonds: [ExchangeBond], fields: [Vector3], twist: Double = 0) throws {
    try self.init(spins: spins, bonds: bonds, fields: fields, twist: twist, uniformExchange: nil)
  }

  /// Any bonds, for the classical and spin-wave routes only (``RingTexture``, ``RingSemiclassics``), which
  /// never build the product basis: checked as ``init(spins:bonds:fields:twist:)`` but for the size of the
  /// Hilbert space, so N may be far beyond exact diagonalisation.
  /// Precondition: the exact routes (``basis()``, ``ExactSpectrum``, Lanczos) are not used on it when
  /// Π(2S_i + 1) ≥ 2⁶².
  public init(semiclassicalSpins spins: [Double], bonds: [ExchangeBond], fields: [Vector3]) throws {
    try Require.atLeast(spins.count, 2, "spins")
    for s in spins { try SpinProductBasis.validate(spins: [s, s]) }
    try self.init(spins: spins, bonds: bonds, fields: fields, twist: 0, uniformExchange: nil, countable: false)
  }

  private init(
    spins: [Double], bonds: [ExchangeBond], fields: [Vector3], twist: Double, uniformExchange: Double?,
    countable: Bool = true
  ) throws {
    if countable { try SpinProductBasis.validate(spins: spins) }
    let n = spins.count
    guard !bonds.isEmpty else { throw InvalidParameter("bonds", 0, allowed: "at least one exchange bond") }
    for (b, bond) in bonds.enumerated() {
      guard (0..<n).contains(bond.first), (0..<n).contains(bond.second), bond.first != bond.second else {
        throw InvalidParameter(
          "bonds", "bond \(b): \(bond.first) → \(bond.second)", allowed: "two different sites from 0 to \(n - 1)")
      }
      guard bond.coupling.count == 3, bond.coupling.allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isFinite) }) else {
        throw InvalidParameter("bonds", "bond \(b): \(bond.coupling)", allowed: "a finite 3×3 exchange matrix (K)")
      }
    }
    guard fields.count == n, fields.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
      throw InvalidParameter("field_T", "\(fields.count) vectors", allowed: "\(n) finite field vectors")
    }
    try Require.finite(twist, "twist")
    self.init(checkedSpins: spins, bonds: bonds, fields: fields, twist: twist, uniformExchange: uniformExchange)
  }

  /// The paper's ring of arguments already checked (what ``init(spins:exchange:fields:twist:)``
  /// checks: a precondition, not checked again). The product basis is built on first use.
  public init(checkedSpins spins: [Double], exchange: Double, fields: [Vector3], twist: Double = 0) {
    self.init(
      checkedSpins: spins, bonds: Self.ringBonds(spins.count, exchange: exchange), fields: fields, twist: twist,
      uniformExchange: exchange)
  }

  private init(
    checkedSpins spins: [Double], bonds: [ExchangeBond], fields: [Vector3], twist: Double, uniformExchange: Double?
  ) {
    self.spins = spins
    exchange = uniformExchange
    self.bonds = bonds
    self.fields = fields
    self.twist = twist
    let basis = SharedLazy { SpinProductBasis(checkedSpins: spins) }
    basisCache = basis
    let screw = Self.findScrew(spins: spins, bonds: bonds, fields: fields)
    self.screw = screw
    sectorsCache = SharedLazy { ScrewSectors(basis: basis.value, cell: screw.cell, angle: screw.angle) }
  }

  /// The Heisenberg bonds −J 𝟙 on i → i+1 mod N.
  static func ringBonds(_ n: Int, exchange: Double) -> [ExchangeBond] {
    (0..<n).map { .heisenberg($0, ($0 + 1) % max(n, 1), exchange: exchange) }
  }

  private init(_ model: ExactRingModel, twist: Double) {
    spins = model.spins
    exchange = model.exchange
    bonds = model.bonds
    fields = model.fields
    self.twist = twist
    basisCache = model.basisCache
    screw = model.screw
    sectorsCache = model.sectorsCache
  }

  /// The screw sectors of the ring (orbit table: 8 B per product state; built once per ring).
  var screwSectors: ScrewSectors { sectorsCache.value }

  /// The same ring with bond twist `delta` (rad).
  public func twisted(_ delta: Double) -> ExactRingModel {
    precondition(delta.isFinite, "twist must be finite")
    return ExactRingModel(self, twist: delta)
  }

  /// The product basis of the ring.
  public func basis() throws -> SpinProductBasis { productBasis }

  /// K_b R_z(δ): the coupling of bond `b` at this model's twist (K).
  func twistedCoupling(_ b: Int) -> Matrix3 { Spin3.product(bonds[b].coupling, Spin3.rotationZ(twist)) }

  /// H(δ) as a ``SpinOperatorSum`` (K).
  public var hamiltonian: SpinOperatorSum {
    var h = SpinOperatorSum()
    for b in bonds.indices { h.add(bonds[b].first, bonds[b].second, twistedCoupling(b)) }
    for i in 0..<siteCount { h.add(site: i, -1 * fields[i]) }
    return h
  }

  /// u·j_b = u·((K_bᵀ S_i) × S_j) = S_iᵀ K_b C_u S_j for bond `b` (K): the spin current into the bond's
  /// second site along the fixed axis u (C_u = ``Spin3/crossWith(_:)``). Heisenberg: −J u·(S_i × S_j).
  public func bondCurrent(_ b: Int, along u: Vector3) -> SpinOperatorSum {
    var o = SpinOperatorSum()
    o.add(bonds[b].first, bonds[b].second, Spin3.product(bonds[b].coupling, Spin3.crossWith(u)))
    return o
  }

  /// m̂_i·((K_bᵀ S_i) × S_j^⊥), S^⊥_j = S_j − m̂_j(m̂_j·S_j): the paper's longitudinal current of bond `b`
  /// along the given (classical) axes of its two sites (K); for the Heisenberg bond
  /// −J m̂_i·(S_i^⊥ × S_j^⊥). Axis-dependent in a quantum state.
  func longitudinalCurrent(_ b: Int, axes mi: Vector3, _ mj: Vector3) -> SpinOperatorSum {
    // m̂_i·(S_i^⊥ × X) = m̂_i·(S_i × X); X = P_j S_j with P_j = 1 − m̂_j m̂_jᵀ.
    let p: Matrix3 = (0..<3).map { a in (0..<3).map { b in (a == b ? 1 : 0) - mj[a] * mj[b] } }
    var o = SpinOperatorSum()
    o.add(
      bonds[b].first, bonds[b].second,
      Spin3.product(bonds[b].coupling, Spin3.product(Spin3.crossWith(mi), p)))
    return o
  }

  /// True when the bonds are i → i+1 for i = 0…N−1 (with N−1 → 0): a closed ring of nearest neighbours.
  var isRing: Bool {
    bonds.count == siteCount
      && bonds.enumerated().allSatisfy {
        $0.element.first == $0.offset
          && $0.element.second == ($0.offset + 1) % siteCount
      }
  }

  /// True when every bond is isotropic (K_b a multiple of 𝟙).
  public var isIsotropic: Bool { bonds.allSatisfy(\.isIsotropic) }

  /// The screw symmetry of ``screw`` for this basis, these bonds and these fields.
  ///
  /// Candidates α, in order: −2π/N and 0 (the crown and fields along z), then the angle that takes
  /// h_i to h_{i+cell} at the first site with an in-plane field, when N·α is a multiple of 2π (the
  /// screw sectors need G^L = e^{−iNαS^z} = ±1). Every candidate is verified on every field and bond
  /// (1e-12 relative); the bonds must map onto bonds under i → i + cell.
  static func findScrew(spins: [Double], bonds: [ExchangeBond], fields: [Vector3]) -> (cell: Int, angle: Double) {
    let n = spins.count
    func isPeriodic(cell: Int) -> Bool {
      n % cell == 0 && (0..<n).allSatisfy { spins[$0] == spins[($0 + cell) % n] }
    }
    let cell = isPeriodic(cell: 1) ? 1 : (isPeriodic(cell: 2) ? 2 : n)
    guard cell < n else { return (n, 0) }
    let scale = fields.map(\.length).max() ?? 0
    // Couplings per unordered pair, oriented from the smaller site: S_jᵀKS_i = S_iᵀKᵀS_j.
    var pairs: [Int: Matrix3] = [:]
    for bond in bonds {
      let (a, b, k) =
        bond.first < bond.second
        ? (bond.first, bond.second, bond.coupling) : (bond.second, bond.first, Spin3.transpose(bond.coupling))
      let key = a * n + b
      pairs[key] = pairs[key].map { old in (0..<3).map { r in (0..<3).map { old[r][$0] + k[r][$0] } } } ?? k
    }
    let kScale = pairs.values.map { $0.flatMap { $0 }.map(abs).max() ?? 0 }.max() ?? 0
    func bondsInvariant(_ r: Matrix3) -> Bool {
      pairs.allSatisfy { key, k in
        let a = (key / n + cell) % n, b = (key % n + cell) % n
        let rotated = Spin3.product(Spin3.product(r, k), Spin3.transpose(r))
        let target = a < b ? rotated : Spin3.transpose(rotated)
        guard let other = pairs[min(a, b) * n + max(a, b)] else { return false }
        return (0..<3).allSatisfy { x in (0..<3).allSatisfy { abs(target[x][$0] - other[x][$0]) <= 1e-12 * kScale } }
      }
    }
    var candidates = [-2 * Double.pi / Double(n), 0]
    if let i = fields.indices.first(where: { hypot(fields[$0].x, fields[$0].y) > 1e-12 * max(scale, 1e-300) }) {
      let j = (i + cell) % n
      let turn = atan2(fields[j].y, fields[j].x) - atan2(fields[i].y, fields[i].x)
      for m in 0..<cell {
        let alpha = (turn + 2 * Double.pi * Double(m)) / Double(cell)
        let winding = (alpha * Double(n) / (2 * Double.pi)).rounded()
        if abs(alpha * Double(n) / (2 * Double.pi) - winding) < 1e-9 {
          candidates.append(2 * Double.pi * winding / Double(n))
        }
      }
    }
    for alpha in candidates {
      let r = Spin3.rotationZ(Double(cell) * alpha)
      let ok = (0..<n).allSatisfy { i in
        (Spin3.apply(r, fields[i]) - fields[(i + cell) % n]).length <= 1e-12 * max(scale, 1e-300)
      }
      if ok && bondsInvariant(r) { return (cell, alpha) }
    }
    return (n, 0)
  }
}

/// The exact crown ring: spins, exchange and field in CLI units (J in K, |B| in T, latitude in degrees).
///
/// Crown field B_i = |B| r̂_i, r̂_i at latitude ϑ and azimuth φ_i = −2πi/N (clockwise, as
/// ``CrownRing``). `spinB` ≠ `spinA` makes the two-sublattice ferrimagnet (S_A on even sites,
/// S_B on odd; N even). `exchange` < 0 is the antiferromagnet.
public struct ExactCrownRing: Sendable, Equatable {
  public var spins: Int
  public var spinA: Double
  public var spinB: Double
  public var exchange: Double
  public var fieldTesla: Double
  public var g: Double
  public var latitudeDegrees: Double

  public init(
    spins: Int, spinA: Double, spinB: Double? = nil, exchange: Double, fieldTesla: Double, g: Double = 2,
    latitudeDegrees: Double
  ) {
    self.spins = spins
    self.spinA = spinA
    self.spinB = spinB ?? spinA
    self.exchange = exchange
    self.fieldTesla = fieldTesla
    self.g = g
    self.latitudeDegrees = latitudeDegrees
  }

  /// |h| = gμ_B|B| (K).
  public var zeemanKelvin: Double { PhysicalConstants.zeemanKelvinPerTesla(g: g) * fieldTesla }
  public var isFerrimagnet: Bool { spinA != spinB }

  /// Checks every parameter (ranges of ``CrownRingParameters``; |J| in the exchange range, J ≠ 0;
  /// |B| may be 0 here; spins multiples of ½; N ≥ 2, even for a ferrimagnet) and, with
  /// `hilbertSpace` (the exact routes), a Hilbert space below 2⁶² states.
  public func validate(hilbertSpace: Bool = true) throws {
    ValidationCount.record("ExactCrownRing.validate")
    try Require.atLeast(spins, 2, "spins")
    for (name, s) in [("spin", spinA), ("spin_b", spinB)] {
      guard s.isFinite, (2 * s).rounded() == 2 * s, CrownRingParameters.spin.realRange!.contains(s) else {
        throw InvalidParameter(name, s, allowed: "a multiple of 1/2 from 0.5 to 1000")
      }
    }
    if isFerrimagnet && spins % 2 != 0 {
      throw InvalidParameter("spins", spins, allowed: "an even N for two sublattices (spin_b ≠ spin)")
    }
    // Before any per-site array: the Hilbert space Π(2S_i + 1) must be countable (< 2^62 states).
    let log2Dimension = Double(spins) / 2 * (log2(2 * spinA + 1) + log2(2 * spinB + 1))
    guard log2Dimension < 62 || !hilbertSpace else {
      throw InvalidParameter(
        "spins", spins,
        allowed: "a ring whose Hilbert space exact diagonalisation can hold: fewer than 2^62 states (this one: "
          + "2^\(String(format: "%.1f", log2Dimension))); fewer spins or a smaller spin. For a large ring "
          + "method = semiclassical gives classical + LSWT jᶻ, magnon current the longitudinal current I_s")
    }
    guard exchange.isFinite, CrownRingParameters.exchange.realRange!.contains(abs(exchange)) else {
      throw InvalidParameter(
        "exchange_K", exchange,
        allowed: "J with 1e-06 K ≤ |J| ≤ 100000 K (J > 0 ferromagnet, J < 0 antiferromagnet)")
    }
    guard fieldTesla.isFinite, fieldTesla == 0 || CrownRingParameters.field.realRange!.contains(fieldTesla) else {
      throw InvalidParameter(
        "field_T", fieldTesla, allowed: "0 or a number from 1e-12 T to 10000 T (the physical range)")
    }
    for (p, x) in [(CrownRingParameters.g, g), (CrownRingParameters.latitude, latitudeDegrees)] {
      guard x.isFinite, p.realRange!.contains(x) else { throw p.invalid(.number(x)) }
    }
  }

  /// The site spins S_A, S_B, S_A, …
  var siteSpins: [Double] { (0..<spins).map { $0 % 2 == 0 ? spinA : spinB } }

  /// The ring (validated).
  public func model() throws -> ExactRingModel {
    try validate()
    return checkedModel()
  }

  /// The ring of parameters that passed ``validate(hilbertSpace:)`` (precondition, not checked again): what a
  /// catalogue entry evaluates after its check. The product basis is built on first use.
  public func checkedModel() -> ExactRingModel {
    let h = zeemanKelvin, theta = latitudeDegrees * Double.pi / 180
    let fields = (0..<spins).map {
      h * Vector3.spherical(theta: theta, phi: -2 * Double.pi * Double($0) / Double(spins))
    }
    return ExactRingModel(checkedSpins: siteSpins, exchange: exchange, fields: fields)
  }
}
