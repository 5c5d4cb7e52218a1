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

  /// `doctor` names the processor, the kernel OpenBLAS runs and why.
  func testDoctorNamesTheProcessorAndTheKernel() throws {
    let r = try CLI.run(["doctor"], unsetting: ["OPENBLAS_CORETYPE", "SPINTRANSPORT_OPENBLAS_FALLBACK"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("CPU: "), r.stdout)
    XCTAssertTrue(r.stdout.contains("widest vector instructions"), r.stdout)
    XCTAssertTrue(r.stdout.contains("BLAS kernel: "), r.stdout)
    XCTAssertTrue(r.stdout.contains("detected by OpenBLAS") || r.stdout.contains("chosen by spintransport"), r.stdout)
  }

  /// A user's `OPENBLAS_CORETYPE` wins; a generic kernel on a wider processor is reported with a warning.
  func testTheUsersKernelWinsAndAGenericOneIsWarnedAbout() throws {
    let r = try CLI.run(["doctor"], environment: ["OPENBLAS_CORETYPE": "Prescott"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("(core Prescott,"), r.stdout)
    XCTAssertTrue(r.stdout.contains("BLAS kernel: Prescott, forced by OPENBLAS_CORETYPE=Prescott"), r.stdout)
    if Self.processorHas("avx") {
      XCTAssertTrue(r.stdout.contains("warning: the Prescott kernel (SSE) runs on a processor with"), r.stdout)
      XCTAssertTrue(r.stdout.contains("at about half speed"), r.stdout)
    }
    XCTAssertTrue(r.stdout.contains("status: usable"), r.stdout)
  }

  /// When OpenBLAS falls back to its generic kernel, the tool restarts itself with the kernel of
  /// the processor's width, and that kernel is the one OpenBLAS then runs. The fallback is
  /// simulated (this processor is one OpenBLAS knows); the restart and the kernel are real.
  func testAGenericFallbackIsReplacedByTheMatchingKernel() throws {
    guard Self.processorHas("avx2") && Self.processorHas("fma") else { throw XCTSkip("needs an AVX2 processor") }
    let expected = Self.processorHas("avx512bw") && Self.processorHas("avx512vl") ? "SkylakeX" : "Haswell"
    let r = try CLI.run(
      ["doctor"], environment: ["SPINTRANSPORT_ASSUME_OPENBLAS_CORE": "Prescott"],
      unsetting: ["OPENBLAS_CORETYPE", "SPINTRANSPORT_OPENBLAS_FALLBACK"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stdout.contains("(core \(expected),"), r.stdout)
    XCTAssertTrue(
      r.stdout.contains("BLAS kernel: \(expected), chosen by spintransport: OpenBLAS did not recognise"), r.stdout)
    XCTAssertTrue(r.stdout.contains("generic Prescott kernel"), r.stdout)
    XCTAssertFalse(r.stdout.contains("warning:"), r.stdout)
    // Any command restarts the same way and computes as usual (arguments survive the restart).
    let env = ["SPINTRANSPORT_ASSUME_OPENBLAS_CORE": "Prescott"]
    let args = ["ring", "currents", "--cells", "20", "--flux-phase", "0.1", "--quiet"]
    let restarted = try CLI.run(args, environment: env, unsetting: ["OPENBLAS_CORETYPE"])
    XCTAssertEqual(restarted.status, 0, restarted.stderr)
    XCTAssertFalse(restarted.stdout.isEmpty)
    // The same table as with the kernel forced directly (same kernel, same binary, this run).
    let forced = try CLI.run(args, environment: ["OPENBLAS_CORETYPE": expected])
    XCTAssertEqual(restarted.stdout, forced.stdout)
  }

  /// Whether /proc/cpuinfo lists `flag` for this processor.
  static func processorHas(_ flag: String) -> Bool {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return false }
    return line.split(separator: " ").contains { $0 == flag }
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
