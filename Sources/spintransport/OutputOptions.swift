import ArgumentParser
import Foundation
import SpinTransport
import Studies

/// Output options shared by every table-producing command.
struct OutputOptions: ParsableArguments {
  @Option(name: .long, help: "Output format: csv or json.")
  var format: OutputFormat = .csv

  @Option(name: [.short, .customLong("output")], help: "Write the table to FILE (atomically) instead of stdout.")
  var output: String?

  @Flag(name: .long, help: "Silence progress lines on stderr (warnings are still printed).")
  var quiet = false

  /// Checks `-o FILE` before anything is computed: a bad path is refused in one line (exit 2).
  func validate() throws {
    // Thrown from validate(), errors reach main() wrapped: report them as ValidationError (exit 2).
    if let output {
      do { _ = try OutputTarget.resolve(output) } catch let error as OutputPathError {
        throw ValidationError(error.description)
      }
    }
  }

  /// Prints warnings to stderr, then writes the table to stdout or atomically to `--output`.
  func emit(_ table: ResultTable) throws {
    for w in table.warnings.deduplicated() {
      FileHandle.standardError.write(Data("warning: \(w.message)\n".utf8))
    }
    let text = try table.rendered(format)
    if let output { try writeAtomically(text, to: output) } else { try OutputTarget.writeStandardOutput(text) }
  }

  /// Prints a progress line on stderr unless `--quiet`.
  func progress(_ message: String) {
    if !quiet { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
  }
}

extension OutputFormat: ExpressibleByArgument {}

/// Writes `line` and a newline to stdout; a failed write is an error (see
/// ``/Studies/OutputTarget/writeStandardOutput(_:)``). Commands print only through this.
func printLine(_ line: String) throws { try OutputTarget.writeStandardOutput(line + "\n") }
