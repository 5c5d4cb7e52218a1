import Diagnostics
import Foundation

/// A study resolved against its model: every parameter value, the grid of points, the output
/// columns and the figure — what `spintransport run` executes.
///
/// Points: the first sweep is the outer (slow) axis, the second the inner one; `points[i]` holds
/// every model parameter. `data.csv` has the swept parameters' columns, then the chosen outputs.
public struct Study: Sendable {
  /// One swept parameter (by ``/Diagnostics/Parameter/id``) and its values, in order.
  public struct Axis: Sendable, Equatable {
    public let parameter: String
    public let values: [ParameterValue]
    public init(parameter: String, values: [ParameterValue]) {
      self.parameter = parameter
      self.values = values
    }
    /// Numeric sweep values.
    public init(parameter: String, numbers: [Double]) {
      self.init(parameter: parameter, values: numbers.map(ParameterValue.number))
    }
    /// How the values are written: a `range` (linear START:STOP:COUNT reproduced exactly by
    /// ``SweepRange``) or an explicit list.
    public var numbers: [Double]? {
      let xs = values.compactMap(\.number)
      return xs.count == values.count ? xs : nil
    }
  }

  public let title: String
  public let modelName: String
  /// Every parameter: fixed values from the file or command line, defaults for the rest
  /// (swept ones hold their default, if any; each point overrides them).
  public let parameters: ParameterValues
  /// Parameter ids in the computation's order (for stable reports).
  let parameterOrder: [String]
  /// Ids the file or command line fixed explicitly (the rest are defaults).
  let fixedNames: [String]
  public let sweeps: [Axis]
  /// Chosen output columns (a subset of the computation's, in the order asked for).
  public let outputs: [String]
  /// Indices of ``outputs`` in the computation's output list.
  public let outputIndices: [Int]
  public let plot: PlotSpec
  /// Ensemble statistics written as `aggregate.csv` (the `[aggregate]` section); nil: none.
  /// Not part of ``canonicalDescription``: it changes no point, only what is derived from them.
  var aggregate: StudyAggregate? = nil
  /// The lines ``/Studies/Computation/prepare(_:log:)`` logged when the parser checked every
  /// point (nil: not prepared yet). The runner shows them instead of preparing a second time, so
  /// each point is checked, and the memory estimated, once.
  public internal(set) var preparationLog: [String]? = nil

  public init(
    title: String, modelName: String, parameters: ParameterValues, parameterOrder: [String], fixedNames: [String],
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

  /// Number of grid points (product of the sweep lengths).
  public var pointCount: Int { sweeps.reduce(1) { $0 * $1.values.count } }

  /// Grid point `index` as a full parameter set (outer sweep slowest).
  public func point(_ index: Int) -> ParameterValues {
    var p = parameters
    var rest = index
    for axis in sweeps.reversed() {
      p[axis.parameter] = axis.values[rest % axis.values.count]
      rest /= axis.values.count
    }
    return p
  }

  /// Every grid point as a full parameter set, outer sweep slowest.
  public var points: [ParameterValues] { (0..<pointCount).map(point) }

  /// Canonical text of everything that determines the data (model, parameter values, grid,
  /// outputs; not the title or figure). Numbers are shortest round-trip decimals, keys sorted.
  public var canonicalDescription: String {
    var s = "spintransport-study v2\nmodel=\(modelName)\n"
    for name in parameters.values.keys.sorted() { s += "parameter \(name)=\(Self.canonical(parameters[name]!))\n" }
    for axis in sweeps {
      s += "sweep \(axis.parameter)=" + axis.values.map(Self.canonical).joined(separator: ",") + "\n"
    }
    s += "outputs=" + outputs.joined(separator: ",") + "\n"
    return s
  }

  static func canonical(_ v: ParameterValue) -> String {
    switch v {
    case .number(let x): return "\(x)"
    // Within 2⁵³ an integer prints as its Double did, so existing studies keep their fingerprints.
    case .integer(let i): return Double(exactly: i).map { "\($0)" } ?? String(i)
    case .text(let t): return "'" + t + "'"
    case .numbers(let xs): return "[" + xs.map { "\($0)" }.joined(separator: ",") + "]"
    }
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
      if let v = parameters[name] { fixed[name] = v.json }
    }
    return [
      "title": .string(title),
      "model": .string(modelName),
      "parameters": .object(fixed),
      "parameters_from_file": .array(fixedNames.map(JSONValue.string)),
      "sweeps": .array(
        sweeps.map { .object(["parameter": .string($0.parameter), "values": .array($0.values.map(\.json))]) }),
      "outputs": .array(outputs.map(JSONValue.string)),
      "fingerprint": .string(fingerprint),
    ]
  }
}

extension ParameterValue {
  /// As JSON: a number, a string or an array of numbers.
  public var json: JSONValue {
    switch self {
    case .number(let x): return .number(x)
    case .integer(let i): return .integer(i)
    case .text(let t): return .string(t)
    case .numbers(let xs): return .array(xs.map(JSONValue.number))
    }
  }

  /// As a table cell.
  public var cell: TableValue {
    switch self {
    case .number(let x): return .number(x)
    // An integer parameter (a realisation, a site count) prints as an integer: `4`, not `4.0`.
    case .integer(let i): return .integer(i)
    case .text(let t): return .text(t)
    case .numbers: return .text(description)
    }
  }
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
