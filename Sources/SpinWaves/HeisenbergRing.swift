import Diagnostics
import Foundation
import LinearAlgebra
import PhysicalConstants

/// A classical/quantum Heisenberg spin ring: H = ½ Σ_ij J_ij S_i·S_j − Σ_i h_i·S_i (MODELS.md §B).
///
/// Units: J_ij and h_i = gμ_B B_i in kelvin (k_B = 1); spins have length `spinLength` (S).
/// `exchange` is the symmetric N×N matrix J_ij with zero diagonal; the nearest-neighbour
/// ferromagnet has J_{i,i±1} = −J (so H = −J Σ_i S_i·S_{i+1}). Sites i = 0…N−1, bonds i → i+1 mod N.
public struct HeisenbergRing: Sendable {
  /// Number of spins N (≥ 3).
  public let siteCount: Int
  /// Spin length S (> 0).
  public let spinLength: Double
  /// J_ij in kelvin, symmetric, zero diagonal.
  public let exchange: RealMatrix
  /// Zeeman fields h_i = gμ_B B_i in kelvin.
  public let fields: [Vector3]

  /// A ring with general couplings.
  /// - Throws: ``/Diagnostics/InvalidParameter`` for N < 3, S ≤ 0, non-finite or asymmetric J, wrong field count.
  public init(spinLength: Double, exchange: RealMatrix, fields: [Vector3]) throws {
    try Require.atLeast(exchange.rows, 3, "spins")
    try Require.positive(spinLength, "spin")
    guard exchange.isSquare, exchange.isFinite else {
      throw InvalidParameter("exchange", "\(exchange.rows)×\(exchange.columns)", allowed: "a finite square matrix")
    }
    let n = exchange.rows
    for i in 0..<n {
      guard exchange[i, i] == 0 else { throw InvalidParameter("exchange", exchange[i, i], allowed: "J_ii = 0") }
      for j in 0..<i where abs(exchange[i, j] - exchange[j, i]) > 1e-12 * max(1, abs(exchange[i, j])) {
        throw InvalidParameter("exchange", "J[\(i),\(j)] ≠ J[\(j),\(i)]", allowed: "a symmetric matrix")
      }
    }
    guard fields.count == n, fields.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
      throw InvalidParameter("field", "\(fields.count) vectors", allowed: "\(n) finite field vectors")
    }
    self.siteCount = n
    self.spinLength = spinLength
    self.exchange = exchange
    self.fields = fields
    self.neighbourLists = (0..<n).map { i in (0..<n).compactMap { j in exchange[i, j] != 0 ? (j, exchange[i, j]) : nil }
    }
  }

  /// Precomputed (site, J_ij) lists of non-zero couplings.
  private let neighbourLists: [[(site: Int, coupling: Double)]]

  /// The nearest-neighbour ferromagnetic ring J_{i,i±1} = −J with fields `fields` (K).
  public static func ferromagnet(
    spinLength: Double, exchange jKelvin: Double, fields: [Vector3]
  ) throws -> HeisenbergRing {
    try Require.positive(jKelvin, "exchange")
    let n = fields.count
    try Require.atLeast(n, 3, "spins")
    var j = RealMatrix(rows: n, columns: n)
    for i in 0..<n {
      j[i, (i + 1) % n] = -jKelvin
      j[(i + 1) % n, i] = -jKelvin
    }
    return try HeisenbergRing(spinLength: spinLength, exchange: j, fields: fields)
  }

  /// Nearest-neighbour coupling J_{i,i+1} of bond i → i+1 (K).
  public func bondCoupling(_ i: Int) -> Double { exchange[i, (i + 1) % siteCount] }

  /// Sites coupled to `i` (J_ij ≠ 0), with their couplings.
  public func neighbours(of i: Int) -> [(site: Int, coupling: Double)] { neighbourLists[i] }
}

/// The paper's crown geometry (Fig. 1): N spins, radial field B_i = |B| r̂_i at latitude ϑ.
///
/// r̂_i = (sinϑ cos φ_i, sinϑ sin φ_i, cosϑ), φ_i = −2πi/N (sites numbered CLOCKWISE seen from +z,
/// so that the paper's Ω = +2π(1 − cosϑ_m) and Eqs. 15–16 give the current along i → i+1 with the
/// paper's sign; see ``SphericalGeometry/solidAngle(_:)``); |h| = g μ_B |B| / k_B in kelvin.
/// Inputs in the CLI's units: J in K, |B| in T, ϑ in degrees.
public struct CrownParameters: Sendable, Equatable {
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

  /// Checks every parameter; names the CLI option in the error.
  public func validate() throws {
    try Require.atLeast(spins, 3, "spins")
    try Require.positive(spinLength, "spin")
    try Require.positive(exchange, "exchange")
    try Require.positive(fieldTesla, "field")
    try Require.positive(g, "g")
    try Require.inRange(latitudeDegrees, 0...180, "latitude")
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
