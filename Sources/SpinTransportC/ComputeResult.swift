import Diagnostics
import Foundation
import SpinTransport
import Studies

/// What one `st_compute` call hands back through an opaque handle: a table as names plus one
/// contiguous row-major buffer of doubles, its metadata as JSON, or a structured error.
///
/// Numbers cross as `Double` bits, never as text: integer cells become exact doubles (|i| ≤ 2⁵³),
/// text cells are NaN in the buffer and listed in ``textColumnsJSON``. Every C string and the
/// buffer live until `st_result_free`.
final class ComputeResult {
  /// `st_result_status`: 0 a table, 1 a parameter error, 2 another error, 3 interrupted.
  enum Status: Int32 { case ok = 0, parameterError = 1, failure = 2, interrupted = 3 }

  let status: Status
  let columnNames: [UnsafeMutablePointer<CChar>]
  let rowCount: Int
  let data: UnsafeMutableBufferPointer<Double>
  let metadataJSON: UnsafeMutablePointer<CChar>
  let textColumnsJSON: UnsafeMutablePointer<CChar>
  /// `{"parameter", "value", "allowed", "message", "cli_message"}` (empty object when none).
  let errorJSON: UnsafeMutablePointer<CChar>

  private init(
    status: Status, columns: [String] = [], rowCount: Int = 0, data: [Double] = [], metadata: String = "{}",
    textColumns: String = "{}", error: String = "{}"
  ) {
    self.status = status
    self.columnNames = columns.map { strdup($0)! }
    self.rowCount = rowCount
    self.data = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(data.count, 1))
    _ = self.data.initialize(from: data)
    self.metadataJSON = strdup(metadata)!
    self.textColumnsJSON = strdup(textColumns)!
    self.errorJSON = strdup(error)!
  }

  deinit {
    columnNames.forEach { free($0) }
    data.deallocate()
    free(metadataJSON)
    free(textColumnsJSON)
    free(errorJSON)
  }

  /// Runs `requestText` through the catalogue's one sweep path, points in parallel as in the
  /// CLI; `interrupt` (nonzero: stop) is read before each point starts.
  static func compute(_ requestText: String, catalogue: Catalogue, interrupt: UnsafePointer<Int32>?) -> ComputeResult {
    var shownComputation: (any Computation)?
    do {
      let request = try CatalogueRequest.decode(requestText)
      let computation = try request.computation(in: catalogue)
      shownComputation = computation
      let study = try request.study(of: computation)
      let flag = interrupt.map(InterruptFlag.init)
      let computed = try StudyRunner.computeTable(
        study: study, model: computation, checkpointDirectory: nil,
        shouldStop: flag.map { f in { @Sendable in f.isSet } })
      return table(computed.table, study: study, computation: computation)
    } catch is StudyRunner.Interrupted {
      return ComputeResult(status: .interrupted, error: errorText(["message": .string("interrupted")]))
    } catch let error as InvalidParameter {
      return parameterError(error, computation: shownComputation)
    } catch let error as ModelFileError {
      // A bad model file: a parameter error of `model`, its text the located line the CLI prints.
      return ComputeResult(
        status: .parameterError,
        error: errorText([
          "parameter": .string("model"), "flag": .string("--model"), "value": .string(error.location.description),
          "allowed": .string(error.message), "message": .string(error.description),
          "cli_message": .string(error.description),
        ]))
    } catch let error as StudyFileError {
      let id = error.key.hasPrefix("parameters.") ? String(error.key.dropFirst("parameters.".count)) : error.key
      return parameterError(
        InvalidParameter(id, error.value, allowed: error.allowed), computation: shownComputation)
    } catch {
      return ComputeResult(status: .failure, error: errorText(["message": .string("\(error)")]))
    }
  }

  /// The error with its parameter, value and allowed values; `message` names the parameter by
  /// id (the Python keyword), `cli_message` as the CLI prints it (by flag).
  private static func parameterError(_ error: InvalidParameter, computation: (any Computation)?) -> ComputeResult {
    let parameter = computation?.parameter(named: error.name)
    let id = parameter?.id ?? error.name
    let flag = parameter.map { "--" + $0.flag } ?? error.name
    return ComputeResult(
      status: .parameterError,
      error: errorText([
        "parameter": .string(id), "flag": .string(flag), "value": .string(error.value),
        "allowed": .string(error.allowed), "message": .string(error.rendered(as: id)),
        "cli_message": .string(error.rendered(as: flag)),
      ]))
  }

  private static func errorText(_ fields: [String: JSONValue]) -> String {
    (try? encode(.object(fields))) ?? "{}"
  }

  static func encode(_ value: JSONValue) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// The table as numbers and its metadata: units, warnings, provenance, the study (its
  /// parameters and fingerprint) and the point's own facts.
  private static func table(_ table: ResultTable, study: Study, computation: any Computation) -> ComputeResult {
    let width = table.columns.count
    var data = [Double](repeating: .nan, count: table.rows.count * width)
    var texts: [String: [JSONValue]] = [:]
    for (i, row) in table.rows.enumerated() {
      for (j, cell) in row.enumerated() {
        switch cell {
        case .number(let x): data[i * width + j] = x
        case .integer(let n): data[i * width + j] = Double(n)
        case .text(let s):
          texts[table.columns[j], default: Array(repeating: .null, count: table.rows.count)][i] = .string(s)
        }
      }
    }
    var meta = table.metadata
    meta["computation"] = .string(computation.name)
    meta["study"] = .object(study.metadata)
    meta["fingerprint"] = .string(study.fingerprint)
    meta["provenance"] = .object(Provenance(toolVersion: SpinTransportVersion.string, gitRevision: nil).json)
    meta["units"] = meta["units"] ?? computation.unitsJSON(of: study.columns)
    meta["warnings"] = .array(table.warnings.deduplicated().map { .string($0.message) })
    do {
      return ComputeResult(
        status: .ok, columns: table.columns, rowCount: table.rows.count, data: data,
        metadata: try encode(.object(meta)), textColumns: try encode(.object(texts.mapValues(JSONValue.array))))
    } catch {
      return ComputeResult(status: .failure, error: errorText(["message": .string("\(error)")]))
    }
  }
}

/// The caller's interrupt flag (an `int32_t` it sets nonzero from another thread), read by the
/// worker threads before each point. A one-word aligned load; the caller only ever stores 1.
struct InterruptFlag: @unchecked Sendable {
  let pointer: UnsafePointer<Int32>
  var isSet: Bool { UnsafeRawPointer(pointer).load(as: Int32.self) != 0 }
}
