import Foundation

/// The gnuplot sessions of one run: a figure borrows an idle one (or starts one) to draw, so
/// there are at most as many as figures drawing at once. ``close()`` ends them all.
public final class GnuplotSessions: @unchecked Sendable {
  /// The gnuplot executable every session runs.
  let executable: String
  private var idle: [GnuplotSession] = []
  private var closed = false
  private let lock = NSLock()

  public init(executable: String) { self.executable = executable }

  deinit { close() }

  /// Runs `scriptFile` in `directory` in a borrowed session; true when drawn without any message
  /// (see ``GnuplotSession/run(scriptFile:directory:)``), false when the caller must draw it
  /// with a one-shot process — also when `directory` cannot be written into a gnuplot command
  /// as it is (control characters) or no session could be started.
  func run(scriptFile: String, directory: String) -> Bool {
    let absolute =
      directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
    guard GnuplotScript.singleLine(absolute) == absolute else { return false }
    lock.lock()
    let borrowed = closed ? nil : idle.popLast()
    let isClosed = closed
    lock.unlock()
    guard !isClosed, let session = borrowed ?? (try? GnuplotSession(executable: executable)) else { return false }
    let drawn = session.run(scriptFile: scriptFile, directory: absolute)
    lock.lock()
    let keep = session.isAlive && !closed
    if keep { idle.append(session) }
    lock.unlock()
    if !keep { session.close() }
    return drawn
  }

  /// Ends every idle session (waits for each gnuplot to exit); later `run(scriptFile:directory:)`
  /// calls answer false. Call when no figure is drawing any more.
  public func close() {
    lock.lock()
    let sessions = idle
    idle = []
    closed = true
    lock.unlock()
    for session in sessions { session.close() }
  }
}
