extension BlockTridiagonalMatrix where Element == Double {
  /// y = A x (O(n·b²), no LAPACK): yᵢ = Lᵢ xᵢ₋₁ + Dᵢ xᵢ + Uᵢ xᵢ₊₁, the corner blocks wrapping
  /// for a periodic matrix. Preconditions: x and y of length ``dimension`` (not checked beyond
  /// the buffers' bounds, which Swift traps).
  public func multiply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
    let b = blockSize, n = blockCount, bb = b * b
    for i in 0..<n {
      for r in 0..<b { y[i * b + r] = 0 }
      func add(_ blocks: [Double], _ j: Int) {
        for c in 0..<b {
          let xc = x[j * b + c]
          if xc == 0 { continue }
          for r in 0..<b { y[i * b + r] += blocks[i * bb + r + c * b] * xc }
        }
      }
      add(diagonal, i)
      if i > 0 { add(lower, i - 1) } else if isPeriodic { add(lower, n - 1) }
      if i < n - 1 { add(upper, i + 1) } else if isPeriodic { add(upper, 0) }
    }
  }
}
