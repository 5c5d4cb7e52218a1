import Diagnostics

/// A model that a study file can sweep: named parameters with defaults and ranges, output columns,
/// and a pure evaluation at one parameter point.
///
/// Model developers register theirs in ``StudyModelRegistry/all`` (one line each). A study file
/// names the model (`[study] model = "…"`), fixes some parameters, sweeps one or two, and picks
/// output columns. Parameter and column names carry their units (`temperature_K`, `current_A`).
public protocol StudyModel: Sendable {
  /// Name used in study files, e.g. "test-function".
  var name: String { get }
  /// One-line description (shown in errors and docs).
  var summary: String { get }
  /// Every parameter, in the order used for reporting.
  var parameters: [StudyParameter] { get }
  /// Output column names (with units), in the order of ``evaluate(_:)``'s row values.
  var outputs: [String] { get }
  /// Evaluates the model at one point; every row has one value per entry of ``outputs``.
  ///
  /// `parameters` holds every parameter name (defaults filled in, values already checked
  /// against ``StudyParameter/range``). Must be pure and thread-safe: points run in parallel.
  /// A point may return several rows (e.g. one per band). Throws for failures of the point.
  func evaluate(_ parameters: [String: Double]) throws -> StudyEvaluation
}

/// One model parameter.
public struct StudyParameter: Sendable, Equatable {
  /// Name as written in study files (units in the name or in ``unit``).
  public let name: String
  public let defaultValue: Double
  /// Allowed closed interval (checked before any evaluation).
  public let range: ClosedRange<Double>
  /// Whether only integers are allowed (e.g. a number of sites).
  public let integer: Bool
  /// Unit text for documentation ("K", "eV", "1").
  public let unit: String

  public init(
    _ name: String, default defaultValue: Double, range: ClosedRange<Double>, integer: Bool = false, unit: String = "1"
  ) {
    self.name = name
    self.defaultValue = defaultValue
    self.range = range
    self.integer = integer
    self.unit = unit
  }

  /// What is allowed, in words, for error messages.
  public var allowed: String {
    integer
      ? "an integer from \(Int(range.lowerBound)) to \(Int(range.upperBound))"
      : "a number in [\(range.lowerBound), \(range.upperBound)]"
  }

  /// Whether `value` is acceptable.
  public func accepts(_ value: Double) -> Bool {
    value.isFinite && range.contains(value) && (!integer || value.rounded() == value)
  }
}

/// What one study point produced.
public struct StudyEvaluation: Sendable, Equatable {
  /// Rows of output values (each of length `outputs.count`).
  public var rows: [[Double]]
  public var warnings: [NumericalWarning]

  public init(rows: [[Double]], warnings: [NumericalWarning] = []) {
    self.rows = rows
    self.warnings = warnings
  }

  /// A single row.
  public init(row: [Double], warnings: [NumericalWarning] = []) {
    self.init(rows: [row], warnings: warnings)
  }
}

/// The study models known to `spintransport run`.
public enum StudyModelRegistry {
  /// Every registered model. Model developers add one entry each (e.g. `RingCurrentsStudyModel()`).
  public static var all: [any StudyModel] {
    [
      TestFunctionStudyModel(),  // test fixture (analytic), not physics
      RingCurrentsStudyModel(),  // seed 002
      RelaxationRatesStudyModel(),  // seed 004
    ]
  }

  /// The model named `name`, or nil.
  public static func model(named name: String, in models: [any StudyModel] = all) -> (any StudyModel)? {
    models.first { $0.name == name }
  }
}
