import Foundation

/// A model file read and compiled once, kept by the computation specialised for it.
///
/// The catalogue entry specialised for a model file (``/Studies/Computation/specialized(modelFile:)``)
/// holds the file it read; its check, prepare and evaluate take the file from here instead of reading
/// and compiling it again for every point. A point that names another file (a study of the base entry)
/// reads that one.
public struct CompiledModelFile<File: Sendable>: Sendable {
  /// The file's standardised absolute path.
  public let path: String
  /// The file as its family's builder read it (expressions compiled).
  public let file: File

  public init(_ file: File, at url: URL) {
    path = url.standardizedFileURL.path
    self.file = file
  }

  /// The file named `path` (a `model` parameter's value): `compiled`'s when it is the same file,
  /// else what `load` reads. Throws `load`'s error.
  public static func file(
    named path: String, compiled: CompiledModelFile?, load: (URL) throws -> File
  ) throws -> File {
    let url = URL(fileURLWithPath: path)
    if let compiled, compiled.path == url.standardizedFileURL.path { return compiled.file }
    return try load(url)
  }
}
