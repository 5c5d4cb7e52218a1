import Foundation
import LinearAlgebra

/// Where a result came from: tool version, git revision (when known), date, machine cores.
///
/// Recorded in every `meta.json` and in `index.md`.
public struct Provenance: Sendable {
  public var toolVersion: String
  /// `git rev-parse --short HEAD` of the source tree, or nil when unknown.
  public var gitRevision: String?
  /// ISO 8601 UTC time the run started.
  var date: String

  public init(toolVersion: String, gitRevision: String? = Provenance.currentGitRevision(), date: Date = Date()) {
    self.toolVersion = toolVersion
    self.gitRevision = gitRevision
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    self.date = formatter.string(from: date)
  }

  /// Metadata entries `tool`, `tool_version`, `git_revision` (null when unknown), `date`, `cores`,
  /// `cpu` (the processor's name) and `blas_kernel` (the OpenBLAS kernel that computed the numbers:
  /// kernels round differently, so this says which last digits to expect).
  public var json: [String: JSONValue] {
    [
      "tool": "spintransport",
      "tool_version": .string(toolVersion),
      "git_revision": gitRevision.map(JSONValue.string) ?? .null,
      "date": .string(date),
      "cores": .integer(ProcessInfo.processInfo.activeProcessorCount),
      "cpu": .string(CPUDescription.current.modelName),
      "blas_kernel": .string(BLASInfo.coreName),
    ]
  }

  /// The git revision of the repository holding the running executable (then of the current
  /// directory), with "-dirty" when the work tree has changes; nil when git or a repository is absent.
  public static func currentGitRevision() -> String? {
    let executableDirectory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
      .resolvingSymlinksInPath().deletingLastPathComponent().path
    for directory in [executableDirectory, FileManager.default.currentDirectoryPath] {
      if let revision = git(["rev-parse", "--short=12", "HEAD"], in: directory) {
        let dirty = git(["status", "--porcelain", "--untracked-files=no"], in: directory).map { !$0.isEmpty } ?? false
        return revision + (dirty ? "-dirty" : "")
      }
    }
    return nil
  }

  /// Runs `git args` in `directory`; trimmed stdout on success, nil otherwise.
  static func git(_ args: [String], in directory: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + args
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
