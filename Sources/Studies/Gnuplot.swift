import Foundation

/// Locating and probing gnuplot (figures are optional: without gnuplot the data and the `.gp`
/// script are still written).
public enum Gnuplot {
  /// Absolute path of the gnuplot executable on PATH, or nil.
  static func executablePath() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/gnuplot"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs gnuplot with `script` on stdin (in `directory` when given); returns (exit status, stdout + stderr).
  @discardableResult
  public static func run(
    script: String, executable: String, directory: String? = nil
  ) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    // gnuplot may exit before reading all of stdin (an error in the script, a fake gnuplot):
    // writing then must fail with EPIPE, not kill this process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try process.run()
    try? input.fileHandleForWriting.write(contentsOf: Data(script.utf8))
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Runs gnuplot on the script file `path` (relative to `directory` when given); returns
  /// (exit status, stdout + stderr).
  ///
  /// Preferred over ``run(script:executable:directory:)`` for long scripts: gnuplot reads a
  /// script on stdin one byte per system call (≈ 2·10⁶ `read`s for a 24 000-point figure),
  /// a script file in blocks. Its stdin is the null device.
  @discardableResult
  public static func run(
    scriptFile path: String, executable: String, directory: String? = nil
  ) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = [path]
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe()
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Version string ("gnuplot 5.4 patchlevel 4") or nil when gnuplot is missing.
  public static func version() -> String? {
    guard let exe = executablePath(),
      let r = try? run(script: "print sprintf('%g patchlevel %s', GPVAL_VERSION, GPVAL_PATCHLEVEL)\n", executable: exe)
    else { return nil }
    return r.status == 0 ? "gnuplot " + r.output.trimmingCharacters(in: .whitespacesAndNewlines) : nil
  }

  /// Whether the named terminals (e.g. "pngcairo", "svg") are available.
  public static func terminals(_ names: [String]) -> [String: Bool] {
    guard let exe = executablePath(), let r = try? run(script: "print GPVAL_TERMINALS\n", executable: exe),
      r.status == 0
    else {
      return Dictionary(uniqueKeysWithValues: names.map { ($0, false) })
    }
    let available = Set(r.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    return Dictionary(uniqueKeysWithValues: names.map { ($0, available.contains($0)) })
  }
}
