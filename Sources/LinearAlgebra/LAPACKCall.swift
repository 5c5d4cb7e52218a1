import CLAPACK

/// The single gateway for every LAPACK call in the project.
///
/// `call` is invoked with workspace buffers. When `queryWorkspace` is true, it is first
/// invoked with sizes −1 (LAPACK's workspace query, *the same closure and so the same job
/// flags*), the optimal sizes are read from the first entry of each buffer, buffers are
/// allocated and `call` runs again. `info` is checked after every invocation: `info < 0`
/// becomes ``LinearAlgebraError/invalidArgument(routine:argument:)``, `info > 0` becomes
/// ``LinearAlgebraError/failed(routine:info:meaning:)`` with `meaning(info)`.
///
/// Workspace buffers carry the OpenBLAS guard for a matrix of order `order` (see ``lapackGuard(order:)``).
///
/// The closure receives (complexWork, lcwork, realWork, lrwork, integerWork, liwork); a
/// routine uses the buffers it needs (a real routine's `work` is `realWork`).
@inline(__always)
func lapack(
  _ routine: String,
  queryWorkspace: Bool = false,
  order: Int = 0,
  meaning: (Int) -> String = { _ in "numerical failure" },
  _ call: (
    UnsafeMutablePointer<clapack_complex_double>, Int32,
    UnsafeMutablePointer<Double>, Int32,
    UnsafeMutablePointer<Int32>, Int32
  ) -> Int32
) throws {
  var cw = [clapack_complex_double(re: 0, im: 0)]
  var rw = [0.0]
  var iw: [Int32] = [0]
  var lc: Int32 = 1, lr: Int32 = 1, li: Int32 = 1
  if queryWorkspace {
    let info = cw.withUnsafeMutableBufferPointer { c in
      rw.withUnsafeMutableBufferPointer { r in
        iw.withUnsafeMutableBufferPointer { i in
          call(c.baseAddress!, -1, r.baseAddress!, -1, i.baseAddress!, -1)
        }
      }
    }
    try check(routine, info: info, meaning: meaning)
    lc = Int32(max(1, Int(cw[0].re.rounded(.up))))
    lr = Int32(max(1, Int(rw[0].rounded(.up))))
    li = max(1, iw[0])
    cw = guardedBuffer(count: Int(lc), fill: clapack_complex_double(re: 0, im: 0), order: order)
    rw = guardedBuffer(count: Int(lr), fill: 0, order: order)
    iw = guardedBuffer(count: Int(li), fill: 0, order: order)
  }
  let info = cw.withUnsafeMutableBufferPointer { c in
    rw.withUnsafeMutableBufferPointer { r in
      iw.withUnsafeMutableBufferPointer { i in
        call(c.baseAddress!, lc, r.baseAddress!, lr, i.baseAddress!, li)
      }
    }
  }
  try check(routine, info: info, meaning: meaning)
}

@inline(__always)
func check(_ routine: String, info: Int32, meaning: (Int) -> String) throws {
  if info < 0 { throw LinearAlgebraError.invalidArgument(routine: routine, argument: Int(-info)) }
  if info > 0 {
    throw LinearAlgebraError.failed(routine: routine, info: Int(info), meaning: meaning(Int(info)))
  }
}

/// LAPACK's column-major layout flag.
let columnMajor = Int32(LAPACK_COL_MAJOR)

/// A LAPACK job/flag character.
@inline(__always) func flag(_ c: Unicode.Scalar) -> CChar { CChar(truncatingIfNeeded: c.value) }

/// The gateway for LAPACK routines that take no workspace, called many times on tiny
/// matrices (e.g. one `?gesv` per block of a block-tridiagonal elimination): same `info`
/// checking as ``lapack(_:queryWorkspace:meaning:_:)`` but no workspace buffers allocated.
@inline(__always)
func lapackWithoutWorkspace(
  _ routine: @autoclosure () -> String,
  meaning: (Int) -> String = { _ in "numerical failure" },
  _ call: () -> Int32
) throws {
  let info = call()
  if info != 0 { try check(routine(), info: info, meaning: meaning) }
}

/// Slack appended to every buffer handed to BLAS/LAPACK for a matrix of order `n`: n + 32 elements.
///
/// OpenBLAS 0.3.21 (Debian 12's version) has a `?gemv_n` kernel that reads one element of x
/// beyond the last one it uses, i.e. `incx` elements past the end of a strided vector
/// (measured here with a guard page: the over-read is exactly `incx` for n = 1 and never more;
/// OpenBLAS issues #4013 and #5000 report the same kernels). LAPACK calls it with x a *row* of
/// the matrix or of its workspace (`zlatrd` inside `zheevd`/`zhetrd`, `zlahr2` inside `zgeev`),
/// so incx is the leading dimension. Inside a buffer the over-read is harmless (the value is not
/// used); when a buffer ends at a page boundary it is a segmentation fault — seen in `zheevd`
/// about one run in two before this guard. One extra column (n elements) plus 32 covers it;
/// no extra copy is made because the wrappers copy their input anyway.
@inline(__always)
func lapackGuard(order n: Int) -> Int { max(0, n) + 32 }

/// `elements` followed by the guard for order `n`, filled with `fill`, in one allocation.
@inline(__always)
func guardedCopy<E>(_ elements: [E], fill: E, order n: Int) -> [E] {
  var out = [E]()
  out.reserveCapacity(elements.count + lapackGuard(order: n))
  out.append(contentsOf: elements)
  out.append(contentsOf: repeatElement(fill, count: lapackGuard(order: n)))
  return out
}

/// `count` copies of `fill` plus the guard for order `n`.
@inline(__always)
func guardedBuffer<E>(count: Int, fill: E, order n: Int) -> [E] {
  Array(repeating: fill, count: count + lapackGuard(order: n))
}

/// Drops everything after the first `count` elements (the guard tail; no reallocation).
@inline(__always)
func removeGuard<E>(_ buffer: inout [E], keeping count: Int) {
  buffer.removeSubrange(count...)
}
