/// Symmetric block-tridiagonal matrices (open or cyclic) as narrow band matrices, for their
/// lowest eigenvalues and positive-definiteness tests through LAPACK's banded routines.
///
/// A cyclic chain of n blocks is not banded in its natural order (the corners couple block 0 to
/// block n − 1). Interleaving the two ends, blocks in the order 0, n−1, 1, n−2, 2, …, puts every
/// coupled pair of blocks at most two positions apart, so the matrix becomes a band of
/// kd = 3b − 1 super-diagonals (b the block size); the open chain keeps its order, kd = 2b − 1.
/// A symmetric permutation PᵀAP has the same eigenvalues and definiteness as A.
/// Only the upper triangle of the permuted matrix is read (like `dsyevd`): for a symmetric
/// matrix Dᵢ = Dᵢᵀ and Lᵢ₊₁ = Uᵢᵀ; symmetry is the caller's precondition, not checked.
extension BlockTridiagonalMatrix where Element == Double {
  /// The position of each block in the banded order: block `bandBlockOrder[p]` sits at position p.
  ///
  /// Open: the identity. Cyclic: 0, n−1, 1, n−2, … (even positions run up from 0, odd ones down from n − 1).
  var bandBlockOrder: [Int] {
    guard isPeriodic else { return Array(0..<blockCount) }
    return (0..<blockCount).map { p in p % 2 == 0 ? p / 2 : blockCount - (p + 1) / 2 }
  }

  /// The matrix, reordered by ``bandBlockOrder``, in symmetric band storage (upper triangle read).
  ///
  /// O(n·b²) work and (kd + 1)·n·b storage, kd = 3b − 1 (cyclic) or 2b − 1 (open).
  func symmetricBandForm() throws -> SymmetricBandMatrix {
    let b = blockSize, n = blockCount
    let order = bandBlockOrder
    var position = [Int](repeating: 0, count: n)
    for (p, block) in order.enumerated() { position[block] = p }
    let kd = isPeriodic ? 3 * b - 1 : 2 * b - 1
    var band = try SymmetricBandMatrix(order: b * n, bandwidth: min(kd, max(b * n - 1, 0)))
    /// Writes block `values` (b×b column-major) coupling block row `i` to block column `j`.
    func place(_ values: [Double], block k: Int, row i: Int, column j: Int) {
      for c in 0..<b {
        for r in 0..<b {
          let globalRow = position[i] * b + r, globalColumn = position[j] * b + c
          if globalRow <= globalColumn { band[globalRow, globalColumn] = values[index(block: k, row: r, column: c)] }
        }
      }
    }
    for i in 0..<n {
      place(diagonal, block: i, row: i, column: i)
      if i > 0 || isPeriodic { place(lower, block: i, row: i, column: (i - 1 + n) % n) }
      if i < n - 1 || isPeriodic { place(upper, block: i, row: i, column: (i + 1) % n) }
    }
    return band
  }

  /// The smallest eigenvalue of this symmetric matrix (`dsbevx` on `symmetricBandForm()`).
  ///
  /// Error of order ε‖A‖ (see `SymmetricBandMatrix/lowestEigenvalues(count:)`); O(n·b³) work.
  public func smallestSymmetricEigenvalue() throws -> Double {
    try symmetricBandForm().lowestEigenvalues(count: 1)[0]
  }

  /// True when this symmetric matrix is numerically positive definite (`dpbtrf` on `symmetricBandForm()`).
  public func isSymmetricPositiveDefinite() throws -> Bool {
    try symmetricBandForm().isPositiveDefinite()
  }
}
