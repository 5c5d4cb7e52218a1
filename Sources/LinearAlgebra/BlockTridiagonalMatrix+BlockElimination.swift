/// Block LU elimination (block Thomas algorithm) for ``BlockTridiagonalMatrix`` and the
/// backward error used to accept or reject it.
///
/// Forward sweep, block row i (L₀ ≡ 0 for the open part T of the matrix):
///
///     Sᵢ = Dᵢ − Lᵢ Gᵢ₋₁,   [Gᵢ | Yᵢ] = Sᵢ⁻¹ [Uᵢ | Fᵢ − Lᵢ Yᵢ₋₁]      (one LAPACK ?gesv)
///
/// back substitution xₙ₋₁ = Yₙ₋₁, xᵢ = Yᵢ − Gᵢ xᵢ₊₁. Pivoting happens only inside each b×b
/// block, so the caller checks the backward error and falls back to the pivoted banded LU.
/// Work O(n·b³); storage (n − 1)·b² for the Gᵢ plus the answer itself (Yᵢ is written where xᵢ
/// goes and overwritten in place), no band matrix and no zero fill.
extension BlockTridiagonalMatrix {
  /// Solves the open block-tridiagonal part T (corners ignored) for `columns` right-hand sides
  /// stored column after column (each n·b entries). Returns nil when a pivot block Sᵢ is
  /// exactly singular (the caller then uses the pivoted banded LU).
  @_specialize(where Element == Double)
  func openBlockElimination(_ rhs: [Element], columns k: Int) -> [Element]? {
    let b = blockSize, n = blockCount, size = b * n, bb = b * b
    let gains = UnsafeMutableBufferPointer<Element>.allocate(capacity: (n - 1) * bb)
    defer { gains.deallocate() }
    var failed = false
    let x = [Element](unsafeUninitializedCapacity: size * k) { out, count in
      failed = !forwardSweep(rhs, columns: k, gains: gains, partial: out)
      count = size * k
      if failed { return }
      // Back substitution xᵢ = Yᵢ − Gᵢ xᵢ₊₁ in place, column by column of the right-hand sides.
      for c in 0..<k {
        let base = c * size
        for i in stride(from: n - 2, through: 0, by: -1) {
          let gi = i &* bb, xi = base &+ i &* b
          for r in 0..<b {
            var v = out[xi &+ r]
            for q in 0..<b { v -= gains[gi &+ q &* b &+ r] * out[xi &+ b &+ q] }
            out[xi &+ r] = v
          }
        }
      }
    }
    return failed ? nil : x
  }

  /// The forward sweep: writes Gᵢ (i < n − 1) into `gains` and Yᵢ into `partial` (the
  /// answer's layout). Every entry of `partial` is assigned, even on failure (zeros then).
  /// Returns false when a pivot block Sᵢ is exactly singular.
  @_specialize(where Element == Double)
  private func forwardSweep(
    _ rhs: [Element], columns k: Int, gains: UnsafeMutableBufferPointer<Element>,
    partial y: UnsafeMutableBufferPointer<Element>
  ) -> Bool {
    let b = blockSize, n = blockCount, size = b * n, width = b + k, bb = b * b
    // [Uᵢ | Fᵢ − Lᵢ Yᵢ₋₁], overwritten by [Gᵢ | Yᵢ]: the one buffer handed to LAPACK, b × (b + k).
    var work = guardedBuffer(count: b * width, fill: Element.zero, order: b)
    var pivotBlock = guardedBuffer(count: bb, fill: Element.zero, order: b)
    var ipiv = [Int32](repeating: 0, count: b)
    var singular = false
    lower.withUnsafeBufferPointer { lo in
      diagonal.withUnsafeBufferPointer { di in
        upper.withUnsafeBufferPointer { up in
          rhs.withUnsafeBufferPointer { f in
            work.withUnsafeMutableBufferPointer { p in
              pivotBlock.withUnsafeMutableBufferPointer { s in
                ipiv.withUnsafeMutableBufferPointer { piv in
                  // Index arithmetic wraps (&+, &*): every index is below the buffers' counts.
                  for i in 0..<n {
                    let bi = i &* bb
                    for e in 0..<bb { s[e] = di[bi &+ e] }
                    // Uₙ₋₁ is a cyclic corner: excluded.
                    if i < n - 1 {
                      for e in 0..<bb { p[e] = up[bi &+ e] }
                    } else {
                      for e in 0..<bb { p[e] = .zero }
                    }
                    for c in 0..<k {
                      for r in 0..<b { p[(b &+ c) &* b &+ r] = f[c &* size &+ i &* b &+ r] }
                    }
                    if i > 0 {
                      // Sᵢ −= Lᵢ Gᵢ₋₁ and right-hand sides −= Lᵢ Yᵢ₋₁.
                      let gPrevious = bi &- bb, yPrevious = (i &- 1) &* b
                      for c in 0..<b {
                        for r in 0..<b {
                          var acc = Element.zero
                          for q in 0..<b { acc += lo[bi &+ r &+ q &* b] * gains[gPrevious &+ q &+ c &* b] }
                          s[r &+ c &* b] -= acc
                        }
                      }
                      for c in 0..<k {
                        let column = c &* size &+ yPrevious
                        for r in 0..<b {
                          var acc = Element.zero
                          for q in 0..<b { acc += lo[bi &+ r &+ q &* b] * y[column &+ q] }
                          p[r &+ (b &+ c) &* b] -= acc
                        }
                      }
                    }
                    let solved =
                      (try? lapackWithoutWorkspace(Element.blasPrefix + "gesv") {
                        Element.gesv(
                          n: b, nrhs: width, a: s.baseAddress!, lda: b, ipiv: piv.baseAddress!, b: p.baseAddress!,
                          ldb: b)
                      }) != nil
                    if !solved {
                      singular = true
                      y.initialize(repeating: .zero)
                      return
                    }
                    if i < n - 1 { for e in 0..<bb { gains[bi &+ e] = p[e] } }
                    for c in 0..<k {
                      for r in 0..<b { y[c &* size &+ i &* b &+ r] = p[(b &+ c) &* b &+ r] }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return !singular
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
  ///
  /// Precondition: x and f have ``dimension`` entries each (trapped otherwise).
  @_specialize(where Element == Double)
  public func backwardError(_ x: [Element], _ f: [Element]) -> Double {
    let b = blockSize, n = blockCount, bb = b * b
    precondition(
      x.count == dimension && f.count == dimension,
      "backward error of \(x.count) and \(f.count) entries, expected \(dimension)")
    var residual = 0.0, normA = 0.0, normX = 0.0, normF = 0.0
    for v in x { normX = Swift.max(normX, v.modulus) }
    for v in f { normF = Swift.max(normF, v.modulus) }
    lower.withUnsafeBufferPointer { lo in
      diagonal.withUnsafeBufferPointer { di in
        upper.withUnsafeBufferPointer { up in
          x.withUnsafeBufferPointer { xs in
            f.withUnsafeBufferPointer { fs in
              // Index arithmetic wraps (&+, &*): every index is below the buffers' counts.
              for i in 0..<n {
                let hasLower = i > 0 || isPeriodic, hasUpper = i < n - 1 || isPeriodic
                let im = (i > 0 ? i &- 1 : n &- 1) &* b, ip = (i < n - 1 ? i &+ 1 : 0) &* b
                let bi = i &* bb, xi = i &* b
                for r in 0..<b {
                  var acc = -fs[xi &+ r]
                  var rowSum = 0.0
                  for q in 0..<b {
                    let e = bi &+ r &+ q &* b
                    let d = di[e]
                    acc += d * xs[xi &+ q]
                    rowSum += d.modulus
                    if hasLower {
                      let l = lo[e]
                      acc += l * xs[im &+ q]
                      rowSum += l.modulus
                    }
                    if hasUpper {
                      let u = up[e]
                      acc += u * xs[ip &+ q]
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
    }
    let scale = normA * normX + normF
    return scale > 0 ? residual / scale : 0
  }
}
