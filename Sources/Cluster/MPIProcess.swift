import CMPI
import Foundation
import LinearAlgebra

/// This process's view of MPI: detection of an `mpirun` launch, lazy `MPI_Init`, rank, size,
/// host, and byte messages. The only code (with ``MPIPointExecutor``) that calls MPI.
///
/// Without an MPI launcher in the environment nothing here calls `MPI_Init`: the binary behaves
/// exactly as a plain process. ``start()`` initialises MPI once (threads: `MPI_THREAD_SERIALIZED`
/// — one thread at a time calls MPI: the main thread for sweeps, the thread evaluating the point
/// for its items), sets BLAS to one thread per rank unless
/// `OPENBLAS_NUM_THREADS`/`OMP_NUM_THREADS` say otherwise, and registers `MPI_Finalize` to run
/// at exit. Failure modes: an MPI error aborts the job (Open MPI's default error handler).
public enum MPIProcess {
  /// True when this process was started by an MPI launcher (`mpirun`/`mpiexec` of Open MPI,
  /// or a PMIx launcher such as `srun --mpi=pmix`).
  public static func launchedByMPI(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
    env["OMPI_COMM_WORLD_SIZE"] != nil || env["PMIX_RANK"] != nil
  }

  /// The MPI library's version text (first line), e.g. `Open MPI v4.1.4, …`; no MPI_Init needed.
  public static var libraryVersion: String {
    var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_LIBRARY_VERSION_STRING) + 1)
    var length: Int32 = 0
    _ = MPI_Get_library_version(&buffer, &length)
    let text = String(cString: buffer)
    return text.split(separator: "\n").first.map(String.init) ?? text
  }

  /// The MPI standard version the library implements, e.g. `3.1`.
  public static var standardVersion: String {
    var major: Int32 = 0, minor: Int32 = 0
    _ = MPI_Get_version(&major, &minor)
    return "\(major).\(minor)"
  }

  nonisolated(unsafe) private(set) static var started = false
  nonisolated(unsafe) public private(set) static var rank: Int32 = 0
  nonisolated(unsafe) public private(set) static var size: Int32 = 1
  nonisolated(unsafe) public private(set) static var host = ""

  /// Initialises MPI once; later calls do nothing.
  public static func start() {
    guard !started else { return }
    started = true
    var provided: Int32 = 0
    _ = MPI_Init_thread(nil, nil, Int32(MPI_THREAD_SERIALIZED), &provided)
    atexit { _ = MPI_Finalize() }
    _ = MPI_Comm_rank(MPI_COMM_WORLD, &rank)
    _ = MPI_Comm_size(MPI_COMM_WORLD, &size)
    var name = [CChar](repeating: 0, count: Int(MPI_MAX_PROCESSOR_NAME) + 1)
    var length: Int32 = 0
    _ = MPI_Get_processor_name(&name, &length)
    host = String(cString: name)
    let env = ProcessInfo.processInfo.environment
    if env["OPENBLAS_NUM_THREADS"] == nil && env["OMP_NUM_THREADS"] == nil { BLASInfo.setThreadCount(1) }
  }

  /// Sends `bytes` to rank `destination` with `tag` (blocking; small messages are buffered).
  static func send(_ bytes: [UInt8], to destination: Int32, tag: Int32) {
    bytes.withUnsafeBytes { raw in
      _ = MPI_Send(raw.baseAddress, Int32(raw.count), MPI_BYTE, destination, tag, MPI_COMM_WORLD)
    }
  }

  static func send(_ text: String, to destination: Int32, tag: Int32) {
    send(Array(text.utf8), to: destination, tag: tag)
  }

  /// Receives the next message from `source` (blocking), any tag.
  static func receive(from source: Int32) -> (source: Int32, tag: Int32, text: String) {
    var status = MPI_Status()
    _ = MPI_Probe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &status)
    return receive(status)
  }

  /// Receives the next message with `tag` from any rank (blocking).
  static func receive(fromAnyWithTag tag: Int32) -> (source: Int32, tag: Int32, text: String) {
    var status = MPI_Status()
    _ = MPI_Probe(MPI_ANY_SOURCE, tag, MPI_COMM_WORLD, &status)
    return receive(status)
  }

  /// Receives a waiting message from any rank, or nil at once when none is waiting.
  static func poll() -> (source: Int32, tag: Int32, text: String)? {
    var status = MPI_Status()
    var flag: Int32 = 0
    _ = MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status)
    return flag != 0 ? receive(status) : nil
  }

  private static func receive(_ status: MPI_Status) -> (source: Int32, tag: Int32, text: String) {
    var probed = status
    var count: Int32 = 0
    _ = MPI_Get_count(&probed, MPI_BYTE, &count)
    var buffer = [UInt8](repeating: 0, count: Int(max(count, 1)))
    _ = buffer.withUnsafeMutableBytes { raw in
      MPI_Recv(raw.baseAddress, count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE)
    }
    return (status.MPI_SOURCE, status.MPI_TAG, String(decoding: buffer.prefix(Int(count)), as: UTF8.self))
  }
}
