import ArgumentParser
import Cluster
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport run STUDY.toml --out DIR`: a resumable parallel parameter study.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a study file (TOML): sweep a model over a 1D or 2D grid → DIR/{data.csv,meta.json,figure.*}.",
      discussion: """
        The schema is in docs/studies.md; models: \(CommandTree.current.catalogue.names) (parameters: spintransport models).
        Points run in parallel; each finished point is checkpointed in DIR/.checkpoint-<hash>.jsonl, so an \
        interrupted run (even kill -9) resumes when the same command is run again and recomputes nothing \
        that finished. A changed study file gets a new checkpoint (old points are not reused).
        A copy of the study is kept as DIR/study.toml.
        Clusters (docs/cluster.md): under `mpirun -np K` the points are spread over the ranks and rank 0 \
        writes the outputs. --shard I/N (default from SLURM_ARRAY_TASK_ID/…_COUNT, SGE_TASK_ID/FIRST/LAST/STEPSIZE, \
        or PBS_ARRAY_INDEX with --shard-count) computes only points i with i % N = I−1 into its own checkpoint \
        and writes no data.csv; `spintransport merge DIR…` then writes the outputs.
        """)

    @Argument(help: "The study file (TOML).")
    var study: String

    @Option(name: .long, help: "Output directory (created if needed).")
    var out: String

    @Flag(name: .long, help: "Silence progress lines on stderr.")
    var quiet = false

    @Flag(
      name: .long,
      help: "Ignore any checkpoint and compute every point again (and replace another study's DIR/study.toml).")
    var fresh = false

    @Option(name: .long, help: "Compute only the I-th of N strided slices of the points (1 ≤ I ≤ N), e.g. 2/8.")
    var shard: String?

    @Option(
      name: .long, help: "N ≥ 1 for a PBS job array (PBS_ARRAY_INDEX / PBS_ARRAYID give I; run the array as 1…N).")
    var shardCount: String?

    func validate() throws {
      do {
        _ = try Study.load(path: study, catalogue: CommandTree.current.catalogue)
        try OutputTarget.checkDirectory(out)
        _ = try chosenShard()
      } catch let error as StudyFileError {
        throw ValidationError(error.description)
      } catch let error as OutputPathError {
        throw ValidationError("invalid value for --out: " + error.description)
      } catch let error as InvalidParameter {
        throw ValidationError(error.description)
      }
    }

    /// The shard from --shard, else from a job-array scheduler's variables; nil for a whole run.
    /// Under mpirun the scheduler's variables are ignored (an MPI job inside an array task
    /// runs the whole study); an explicit --shard is refused.
    func chosenShard() throws -> StudyShard? {
      let count = try shardCount.map { text in
        guard let n = Int(text), n >= 1 else {
          throw InvalidParameter("--shard-count", text, allowed: "an integer ≥ 1")
        }
        return n
      }
      let underMPI = MPIProcess.launchedByMPI()
      let chosen =
        try shard.map(StudyShard.init(parsing:))
        ?? (underMPI ? nil : StudyShard.fromEnvironment(ProcessInfo.processInfo.environment, count: count))
      if let chosen, underMPI {
        throw InvalidParameter(
          "--shard", chosen.description,
          allowed: "a shard run as a single process (not under mpirun; use one or the other)")
      }
      return chosen
    }

    func run() throws {
      let catalogue = CommandTree.current.catalogue
      let resolved = try Study.load(path: study, catalogue: catalogue)
      let model = try catalogue.computation(for: resolved)
      let shard = try chosenShard()
      // Everything the study needs is checked before anything is created: the points (files
      // they read, memory) and the directory's owner.
      let mine = shard.map { $0.points(of: resolved.pointCount).map(resolved.point) } ?? resolved.points
      try model.prepare(mine, log: { _ in })
      if !fresh { try StudyRunner.checkOwnership(of: out, by: resolved, catalogue: catalogue) }
      try OutputTarget.createDirectory(out)
      try keepStudyCopy()
      if let shard {
        try runShard(shard, resolved, model)
        return
      }
      MPIPointExecutor.activateIfLaunched()
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
      try printLine(
        String(
          format: "%d points (%d computed, %d resumed), %d rows in %.2f s → %@/data.csv",
          report.pointCount, report.computedPoints, report.resumedPoints, report.table.rows.count,
          report.elapsedSeconds, out))
    }

    /// DIR/study.toml: the study's text, so `merge` (and a later reader) knows what DIR holds.
    func keepStudyCopy() throws {
      let target = out + "/study.toml"
      func real(_ p: String) -> String { URL(fileURLWithPath: p).resolvingSymlinksInPath().standardizedFileURL.path }
      if FileManager.default.fileExists(atPath: target), real(study) == real(target) { return }
      var text = try String(contentsOfFile: study, encoding: .utf8)
      // A model file named relative to the study file: the copy names it absolutely.
      if let model = try Study.load(path: study, catalogue: CommandTree.current.catalogue).parameters["model"]?.text {
        text = Study.withModelPath(text, resolvedPath: model)
      }
      try writeAtomically(text, to: target)
    }

    /// `--shard I/N`: this shard's points into its checkpoint; no table.
    func runShard(_ shard: StudyShard, _ resolved: Study, _ model: any Computation) throws {
      let toStderr: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
      let start = Date()
      let report = try StudyRunner.computeShard(
        study: resolved, model: model, shard: shard, directory: out, fresh: fresh, progress: quiet ? nil : toStderr,
        progressAfter: ProgressReporter.defaultDelay, log: quiet ? { _ in } : toStderr)
      try printLine(
        String(
          format: "shard %@: %d of %d points (%d computed, %d resumed) in %.2f s → %@; then: spintransport merge %@",
          shard.description, report.shardPoints, resolved.pointCount, report.computedPoints, report.resumedPoints,
          Date().timeIntervalSince(start), report.checkpointPath, out))
    }
  }
}
