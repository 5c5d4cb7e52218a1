import ArgumentParser
import Diagnostics
import Foundation
import LinearAlgebra
import SpinTransport
import Studies
import TimeIntegration

/// Root command. Subcommand groups live in one file each (`extension SpinTransportCLI { struct … }`).
@main
struct SpinTransportCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "spintransport",
    abstract: "Spin transport in mesoscopic magnets: persistent charge/spin currents, magnon currents, spin diffusion.",
    discussion: """
      Every command prints a table: CSV on stdout by default, --format json for \
      {"columns", "rows", "metadata"}, -o FILE to write it atomically. Bad input gives a one-line \
      error and exit status 2; numerical trouble gives a warning on stderr.
      """,
    version: SpinTransportVersion.string,
    subcommands: [
      Doctor.self, Ring.self, Magnon.self, Definitions.self, Diffusion.self, Relaxation.self, Reproduce.self, Run.self,
      Merge.self, Plot.self, Models.self, Model.self,
    ]
  )

  /// Parses, runs, and maps errors to the project's exit statuses:
  /// 0 success (and --help/--version), 2 bad input (parse/validation/``/Diagnostics/InvalidParameter``)
  /// or a time integration that cannot meet its tolerance (`IntegrationFailure`:
  /// the time reached and why), 1 any other failure. Errors are one line on stderr.
  static func main() {
    // Before any BLAS work: restart with the matching OpenBLAS kernel if OpenBLAS fell back to a generic one.
    OpenBLASKernel.selectMatchingKernel(arguments: CommandLine.arguments)
    let arguments = CommandLineChecks.normalized(Array(CommandLine.arguments.dropFirst()))
    do {
      if let repeated = CommandLineChecks.repeatedOption(in: arguments) { throw repeated }
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // --help and --version: their text through the one checked stdout writer.
        let text = fullMessage(for: error)
        do {
          if !text.isEmpty { try OutputTarget.writeStandardOutput(text + "\n") }
          Foundation.exit(0)
        } catch {
          FileHandle.standardError.write(Data("spintransport: error: \(error)\n".utf8))
          Foundation.exit(2)
        }
      }
      if let e = error as? ExitCode { Foundation.exit(e.rawValue) }
      let text: String
      if error is InvalidParameter || error is OutputPathError || error is GnuplotScript.UnsafeName
        || error is StudyMerge.MergeError || error is IntegrationFailure || error is ModelFileError
      {
        text = "\(error)"
      } else {
        text = CommandLineChecks.explained(message(for: error), args: arguments)
      }
      let firstLine = CommandLineChecks.oneLine(text, args: arguments)
      FileHandle.standardError.write(Data("spintransport: error: \(firstLine)\n".utf8))
      let isInputError =
        error is InvalidParameter || error is OutputPathError || error is GnuplotScript.UnsafeName
        || error is IntegrationFailure || error is ModelFileError || code == .validationFailure
      Foundation.exit(isInputError ? 2 : 1)
    }
  }
}
