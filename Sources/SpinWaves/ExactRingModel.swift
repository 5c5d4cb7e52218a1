import LinearAlgebra
import Diagnostics
import Foundation
import PhysicalConstants

/// The quantum spin-S ring: H(δ) = −J Σ_i S_i·R_z(δ) S_{i+1} − Σ_i h_i·S_i (K).
///
/// J > 0 ferromagnet, J < 0 antiferromagnet; S_i per site (two-sublattice ferrimagnet S_A, S_B on
/// even/odd sites); h_i = gμ_B B_i in kelvin; δ (rad) a uniform twist of every bond about z (δ = 0 is
/// the physical ring; −(1/N)∂F/∂δ at δ = 0 is the z spin current). Bonds i → i+1 mod N (for N = 2 the
/// two bonds join the same pair: H = −2J S_0·S_1 − …). Bond spin current (continuity
/// ħ dS_i/dt = −(j_i − j_{i−1}) + S_i × h_i): j_i = −J S_i × S_{i+1} (K).
public struct ExactRingModel: Sendable {
  public let spins: [Double]
  /// J (K), signed.
  public let exchange: Double
  /// h_i (K).
  public let fields: [Vector3]
  /// Uniform bond twist δ (rad).
  public let twist: Double
  public var siteCount: Int { spins.count }
  /// The product basis of the ring (built on first use, once, shared by ``twisted(_:)`` copies).
  public var productBasis: SpinProductBasis { basisCache.value }
  let basisCache: SharedLazy<SpinProductBasis>
  /// The screw symmetry of the ring: `cell` = period of the spin pattern (1 uniform, 2 ferrimagnet),
  /// α with h_{i+cell} = R_z(cell·α) h_i (−2π/N for the crown and for fields along z). No symmetry
  /// found: cell = N (one sector, the unreduced basis). Found once, at construction.
  public let screw: (cell: Int, angle: Double)
  /// The orbit tables of the screw sectors, built on first use and shared by ``twisted(_:)`` copies
  /// (the twist changes neither the basis nor the symmetry).
  let sectorsCache: SharedLazy<ScrewSectors>

  /// - Throws: ``/Diagnostics/InvalidParameter`` for fewer than 2 sites, S_i not a multiple of ½ in
  ///   [0.5, 1000], J = 0 or non-finite, non-finite fields or twist, a field count ≠ N.
  public init(spins: [Double], exchange: Double, fields: [Vector3], twist: Double = 0) throws {
    try SpinProductBasis.validate(spins: spins)
    guard exchange.isFinite, exchange != 0 else {
      throw InvalidParameter("exchange_K", exchange, allowed: "a finite non-zero J in kelvin (J < 0: antiferromagnet)")
    }
    guard fields.count == spins.count, fields.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
      throw InvalidParameter("field_T", "\(fields.count) vectors", allowed: "\(spins.count) finite field vectors")
    }
    try Require.finite(twist, "twist")
    self.init(checkedSpins: spins, exchange: exchange, fields: fields, twist: twist)
  }

  /// The ring of arguments already checked (what ``init(spins:exchange:fields:twist:)`` checks:
  /// a precondition, not checked again). The product basis is built on first use.
  public init(checkedSpins spins: [Double], exchange: Double, fields: [Vector3], twist: Double = 0) {
    self.spins = spins
    self.exchange = exchange
    self.fields = fields
    self.twist = twist
    let basis = SharedLazy { SpinProductBasis(checkedSpins: spins) }
    basisCache = basis
    let screw = Self.findScrew(spins: spins, fields: fields)
    self.screw = screw
    sectorsCache = SharedLazy { ScrewSectors(basis: basis.value, cell: screw.cell, angle: screw.angle) }
  }

  private init(_ model: ExactRingModel, twist: Double) {
    spins = model.spins
    exchange = model.exchange
    fields = model.fields
    self.twist = twist
    basisCache = model.basisCache
    screw = model.screw
    sectorsCache = model.sectorsCache
  }

  /// The screw sectors of the ring (orbit tables: 6 B per product state; built once per ring).
  public var screwSectors: ScrewSectors { sectorsCache.value }

  /// The same ring with bond twist `delta` (rad).
  public func twisted(_ delta: Double) -> ExactRingModel {
    precondition(delta.isFinite, "twist must be finite")
    return ExactRingModel(self, twist: delta)
  }

  /// The product basis of the ring.
  public func basis() throws -> SpinProductBasis { productBasis }

  /// H(δ) as a ``SpinOperatorSum`` (K).
  public var hamiltonian: SpinOperatorSum {
    var h = SpinOperatorSum()
    let n = siteCount, k = Spin3.scaled(Spin3.rotationZ(twist), -exchange)
    for i in 0..<n { h.add(i, (i + 1) % n, k) }
    for i in 0..<n { h.add(site: i, -1 * fields[i]) }
    return h
  }

  /// u·j_i = −J u·(S_i × S_{i+1}) for bond i (K): the bond spin current along the fixed axis u.
  public func bondCurrent(_ i: Int, along u: Vector3) -> SpinOperatorSum {
    var o = SpinOperatorSum()
    o.add(i, (i + 1) % siteCount, Spin3.scaled(Spin3.crossWith(u), -exchange))
    return o
  }

  /// −J m̂_i·(S_i^⊥ × S_{i+1}^⊥), S^⊥_j = S_j − m̂_j(m̂_j·S_j): the paper's longitudinal current along
  /// the given (classical) axes — axis-dependent in a quantum state (K).
  public func longitudinalCurrent(_ i: Int, axes mi: Vector3, _ mj: Vector3) -> SpinOperatorSum {
    // m̂_i·(S_i^⊥ × X) = m̂_i·(S_i × X); X = P_j S_j with P_j = 1 − m̂_j m̂_jᵀ.
    let p: Matrix3 = (0..<3).map { a in (0..<3).map { b in (a == b ? 1 : 0) - mj[a] * mj[b] } }
    var o = SpinOperatorSum()
    o.add(i, (i + 1) % siteCount, Spin3.scaled(Spin3.product(Spin3.crossWith(mi), p), -exchange))
    return o
  }

  /// The screw symmetry of ``screw`` for this basis and these fields.
  static func findScrew(spins: [Double], fields: [Vector3]) -> (cell: Int, angle: Double) {
    let n = spins.count
    func isPeriodic(cell: Int) -> Bool {
      n % cell == 0 && (0..<n).allSatisfy { spins[$0] == spins[($0 + cell) % n] }
    }
    let cell = isPeriodic(cell: 1) ? 1 : (isPeriodic(cell: 2) ? 2 : n)
    let scale = fields.map(\.length).max() ?? 0
    for alpha in [-2 * Double.pi / Double(n), 0] {
      let r = Spin3.rotationZ(Double(cell) * alpha)
      let ok = (0..<n).allSatisfy { i in
        (Spin3.apply(r, fields[i]) - fields[(i + cell) % n]).length <= 1e-12 * max(scale, 1e-300)
      }
      if ok { return (cell, alpha) }
    }
    return (n, 0)
  }
}

/// Parameters of the exact crown ring in CLI units (J in K, |B| in T, latitude in degrees).
///
/// Crown field B_i = |B| r̂_i, r̂_i at latitude ϑ and azimuth φ_i = −2πi/N (clockwise, as
/// ``CrownParameters``). `spinB` ≠ `spinA` makes the two-sublattice ferrimagnet (S_A on even sites,
/// S_B on odd; N even). `exchange` < 0 is the antiferromagnet.
public struct ExactCrownParameters: Sendable, Equatable {
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
  /// |B| may be 0 here; spins multiples of ½; N ≥ 2, even for a ferrimagnet).
  public func validate() throws {
    ValidationCount.record("ExactCrownParameters.validate")
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
    guard log2Dimension < 62 else {
      throw InvalidParameter(
        "spins", spins,
        allowed: "a ring whose Hilbert space exact diagonalisation can hold: fewer than 2^62 states (this one: "
          + "2^\(String(format: "%.1f", log2Dimension))); fewer spins or a smaller spin. For a large ring the "
          + "classical texture and LSWT give the longitudinal current I_s (magnon current, method = lswt)")
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
  public var siteSpins: [Double] { (0..<spins).map { $0 % 2 == 0 ? spinA : spinB } }

  /// The ring (validated).
  public func model() throws -> ExactRingModel {
    try validate()
    return checkedModel()
  }

  /// The ring of parameters that passed ``validate()`` (precondition, not checked again): what a
  /// catalogue entry evaluates after its check. The product basis is built on first use.
  public func checkedModel() -> ExactRingModel {
    let h = zeemanKelvin, theta = latitudeDegrees * Double.pi / 180
    let fields = (0..<spins).map {
      h * Vector3.spherical(theta: theta, phi: -2 * Double.pi * Double($0) / Double(spins))
    }
    return ExactRingModel(checkedSpins: siteSpins, exchange: exchange, fields: fields)
  }
}
