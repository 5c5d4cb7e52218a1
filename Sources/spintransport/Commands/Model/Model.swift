import ArgumentParser
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport model …`: model files of your own systems (docs/model-files.md).
  struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Model files (TOML) describing your own systems: check what a file builds.",
      discussion:
        "The format, with worked examples: docs/model-files.md. Computations take a model file with --model FILE.",
      subcommands: [Check.self])

    /// `spintransport model check FILE [--format text|json]`.
    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "What a model file builds: counts of sites and bonds, Hermiticity, symmetries, units, memory per "
          + "route; --format json adds every on-site and hopping matrix (with its flux phase).")

      enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

      @Argument(help: "The model file (TOML).")
      var file: String

      @Option(help: "text or json.")
      var format: Format = .text

      func run() throws {
        let report = try ModelCheck.report(URL(fileURLWithPath: file), shownAs: file)
        switch format {
        case .text: try OutputTarget.writeStandardOutput(report.text)
        case .json: try printLine(try prettyJSON(report.json))
        }
      }
    }
  }
}
