import ArgumentParser
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport merge DIR… [--out DIR]`: the outputs of a study run as job-array shards.
  ///
  /// Every DIR must hold `study.toml` (kept by `run`) of the same study (fingerprint and
  /// canonical text) and shard checkpoints `.checkpoint-<fingerprint>.shard-I-of-N.jsonl`.
  /// The union must hold every point exactly once; then the shards become the study's
  /// ordinary checkpoint in the output directory and the single-process writer produces
  /// data.csv (byte-identical to a one-process run), meta.json and the figure.
  /// Failure modes: no/unreadable study.toml or different studies → exit 2; missing points
  /// (listed, with the shards to rerun) or duplicated points → exit 1; nothing is written.
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge the shard checkpoints of `run --shard I/N` into data.csv/meta.json/figure.",
      discussion: """
        Checks that every DIR holds the same study (DIR/study.toml, fingerprint) and that the shards cover every \
        point exactly once; missing point indices are listed with the shards to rerun (exit 1).
        """)

    @Argument(help: "Directories written by `spintransport run STUDY --out DIR --shard I/N`.")
    var directories: [String] = []

    @Option(name: .long, help: "Output directory (default: the first DIR).")
    var out: String?

    @Flag(name: .long, help: "Silence notes on stderr.")
    var quiet = false

    func validate() throws {
      guard !directories.isEmpty else {
        throw ValidationError(
          "invalid value for DIR: (none) (allowed: at least one directory written by `run --shard`)")
      }
      _ = try studies()
      if let out {
        do { try OutputTarget.checkDirectory(out) } catch let error as OutputPathError {
          throw ValidationError("invalid value for --out: " + error.description)
        }
      }
    }

    /// The study of every DIR (from DIR/study.toml); all the same, else a validation error.
    func studies() throws -> Study {
      var first: (dir: String, study: Study)?
      for dir in directories {
        let path = dir + "/study.toml"
        let study: Study
        do {
          study = try Study.load(path: path, catalogue: CommandTree.current.catalogue)
        } catch let error as StudyFileError {
          throw ValidationError(
            FileManager.default.fileExists(atPath: path)
              ? error.description
              : "invalid value for DIR: \(dir) (allowed: a directory written by `spintransport run --shard`, holding study.toml)"
          )
        }
        if let first, first.study.canonicalDescription != study.canonicalDescription {
          throw ValidationError(
            "invalid value for DIR: \(dir) holds study \(study.fingerprint), \(first.dir) holds \(first.study.fingerprint) "
              + "(allowed: shards of one study)")
        }
        if first == nil { first = (dir, study) }
      }
      return first!.study
    }

    func run() throws {
      let study = try studies()
      let output = out ?? directories[0]
      let model = try CommandTree.current.catalogue.computation(for: study)
      if output != directories[0] {
        try StudyRunner.checkOwnership(
          of: output, by: study, catalogue: CommandTree.current.catalogue,
          remedy: "choose another --out or remove its study.toml")
      }
      let summary = try StudyMerge.combine(study: study, directories: directories, output: output)
      if output != directories[0], !FileManager.default.fileExists(atPath: output + "/study.toml") {
        try writeAtomically(
          try String(contentsOfFile: directories[0] + "/study.toml", encoding: .utf8), to: output + "/study.toml")
      }
      let runner = StudyRunner(
        study: study, model: model, outputDirectory: output,
        provenance: Provenance(toolVersion: SpinTransportVersion.string))
      let report = try runner.run()
      // meta.json records what was merged (written last, atomically, as by the runner).
      let metaPath = output + "/meta.json"
      if let data = FileManager.default.contents(atPath: metaPath),
        case .object(var meta)? = try? JSONDecoder().decode(JSONValue.self, from: data)
      {
        meta["merged"] = .object([
          "shard_count": .integer(summary.shardCount),
          "shard_checkpoints": .array(summary.shardFiles.map { .string($0) }),
        ])
        try writeAtomically(try prettyJSON(.object(meta)), to: metaPath)
      }
      if !quiet {
        for w in report.warnings { FileHandle.standardError.write(Data("warning: \(w.message)\n".utf8)) }
        if report.figure == .gnuplotMissing {
          FileHandle.standardError.write(Data("note: \(FigureRenderer.gnuplotMissingMessage)\n".utf8))
        }
      }
      try printLine(
        "merged \(summary.shardFiles.count) shard checkpoint(s) of \(summary.shardCount): \(report.pointCount) points, "
          + "\(report.table.rows.count) rows → \(output)/data.csv")
    }
  }
}
