import CLAPACK

/// A real symmetric band matrix in LAPACK's upper band storage, with its lowest eigenvalues
/// (`dsbevx`) and a positive-definiteness test (`dpbtrf`).
///
/// Entry A(i, j) with 0 ≤ j − i ≤ kd is stored at `storage[kd + i − j + j·(kd + 1)]` (column-major,
/// leading dimension kd + 1); the lower triangle is implied by symmetry and never stored. Work and
/// memory are O(n·kd) and O(n·kd²) per call instead of the O(n²) and O(n³) of a dense matrix.
struct SymmetricBandMatrix: Sendable {
  /// Order n.
  public let order: Int
  /// Number of super-diagonals kd (≥ 0).
  public let bandwidth: Int
  /// Upper band storage, (kd + 1) × n column-major.
  public private(set) var storage: [Double]

  /// The zero matrix of order `order` with `bandwidth` super-diagonals.
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for a negative order or bandwidth.
  public init(order: Int, bandwidth: Int) throws {
    guard order >= 0, bandwidth >= 0 else {
      throw LinearAlgebraError.dimensionMismatch("band matrix of order \(order), bandwidth \(bandwidth)")
    }
    self.order = order
    self.bandwidth = bandwidth
    storage = Array(repeating: 0, count: (bandwidth + 1) * order)
  }

  /// A(i, j) = A(j, i); zero outside the band. Setting outside the band is a programming error.
  public subscript(i: Int, j: Int) -> Double {
    get {
      let (r, c) = i <= j ? (i, j) : (j, i)
      return c - r > bandwidth ? 0 : storage[bandwidth + r - c + c * (bandwidth + 1)]
    }
    set {
      let (r, c) = i <= j ? (i, j) : (j, i)
      precondition(c - r <= bandwidth, "entry (\(i), \(j)) lies outside the band kd = \(bandwidth)")
      storage[bandwidth + r - c + c * (bandwidth + 1)] = newValue
    }
  }

  /// The dense symmetric matrix (for tests and cross-checks; O(n²) memory).
  public var dense: RealMatrix {
    var m = RealMatrix(rows: order, columns: order)
    for j in 0..<order {
      for i in max(0, j - bandwidth)...j {
        m[i, j] = self[i, j]
        m[j, i] = self[i, j]
      }
    }
    return m
  }

  /// The `count` smallest eigenvalues, ascending, by LAPACK's `dsbevx` (range "I", no vectors).
  ///
  /// `dsbevx` reduces the band to tridiagonal form by orthogonal transformations (`dsbtrd`,
  /// O(n·kd²)) and finds the requested eigenvalues by bisection (`dstebz`) to the absolute
  /// tolerance 2·`dlamch('S')` (the most accurate setting), so each eigenvalue carries an error of
  /// order ε‖A‖ like a dense `dsyevd`. `dsbevx` has no workspace query: its workspaces have the
  /// fixed documented sizes 7n (real) and 5n (integer).
  /// - Throws: ``LinearAlgebraError/nonFinite(_:)`` before LAPACK; `dsbevx` failures (`info > 0`:
  ///   eigenvalues that failed to converge) as ``LinearAlgebraError/failed(routine:info:meaning:)``.
  func lowestEigenvalues(count: Int = 1) throws -> [Double] {
    let n = order, kd = bandwidth, ldab = kd + 1
    guard count >= 1, count <= n else {
      throw LinearAlgebraError.dimensionMismatch("\(count) eigenvalues requested of a matrix of order \(n)")
    }
    for v in storage where !v.isFinite { throw LinearAlgebraError.nonFinite("dsbevx input") }
    var ab = guardedCopy(storage, fill: 0.0, order: n)
    var w = guardedBuffer(count: n, fill: 0.0, order: n)
    var work = guardedBuffer(count: 7 * n, fill: 0.0, order: n)
    var iwork = guardedBuffer(count: 5 * n, fill: Int32(0), order: n)
    var ifail = guardedBuffer(count: n, fill: Int32(0), order: n)
    var q = guardedBuffer(count: 1, fill: 0.0, order: 1)
    var z = guardedBuffer(count: 1, fill: 0.0, order: 1)
    var found: Int32 = 0
    let abstol = 2 * Double.leastNormalMagnitude  // 2·dlamch('S')
    try lapack("dsbevx", order: n, meaning: { "\($0) eigenvalues failed to converge" }) { _, _, _, _, _, _ in
      ab.withUnsafeMutableBufferPointer { pab in
        w.withUnsafeMutableBufferPointer { pw in
          work.withUnsafeMutableBufferPointer { pwork in
            iwork.withUnsafeMutableBufferPointer { piwork in
              ifail.withUnsafeMutableBufferPointer { pfail in
                q.withUnsafeMutableBufferPointer { pq in
                  z.withUnsafeMutableBufferPointer { pz in
                    LAPACKE_dsbevx_work(
                      columnMajor, flag("N"), flag("I"), flag("U"), Int32(n), Int32(kd), pab.baseAddress!,
                      Int32(ldab), pq.baseAddress!, 1, 0, 0, 1, Int32(count), abstol, &found, pw.baseAddress!,
                      pz.baseAddress!, 1, pwork.baseAddress!, piwork.baseAddress!, pfail.baseAddress!)
                  }
                }
              }
            }
          }
        }
      }
    }
    guard Int(found) == count else {
      throw LinearAlgebraError.failed(
        routine: "dsbevx", info: 0, meaning: "returned \(found) eigenvalues, \(count) requested")
    }
    return Array(w[0..<count])
  }

  /// True when A is numerically positive definite: LAPACK's banded Cholesky `dpbtrf` succeeds.
  ///
  /// O(n·kd²). `info > 0` (a non-positive pivot) means "not positive definite" and returns false.
  /// - Throws: ``LinearAlgebraError/nonFinite(_:)`` for non-finite entries, `info < 0` as
  ///   ``LinearAlgebraError/invalidArgument(routine:argument:)``.
  public func isPositiveDefinite() throws -> Bool {
    let n = order, kd = bandwidth
    for v in storage where !v.isFinite { throw LinearAlgebraError.nonFinite("dpbtrf input") }
    guard n > 0 else { return true }
    var ab = guardedCopy(storage, fill: 0.0, order: n)
    do {
      try lapackWithoutWorkspace("dpbtrf", meaning: { "the leading minor of order \($0) is not positive" }) {
        ab.withUnsafeMutableBufferPointer {
          LAPACKE_dpbtrf_work(columnMajor, flag("U"), Int32(n), Int32(kd), $0.baseAddress!, Int32(kd + 1))
        }
      }
    } catch LinearAlgebraError.failed(routine: "dpbtrf", _, _) {
      return false
    }
    return true
  }
}
