import Foundation
import SpinTransport

/// `--model FILE` on a catalogue command: the computation specialised to the model file, read
/// before option values are parsed so that the file's own parameters are options too.
enum ModelFileOption {
  /// When `arguments` hold `--model FILE` (or `--model=FILE`) and `computation` has a text
  /// parameter `model`: the computation specialised to FILE (its `[params]` appended) and the
  /// arguments with FILE made absolute (so a `--save-study` file names it from anywhere).
  /// Otherwise both unchanged. Errors in the file are its located ``ModelFileError`` (exit 2).
  static func apply(to computation: any Computation, _ arguments: [String]) throws -> (any Computation, [String]) {
    guard computation.parameter(named: "model")?.domain == .text else { return (computation, arguments) }
    var rewritten = arguments
    var file: String?
    for (i, token) in arguments.enumerated() {
      if token == "--model", i + 1 < arguments.count {
        file = arguments[i + 1]
        rewritten[i + 1] = absolute(arguments[i + 1])
      } else if token.hasPrefix("--model=") {
        file = String(token.dropFirst("--model=".count))
        rewritten[i] = "--model=" + absolute(file!)
      }
    }
    guard let file, !file.isEmpty else { return (computation, arguments) }
    let specialised = try computation.specialized(modelFile: URL(fileURLWithPath: absolute(file)))
    return (specialised, rewritten)
  }

  static func absolute(_ path: String) -> String {
    path.isEmpty ? path : URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
