import Foundation

/// One long-lived gnuplot process that runs script files one after another.
///
/// A figure drawn by a fresh `gnuplot` pays its start-up each time (dynamic libraries,
/// fontconfig, cairo and pango: ≈ 40 % of the CPU time of drawing the 36 `reproduce` figures).
/// A session pays it once; between scripts it runs `reset session` (every setting back to its
/// default, every variable and datablock deleted), so each script starts from the state a fresh
/// gnuplot has. The PNG and SVG files are byte-identical to a fresh process's (checked for all
/// 36 `reproduce` figures).
///
/// gnuplot reading commands from a pipe survives an error (it abandons the loaded file and
/// goes on), so a session cannot tell failure by exit status. ``run(scriptFile:directory:)``
/// therefore reports success only when gnuplot printed nothing at all before the end marker;
/// anything else (an error, a warning, gnuplot gone) is reported as not drawn, and the caller
/// draws that figure with a one-shot process for the authoritative outcome and message
/// (``FigureRenderer/draw(script:in:outputBase:gnuplot:sessions:)``).
///
/// Not thread-safe: one caller at a time (``GnuplotSessions`` hands sessions out).
final class GnuplotSession {
  private let process = Process()
  private let input: FileHandle
  private let output: FileHandle
  private var pending = Data()
  private let marker = "spintransport-gnuplot-session-done-\(UUID().uuidString)"
  /// False once gnuplot has gone (or could not be talked to): the session is of no further use.
  private(set) var isAlive = true

  /// Starts `executable` reading commands from a pipe; stdout and stderr share one pipe.
  init(executable: String) throws {
    let inputPipe = Pipe(), outputPipe = Pipe()
    process.executableURL = URL(fileURLWithPath: executable)
    process.standardInput = inputPipe
    process.standardOutput = outputPipe
    process.standardError = outputPipe
    signal(SIGPIPE, SIG_IGN)  // a gnuplot that has gone must give EPIPE, not kill this process
    try process.run()
    input = inputPipe.fileHandleForWriting
    output = outputPipe.fileHandleForReading
  }

  /// Runs the script file `scriptFile` (a name inside `directory`) with `directory` as gnuplot's
  /// working directory; true when gnuplot printed nothing before the end marker.
  ///
  /// Precondition: `directory` is absolute and has no control characters (it is written into a
  /// gnuplot command); `scriptFile` is a plain file name.
  func run(scriptFile: String, directory: String) -> Bool {
    guard isAlive else { return false }
    let commands =
      "reset session\ncd \(GnuplotScript.quoted(directory))\nload \(GnuplotScript.quoted(scriptFile))\n"
      + "print '\(marker)'\n"
    do {
      try input.write(contentsOf: Data(commands.utf8))
    } catch {
      isAlive = false
      return false
    }
    let end = Data((marker + "\n").utf8)
    while true {
      if let range = pending.range(of: end) {
        let before = pending[pending.startIndex..<range.lowerBound]
        pending = Data(pending[range.upperBound...])
        return before.isEmpty
      }
      let chunk = output.availableData
      if chunk.isEmpty {  // end of file: gnuplot has exited
        isAlive = false
        return false
      }
      pending.append(chunk)
    }
  }

  /// Asks gnuplot to exit and waits for it.
  func close() {
    if isAlive { try? input.write(contentsOf: Data("exit\n".utf8)) }
    isAlive = false
    try? input.close()
    process.waitUntilExit()
    try? output.close()
  }
}
