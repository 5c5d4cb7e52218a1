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
@inline(__always)
func lapack(
  _ routine: String,
  queryWorkspace: Bool = false,
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
    cw = Array(repeating: clapack_complex_double(re: 0, im: 0), count: Int(lc))
    rw = Array(repeating: 0, count: Int(lr))
    iw = Array(repeating: 0, count: Int(li))
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
