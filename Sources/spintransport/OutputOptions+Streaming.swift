import Foundation
import SpinTransport

extension OutputOptions {
  /// A writer that streams rows to `--output` (through a temporary renamed at the end) or to
  /// stdout, in `--format`. Call ``finish(_:metadata:warnings:)`` when every row is out.
  func streamingWriter(columns: [String]) throws -> StreamingTableWriter {
    try StreamingTableWriter(columns: columns, format: format, path: output)
  }

  /// Prints the warnings on stderr (as ``emit(_:)`` does), then closes the table: JSON metadata
  /// with `warnings`, and the rename onto `--output`.
  func finish(_ writer: StreamingTableWriter, metadata: [String: JSONValue], warnings: [NumericalWarning]) throws {
    for w in warnings.deduplicated() {
      FileHandle.standardError.write(Data("warning: \(w.message)\n".utf8))
    }
    try writer.finish(metadata: metadata, warnings: warnings)
  }
}

extension OutputOptions {
  /// A ``/Diagnostics/ProgressReporter`` on stderr for `total` units, or nil with `--quiet`.
  ///
  /// Silent for the first 2 s (short runs print nothing); the environment variable
  /// `SPINTRANSPORT_PROGRESS_AFTER` (seconds) changes that delay (``ProgressReporter/defaultDelay``).
  func progressReporter(_ label: String, total: Int, unit: String) -> ProgressReporter? {
    guard !quiet else { return nil }
    return ProgressReporter(label, total: total, unit: unit)
  }
}
