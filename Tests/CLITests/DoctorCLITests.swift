import XCTest

/// End-to-end: `spintransport doctor`, `--version`, and the exit-status contract.
final class DoctorCLITests: XCTestCase {
  func testDoctorReportsUsableInstallation() throws {
    let r = try CLI.run(["doctor"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("LAPACK check"), r.stdout)
    XCTAssertTrue(r.stdout.contains(": ok"), r.stdout)
    XCTAssertTrue(r.stdout.contains("cores:"), r.stdout)
    XCTAssertTrue(r.stdout.contains("status: usable"), r.stdout)
  }

  func testVersionAndHelpExitZero() throws {
    let v = try CLI.run(["--version"])
    XCTAssertEqual(v.status, 0)
    XCTAssertFalse(v.stdout.isEmpty)
    let h = try CLI.run(["--help"])
    XCTAssertEqual(h.status, 0)
    XCTAssertTrue(h.stdout.contains("doctor"))
  }

  func testUnknownOptionIsBadInputWithExitTwo() throws {
    try CLI.assertBadInput(["doctor", "--no-such-option"], mentions: "--no-such-option")
  }
}
