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
/// The closure receives (complexWork, lcwork, realWork, lrwork, integerWork, liwork); a
/// routine uses the buffers it needs (a real routine's `work` is `realWork`).
///
/// `workspacePadding` extra elements are allocated after each queried workspace but not
/// declared to LAPACK (the sizes passed stay the optimal ones): OpenBLAS kernels may read
/// past the end of an operand (see ``openBLASOverReadPadding(leadingDimension:)``).
@inline(__always)
func lapack(
  _ routine: String,
  queryWorkspace: Bool = false,
  workspacePadding: Int = 0,
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
    let pad = max(0, workspacePadding)
    cw = Array(repeating: clapack_complex_double(re: 0, im: 0), count: Int(lc) + pad)
    rw = Array(repeating: 0, count: Int(lr) + pad)
    iw = Array(repeating: 0, count: Int(li) + pad)
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

/// Elements to allocate after an operand with leading dimension `n` (and after its workspaces)
/// so that OpenBLAS kernel over-reads stay inside memory we own.
///
/// OpenBLAS 0.3.21's `zgemv_n` kernel for Haswell/Zen (`zgemv_n_ZEN`, called by
/// `zheevd` → `zhetrd` → `zlatrd` for n ≥ 33) reads up to one column (n complex elements) past
/// the end of the matrix it is given, and, for eigenvalues-only `zheevd`, past the end of the
/// workspace (zlatrd's W panel). The values read are not used, but when the operand ends
/// within that distance of an unmapped page the process dies with SIGSEGV. Whether it does
/// depends only on where malloc put the array: that is why the crash appeared in release
/// builds inside `parallelMap` (worker threads allocate from per-thread arenas whose heaps
/// end at a protection boundary) and not in serial or debug runs. Reproduced outside Swift:
/// a C call of `LAPACKE_zheevd` (n = 160, one thread) with the matrix ending at a PROT_NONE
/// page segfaults at the same instruction; with ≥ 2560 bytes (one column) of slack it does not.
/// Two columns plus 64 elements is a margin over the largest over-read measured (≤ 1 column).
@inline(__always)
func openBLASOverReadPadding(leadingDimension n: Int) -> Int { 2 * max(n, 0) + 64 }

/// LAPACK's column-major layout flag.
let columnMajor = Int32(LAPACK_COL_MAJOR)

/// A LAPACK job/flag character.
@inline(__always) func flag(_ c: Unicode.Scalar) -> CChar { CChar(truncatingIfNeeded: c.value) }

/// The gateway for LAPACK routines that take no workspace, called many times on tiny
/// matrices (e.g. one `?gesv` per block of a block-tridiagonal elimination): same `info`
/// checking as ``lapack(_:queryWorkspace:workspacePadding:meaning:_:)`` but no workspace buffers allocated.
@inline(__always)
func lapackWithoutWorkspace(
  _ routine: @autoclosure () -> String,
  meaning: (Int) -> String = { _ in "numerical failure" },
  _ call: () -> Int32
) throws {
  let info = call()
  if info != 0 { try check(routine(), info: info, meaning: meaning) }
}
