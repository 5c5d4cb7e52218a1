import Foundation
import XCTest

/// "No physics in the CLI": the CLI target depends on the umbrella only (Package.swift), the
/// umbrella re-exports no physics module, and — because SwiftPM lets a target import a module
/// it reaches only transitively — no file of the CLI imports anything else.
final class CLIImportTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let physicsModules: Set<String> = [
    "TightBinding", "SpinWaves", "SpinCurrentDefinitions", "SpinDiffusion", "LongitudinalRelaxation",
  ]

  /// Modules imported by the Swift files under `folder` (`import X`, `import struct X.Y`,
  /// `@_exported import X`), with the file that imports each.
  static func imports(under folder: String, exportedOnly: Bool = false) throws -> [(module: String, file: String)] {
    let base = root.appendingPathComponent(folder)
    var found: [(String, String)] = []
    let files = FileManager.default.enumerator(atPath: base.path)?.compactMap { $0 as? String } ?? []
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        var words = line.split(separator: " ").map(String.init)
        let exported = words.first == "@_exported"
        if words.first?.hasPrefix("@") == true { words.removeFirst() }
        guard words.first == "import", words.count >= 2, !exportedOnly || exported else { continue }
        let path = words.count >= 3 ? words[2] : words[1]  // `import struct X.Y` or `import X`
        found.append((String(path.split(separator: ".")[0]), file))
      }
    }
    return found
  }

  func testTheCLIImportsOnlyTheUmbrellaClusterAndTheParser() throws {
    let allowed: Set<String> = ["ArgumentParser", "Cluster", "Foundation", "SpinTransport"]
    let imports = try Self.imports(under: "Sources/spintransport")
    XCTAssertFalse(imports.isEmpty)
    for (module, file) in imports { XCTAssertTrue(allowed.contains(module), "\(file) imports \(module)") }
  }

  func testTheUmbrellaReExportsNoPhysicsModule() throws {
    let exported = try Self.imports(under: "Sources/SpinTransport", exportedOnly: true)
    XCTAssertTrue(exported.contains { $0.module == "Studies" })
    for (module, file) in exported {
      XCTAssertFalse(Self.physicsModules.contains(module), "\(file) re-exports \(module)")
    }
  }
}
