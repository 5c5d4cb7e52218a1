import Diagnostics
import Foundation

/// One finished point as one line of text: the checkpoint's entry line, reused as the message
/// format between MPI ranks, so a point crosses the wire exactly as it is stored (numbers as
/// the hexadecimal bits of their IEEE-754 pattern: bit-identical after the round trip).
extension StudyEvaluation {
  /// `{"point": i, "rows": [[…]], "warnings": […]}` without a newline (the checkpoint line).
  public func wireLine(point: Int) throws -> String {
    try StudyCheckpoint.encodeLine(
      StudyCheckpoint.Entry(point: point, rows: rows.map { $0.map(StudyCheckpoint.encode) }, warnings: warnings))
  }

  /// Decodes a line written by ``wireLine(point:)``; nil when it is not one (torn or foreign).
  public static func fromWireLine<S: StringProtocol>(_ line: S) -> (point: Int, evaluation: StudyEvaluation)? {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let entry = try? decoder.decode(StudyCheckpoint.Entry.self, from: Data(line.utf8)), entry.point >= 0,
      let rows = StudyCheckpoint.decode(entry.rows)
    else { return nil }
    return (entry.point, StudyEvaluation(rows: rows, warnings: entry.warnings))
  }
}
