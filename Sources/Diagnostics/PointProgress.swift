import Foundation

/// Progress inside one long computation (a single point: sectors diagonalised, Lanczos steps), with
/// an estimate of the time left from the fraction done.
///
/// Line: `LABEL: DETAIL (p %), about s left`, where `DETAIL` says what was just done ("sector 3/8
/// diagonalised", "Lanczos step 120, residual 3.1e-07 K") and the time left is
/// elapsed · (1 − f)/f for the fraction f done. Nothing is printed during the first `after` seconds,
/// then at most one line per `interval` seconds; the detail is built only for a line that is
/// printed. Thread-safe: parallel sectors report concurrently. Physics routines take an optional
/// `PointProgress` and never print; the front end creates it (none with `--quiet`).
public final class PointProgress: @unchecked Sendable {
  private let lock = NSLock()
  private let label: String
  private let after: Double
  private let interval: Double
  private let sink: @Sendable (String) -> Void
  private let start = Date()
  private var lastPrinted: Date?
  private var completed = 0
  private var completedWork = 0.0

  /// - Parameters:
  ///   - label: what is running ("magnon exact").
  ///   - after: seconds of silence before the first line (short work stays silent).
  ///   - interval: minimum seconds between lines.
  ///   - sink: where lines go.
  public init(
    _ label: String, after: Double = ProgressReporter.defaultDelay, interval: Double = 1,
    sink: @escaping @Sendable (String) -> Void
  ) {
    self.label = label
    self.after = after
    self.interval = interval
    self.sink = sink
  }

  /// Reports that `fraction` (0…1) of the work is done and what was just done; prints when due.
  public func report(fraction: Double, _ detail: @autoclosure () -> String) {
    lock.lock()
    let now = Date()
    let elapsed = now.timeIntervalSince(start)
    let due = elapsed >= after && (lastPrinted.map { now.timeIntervalSince($0) >= interval } ?? true)
    guard due else {
      lock.unlock()
      return
    }
    lastPrinted = now
    lock.unlock()
    sink(Self.line(label: label, detail: detail(), fraction: fraction, elapsed: elapsed))
  }

  /// One more unit of work done, of cost `work` out of `total` (parallel workers share the sums);
  /// `detail(n)` describes it, n the units done so far.
  public func complete(work: Double, ofTotal total: Double, _ detail: (Int) -> String) {
    lock.lock()
    completed += 1
    completedWork += work
    let (n, done) = (completed, completedWork)
    lock.unlock()
    report(fraction: total > 0 ? done / total : 1, detail(n))
  }

  /// `LABEL: DETAIL (p %), about s left` (no estimate before any fraction is done, or when all is).
  static func line(label: String, detail: String, fraction: Double, elapsed: Double) -> String {
    let f = min(max(fraction, 0), 1)
    var s = "\(label): \(detail) (\(Int((100 * f).rounded(.down))) %)"
    if f > 0, f < 1 {
      let left = elapsed * (1 - f) / f
      s += left < 120 ? ", about \(Int(left.rounded(.up))) s left" : ", about \(Int((left / 60).rounded(.up))) min left"
    }
    return s
  }
}
