import Foundation

@testable import spintransport

/// Runs the CLI in this process on an injected ``CommandTree``, capturing stdout and stderr
/// (file descriptors 1 and 2 redirected to temporary files for the duration of the call).
enum InProcessCLI {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  private static let lock = NSLock()

  static func run(_ arguments: [String], tree: CommandTree) throws -> Result {
    lock.lock()
    defer { lock.unlock() }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("in-process-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let outPath = dir.appendingPathComponent("stdout").path, errPath = dir.appendingPathComponent("stderr").path
    fflush(stdout)
    fflush(stderr)
    let savedOut = dup(1), savedErr = dup(2)
    let out = open(outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600),
      err = open(errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    dup2(out, 1)
    dup2(err, 2)
    let status = SpinTransportCLI.execute(arguments, tree: tree)
    fflush(stdout)
    fflush(stderr)
    dup2(savedOut, 1)
    dup2(savedErr, 2)
    for fd in [out, err, savedOut, savedErr] { close(fd) }
    return Result(
      status: status, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
      stderr: try String(contentsOfFile: errPath, encoding: .utf8))
  }
}
