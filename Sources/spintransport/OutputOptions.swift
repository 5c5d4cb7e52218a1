import ArgumentParser
import Foundation
import SpinTransport

/// Where and how a catalogue command writes its table: `--format`, `-o/--output`, `--quiet`
/// (parsed with the command's other options, ``CatalogueCommandLine``).
struct OutputOptions {
  var format: OutputFormat = .csv
  var output: String?
  var quiet = false

  /// Checks `-o FILE` before anything is computed: a bad path is refused in one line (exit 2).
  func validate() throws {
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

/// Writes `line` and a newline to stdout; a failed write is an error (see
/// ``/Studies/OutputTarget/writeStandardOutput(_:)``). Commands print only through this.
func printLine(_ line: String) throws { try OutputTarget.writeStandardOutput(line + "\n") }
