import Foundation

/// A study resolved against its model: every parameter value, the grid of points, the output
/// columns and the figure — what `spintransport run` executes.
///
/// Points: the first sweep is the outer (slow) axis, the second the inner one; `points[i]` holds
/// every model parameter. `data.csv` has the swept parameters' columns, then the chosen outputs.
public struct Study: Sendable {
  /// One swept parameter and its values, in order.
  public struct Axis: Sendable, Equatable {
    public let parameter: String
    public let values: [Double]
    public init(parameter: String, values: [Double]) {
      self.parameter = parameter
      self.values = values
    }
  }

  public let title: String
  public let modelName: String
  /// Every model parameter: fixed values from the file, defaults for the rest (swept ones hold
  /// their default here; each point overrides them).
  public let parameters: [String: Double]
  /// Parameter names in the model's order (for stable reports).
  public let parameterOrder: [String]
  /// Names the file fixed explicitly (the rest are defaults).
  public let fixedNames: [String]
  public let sweeps: [Axis]
  /// Chosen output columns (a subset of the model's, in the model's order).
  public let outputs: [String]
  /// Indices of ``outputs`` in the model's output list.
  public let outputIndices: [Int]
  public let plot: PlotSpec

  public init(
    title: String, modelName: String, parameters: [String: Double], parameterOrder: [String], fixedNames: [String],
    sweeps: [Axis], outputs: [String], outputIndices: [Int], plot: PlotSpec
  ) {
    self.title = title
    self.modelName = modelName
    self.parameters = parameters
    self.parameterOrder = parameterOrder
    self.fixedNames = fixedNames
    self.sweeps = sweeps
    self.outputs = outputs
    self.outputIndices = outputIndices
    self.plot = plot
  }

  /// Columns of `data.csv`: swept parameters, then outputs.
  public var columns: [String] { sweeps.map(\.parameter) + outputs }

  /// Every grid point as a full parameter set, outer sweep slowest.
  public var points: [[String: Double]] {
    var result: [[String: Double]] = [parameters]
    for axis in sweeps {
      result = result.flatMap { base in
        axis.values.map { v in
          var p = base
          p[axis.parameter] = v
          return p
        }
      }
    }
    return result
  }

  /// Canonical text of everything that determines the data (model, parameter values, grid,
  /// outputs; not the title or figure). Numbers are shortest round-trip decimals, keys sorted.
  public var canonicalDescription: String {
    var s = "spintransport-study v1\nmodel=\(modelName)\n"
    for name in parameters.keys.sorted() { s += "parameter \(name)=\(parameters[name]!)\n" }
    for axis in sweeps { s += "sweep \(axis.parameter)=" + axis.values.map { "\($0)" }.joined(separator: ",") + "\n" }
    s += "outputs=" + outputs.joined(separator: ",") + "\n"
    return s
  }

  /// 64-bit FNV-1a hash of ``canonicalDescription`` in hex: names the checkpoint file.
  /// (Identification, not security: the checkpoint also stores the full canonical text and
  /// is reused only when that text matches exactly.)
  public var fingerprint: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in canonicalDescription.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16).leftPadded(to: 16)
  }

  /// Resolved parameters for meta.json (sweep values listed in full).
  public var metadata: [String: JSONValue] {
    var fixed: [String: JSONValue] = [:]
    for name in parameterOrder where !sweeps.contains(where: { $0.parameter == name }) {
      fixed[name] = .number(parameters[name]!)
    }
    return [
      "title": .string(title),
      "model": .string(modelName),
      "parameters": .object(fixed),
      "parameters_from_file": .array(fixedNames.map(JSONValue.string)),
      "sweeps": .array(
        sweeps.map { .object(["parameter": .string($0.parameter), "values": .array($0.values.map(JSONValue.number))]) }),
      "outputs": .array(outputs.map(JSONValue.string)),
      "fingerprint": .string(fingerprint),
    ]
  }
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
