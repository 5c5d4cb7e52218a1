import ArgumentParser
import Foundation
import SpinTransport

/// Root command. The fixed commands (doctor, reproduce, run, merge, plot, models) are types in
/// `Commands/`; the computation groups come from the catalogue (``CommandTree``).
@main
struct SpinTransportCLI: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "spintransport",
      abstract:
        "Spin transport in mesoscopic magnets: persistent charge/spin currents, magnon currents, spin diffusion.",
      discussion: """
        Every command prints a table: CSV on stdout by default, --format json for \
        {"columns", "rows", "metadata"}, -o FILE to write it atomically. Bad input gives a one-line \
        error and exit status 2; numerical trouble gives a warning on stderr.
        """,
      version: SpinTransportVersion.string,
      subcommands: [Doctor.self] + CommandTree.current.groupCommands + [
        Reproduce.self, Run.self, Merge.self, Plot.self, Models.self, Model.self,
      ]
    )
  }

  /// The shipped entry point: the OpenBLAS kernel check, then ``execute(_:tree:)`` on the
  /// standard tree, and the process exits with its status.
  static func main() {
    // Before any BLAS work: restart with the matching OpenBLAS kernel if OpenBLAS fell back to a generic one.
    OpenBLASKernel.selectMatchingKernel(arguments: CommandLine.arguments)
    Foundation.exit(execute(Array(CommandLine.arguments.dropFirst()), tree: .standard))
  }

  /// Parses `arguments` against the commands of `tree`, runs the command and returns the exit
  /// status: 0 success (and --help/--version), 2 bad input (parse/validation/
  /// ``/Diagnostics/InvalidParameter``) or a time integration that cannot meet its tolerance
  /// (`IntegrationFailure`: the time reached and why), 1 any other failure. Errors are one line
  /// on stderr; nothing is written to stdout before the input is checked.
  static func execute(_ arguments: [String], tree: CommandTree) -> Int32 {
    CommandTree.current = tree
    let arguments = CommandLineChecks.normalized(arguments)
    do {
      if let unknown = CommandLineChecks.unknownName(in: arguments) { throw unknown }
      if let repeated = CommandLineChecks.repeatedOption(in: arguments) { throw repeated }
      var command = try parseAsRoot(arguments)
      try command.run()
      return 0
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        // --help and --version: their text through the one checked stdout writer.
        let text = fullMessage(for: error)
        do {
          if !text.isEmpty { try OutputTarget.writeStandardOutput(text + "\n") }
          return 0
        } catch {
          FileHandle.standardError.write(Data("spintransport: error: \(error)\n".utf8))
          return 2
        }
      }
      if let e = error as? ExitCode { return e.rawValue }
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
      return isInputError ? 2 : 1
    }
  }
}
