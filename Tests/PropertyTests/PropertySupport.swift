@testable import LinearAlgebra
import Numerics

/// Helpers shared by the property tests (matrix norms, complex parts from generated doubles).
enum Property {
  /// ‖A − B‖_max.
  static func maxDifference(_ a: ComplexMatrix, _ b: ComplexMatrix) -> Double { (a - b).maxAbs }

  /// An n×n complex matrix from the first 2n² generated numbers (real, imaginary parts
  /// alternating, column-major), with the strictly upper triangle scaled by `skew`: skew ≫ 1
  /// makes the matrix strongly non-normal (eigenvectors far from orthogonal) without changing
  /// its character otherwise.
  static func matrix(_ n: Int, entries: [Double], skew: Double) -> ComplexMatrix {
    ComplexMatrix(rows: n, columns: n) { i, j in
      let k = 2 * (j * n + i)
      let z = Complex(entries[k], entries[k + 1])
      return i < j ? Complex(skew, 0) * z : z
    }
  }

  /// Whole degenerate clusters of `eig` whose mean Re λ ≤ `threshold` (a selection that never
  /// splits a cluster, as the occupied projector of the physics modules does).
  static func selection(_ eig: BiorthogonalEigensystem, realPartAtMost threshold: Double) -> [Int] {
    eig.clusters.filter { c in c.map { eig.values[$0].real }.reduce(0, +) / Double(c.count) <= threshold }
      .flatMap { $0 }.sorted()
  }
}
