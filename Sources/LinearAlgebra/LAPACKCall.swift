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
/// `workspace`, if given, keeps the buffers and the query's answer between calls (see
/// ``LAPACKWorkspace``); `jobs` names the job flags for that cache.
///
/// Workspace buffers carry the OpenBLAS padding for a matrix of order `order` (see ``openBLASOverReadPadding(leadingDimension:)``).
///
/// The closure receives (complexWork, lcwork, realWork, lrwork, integerWork, liwork); a
/// routine uses the buffers it needs (a real routine's `work` is `realWork`).
@usableFromInline
func lapack(
  _ routine: String,
  queryWorkspace: Bool = false,
  order: Int = 0,
  workspace: LAPACKWorkspace? = nil,
  jobs: String = "",
  meaning: (Int) -> String = { _ in "numerical failure" },
  _ call: (
    UnsafeMutablePointer<clapack_complex_double>, Int32,
    UnsafeMutablePointer<Double>, Int32,
    UnsafeMutablePointer<Int32>, Int32
  ) -> Int32
) throws {
  let ws = workspace ?? LAPACKWorkspace()
  let key = LAPACKWorkspace.Key(routine: routine, jobs: jobs, order: order)
  if queryWorkspace, ws.queriedFor != key {
    ws.ensure(complex: 1, real: 1, integer: 1, order: 0)
    let info = call(ws.complex, -1, ws.real, -1, ws.integer, -1)
    try check(routine, info: info, meaning: meaning)
    ws.sizes = (
      Int32(max(1, Int(ws.complex[0].re.rounded(.up)))), Int32(max(1, Int(ws.real[0].rounded(.up)))),
      max(1, ws.integer[0])
    )
    ws.queriedFor = key
  }
  let (lc, lr, li) = queryWorkspace ? ws.sizes : (1, 1, 1)
  ws.ensure(complex: Int(lc), real: Int(lr), integer: Int(li), order: order)
  let info = call(ws.complex, lc, ws.real, lr, ws.integer, li)
  try check(routine, info: info, meaning: meaning)
}

/// LAPACK workspace kept between calls of the same routine on matrices of the same order, so
/// that hot loops (e.g. one 4×4 `zgeev` per Bloch momentum) pay for the workspace query and
/// the allocation once. Buffers only grow; each carries the OpenBLAS over-read guard of the
/// largest order seen (`openBLASOverReadPadding(leadingDimension:)`).
///
/// The workspace query (made with the caller's own job flags) is skipped when the previous query
/// through this workspace was for the same routine, job flags (`jobs`) and order, so the sizes
/// used are always LAPACK's optimal ones for exactly this call. Not thread-safe: one workspace per thread (or per sweep worker).
public final class LAPACKWorkspace: @unchecked Sendable {
  var complex = UnsafeMutablePointer<clapack_complex_double>.allocate(capacity: 1)
  var real = UnsafeMutablePointer<Double>.allocate(capacity: 1)
  var integer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  var capacity = (complex: 1, real: 1, integer: 1)
  var sizes: (Int32, Int32, Int32) = (1, 1, 1)
  var queriedFor: Key?

  /// What a cached workspace query was made for: routine, job flags, order.
  struct Key: Equatable {
    var routine: String
    var jobs: String
    var order: Int
  }

  public init() {
    complex.initialize(to: clapack_complex_double(re: 0, im: 0))
    real.initialize(to: 0)
    integer.initialize(to: 0)
  }

  deinit {
    complex.deallocate()
    real.deallocate()
    integer.deallocate()
  }

  /// Grows the buffers to hold the counts plus the guard for `order` (zero-filled when grown).
  func ensure(complex c: Int, real r: Int, integer i: Int, order: Int) {
    let pad = order > 0 ? openBLASOverReadPadding(leadingDimension: order) : 0
    if capacity.complex < c + pad {
      complex.deallocate()
      complex = .allocate(capacity: c + pad)
      complex.initialize(repeating: clapack_complex_double(re: 0, im: 0), count: c + pad)
      capacity.complex = c + pad
    }
    if capacity.real < r + pad {
      real.deallocate()
      real = .allocate(capacity: r + pad)
      real.initialize(repeating: 0, count: r + pad)
      capacity.real = r + pad
    }
    if capacity.integer < i + pad {
      integer.deallocate()
      integer = .allocate(capacity: i + pad)
      integer.initialize(repeating: 0, count: i + pad)
      capacity.integer = i + pad
    }
  }
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
/// matrices (e.g. one `?gesv` per block of a block-tridiagonal elimination), or needing none
/// (`ztrsyl`): same `info` checking as ``lapack(_:queryWorkspace:order:workspace:jobs:meaning:_:)`` but no workspace buffers allocated;
/// `tolerating` names one positive `info` that is a result, not a failure (returned).
@inline(__always) @discardableResult
func lapackWithoutWorkspace(
  _ routine: @autoclosure () -> String,
  meaning: (Int) -> String = { _ in "numerical failure" },
  tolerating tolerated: Int32? = nil,
  _ call: () -> Int32
) throws -> Int32 {
  let info = call()
  if info != 0, info != tolerated { try check(routine(), info: info, meaning: meaning) }
  return info
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
@inlinable
func openBLASOverReadPadding(leadingDimension n: Int) -> Int { 2 * max(n, 0) + 64 }

/// `elements` followed by the guard for order `n`, filled with `fill`, in one allocation.
@inlinable
func guardedCopy<E>(_ elements: [E], fill: E, order n: Int) -> [E] {
  var out = [E]()
  out.reserveCapacity(elements.count + openBLASOverReadPadding(leadingDimension: n))
  out.append(contentsOf: elements)
  out.append(contentsOf: repeatElement(fill, count: openBLASOverReadPadding(leadingDimension: n)))
  return out
}

/// `count` copies of `fill` plus the guard for order `n`.
@inlinable
func guardedBuffer<E>(count: Int, fill: E, order n: Int) -> [E] {
  Array(repeating: fill, count: count + openBLASOverReadPadding(leadingDimension: n))
}

/// Drops everything after the first `count` elements (the guard tail; no reallocation).
@inlinable
func removeGuard<E>(_ buffer: inout [E], keeping count: Int) {
  buffer.removeSubrange(count...)
}
