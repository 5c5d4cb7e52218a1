import Diagnostics
import Foundation

/// Checks that a table's output fits where it goes, *before* the first row is computed.
///
/// The size is an upper bound: rows × (cells × `bytesPerCell` + a few bytes of row syntax).
/// Swift prints a `Double` in at most 24 characters ("-2.2250738585072014e-308"), so 25 bytes per
/// cell with its separator bounds CSV and JSON rows alike. The limit is
///
/// - with `-o FILE`: 90 % of the free space (`statvfs` `f_bavail × f_frsize`) of the nearest
///   existing directory on FILE's path;
/// - on stdout: `stdoutBytes` (64 GiB), a sane bound for a table meant to be read or piped:
///   beyond it the user should thin the output (fewer points, larger `--every`);
/// - either way, the environment variable `SPINTRANSPORT_OUTPUT_LIMIT` (bytes, or with a
///   K/M/G/T suffix) when set — tests use it to prove the refusal without filling a disk.
///
/// A refusal is an ``/Diagnostics/InvalidParameter`` naming the parameter that sets the row count, its value,
/// the bytes the output needs and the bytes allowed.
public enum OutputBudget {
  /// Upper bound on the bytes of one numeric cell with its separator.
  static let bytesPerCell = 25.0
  /// Bound on a table written to stdout, bytes (64 GiB).
  static let stdoutBytes = 64.0 * 1024 * 1024 * 1024

  /// Upper bound on the bytes of `rows` rows of `columns` numeric cells (header included).
  public static func estimate(rows: Double, columns: Int) -> Double {
    (rows + 1) * (Double(columns) * bytesPerCell + 4) + 1024
  }

  /// Upper bound on the memory of a ``ResultTable`` of `rows` numeric rows held in full and
  /// rendered once: per row the cell array (~64 B + 24 B a cell) and the text twice (String and
  /// the `Data` written), 25 B a cell each — about 550 B a row of 8 cells, as measured for
  /// `diffusion evolve` before it streamed.
  public static func tableMemoryEstimate(rows: Double, columns: Int) -> Double {
    rows * (64 + Double(columns) * (24 + 2 * bytesPerCell)) + 1_048_576
  }

  /// Bytes the output may take at `path` (nil: stdout).
  public static func limit(path: String?) -> Double {
    if let text = ProcessInfo.processInfo.environment["SPINTRANSPORT_OUTPUT_LIMIT"],
      let limit = MemoryBudget.parseBytes(text)
    {
      return limit
    }
    guard let path else { return stdoutBytes }
    var directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: directory.path), directory.path != "/" {
      directory = directory.deletingLastPathComponent()
    }
    var stats = statvfs()
    guard statvfs(directory.path, &stats) == 0 else { return stdoutBytes }
    return 0.9 * Double(stats.f_bavail) * Double(stats.f_frsize)
  }

  /// Throws ``/Diagnostics/InvalidParameter`` when `bytes` exceeds ``limit(path:)``.
  ///
  /// - Parameters:
  ///   - bytes: the output size bound (``estimate(rows:columns:)``), in `Double` so it cannot
  ///     overflow.
  ///   - path: the `-o` path, nil for stdout.
  ///   - parameter: the option (without dashes) that sets the row count.
  ///   - value: that option's value, as given.
  ///   - what: the table in words ("2001 snapshots × 801 points").
  public static func require(_ bytes: Double, path: String?, parameter: String, value: Any, what: String) throws {
    let allowed = limit(path: path)
    guard bytes.isFinite, bytes <= allowed else {
      let place = path == nil ? "stdout (bound for a printed table)" : "free disk space at the output path"
      throw InvalidParameter(
        parameter, value,
        allowed: "an output that fits: \(what) needs up to \(MemoryBudget.formatBytes(bytes)), "
          + "\(MemoryBudget.formatBytes(allowed)) allowed on \(place)")
    }
  }

}
