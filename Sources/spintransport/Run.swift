import ArgumentParser
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport run STUDY.toml --out DIR`: a resumable parallel parameter study.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a study file (TOML): sweep a model over a 1D or 2D grid → DIR/{data.csv,meta.json,figure.*}.",
      discussion: """
        The schema is in docs/studies.md; models: \(Catalogue.standard.names) (parameters: spintransport models).
        Points run in parallel; each finished point is checkpointed in DIR/.checkpoint-<hash>.jsonl, so an
        interrupted run (even kill -9) resumes when the same command is run again and recomputes nothing
        that finished. A changed study file gets a new checkpoint (old points are not reused).
        """)

    @Argument(help: "The study file (TOML).")
    var study: String

    @Option(name: .long, help: "Output directory (created if needed).")
    var out: String

    @Flag(name: .long, help: "Silence progress lines on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Ignore any checkpoint of this study and compute every point again.")
    var fresh = false

    func validate() throws {
      do {
        _ = try Study.load(path: study, catalogue: .standard)
        try OutputTarget.checkDirectory(out)
      } catch let error as StudyFileError {
        throw ValidationError(error.description)
      } catch let error as OutputPathError {
        throw ValidationError("invalid value for --out: " + error.description)
      }
    }

    func run() throws {
      let resolved = try Study.load(path: study, catalogue: .standard)
      let model = Catalogue.standard.computation(named: resolved.modelName)!
      var runner = StudyRunner(
        study: resolved, model: model, outputDirectory: out,
        provenance: Provenance(toolVersion: SpinTransportVersion.string))
      runner.fresh = fresh
      runner.progressAfter = ProgressReporter.defaultDelay
      if !quiet { runner.progress = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) } }
      let report = try runner.run()
      for path in report.staleCheckpoints {
        FileHandle.standardError.write(
          Data("note: \(path) belongs to a different (changed) study; its points were not used\n".utf8))
      }
      for w in report.warnings { FileHandle.standardError.write(Data("warning: \(w.message)\n".utf8)) }
      if report.figure == .gnuplotMissing {
        FileHandle.standardError.write(Data("note: \(FigureRenderer.gnuplotMissingMessage)\n".utf8))
      } else if case .gnuplotFailed(let line) = report.figure {
        FileHandle.standardError.write(Data("warning: gnuplot failed: \(line)\n".utf8))
      }
      print(
        String(
          format: "%d points (%d computed, %d resumed), %d rows in %.2f s → %@/data.csv",
          report.pointCount, report.computedPoints, report.resumedPoints, report.table.rows.count,
          report.elapsedSeconds, out))
    }
  }
}
