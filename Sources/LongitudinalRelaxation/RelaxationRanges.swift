import Diagnostics
import Foundation

/// Ranges of the user-facing options of the reduced longitudinal-relaxation model (units of r and k_M), checked
/// before any work so that no rate, wavevector or profile can overflow to inf/NaN.
///
/// | option | range | why |
/// | --- | --- | --- |
/// | `--wm`, `--wM` | 0 … 10⁶ (units of r) | lattice decay is usually ≪ r; 10⁶ r is beyond any magnet |
/// | `--k2-ratio` | 0 … 10¹² | k up to 10⁶ k_M, far past the lattice cut-off |
/// | `--omega` | −10¹² … 10¹² (units of r) | with w ≤ 10⁶ every product stays ≤ 10²⁴ |
/// | `--length` | 10⁻⁶ … 10⁹ (units of 1/k_M) | |
/// | `--time-step` | 10⁻¹² … 10⁶ (units of 1/r) | |
/// | `--times` | 0 … 10¹² (units of 1/r) | the step count (≤ 10⁷) bounds the work further |
/// | `--rtol` | 10⁻¹² … 10⁻² | below ~10⁻¹³ double precision cannot meet it; above 1 % BDF's error estimate is meaningless |
/// | `--atol` | 10⁻³⁰⁰ … 10¹⁰⁰ (units of the profile) | |
/// | `--step-height`, profile values | |x| ≤ 10¹⁰⁰ | a linear problem: any scale, but no overflow in h·Σ |
/// | `--step-position` | |x| ≤ 10⁹ (units of 1/k_M) | |
///
/// The bounds keep Γ's entries ≤ 10¹² + 10⁶ and Eq. 44's numerator ≤ 10²⁴, so every printed number
/// is finite; a non-finite result would still be reported as a warning (`RelaxationTables` in Studies).
public enum RelaxationRanges {
  static let latticeRate = 0.0...1e6
  public static let k2Ratio = 0.0...1e12
  public static let omega = -1e12...1e12
  public static let length = 1e-6...1e9
  public static let timeStep = 1e-12...1e6
  public static let time = 0.0...1e12
  public static let amplitude = -1e100...1e100
  public static let position = -1e9...1e9
  static let relativeTolerance = 1e-12...1e-2
  static let absoluteTolerance = 1e-300...1e100
  /// Largest number of TR-BDF2 steps of one `relaxation evolve`.
  public static let maximumSteps = 1e7

  /// Throws ``/Diagnostics/InvalidParameter`` (`name`, `value`) unless `value` is finite and in `range`
  /// (``/Diagnostics/Require/inPhysicalRange(_:_:_:unit:)``: the message gives the range with its `unit`).
  public static func check(_ value: Double, _ range: ClosedRange<Double>, _ name: String, unit: String) throws {
    try Require.inPhysicalRange(value, range, name, unit: unit)
  }

  /// A bound as the user would type it (``/Diagnostics/Require/shown(_:)``).
  public static func shown(_ x: Double) -> String { Require.shown(x) }
}
