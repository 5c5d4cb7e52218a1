import Foundation
import Studies

/// The work items of one point over MPI ranks: rank r computes items r, r + P, r + 2P, … (P ranks)
/// on its cores and sends them to rank 0, which returns all of them in item order.
///
/// Static round-robin: the item → rank map depends only on P, and each item's text is the entry's
/// lossless encoding, so rank 0 holds the very results a single process computes, and the entry's
/// reduction (in item order) gives the same bits for any P. Every rank runs the whole point up to
/// the split (the same command line); a serving rank ends (exit 0) once its items are sent, so only
/// rank 0 writes the output (``endIfServing()`` ends a serving rank whose point had no items).
///
/// Failure modes: an item that throws on a serving rank is sent as its message and rethrown on rank 0
/// (``RemoteItemError``); an error on rank 0 ends the job through `mpirun` (it aborts the other ranks).
public final class MPIItemExecutor: ItemExecutor, @unchecked Sendable {
  static let tag: Int32 = 5

  /// An item's error on another rank: its message, verbatim.
  struct RemoteItemError: Error, CustomStringConvertible {
    let rank: Int32
    let message: String
    var description: String { "rank \(rank): \(message)" }
  }

  public init() {}

  /// Installs an executor in ``/Studies/ItemExecution/current`` when launched by `mpirun`;
  /// otherwise does nothing (MPI is not initialised).
  public static func activateIfLaunched() {
    if MPIProcess.launchedByMPI() { ItemExecution.current = MPIItemExecutor() }
  }

  /// True on a serving rank (rank ≠ 0) of an `mpirun` launch (MPI is started to ask); false without
  /// `mpirun`. The CLI keeps such a rank's progress lines off stderr (rank 0 speaks for the job).
  public static var isServingRank: Bool {
    guard MPIProcess.launchedByMPI() else { return false }
    MPIProcess.start()
    return MPIProcess.rank != 0
  }

  /// On a serving rank of an `mpirun` launch (rank ≠ 0): ends the process (exit 0) before it writes
  /// output, so that a point computed on every rank is written once, by rank 0.
  public static func endIfServing() {
    if isServingRank { exit(0) }
  }

  public func map(count: Int, _ item: @escaping @Sendable (Int) throws -> String) throws -> [String] {
    MPIProcess.start()
    let rank = Int(MPIProcess.rank), size = Int(MPIProcess.size)
    let mine = Array(stride(from: rank, to: count, by: size))
    let local = Result { try parallelMap(mine) { try item($0) } }
    if rank != 0 {
      // "-" then one line per item, "k TEXT" (the texts hold no newline); or the error on one line.
      let lines: [String]
      switch local {
      case .success(let texts): lines = ["-"] + zip(mine, texts).map { "\($0) \($1)" }
      case .failure(let e): lines = ["\(e)".replacingOccurrences(of: "\n", with: " ")]
      }
      MPIProcess.send(lines.joined(separator: "\n"), to: 0, tag: Self.tag)
      exit(0)  // MPI_Finalize runs at exit; rank 0 writes every output.
    }
    // Every other rank is heard before any error is thrown, so none is left blocked in a send.
    var results = [String?](repeating: nil, count: count)
    var remote: RemoteItemError?
    for _ in 1..<max(size, 1) {
      let message = MPIProcess.receive(fromAnyWithTag: Self.tag)
      let lines = message.text.split(separator: "\n", omittingEmptySubsequences: false)
      guard lines.first == "-" else {
        remote = remote ?? RemoteItemError(rank: message.source, message: String(lines.first ?? ""))
        continue
      }
      for line in lines.dropFirst() {
        guard let space = line.firstIndex(of: " "), let k = Int(line[..<space]), k >= 0, k < count else { continue }
        results[k] = String(line[line.index(after: space)...])
      }
    }
    for (k, text) in zip(mine, try local.get()) { results[k] = text }
    if let remote { throw remote }
    return try results.enumerated().map { k, text in
      guard let text else { throw RemoteItemError(rank: -1, message: "item \(k) was not computed by any rank") }
      return text
    }
  }
}
