import CLAPACK

/// What the linked BLAS/LAPACK library reports about itself (for `spintransport doctor`).
public enum BLASInfo {
  /// OpenBLAS build configuration string (e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64").
  public static var configuration: String { String(cString: openblas_get_config()) }
  /// The CPU kernel OpenBLAS selected.
  public static var coreName: String { String(cString: openblas_get_corename()) }
  /// Threads OpenBLAS uses for one BLAS call.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }
  /// Sets the OpenBLAS thread count (sweeps that parallelise over points set 1).
  public static func setThreadCount(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}
