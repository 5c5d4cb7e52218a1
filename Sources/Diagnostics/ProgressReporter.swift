import Foundation

/// Progress of long work on stderr, with an estimate of the time left.
///
/// Thread-safe: parallel workers call ``advance(by:)``. Nothing is printed during the first
/// `after` seconds (short work stays silent), then at most one line per `interval` seconds:
/// `LABEL: 340/1000 points (34 %), about 12 s left`. Physics routines take an optional
/// `progress` callback; the CLI creates the reporter (or none with `--quiet`).
public final class ProgressReporter: @unchecked Sendable {
  private let lock = NSLock()
  private let label: String
  private let unit: String
  private let total: Int
  private let after: Double
  private let interval: Double
  private let sink: @Sendable (String) -> Void
  private let start = Date()
  private var done = 0
  private var lastPrinted: Date?

  /// - Parameters:
  ///   - label: what is running ("ring currents", "diffusion evolve").
  ///   - total: number of units of work (points, steps, eigenproblems).
  ///   - unit: the unit's name in the line ("points", "steps").
  ///   - after: seconds of silence before the first line.
  ///   - interval: minimum seconds between lines.
  ///   - sink: where lines go (stderr by default).
  public init(
    _ label: String, total: Int, unit: String = "points", after: Double = ProgressReporter.defaultDelay,
    interval: Double = 1,
    sink: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
  ) {
    self.label = label
    self.total = max(total, 1)
    self.unit = unit
    self.after = after
    self.interval = interval
    self.sink = sink
  }

  /// Seconds of silence before the first line: 2, or `SPINTRANSPORT_PROGRESS_AFTER` when set
  /// (tests set 0 to see the lines of a run that is short on their machine).
  public static var defaultDelay: Double {
    ProcessInfo.processInfo.environment["SPINTRANSPORT_PROGRESS_AFTER"].flatMap(Double.init).map { max(0, $0) } ?? 2
  }

  /// Records `count` more units done; prints a line when due.
  public func advance(by count: Int = 1) {
    lock.lock()
    done += count
    let now = Date()
    let elapsed = now.timeIntervalSince(start)
    let due = elapsed >= after && (lastPrinted.map { now.timeIntervalSince($0) >= interval } ?? true)
    let finished = done >= total && lastPrinted != nil
    guard due || finished else {
      lock.unlock()
      return
    }
    lastPrinted = now
    let line = Self.line(label: label, unit: unit, done: done, total: total, elapsed: elapsed)
    lock.unlock()
    sink(line)
  }

  /// Sets the number done (for loops that know their index).
  func update(done newDone: Int) {
    lock.lock()
    let delta = newDone - done
    lock.unlock()
    if delta > 0 { advance(by: delta) }
  }

  /// `LABEL: d/t unit (p %), about s left`.
  static func line(label: String, unit: String, done: Int, total: Int, elapsed: Double) -> String {
    let percent = Int((100 * Double(done) / Double(total)).rounded(.down))
    var s = "\(label): \(done)/\(total) \(unit) (\(percent) %)"
    if done > 0, done < total {
      let left = elapsed * Double(total - done) / Double(done)
      s += left < 120 ? ", about \(Int(left.rounded(.up))) s left" : ", about \(Int((left / 60).rounded(.up))) min left"
    } else if done >= total {
      s += String(format: ", %.1f s", elapsed)
    }
    return s
  }
}
