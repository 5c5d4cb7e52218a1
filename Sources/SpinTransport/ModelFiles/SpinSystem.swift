import Diagnostics
import Foundation
import LinearAlgebra
import SpinWaves

/// A spin ring or chain of the user's own: what a spin model file builds, before any route runs.
///
/// H = Σ_b S_iᵀ K_b S_j − Σ_i h_i·S_i (K): per-site spin S_i, per-bond 3×3 exchange K_b (Heisenberg
/// −J 𝟙, XXZ −diag(J_xy, J_xy, J_z), Dzyaloshinskii–Moriya D·(S_i × S_j)), per-site field h_i = gμ_B B_i
/// in kelvin. The routes take it as the library's types: ``exactModel()`` (ED, Lanczos, FTLM, the
/// twist route, LSWT by ``/SpinWaves/RingSemiclassics``) and ``classicalRing()`` (the classical
/// ground state at any N, no Hilbert space).
public struct SpinSystem: Sendable {
  public let spins: [Double]
  public let bonds: [ExchangeBond]
  /// h_i (K).
  public let fields: [Vector3]
  /// Nearest-neighbour bonds close the ring (N−1 → 0).
  public let periodic: Bool
  public var siteCount: Int { spins.count }

  /// - Throws: ``/Diagnostics/InvalidParameter`` for fewer than 2 sites, spins not multiples of ½ in
  ///   [0.5, 1000], a field count ≠ N, non-finite numbers, bonds with sites out of range.
  public init(spins: [Double], bonds: [ExchangeBond], fields: [Vector3], periodic: Bool) throws {
    try Require.atLeast(spins.count, 2, "spins")
    for s in spins {
      guard s.isFinite, s >= 0.5, s <= 1000, (2 * s).rounded() == 2 * s else {
        throw InvalidParameter("spin", s, allowed: "a multiple of 1/2 from 0.5 to 1000")
      }
    }
    guard fields.count == spins.count, fields.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
      throw InvalidParameter("field", "\(fields.count) vectors", allowed: "\(spins.count) finite field vectors")
    }
    for bond in bonds {
      guard (0..<spins.count).contains(bond.first), (0..<spins.count).contains(bond.second), bond.first != bond.second,
        bond.coupling.allSatisfy({ $0.allSatisfy(\.isFinite) })
      else {
        throw InvalidParameter(
          "bonds", "\(bond.first) → \(bond.second)",
          allowed: "two different sites below \(spins.count), finite exchange")
      }
    }
    self.spins = spins
    self.bonds = bonds
    self.fields = fields
    self.periodic = periodic
  }

  /// log₂ of the Hilbert-space dimension Π(2S_i + 1).
  public var log2Dimension: Double { spins.reduce(0) { $0 + log2(2 * $1 + 1) } }

  /// The quantum system (ED, Lanczos, FTLM). Throws when the Hilbert space is beyond 2⁶² states.
  public func exactModel() throws -> ExactRingModel {
    guard log2Dimension < 62 else {
      throw InvalidParameter(
        "spins", siteCount,
        allowed: "a system whose Hilbert space exact diagonalisation can hold: fewer than 2^62 states (this one: "
          + "2^\(String(format: "%.1f", log2Dimension))); method = semiclassical and magnon ground-state have no such limit"
      )
    }
    return try ExactRingModel(spins: spins, bonds: bonds, fields: fields)
  }

  /// The system for the classical and spin-wave routes only (no Hilbert space, any N): see
  /// ``/SpinWaves/ExactRingModel/init(semiclassicalSpins:bonds:fields:)``.
  public func semiclassicalModel() throws -> ExactRingModel {
    try ExactRingModel(semiclassicalSpins: spins, bonds: bonds, fields: fields)
  }

  /// The classical energy as a ``/SpinWaves/HeisenbergRing`` of spin length 1 (N ≥ 3).
  public func classicalRing() throws -> HeisenbergRing {
    try RingTexture.classicalRing(spins: spins, bonds: bonds, fields: fields)
  }
}
