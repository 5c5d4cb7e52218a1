import Foundation
import XCTest

/// `examples/swift-package`, a package that depends on SpinTransport by path, is built and run
/// (`swift build`, scratch directory `.build/swift-package-example`, kept so later runs are
/// incremental) and prints a ring current and a magnon current; each equals the command's
/// number for the same parameters exactly — the same library code, the same sweep path, the
/// same build configuration (debug), so no rounding may differ.
final class SwiftPackageExampleTests: XCTestCase {
  private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Runs `swift args…` in `directory`; (status, stdout + stderr).
  private func swift(_ args: [String], in directory: URL, timeout: Double = 1800) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["swift"] + args
    p.currentDirectoryURL = directory
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let timer = DispatchWorkItem { if p.isRunning { p.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    timer.cancel()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// `key=value` pairs of the lines starting with `prefix `.
  private func lines(_ text: String, _ prefix: String) -> [[String: String]] {
    text.split(separator: "\n").filter { $0.hasPrefix(prefix + " ") }.map { line in
      var fields: [String: String] = [:]
      for pair in line.dropFirst(prefix.count + 1).split(separator: " ") {
        let kv = pair.split(separator: "=", maxSplits: 1)
        if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
      }
      return fields
    }
  }

  func testExamplePackageBuildsRunsAndAgreesWithTheCommand() throws {
    let package = Self.root.appendingPathComponent("examples/swift-package")
    let scratch = Self.root.appendingPathComponent(".build/swift-package-example").path
    var (status, output) = try swift(["run", "--scratch-path", scratch, "RingAndMagnon"], in: package)
    if status != 0, output.contains("because of missing inputs") {
      // A scratch build from before a source file of the package was renamed: SwiftPM does not
      // notice the rename in a path dependency, so that build starts over.
      try? FileManager.default.removeItem(atPath: scratch)
      (status, output) = try swift(["run", "--scratch-path", scratch, "RingAndMagnon"], in: package)
    }
    XCTAssertEqual(status, 0, output)

    let ring = try CLI.run([
      "ring", "currents", "--cells", "10", "--gamma", "0.5", "--exchange", "0.3", "--theta", "30", "--vary",
      "flux-phase=0,0.1,0.2", "--columns", "re_charge_A,re_spin_z_eV",
    ])
    XCTAssertEqual(ring.status, 0, ring.stderr)
    let table = CLI.csv(ring.stdout)
    let shown = lines(output, "ring")
    XCTAssertEqual(shown.count, 3, output)
    for (row, fields) in zip(table.rows, shown) {
      for (name, cell) in zip(table.header, row) {
        XCTAssertEqual(fields[name].flatMap(Double.init), Double(cell), "ring \(name): \(output)")
      }
    }
    let magnon = try CLI.run([
      "magnon", "current", "--spins", "20", "--field", "1", "--latitude", "45", "--temperature", "10", "--columns",
      "longitudinal_spin_current_K",
    ])
    XCTAssertEqual(magnon.status, 0, magnon.stderr)
    let m = CLI.csv(magnon.stdout), shownMagnon = lines(output, "magnon")
    XCTAssertEqual(shownMagnon.count, 1, output)
    XCTAssertEqual(shownMagnon.first?["longitudinal_spin_current_K"].flatMap(Double.init), Double(m.rows[0][0]), output)
    XCTAssertNotEqual(Double(m.rows[0][0]), 0)
  }
}
