import ArgumentParser
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport reproduce`: every paper figure (or the chosen ones) with data, PNG/SVG and index.md.
  struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Reproduce the paper figures: DIR/<id>/{data.csv,meta.json,figure.png,figure.svg,figure.gp} + DIR/index.{md,html}.",
      discussion: """
        Figures run in parallel on all cores. index.md (and the gallery index.html) lists every \
        planned figure: built, or "missing — not yet implemented" when its model does not exist \
        yet. Without gnuplot the data and figure.gp scripts are still written. Prints the total \
        time and the slowest figures.
        --save-study FILE (with one --figure) writes the study the figure's data come from and \
        exits: `spintransport run FILE --out DIR` computes the same table (copy it, change a value, \
        run it). A figure made of several studies (one per curve or panel) writes one file each, \
        named FILE with -NAME before its extension (fig.toml → fig-xi-0.01.toml, …), listed on stderr.
        """)

    @Option(
      name: .customLong("figure"), parsing: .singleValue, help: "Figure id to reproduce (repeatable; default: all).")
    var figures: [String] = []

    @Option(name: .long, help: "Output directory.")
    var out = "results"

    @Flag(name: .long, help: "List the figure ids with their status (built, long, missing) and caption, and exit.")
    var list = false

    @Flag(
      name: .customLong("long"),
      help: "Also run the long figures (minutes each; skipped by default, listed in index.md).")
    var includeLong = false

    @Flag(name: .long, help: "Silence the per-figure progress lines on stderr.")
    var quiet = false

    @Option(
      name: .customLong("save-study"),
      help: "Write the study (TOML) of the one --figure to FILE (several: FILE-NAME.ext each) and exit.")
    var saveStudy: String?

    /// The figures of this invocation's tree (``CommandTree/standard``: every shipped figure).
    static var reproduction: Reproduction { CommandTree.current.reproduction }

    func validate() throws {
      // Thrown from validate(), errors reach main() wrapped: report them as ValidationError (exit 2).
      do {
        try Self.reproduction.validate(ids: figures)
        if let saveStudy {
          _ = try studiesToSave(into: saveStudy)
        } else if !list {
          try OutputTarget.checkDirectory(out)
        }
      } catch let error as InvalidParameter {
        throw ValidationError(error.description)
      } catch let error as OutputPathError {
        throw ValidationError("invalid value for --out: " + error.description)
      }
    }

    /// The files `--save-study FILE` writes, with their studies: one --figure, built from studies.
    func studiesToSave(into path: String) throws -> [(path: String, study: FigureStudy)] {
      guard figures.count == 1, let figure = Self.reproduction.figures.first(where: { $0.id == figures[0] }) else {
        throw ValidationError(
          "invalid value for --save-study: \(path) (needs exactly one built --figure ID; given: "
            + (figures.isEmpty ? "none" : figures.joined(separator: ", ")) + ")")
      }
      guard !figure.studies.isEmpty else {
        throw ValidationError(
          "invalid value for --figure: \(figure.id) (its data are computed in code, not from a study; "
            + "--save-study takes a figure built from studies)")
      }
      return figure.studies.map { (FigureStudy.path(path, for: $0, of: figure.studies.count), $0) }
    }

    func run() throws {
      let reproduction = Self.reproduction
      if let saveStudy {
        let files = try studiesToSave(into: saveStudy)
        for (path, study) in files {
          let points = try study.study().pointCount
          do { try writeAtomically(study.tomlText, to: path) } catch let error as OutputPathError {
            throw ValidationError("invalid value for --save-study: " + error.description)
          }
          FileHandle.standardError.write(
            Data(
              "wrote \(path): \(study.request.computation.name), \(points) point\(points == 1 ? "" : "s")\n".utf8))
        }
        FileHandle.standardError.write(
          Data("run with: spintransport run FILE --out DIR (each file written above)\n".utf8))
        return
      }
      if list {
        let built = Set(reproduction.figures.map(\.id))
        let long = Set(reproduction.figures.filter(\.long).map(\.id))
        let captions = Dictionary(
          reproduction.planned.map { ($0.id, $0.caption) } + reproduction.figures.map { ($0.id, $0.caption) },
          uniquingKeysWith: { a, _ in a })
        // id, status, caption (tab-separated: one figure a line).
        for id in reproduction.knownIDs {
          let status = built.contains(id) ? (long.contains(id) ? "built (long)" : "built") : "missing"
          try printLine("\(id)\t\(status)\t\(captions[id] ?? "")")
        }
        return
      }
      let quiet = self.quiet
      let report = try reproduction.run(
        ids: figures, outputDirectory: out, provenance: Provenance(toolVersion: SpinTransportVersion.string),
        includeLong: includeLong,
        log: { line in if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) } })
      for id in report.missing {
        FileHandle.standardError.write(Data("note: \(id) is not yet implemented (listed as missing)\n".utf8))
      }
      if report.runs.contains(where: { $0.outcome == .gnuplotMissing }) {
        FileHandle.standardError.write(Data("note: \(FigureRenderer.gnuplotMissingMessage)\n".utf8))
      }
      for run in report.runs {
        if case .gnuplotFailed(let line)? = run.outcome {
          FileHandle.standardError.write(Data("warning: gnuplot failed for \(run.id): \(line)\n".utf8))
        }
        for w in run.warnings { FileHandle.standardError.write(Data("warning: \(run.id): \(w)\n".utf8)) }
      }
      let slowest = report.slowest.prefix(5).map { String(format: "%@ %.1f s", $0.id, $0.totalSeconds) }
      try printLine(
        String(format: "reproduced %d figure(s) in %.1f s", report.runs.count - report.failed.count, report.wallSeconds)
      )
      if !slowest.isEmpty { try printLine("slowest: " + slowest.joined(separator: ", ")) }
      try printLine("index: \(report.indexPath)")
      try printLine("gallery: \(report.galleryPath)")
      if !report.failed.isEmpty {
        for f in report.failed { FileHandle.standardError.write(Data("error: \(f.id): \(f.failure ?? "")\n".utf8)) }
        throw ExitCode.failure
      }
    }
  }
}
