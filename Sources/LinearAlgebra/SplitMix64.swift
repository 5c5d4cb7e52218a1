/// The project's one random-number generator: SplitMix64 (Steele, Lea & Flood 2014), a
/// counter-based 64-bit generator, so every random draw is reproducible from its seed.
///
/// `state` advances by the golden-ratio increment and is then mixed; seeding with a combined
/// key (e.g. seed and realisation index) gives independent, order-free streams.
public struct SplitMix64: Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in [0, 1).
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
