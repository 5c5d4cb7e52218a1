import Foundation
import XCTest

/// Study files under hostile input (hostile-input issue, classes 2, 3 and 10): every refusal
/// is one line naming the key, the value (shortened when huge), what is allowed and the line,
/// exit 2, before anything is computed (no output directory appears).
final class StudyHostileInputTests: XCTestCase {
  var dir: URL!

  override func setUpWithError() throws { dir = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

  func study(_ sweeps: String, extra: String = "", title: String = "t") -> String {
    """
    [study]
    model = "ring-currents"
    title = "\(title)"

    [parameters]
    cells = 4
    \(sweeps)
    \(extra)
    """
  }

  /// Writes `text` as a study file and asserts `run` refuses it naming `mentions`.
  func assertStudyRefused(
    _ text: String, mentions: [String], environment: [String: String] = [:], file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    let path = dir.appendingPathComponent("s-\(UUID().uuidString).toml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out-\(UUID().uuidString)").path
    let r = try CLI.assertRefused(
      ["run", path, "--out", out], mentions: mentions, timeout: 60, environment: environment, file: file, line: line)
    XCTAssertLessThan(r.stderr.count, 800, "one readable line, not the whole value", file: file, line: line)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out), "output directory created", file: file, line: line)
  }

  func testGridTooLargeForMemoryIsRefusedBeforeAllocation() throws {
    let grid = """
      [[sweep]]
      parameter = "flux_phase_rad"
      range = [0.1, 0.5, 100000]
      [[sweep]]
      parameter = "mu_eV"
      range = [-1, 1, 100000]
      """
    try assertStudyRefused(study(grid), mentions: ["sweep", "100000 × 100000", "1e+10 points", "TiB", "available"])
    // A modest grid refused under a small memory limit: the guard counts bytes, not points.
    let modest = """
      [[sweep]]
      parameter = "flux_phase_rad"
      range = [0.1, 0.5, 1000]
      [[sweep]]
      parameter = "mu_eV"
      range = [-1, 1, 1000]
      """
    try assertStudyRefused(
      study(modest), mentions: ["1000 × 1000", "MiB"], environment: ["SPINTRANSPORT_MEMORY_LIMIT": "64M"])
  }

  func testHugeValuesAreRefusedInOneShortLine() throws {
    let many = (0..<100_001).map { "\(Double($0) * 1e-6)" }.joined(separator: ",")
    try assertStudyRefused(
      study("[[sweep]]\nparameter = \"flux_phase_rad\"\nvalues = [\(many)]"),
      mentions: ["sweep[1].values", "(100001 values)", "at most 100000 numbers", ":9:"])
    try assertStudyRefused(
      study("[[sweep]]\nparameter = \"flux_phase_rad\"\nrange = [0, 1, 1000000000]"),
      mentions: ["sweep[1].range", "1000000000"])
    let title = String(repeating: "a", count: 100_000)
    try assertStudyRefused(
      study("[[sweep]]\nparameter = \"flux_phase_rad\"\nvalues = [0.1]", title: title),
      mentions: ["study.title", "(100002 characters)", "at most 300 characters", ":3:"])
    try assertStudyRefused(
      study("[[sweep]]\nparameter = \"flux_phase_rad\"\nvalues = [0.1]", extra: "[figure]\ny_label = \"\(title)\""),
      mentions: ["figure.y_label", "at most 300 characters"])
  }

  func testOversizedFileIsRefusedBeforeReading() throws {
    let path = dir.appendingPathComponent("huge.toml").path
    XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.truncate(atOffset: 9 * 1024 * 1024)  // sparse: 9 MiB of zeros
    try handle.close()
    try CLI.assertRefused(
      ["run", path, "--out", dir.appendingPathComponent("o").path], mentions: ["bytes", "at most"])
  }

  func testFigureColumnsAreCheckedBeforeComputing() throws {
    let one = "[[sweep]]\nparameter = \"flux_phase_rad\"\nrange = [0.1, 0.5, 3]"
    try assertStudyRefused(
      study(one, extra: "[output]\ncolumns = [\"re_charge_A\"]\n[figure]\ny = [\"re_spin_z_eV\"]"),
      mentions: ["figure.y", "re_spin_z_eV", ":13:"])
    try assertStudyRefused(study(one, extra: "[figure]\nx = \"mu_eV\""), mentions: ["figure.x", "mu_eV", ":11:"])
    try assertStudyRefused(
      study(one, extra: "[figure]\ngroup = \"mu_eV\""), mentions: ["figure.group", "mu_eV", ":11:"])
  }
}
