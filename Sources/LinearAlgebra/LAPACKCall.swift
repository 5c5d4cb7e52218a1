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
/// Workspace buffers carry the OpenBLAS padding for a matrix of order `order` (see ``openBLASOverReadPadding(leadingDimension:)``).
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

/// Elements allocated after every buffer handed to BLAS/LAPACK for a matrix of order (leading
/// dimension) `n`, so that OpenBLAS kernel over-reads stay inside memory we own: 2n + 64.
///
/// OpenBLAS 0.3.21 (Debian 12's version) has a `zgemv_n` kernel for Haswell/Zen
/// (`zgemv_n_ZEN`) that reads past the end of its operands: one element of x beyond the last
/// one used, i.e. `incx` elements past the end of a strided vector, measured with a guard page.
/// LAPACK calls it with x a row of the matrix or of its workspace (`zheevd` → `zhetrd` →
/// `zlatrd` for n ≥ 33), so up to one column (n elements) past the end of the matrix, and, for
/// eigenvalues-only `zheevd`, past the end of the workspace (upstream: OpenBLAS #4013, #5000).
/// The values are never used, but an operand that ends within that distance of an unmapped page
/// gives SIGSEGV — seen in `ExactDiagonalizationTests` (7 of 10 runs) and in parallel LSWT sweeps
/// (6 of 10 runs), depending only on where malloc placed the array. Reproduced in C with one
/// thread (`LAPACKE_zheevd`, n = 160, matrix ending at a PROT_NONE page); one column of slack
/// stops it. Two columns plus 64 elements is a margin over the largest over-read measured. The
/// guard costs no extra copy: the wrappers copy their input anyway (LAPACK overwrites it).
@inline(__always)
func openBLASOverReadPadding(leadingDimension n: Int) -> Int { 2 * max(n, 0) + 64 }

/// `elements` followed by the guard for order `n`, filled with `fill`, in one allocation.
@inline(__always)
func guardedCopy<E>(_ elements: [E], fill: E, order n: Int) -> [E] {
  var out = [E]()
  out.reserveCapacity(elements.count + openBLASOverReadPadding(leadingDimension: n))
  out.append(contentsOf: elements)
  out.append(contentsOf: repeatElement(fill, count: openBLASOverReadPadding(leadingDimension: n)))
  return out
}

/// `count` copies of `fill` plus the guard for order `n`.
@inline(__always)
func guardedBuffer<E>(count: Int, fill: E, order n: Int) -> [E] {
  Array(repeating: fill, count: count + openBLASOverReadPadding(leadingDimension: n))
}

/// Drops everything after the first `count` elements (the guard tail; no reallocation).
@inline(__always)
func removeGuard<E>(_ buffer: inout [E], keeping count: Int) {
  buffer.removeSubrange(count...)
}
