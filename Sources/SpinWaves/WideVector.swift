import Dispatch
import Numerics

/// Level-1 operations on vectors of `width` interleaved columns (element `row·width + c`), in parallel.
///
/// Rows are split into fixed chunks of ``chunkRows`` (never the thread count); a reduction sums each
/// chunk in row order and then the chunk sums in chunk order, so every number is independent of the
/// number of threads. Vectors of one chunk run on the calling thread. Preconditions: equal lengths, a
/// multiple of `width`.
enum WideVector {
  static let chunkRows = 16_384

  /// Runs `body(rows)` over the fixed row chunks of `count` elements, in parallel when there are several.
  private static func forEachChunk(count: Int, width: Int, _ body: (Range<Int>) -> Void) {
    let rows = count / width
    let chunks = max(1, (rows + chunkRows - 1) / chunkRows)
    if chunks == 1 { return body(0..<rows) }
    DispatchQueue.concurrentPerform(iterations: chunks) { k in
      body((k * chunkRows)..<min(rows, (k + 1) * chunkRows))
    }
  }

  /// ⟨a_c|b_c⟩ = Σ_r conj(a_rc) b_rc for every column c.
  static func dots(_ a: [Complex<Double>], _ b: [Complex<Double>], width: Int) -> [Complex<Double>] {
    precondition(a.count == b.count)
    let rows = a.count / width, chunks = max(1, (rows + chunkRows - 1) / chunkRows)
    var partial = [Double](repeating: 0, count: 2 * width * chunks)
    a.withUnsafeBufferPointer { ap in
      b.withUnsafeBufferPointer { bp in
        partial.withUnsafeMutableBufferPointer { pp in
          let x = UnsafeSendableConstPointer(ap.baseAddress!), y = UnsafeSendableConstPointer(bp.baseAddress!)
          let out = UnsafeSendablePointer(pp.baseAddress!)
          forEachChunk(count: a.count, width: width) { range in
            let base = out.pointer + 2 * width * (range.lowerBound / chunkRows)
            for r in range {
              for c in 0..<width {
                let u = x.pointer[r * width + c], v = y.pointer[r * width + c]
                base[2 * c] += u.real * v.real + u.imaginary * v.imaginary
                base[2 * c + 1] += u.real * v.imaginary - u.imaginary * v.real
              }
            }
          }
        }
      }
    }
    return (0..<width).map { c in
      var re = 0.0, im = 0.0
      for k in 0..<chunks {
        re += partial[2 * (k * width + c)]
        im += partial[2 * (k * width + c) + 1]
      }
      return Complex(re, im)
    }
  }

  /// |a_c| for every column c.
  static func norms(_ a: [Complex<Double>], width: Int) -> [Double] {
    dots(a, a, width: width).map { $0.real.squareRoot() }
  }

  /// w_c ← w_c − α_c q_c − β_c p_c for every column c.
  static func subtract(
    _ w: inout [Complex<Double>], _ alpha: [Double], _ q: [Complex<Double>], _ beta: [Double],
    _ p: [Complex<Double>], width: Int
  ) {
    let n = w.count
    w.withUnsafeMutableBufferPointer { wp in
      q.withUnsafeBufferPointer { qp in
        p.withUnsafeBufferPointer { pp in
          let out = UnsafeSendablePointer(wp.baseAddress!)
          let x = UnsafeSendableConstPointer(qp.baseAddress!), y = UnsafeSendableConstPointer(pp.baseAddress!)
          forEachChunk(count: n, width: width) { range in
            for r in range {
              for c in 0..<width {
                let i = r * width + c, a = alpha[c], b = beta[c]
                let u = x.pointer[i], v = y.pointer[i], z = out.pointer[i]
                out.pointer[i] = Complex(
                  z.real - a * u.real - b * v.real, z.imaginary - a * u.imaginary - b * v.imaginary)
              }
            }
          }
        }
      }
    }
  }

  /// a_c ← f_c a_c for every column c.
  static func scale(_ a: inout [Complex<Double>], _ f: [Double], width: Int) {
    let n = a.count
    a.withUnsafeMutableBufferPointer { ap in
      let out = UnsafeSendablePointer(ap.baseAddress!)
      forEachChunk(count: n, width: width) { range in
        for r in range {
          for c in 0..<width {
            let z = out.pointer[r * width + c]
            out.pointer[r * width + c] = Complex(z.real * f[c], z.imaginary * f[c])
          }
        }
      }
    }
  }

  /// y_c ← y_c + f_c x_c for every column c.
  static func axpy(_ y: inout [Complex<Double>], _ f: [Double], _ x: [Complex<Double>], width: Int) {
    let n = y.count
    y.withUnsafeMutableBufferPointer { yp in
      x.withUnsafeBufferPointer { xp in
        let out = UnsafeSendablePointer(yp.baseAddress!), inp = UnsafeSendableConstPointer(xp.baseAddress!)
        forEachChunk(count: n, width: width) { range in
          for r in range {
            for c in 0..<width {
              let i = r * width + c, z = inp.pointer[i]
              out.pointer[i] = Complex(
                out.pointer[i].real + f[c] * z.real, out.pointer[i].imaginary + f[c] * z.imaginary)
            }
          }
        }
      }
    }
  }
}
