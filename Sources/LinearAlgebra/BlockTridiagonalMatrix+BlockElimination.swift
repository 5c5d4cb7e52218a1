/// Block LU elimination (block Thomas algorithm) for ``BlockTridiagonalMatrix`` and the
/// backward error used to accept or reject it.
///
/// Forward sweep, block row i (L₀ ≡ 0 for the open part T of the matrix):
///
///     Sᵢ = Dᵢ − Lᵢ Gᵢ₋₁,   [Gᵢ | Yᵢ] = Sᵢ⁻¹ [Uᵢ | Fᵢ − Lᵢ Yᵢ₋₁]      (one LAPACK ?gesv)
///
/// back substitution xₙ₋₁ = Yₙ₋₁, xᵢ = Yᵢ − Gᵢ xᵢ₊₁. Pivoting happens only inside each b×b
/// block, so the caller checks the backward error and falls back to the pivoted banded LU.
/// Work O(n·b³), storage n·b·(b + k) for k right-hand sides; no band matrix is formed.
extension BlockTridiagonalMatrix {
  /// Solves the open block-tridiagonal part T (corners ignored) for `columns` right-hand sides
  /// stored column after column (each n·b entries). Returns nil when a pivot block Sᵢ is
  /// exactly singular (the caller then uses the pivoted banded LU).
  @_specialize(where Element == Double)
  func openBlockElimination(_ rhs: [Element], columns k: Int) -> [Element]? {
    let b = blockSize, n = blockCount, size = b * n, width = b + k, bb = b * b
    // [Gᵢ | Yᵢ], b × (b + k) per block
    var packed = guardedBuffer(count: n * b * width, fill: Element.zero, order: b * width)
    var pivotBlock = guardedBuffer(count: bb, fill: Element.zero, order: b)
    var ipiv = [Int32](repeating: 0, count: b)
    var failed = false
    lower.withUnsafeBufferPointer { lo in
      diagonal.withUnsafeBufferPointer { di in
        upper.withUnsafeBufferPointer { up in
          rhs.withUnsafeBufferPointer { f in
            packed.withUnsafeMutableBufferPointer { p in
              pivotBlock.withUnsafeMutableBufferPointer { s in
                ipiv.withUnsafeMutableBufferPointer { piv in
                  for i in 0..<n {
                    let pi = i * b * width, bi = i * bb
                    for e in 0..<bb { s[e] = di[bi + e] }
                    // [Uᵢ | Fᵢ] into the packed block (Uₙ₋₁ is a cyclic corner: excluded).
                    if i < n - 1 { for e in 0..<bb { p[pi + e] = up[bi + e] } }
                    for c in 0..<k { for r in 0..<b { p[pi + (b + c) * b + r] = f[c * size + i * b + r] } }
                    if i > 0 {
                      // Sᵢ −= Lᵢ Gᵢ₋₁ and right-hand sides −= Lᵢ Yᵢ₋₁.
                      let prev = pi - b * width
                      for c in 0..<width {
                        for r in 0..<b {
                          var acc = Element.zero
                          for q in 0..<b { acc += lo[bi + r + q * b] * p[prev + q + c * b] }
                          if c < b { s[r + c * b] -= acc } else { p[pi + r + c * b] -= acc }
                        }
                      }
                    }
                    let info = Element.gesv(
                      n: b, nrhs: width, a: s.baseAddress!, lda: b, ipiv: piv.baseAddress!,
                      b: p.baseAddress! + pi, ldb: b)
                    if info != 0 {
                      failed = true
                      return
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if failed { return nil }
    // Back substitution, column by column of the right-hand sides.
    var x = [Element](repeating: .zero, count: size * k)
    packed.withUnsafeBufferPointer { p in
      x.withUnsafeMutableBufferPointer { out in
        for c in 0..<k {
          let base = c * size
          for i in stride(from: n - 1, through: 0, by: -1) {
            let pi = i * b * width
            for r in 0..<b {
              var v = p[pi + (b + c) * b + r]
              if i < n - 1 {
                for q in 0..<b { v -= p[pi + q * b + r] * out[base + (i + 1) * b + q] }
              }
              out[base + i * b + r] = v
            }
          }
        }
      }
    }
    return x
  }

  /// Full solve (cyclic corners by Woodbury) through the block elimination; nil on a singular
  /// pivot block. Input is validated by the caller.
  @_specialize(where Element == Double)
  func solveByBlockElimination(_ f: [Element]) throws -> [Element]? {
    let b = blockSize, n = blockCount, size = b * n
    guard isPeriodic else { return openBlockElimination(f, columns: 1) }
    var rhs = [Element](repeating: .zero, count: size * (1 + 2 * b))
    rhs.replaceSubrange(0..<size, with: f)
    for r in 0..<b {
      rhs[size * (1 + r) + r] = .one  // U column r: unit vector in block 0
      rhs[size * (1 + b + r) + (n - 1) * b + r] = .one  // U column b + r: unit vector in block n−1
    }
    guard let columns = openBlockElimination(rhs, columns: 1 + 2 * b) else { return nil }
    return try woodburyCorrection(columns)
  }

  /// Normwise backward error ‖A x − f‖∞ / (‖A‖∞ ‖x‖∞ + ‖f‖∞) (0 for x = f = 0).
  @_specialize(where Element == Double)
  public func backwardError(_ x: [Element], _ f: [Element]) -> Double {
    let b = blockSize, n = blockCount, bb = b * b
    var residual = 0.0, normA = 0.0, normX = 0.0, normF = 0.0
    for v in x { normX = Swift.max(normX, v.modulus) }
    for v in f { normF = Swift.max(normF, v.modulus) }
    lower.withUnsafeBufferPointer { lo in
      diagonal.withUnsafeBufferPointer { di in
        upper.withUnsafeBufferPointer { up in
          x.withUnsafeBufferPointer { xs in
            for i in 0..<n {
              let hasLower = i > 0 || isPeriodic, hasUpper = i < n - 1 || isPeriodic
              let im = ((i - 1 + n) % n) * b, ip = ((i + 1) % n) * b
              for r in 0..<b {
                var acc = -f[i * b + r]
                var rowSum = 0.0
                for q in 0..<b {
                  let d = di[i * bb + r + q * b]
                  acc += d * xs[i * b + q]
                  rowSum += d.modulus
                  if hasLower {
                    let l = lo[i * bb + r + q * b]
                    acc += l * xs[im + q]
                    rowSum += l.modulus
                  }
                  if hasUpper {
                    let u = up[i * bb + r + q * b]
                    acc += u * xs[ip + q]
                    rowSum += u.modulus
                  }
                }
                residual = Swift.max(residual, acc.modulus)
                normA = Swift.max(normA, rowSum)
              }
            }
          }
        }
      }
    }
    let scale = normA * normX + normF
    return scale > 0 ? residual / scale : 0
  }
}
