import Numerics

/// A 2×2 complex matrix acting on spin ½ (basis ↑, ↓ along z): on-site terms and bond hoppings.
///
///     M = [[m00, m01], [m10, m11]]
///
/// Energies in eV when used as a Hamiltonian block. Value type, `Sendable`.
public struct SpinMatrix: Sendable, Equatable, CustomStringConvertible {
  /// Entries in row-major order: m00, m01, m10, m11.
  public var entries: (Complex<Double>, Complex<Double>, Complex<Double>, Complex<Double>) {
    (m00, m01, m10, m11)
  }
  public var m00: Complex<Double>
  public var m01: Complex<Double>
  public var m10: Complex<Double>
  public var m11: Complex<Double>

  /// Builds from entries (row-major).
  public init(_ m00: Complex<Double>, _ m01: Complex<Double>, _ m10: Complex<Double>, _ m11: Complex<Double>) {
    self.m00 = m00
    self.m01 = m01
    self.m10 = m10
    self.m11 = m11
  }

  /// Entry (row s, column s') with s, s' ∈ {0 = ↑, 1 = ↓}.
  public subscript(row: Int, column: Int) -> Complex<Double> {
    switch (row, column) {
    case (0, 0): return m00
    case (0, 1): return m01
    case (1, 0): return m10
    default: return m11
    }
  }

  public static let zero = SpinMatrix(.zero, .zero, .zero, .zero)
  public static let identity = SpinMatrix(.one, .zero, .zero, .one)
  /// Pauli σ_x.
  public static let sigmaX = SpinMatrix(.zero, .one, .one, .zero)
  /// Pauli σ_y.
  public static let sigmaY = SpinMatrix(.zero, Complex(0, -1), Complex(0, 1), .zero)
  /// Pauli σ_z.
  public static let sigmaZ = SpinMatrix(.one, .zero, .zero, Complex(-1, 0))

  /// Pauli matrix σ_α for α = 0, 1, 2 (x, y, z).
  public static func pauli(_ alpha: Int) -> SpinMatrix {
    precondition((0..<3).contains(alpha), "Pauli index must be 0, 1 or 2")
    return [sigmaX, sigmaY, sigmaZ][alpha]
  }

  /// c·𝟙 (spin-independent term), c complex.
  public static func scalar(complex c: Complex<Double>) -> SpinMatrix { SpinMatrix(c, .zero, .zero, c) }
  /// c·𝟙 for real c.
  public static func scalar(_ c: Double) -> SpinMatrix { scalar(complex: Complex(c, 0)) }

  /// n̂·σ for a (not necessarily unit) real vector n = (x, y, z).
  public static func along(_ x: Double, _ y: Double, _ z: Double) -> SpinMatrix {
    SpinMatrix(Complex(z, 0), Complex(x, -y), Complex(x, y), Complex(-z, 0))
  }

  /// exp(i·angle·σ_α) = cos(angle)𝟙 + i sin(angle) σ_α (an SU(2) rotation factor).
  public static func su2Phase(angle: Double, axis alpha: Int) -> SpinMatrix {
    scalar(Double.cos(angle)) + Complex(0, Double.sin(angle)) * pauli(alpha)
  }

  public static func + (a: SpinMatrix, b: SpinMatrix) -> SpinMatrix {
    SpinMatrix(a.m00 + b.m00, a.m01 + b.m01, a.m10 + b.m10, a.m11 + b.m11)
  }
  public static func - (a: SpinMatrix, b: SpinMatrix) -> SpinMatrix {
    SpinMatrix(a.m00 - b.m00, a.m01 - b.m01, a.m10 - b.m10, a.m11 - b.m11)
  }
  public static func * (c: Complex<Double>, a: SpinMatrix) -> SpinMatrix {
    SpinMatrix(c * a.m00, c * a.m01, c * a.m10, c * a.m11)
  }
  public static func * (a: SpinMatrix, b: SpinMatrix) -> SpinMatrix {
    SpinMatrix(
      a.m00 * b.m00 + a.m01 * b.m10, a.m00 * b.m01 + a.m01 * b.m11,
      a.m10 * b.m00 + a.m11 * b.m10, a.m10 * b.m01 + a.m11 * b.m11)
  }

  /// Conjugate transpose.
  public var adjoint: SpinMatrix { SpinMatrix(m00.conjugate, m10.conjugate, m01.conjugate, m11.conjugate) }

  /// True when every entry is finite.
  public var isFinite: Bool { [m00, m01, m10, m11].allSatisfy { $0.isFinite } }

  /// Largest entry modulus.
  public var maxAbs: Double { [m00, m01, m10, m11].map(\.length).max()! }

  public var description: String { "[[\(m00), \(m01)], [\(m10), \(m11)]]" }
}
