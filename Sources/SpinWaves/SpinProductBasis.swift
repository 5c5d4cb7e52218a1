import Diagnostics
import Foundation

/// The S^z product basis of N spins S_0 … S_{N−1} (any S_i ≥ ½), 2S_i + 1 states per site.
///
/// A basis state is one integer s = Σ_i k_i B_i (mixed radix, B_0 = 1, B_{i+1} = B_i (2S_i + 1)) with
/// local index k_i = S_i − m_i ∈ 0…2S_i (k = 0 is the fully polarised m = +S). Dimension
/// D = Π_i (2S_i + 1). Ladder matrix elements ⟨m ± 1|S^±|m⟩ = √(S(S + 1) − m(m ± 1)) (ħ = 1).
///
/// Preconditions: every S_i a positive multiple of ½; D < 2⁶² (checked, ``/Diagnostics/InvalidParameter``).
/// Translation by `cell` sites (`translated(_:cell:)`) needs the spin pattern to repeat with that period.
public struct SpinProductBasis: Sendable {
  /// Spin length S_i of every site.
  public let spins: [Double]
  /// 2S_i + 1.
  public let localDimensions: [Int]
  /// Positional weights B_i (B_N = D).
  public let strides: [Int]
  /// Hilbert-space dimension D = Π (2S_i + 1).
  public var dimension: Int { strides[spins.count] }
  public var siteCount: Int { spins.count }

  /// - Throws: ``/Diagnostics/InvalidParameter`` (`spin`) for S_i not a positive multiple of ½, (`spins`)
  ///   for fewer than 2 sites or a dimension beyond 2⁶².
  public init(spins: [Double]) throws {
    try Self.validate(spins: spins)
    self.init(checkedSpins: spins)
  }

  /// The basis of spins that passed ``validate(spins:)`` (precondition, not checked again).
  public init(checkedSpins spins: [Double]) {
    ValidationCount.record("SpinProductBasis.init")
    let dims = spins.map { Int(2 * $0) + 1 }
    var strides = [1]
    for d in dims { strides.append(strides.last! * d) }
    self.spins = spins
    localDimensions = dims
    self.strides = strides
  }

  /// Checks what ``init(spins:)`` needs, without building anything.
  /// - Throws: ``/Diagnostics/InvalidParameter`` (`spin`) for S_i not a positive multiple of ½, (`spins`)
  ///   for fewer than 2 sites or a dimension beyond 2⁶².
  public static func validate(spins: [Double]) throws {
    try Require.atLeast(spins.count, 2, "spins")
    var dimension = 1
    for s in spins {
      guard s.isFinite, s >= 0.5, (2 * s).rounded() == 2 * s, s <= 1000 else {
        throw InvalidParameter("spin", s, allowed: "a multiple of 1/2 from 0.5 to 1000")
      }
      let (next, overflow) = dimension.multipliedReportingOverflow(by: Int(2 * s) + 1)
      guard !overflow, next < 1 << 62 else {
        throw InvalidParameter("spins", spins.count, allowed: "a ring whose Hilbert space Π(2S+1) is below 2^62")
      }
      dimension = next
    }
  }

  /// Local index k_i = S_i − m_i of site `i` in state `s`.
  @inlinable func localIndex(_ s: Int, site i: Int) -> Int { (s / strides[i]) % localDimensions[i] }

  /// m_i of site `i` in state `s`.
  @inlinable func magneticNumber(_ s: Int, site i: Int) -> Double { spins[i] - Double(localIndex(s, site: i)) }

  /// Total M = Σ_i m_i of state `s` (an integer or half-integer).
  public func totalMagnetization(_ s: Int) -> Double {
    var total = 0.0
    var rest = s
    for i in 0..<siteCount {
      total += spins[i] - Double(rest % localDimensions[i])
      rest /= localDimensions[i]
    }
    return total
  }

  /// One ladder operator on one site: S^+ (`.raise`), S^− (`.lower`) or S^z (`.z`).
  public enum Ladder: Int, Sendable, CaseIterable { case raise = 0, lower = 1, z = 2 }

  /// S^μ_i |s⟩ = amplitude |s′⟩, or nil when it vanishes (S^+ on m = S, S^− on m = −S, S^z on m = 0).
  @inlinable public func apply(_ op: Ladder, site i: Int, to s: Int) -> (state: Int, amplitude: Double)? {
    let k = localIndex(s, site: i)
    let spin = spins[i], m = spin - Double(k)
    switch op {
    case .z: return m == 0 ? nil : (s, m)
    case .raise:
      guard k > 0 else { return nil }
      return (s - strides[i], (spin * (spin + 1) - m * (m + 1)).squareRoot())
    case .lower:
      guard k < localDimensions[i] - 1 else { return nil }
      return (s + strides[i], (spin * (spin + 1) - m * (m - 1)).squareRoot())
    }
  }

  /// The state with every site content moved `cell` sites forward (site i → i + cell mod N).
  ///
  /// O(1): the top `cell` sites wrap to the bottom, s′ = ⌊s / B_{N−c}⌋ + (s mod B_{N−c}) B_c.
  /// Precondition: the spin pattern has period `cell` (then B_{c+i} = B_c B_i).
  @inlinable func translated(_ s: Int, cell: Int) -> Int {
    let split = strides[siteCount - cell]
    return s / split + (s % split) * strides[cell]
  }

  /// True when the spin pattern repeats with period `cell` (a divisor of N).
  public func isPeriodic(cell: Int) -> Bool {
    cell >= 1 && siteCount % cell == 0 && (0..<siteCount).allSatisfy { spins[$0] == spins[($0 + cell) % siteCount] }
  }
}
