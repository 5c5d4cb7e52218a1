import Diagnostics
import LinearAlgebra

/// Anderson disorder of the ring: on-site energies ε_i += W (u_i − ½), u_i uniform in [0, 1),
/// spin-independent (a scalar on both spin components), beside the AAH modulation.
///
/// The draws come from the project's RNG ``/LinearAlgebra/SplitMix64`` used as a counter-based
/// generator: the stream of realisation r under seed s starts at key(s, r) = mix(s ⊕ mix(r)),
/// and site i's number is the (i+1)-th output of `SplitMix64(seed: key)`, computed directly
/// (SplitMix64's state after i steps is key + i·γ). So a realisation's energies depend only on
/// (seed, realisation, site) — never on which rank, shard or thread builds the ring, nor on
/// the order in which sites are visited. W = 0 leaves the ring clean (``HatanoNelsonRing/isClean``).
public struct AndersonDisorder: Sendable, Equatable {
  /// Disorder strength W (eV): energies uniform in [−W/2, W/2].
  public var strength: Double
  /// Ensemble seed.
  public var seed: UInt64
  /// Realisation index (any integer; each gives an independent stream).
  public var realisation: Int

  public init(strength: Double, seed: UInt64 = 0, realisation: Int = 0) {
    self.strength = strength
    self.seed = seed
    self.realisation = realisation
  }

  /// No disorder.
  public static let none = AndersonDisorder(strength: 0)

  static let golden: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// SplitMix64's output mixer applied to `x` (its first output from state x − γ).
  static func mix(_ x: UInt64) -> UInt64 {
    var g = SplitMix64(seed: x &- golden)
    return g.next()
  }

  /// The stream key of this (seed, realisation).
  public var key: UInt64 { Self.mix(seed ^ Self.mix(UInt64(bitPattern: Int64(realisation)))) }

  /// The energy offset of ring site `i` (0-based), eV: W (u_i − ½).
  public func offset(site i: Int) -> Double {
    guard strength != 0 else { return 0 }
    var g = SplitMix64(seed: key &+ UInt64(i) &* Self.golden)
    return strength * (g.nextUnit() - 0.5)
  }

  /// - Throws: ``/Diagnostics/InvalidParameter`` for a non-finite or negative W.
  public func validate() throws {
    guard strength.isFinite, strength >= 0 else {
      throw RingParameters.anderson.invalid(.number(strength), allowed: "a finite W ≥ 0 eV")
    }
  }
}
