@testable import LinearAlgebra
import Numerics

/// Deterministic pseudo-random numbers (SplitMix64) so every test matrix is reproducible.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Matrix where Element == Complex<Double> {
  /// Entries with independent uniform real and imaginary parts in [−1, 1].
  static func random(_ rows: Int, _ columns: Int, using g: inout SeededGenerator) -> ComplexMatrix {
    ComplexMatrix(rows: rows, columns: columns) { _, _ in
      Complex(Double.random(in: -1...1, using: &g), Double.random(in: -1...1, using: &g))
    }
  }
}

extension Matrix where Element == Double {
  static func random(_ rows: Int, _ columns: Int, using g: inout SeededGenerator) -> RealMatrix {
    RealMatrix(rows: rows, columns: columns) { _, _ in Double.random(in: -1...1, using: &g) }
  }
}
