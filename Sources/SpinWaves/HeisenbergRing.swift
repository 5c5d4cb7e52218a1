import Diagnostics
import Foundation
import LinearAlgebra
import PhysicalConstants

/// A classical/quantum Heisenberg spin ring: H = ½ Σ_ij J_ij S_i·S_j − Σ_i h_i·S_i (docs/model-reference.md).
///
/// Anisotropic rings (``init(spinLength:bonds:fields:)``) replace J_ij by a 3×3 matrix, H = ½ Σ_ij S_iᵀ K_ij S_j
/// with K_ji = K_ijᵀ (XXZ, Dzyaloshinskii–Moriya): `couplingMatrix(_:neighbour:)`; the classical texture and
/// its Hessian use it, the spin-wave spectrum (``SpinWaveSpectrum``) needs isotropic couplings.
///
/// Units: J_ij and h_i = gμ_B B_i in kelvin (k_B = 1); spins have length `spinLength` (S).
/// The couplings J_ij (symmetric, zero diagonal) are held as neighbour lists (``coupling(_:_:)``,
/// ``neighbours(of:)``; ``exchange`` builds the dense matrix on demand); the nearest-neighbour
/// ferromagnet has J_{i,i±1} = −J (so H = −J Σ_i S_i·S_{i+1}). Sites i = 0…N−1, bonds i → i+1 mod N.
public struct HeisenbergRing: Sendable {
  /// Number of spins N (≥ 3).
  public let siteCount: Int
  /// Spin length S (> 0).
  public let spinLength: Double
  /// Zeeman fields h_i = gμ_B B_i in kelvin.
  public let fields: [Vector3]
  /// True when every coupling joins ring neighbours (J_ij ≠ 0 only for j = i ± 1 mod N): then the
  /// classical tangent Hessian is cyclic block-tridiagonal (see `ClassicalTexture/tangentHessianBlocks`).
  public let isNearestNeighbour: Bool

  /// Precomputed (site, J_ij) lists of non-zero couplings, sites ascending. O(number of bonds)
  /// storage: the couplings are never held as a dense N×N matrix (800 MB at N = 10 000).
  private let neighbourLists: [[(site: Int, coupling: Double)]]
  /// K_ij per neighbour entry (same order as the neighbour lists) for anisotropic rings; nil when isotropic.
  private let matrixLists: [[Matrix3]]?

  /// True when every coupling is J_ij 𝟙 (no 3×3 matrices).
  public var isIsotropic: Bool { matrixLists == nil }

  /// A ring with general couplings given as a dense symmetric N×N matrix (O(N²): for small rings).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for N < 3, S ≤ 0, non-finite or asymmetric J, wrong field count.
  public init(spinLength: Double, exchange: RealMatrix, fields: [Vector3]) throws {
    try Require.atLeast(exchange.rows, 3, "spins")
    guard exchange.isSquare, exchange.isFinite else {
      throw InvalidParameter("exchange_K", "\(exchange.rows)×\(exchange.columns)", allowed: "a finite square matrix")
    }
    let n = exchange.rows
    for i in 0..<n {
      guard exchange[i, i] == 0 else { throw InvalidParameter("exchange_K", exchange[i, i], allowed: "J_ii = 0") }
      for j in 0..<i where abs(exchange[i, j] - exchange[j, i]) > 1e-12 * max(1, abs(exchange[i, j])) {
        throw InvalidParameter("exchange_K", "J[\(i),\(j)] ≠ J[\(j),\(i)]", allowed: "a symmetric matrix")
      }
    }
    let lists = (0..<n).map { i in (0..<n).compactMap { j in exchange[i, j] != 0 ? (j, exchange[i, j]) : nil } }
    try self.init(spinLength: spinLength, neighbourLists: lists, fields: fields)
  }

  /// The ring from its coupling lists (validated: S, field count and finiteness).
  private init(
    spinLength: Double, neighbourLists: [[(site: Int, coupling: Double)]], fields: [Vector3],
    matrixLists: [[Matrix3]]? = nil
  ) throws {
    let n = neighbourLists.count
    try Require.atLeast(n, 3, "spins")
    try Require.positive(spinLength, "spin")
    guard fields.count == n, fields.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
      throw InvalidParameter("field_T", "\(fields.count) vectors", allowed: "\(n) finite field vectors")
    }
    self.siteCount = n
    self.spinLength = spinLength
    self.fields = fields
    self.neighbourLists = neighbourLists
    self.matrixLists = matrixLists
    isNearestNeighbour = neighbourLists.enumerated().allSatisfy { i, list in
      list.allSatisfy { $0.site == (i + 1) % n || $0.site == (i + n - 1) % n }
    }
  }

  /// The nearest-neighbour ferromagnetic ring J_{i,i±1} = −J with fields `fields` (K); O(N) storage.
  public static func ferromagnet(
    spinLength: Double, exchange jKelvin: Double, fields: [Vector3]
  ) throws -> HeisenbergRing {
    try Require.positive(jKelvin, "exchange_K")
    let n = fields.count
    try Require.atLeast(n, 3, "spins")
    let lists = (0..<n).map { i in
      Set([(i + 1) % n, (i + n - 1) % n]).sorted().map { (site: $0, coupling: -jKelvin) }
    }
    return try HeisenbergRing(spinLength: spinLength, neighbourLists: lists, fields: fields)
  }

  /// A ring with any 3×3 bond couplings: H = Σ_b S_iᵀ K_b S_j − Σ_i h_i·S_i (K), bonds summed per pair;
  /// O(N_b) storage. ``coupling(_:_:)`` is the isotropic part Tr K_ij / 3 (J_ij itself when every bond is
  /// isotropic: then no matrices are kept).
  /// - Throws: ``/Diagnostics/InvalidParameter`` for N < 3, S ≤ 0, a bond with a site out of range or
  ///   i = j, non-finite couplings, wrong field count.
  public init(spinLength: Double, bonds: [ExchangeBond], fields: [Vector3]) throws {
    let n = fields.count
    try Require.atLeast(n, 3, "spins")
    var lists: [[(site: Int, matrix: Matrix3)]] = Array(repeating: [], count: n)
    func add(_ i: Int, _ j: Int, _ k: Matrix3) {
      if let e = lists[i].firstIndex(where: { $0.site == j }) {
        let old = lists[i][e].matrix
        lists[i][e].matrix = (0..<3).map { a in (0..<3).map { old[a][$0] + k[a][$0] } }
      } else {
        lists[i].append((j, k))
      }
    }
    for bond in bonds {
      guard (0..<n).contains(bond.first), (0..<n).contains(bond.second), bond.first != bond.second,
        bond.coupling.allSatisfy({ $0.allSatisfy(\.isFinite) })
      else {
        throw InvalidParameter(
          "bonds", "\(bond.first) → \(bond.second)",
          allowed: "two different sites below \(n) with a finite 3×3 coupling")
      }
      add(bond.first, bond.second, bond.coupling)
      add(bond.second, bond.first, Spin3.transpose(bond.coupling))
    }
    let sorted = lists.map { $0.sorted { $0.site < $1.site } }
    let isotropic = bonds.allSatisfy(\.isIsotropic)
    try self.init(
      spinLength: spinLength,
      neighbourLists: sorted.map {
        $0.map {
          (
            site: $0.site,
            coupling: isotropic ? $0.matrix[0][0] : ($0.matrix[0][0] + $0.matrix[1][1] + $0.matrix[2][2]) / 3
          )
        }
      },
      fields: fields, matrixLists: isotropic ? nil : sorted.map { $0.map(\.matrix) })
  }

  /// K_ij of the `index`-th entry of ``neighbours(of:)`` of site i (J_ij 𝟙 for an isotropic ring).
  func couplingMatrix(_ i: Int, neighbour index: Int) -> Matrix3 {
    matrixLists?[i][index] ?? Spin3.scaled(Spin3.identity, neighbourLists[i][index].coupling)
  }

  /// K_ij v for the `index`-th neighbour of site i, nil for an isotropic ring (the caller uses J_ij v).
  @inline(__always) func anisotropicProduct(_ i: Int, neighbour index: Int, _ v: Vector3) -> Vector3? {
    guard let m = matrixLists else { return nil }
    return Spin3.apply(m[i][index], v)
  }

  /// J_ij in kelvin (0 for uncoupled sites); O(number of neighbours of i).
  public func coupling(_ i: Int, _ j: Int) -> Double {
    neighbourLists[i].first(where: { $0.site == j })?.coupling ?? 0
  }

  /// J_ij as a dense symmetric N×N matrix with zero diagonal (K). O(N²) memory: for small rings and tests.
  public var exchange: RealMatrix {
    var m = RealMatrix(rows: siteCount, columns: siteCount)
    for i in 0..<siteCount { for (j, jij) in neighbourLists[i] { m[i, j] = jij } }
    return m
  }

  /// Nearest-neighbour coupling J_{i,i+1} of bond i → i+1 (K).
  func bondCoupling(_ i: Int) -> Double { coupling(i, (i + 1) % siteCount) }

  /// Sites coupled to `i` (J_ij ≠ 0), with their couplings.
  public func neighbours(of i: Int) -> [(site: Int, coupling: Double)] { neighbourLists[i] }
}

/// The paper's crown geometry (Fig. 1): N spins, radial field B_i = |B| r̂_i at latitude ϑ.
///
/// r̂_i = (sinϑ cos φ_i, sinϑ sin φ_i, cosϑ), φ_i = −2πi/N (sites numbered CLOCKWISE seen from +z,
/// so that the paper's Ω = +2π(1 − cosϑ_m) and Eqs. 15–16 give the current along i → i+1 with the
/// paper's sign; see ``SphericalGeometry/solidAngle(_:)``); |h| = g μ_B |B| / k_B in kelvin.
/// Inputs in the CLI's units: J in K, |B| in T, ϑ in degrees.
public struct CrownRing: Sendable, Equatable {
  public var spins: Int
  public var spinLength: Double
  /// J > 0 in kelvin.
  public var exchange: Double
  /// |B| in tesla (> 0).
  public var fieldTesla: Double
  public var g: Double
  /// Field latitude ϑ in degrees (polar angle from +z), [0, 180].
  public var latitudeDegrees: Double

  public init(spins: Int, spinLength: Double, exchange: Double, fieldTesla: Double, g: Double, latitudeDegrees: Double)
  {
    self.spins = spins
    self.spinLength = spinLength
    self.exchange = exchange
    self.fieldTesla = fieldTesla
    self.g = g
    self.latitudeDegrees = latitudeDegrees
  }

  /// Checks every parameter against its range in ``CrownRingParameters`` (the one statement of
  /// the ranges, with the reasons); the error names the parameter's id (`field_T`, `spins`).
  public func validate() throws {
    typealias P = CrownRingParameters
    try P.spins.validate(.number(Double(spins)))
    try P.require(P.spin, spinLength)
    try P.require(P.exchange, exchange)
    try P.require(P.field, fieldTesla)
    try P.require(P.g, g)
    try P.require(P.latitude, latitudeDegrees)
  }

  /// |h| = gμ_B|B|/k_B in kelvin.
  public var zeemanKelvin: Double { PhysicalConstants.zeemanKelvinPerTesla(g: g) * fieldTesla }
  /// Δ = JS(2π/N)², the continuum gap to the first magnon (K).
  public var gapKelvin: Double { exchange * spinLength * pow(2 * Double.pi / Double(spins), 2) }
  /// The field |B| (T) at which gμ_B|B| = Δ.
  public var fieldForZeemanEqualToGap: Double { gapKelvin / PhysicalConstants.zeemanKelvinPerTesla(g: g) }
  /// The paper's sufficient condition for the radial texture, |h| ≥ JS(2π/N)².
  public var paperRadialCondition: Bool { zeemanKelvin >= gapKelvin }
  /// ϑ in radians.
  public var latitude: Double { latitudeDegrees * Double.pi / 180 }

  /// The ring Hamiltonian (validated).
  public func ring() throws -> HeisenbergRing {
    try validate()
    let h = zeemanKelvin
    let fields = (0..<spins).map {
      h * Vector3.spherical(theta: latitude, phi: -2 * Double.pi * Double($0) / Double(spins))
    }
    return try HeisenbergRing.ferromagnet(spinLength: spinLength, exchange: exchange, fields: fields)
  }
}
