import Foundation
import XCTest

/// Where `-o FILE` / `--out DIR` write (hostile-input issue, classes 8 and 11): regular files
/// atomically, FIFOs and devices written through (never replaced), symbolic links' targets
/// replaced (the link stays), bad paths refused in one line naming the path (exit 2) before
/// anything is computed.
final class OutputTargetCLITests: XCTestCase {
  let small = ["ring", "spectrum", "--cells", "2"]

  func fileType(_ path: String) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
  }

  func testFIFOIsWrittenThroughAndStaysAFIFO() throws {
    let (_, text) = try CLI.runIntoFIFO(small)
    XCTAssertTrue(text.hasPrefix("index,re_energy_eV,im_energy_eV\n"), text)
    XCTAssertEqual(text.split(separator: "\n").count, 9)
  }

  func testDevNullStaysACharacterDevice() throws {
    let r = try CLI.run(small + ["-o", "/dev/null"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stdout, "")
    XCTAssertEqual(fileType("/dev/null"), .typeCharacterSpecial)
  }

  func testSymlinkTargetIsReplacedAndTheLinkKept() throws {
    let dir = try CLI.temporaryDirectory()
    let target = dir.appendingPathComponent("target.csv").path
    let link = dir.appendingPathComponent("link.csv").path
    try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
    let r = try CLI.run(small + ["-o", link])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(fileType(link), .typeSymbolicLink)
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "target.csv")
    XCTAssertTrue(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("index,re_energy"))
    // A dangling link: its target is created, the link kept.
    let dangling = dir.appendingPathComponent("dangling.csv").path
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "new.csv")
    XCTAssertEqual(try CLI.run(small + ["-o", dangling]).status, 0)
    XCTAssertEqual(fileType(dangling), .typeSymbolicLink)
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("new.csv").path))
  }

  /// Relative paths whose directories do not exist yet are created (`-o a/b/c.csv`, `--out out/ring`).
  func testRelativePathsWithNewDirectoriesAreCreated() throws {
    let dir = try CLI.temporaryDirectory()
    let r = try CLI.run(["ring", "spectrum", "--cells", "2", "-o", "a/b/c.csv"], directory: dir)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("a/b/c.csv").path))
    let study = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples/ring-currents-vs-flux.toml").path
    let s = try CLI.run(["run", study, "--out", "out/ring", "--quiet"], directory: dir)
    XCTAssertEqual(s.status, 0, s.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/ring/data.csv").path))
    // One-character names (Foundation's NSString path functions trapped on "a" here).
    try "x,y\n1,2\n2,3\n".write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
    let p = try CLI.run(["plot", "a.csv", "--x", "x", "--y", "y"], directory: dir)
    XCTAssertFalse(p.crashed, p.stderr)
    XCTAssertTrue(p.status == 0 || p.stderr.contains("gnuplot"), p.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("a.gp").path))
    XCTAssertEqual(try CLI.run(["ring", "spectrum", "--cells", "2", "-o", "b/c.csv"], directory: dir).status, 0)
  }

  func testBadPathsAreOneLineNamingThePath() throws {
    let dir = try CLI.temporaryDirectory()
    let existing = dir.appendingPathComponent("keep.csv").path
    try "precious\n".write(toFile: existing, atomically: false, encoding: .utf8)
    try CLI.assertRefused(small + ["-o", ""], mentions: ["cannot write", "empty"])
    try CLI.assertRefused(small + ["-o", dir.path], mentions: [dir.path, "is a directory"])
    try CLI.assertRefused(small + ["-o", existing + "/x.csv"], mentions: [existing, "not a directory"])
    try CLI.assertRefused(small + ["-o", "/proc/x/out.csv"], mentions: ["/proc/x/out.csv"])
    for r in [
      try CLI.run(small + ["-o", ""]), try CLI.run(small + ["-o", "/proc/x/out.csv"]),
    ] {
      XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain") || r.stderr.contains("Error Domain"), r.stderr)
    }
    // A refused computation leaves an existing output file as it was.
    try CLI.assertRefused(small.dropLast() + ["1", "-o", existing], mentions: ["--cells"], untouched: [existing])
    // Directory outputs: an existing file named as --out, an empty name.
    try CLI.assertRefused(
      ["reproduce", "--figure", "002-fig06", "--out", existing], mentions: [existing, "not a directory"],
      untouched: [existing])
    try CLI.assertRefused(["reproduce", "--figure", "002-fig06", "--out", ""], mentions: ["--out", "empty"])
  }
}
