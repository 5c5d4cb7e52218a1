import Foundation

/// Writes a figure directory: `data.csv`, `figure.gp`, and (with gnuplot) `figure.png` + `figure.svg`.
///
/// Every file appears complete or not at all: data and script are written with
/// ``writeAtomically(_:to:)``; gnuplot draws to hidden temporary names that are then renamed
/// (written through instead when the destination is a device or FIFO: see ``OutputTarget``).
/// Without gnuplot the data and the script are still written and the outcome says so (the
/// caller prints one message for the whole command).
public enum FigureRenderer {
  /// What happened to the pictures.
  public enum Outcome: Sendable, Equatable {
    /// `figure.png` and `figure.svg` written.
    case rendered
    /// gnuplot is not on PATH: only `data.csv` and `figure.gp` were written.
    case gnuplotMissing
    /// gnuplot ran and failed (its first output line is kept).
    case gnuplotFailed(String)

    /// One-word status for metadata.
    public var label: String {
      switch self {
      case .rendered: return "rendered"
      case .gnuplotMissing: return "gnuplot-missing"
      case .gnuplotFailed: return "gnuplot-failed"
      }
    }
  }

  /// The message printed once per command when gnuplot is missing.
  public static let gnuplotMissingMessage =
    "gnuplot not found on PATH: wrote data.csv and figure.gp only; install gnuplot (make bootstrap) "
    + "and run `gnuplot figure.gp` in each figure directory to draw the PNG/SVG"

  /// Writes `table` as `directory/data.csv`, the script for `plot` as `directory/figure.gp`,
  /// and runs gnuplot (found on PATH unless `gnuplot` is given; pass `.some(nil)` to disable).
  ///
  /// Throws only for file-system errors or a plot naming a missing column; gnuplot trouble is
  /// reported in the returned ``Outcome``.
  /// `sessions`: as in ``draw(script:in:outputBase:gnuplot:sessions:)``.
  @discardableResult
  public static func write(
    table: ResultTable, plot: PlotSpec, to directory: String, gnuplot: String?? = nil,
    sessions: GnuplotSessions? = nil
  ) throws -> Outcome {
    let script = try GnuplotScript.make(plot: plot, table: table)
    try writeAtomically(table.csv(), to: directory + "/data.csv")
    try writeAtomically(script, to: directory + "/figure.gp")
    return try draw(script: script, in: directory, outputBase: "figure", gnuplot: gnuplot, sessions: sessions)
  }

  /// Runs `script` in `directory` writing `<outputBase>.png/.svg` via temporary names + rename.
  ///
  /// With `sessions` (running the same executable) the script is first tried in a long-lived
  /// gnuplot (``GnuplotSessions``); when that one prints anything or leaves a picture missing,
  /// a one-shot gnuplot draws it again and its exit status and first output line decide, as
  /// without sessions.
  public static func draw(
    script: String, in directory: String, outputBase: String, gnuplot: String?? = nil,
    sessions: GnuplotSessions? = nil
  ) throws -> Outcome {
    guard let executable = gnuplot ?? Gnuplot.executablePath() else { return .gnuplotMissing }
    let temporary = ".spintransport-figure.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let full = "outbase = \(GnuplotScript.quotedFileName(temporary))\n" + script
    let fm = FileManager.default
    let produced = ["png", "svg"].map {
      (directory + "/" + temporary + "." + $0, directory + "/" + outputBase + "." + $0)
    }
    // gnuplot reads stdin one byte per system call: hand it the script as a (hidden) file.
    let scriptFile = temporary + ".gp"
    defer {
      for (t, _) in produced { try? fm.removeItem(atPath: t) }
      try? fm.removeItem(atPath: directory + "/" + scriptFile)
    }
    try writeAtomically(full, to: directory + "/" + scriptFile)
    let allProduced = { produced.allSatisfy { fm.fileExists(atPath: $0.0) } }
    let drawnInSession =
      sessions.map { $0.executable == executable && $0.run(scriptFile: scriptFile, directory: directory) } ?? false
    if !(drawnInSession && allProduced()) {
      let result = try Gnuplot.run(scriptFile: scriptFile, executable: executable, directory: directory)
      if result.status != 0 || !allProduced() {
        let line = result.output.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return .gnuplotFailed(line.map(String.init) ?? "gnuplot exit status \(result.status)")
      }
    }
    // Each picture goes where OutputTarget says: renamed onto a regular file (a link's target),
    // written through to a device or FIFO (never replacing the node).
    for (t, final) in produced {
      switch try OutputTarget.resolve(final) {
      case .regularFile(let path):
        guard rename(t, path) == 0 else { throw OutputPathError(final, String(cString: strerror(errno))) }
      case let target:
        guard let data = fm.contents(atPath: t) else { throw OutputPathError(final, "gnuplot's picture is unreadable") }
        try target.write(data, shownAs: final)
      }
    }
    return .rendered
  }
}
