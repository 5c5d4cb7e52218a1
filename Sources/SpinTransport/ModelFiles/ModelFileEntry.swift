import ModelFiles
import Studies

/// A catalogue entry that takes model files of one family and keeps the one it is specialised for
/// compiled (``/ModelFiles/CompiledModelFile``): the file is read once per specialised entry, not
/// once per point and step.
protocol ModelFileEntry: Computation {
  associatedtype ModelFile: Sendable
  /// The model file this entry is specialised for (nil: the paper's system, or not yet specialised).
  var compiledModel: CompiledModelFile<ModelFile>? { get set }
}
