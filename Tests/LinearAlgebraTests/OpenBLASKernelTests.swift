@testable import LinearAlgebra
import XCTest

/// The kernel policy: a generic OpenBLAS fallback is replaced by the kernel of the processor's
/// width; a kernel OpenBLAS chose for a processor it knows, or the user's choice, is kept.
final class OpenBLASKernelTests: XCTestCase {
  /// An excerpt of /proc/cpuinfo on an Intel family 6 model 207 processor (AVX-512), which
  /// OpenBLAS 0.3.21 does not know: it falls back to Prescott.
  static let xeon = """
    processor\t: 0
    vendor_id\t: GenuineIntel
    cpu family\t: 6
    model\t\t: 207
    model name\t: Intel(R) Xeon(R) Processor
    flags\t\t: fpu sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 bmi1 bmi2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni

    processor\t: 1
    model name\t: second block is not read
    flags\t\t: sse

    """

  /// An AMD Zen 3 (AVX2, no AVX-512), which OpenBLAS 0.3.21 detects as Zen.
  static let zen3 = """
    processor\t: 0
    vendor_id\t: AuthenticAMD
    cpu family\t: 25
    model\t\t: 1
    model name\t: AMD EPYC
    flags\t\t: fpu sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 bmi1 bmi2 sha_ni vaes

    """

  func testCPUInfoIsReadFromTheFirstProcessor() {
    let cpu = CPUDescription(cpuinfo: Self.xeon)
    XCTAssertEqual(cpu.modelName, "Intel(R) Xeon(R) Processor")
    XCTAssertEqual(cpu.family, 6)
    XCTAssertEqual(cpu.model, 207)
    XCTAssertEqual(cpu.vectorTier, .avx512)
    XCTAssertEqual(CPUDescription(cpuinfo: Self.zen3).vectorTier, .avx2)
    XCTAssertEqual(CPUDescription(cpuinfo: "").vectorTier, .sse)
    // AVX-512 counts only with every subset the SkylakeX kernel uses.
    let partial = CPUDescription(modelName: "", family: nil, model: nil, flags: ["avx", "avx2", "fma", "avx512f"])
    XCTAssertEqual(partial.vectorTier, .avx2)
  }

  func testAGenericFallbackIsReplacedByTheProcessorsKernel() {
    let xeon = CPUDescription(cpuinfo: Self.xeon), zen3 = CPUDescription(cpuinfo: Self.zen3)
    XCTAssertEqual(OpenBLASKernel.replacement(core: "Prescott", cpu: xeon, userChoice: nil), "SkylakeX")
    XCTAssertEqual(OpenBLASKernel.replacement(core: "Prescott", cpu: zen3, userChoice: nil), "Haswell")
    XCTAssertEqual(OpenBLASKernel.replacement(core: "Core2", cpu: zen3, userChoice: nil), "Haswell")
    let avx = CPUDescription(modelName: "", family: nil, model: nil, flags: ["sse2", "avx"])
    XCTAssertEqual(OpenBLASKernel.replacement(core: "Nehalem", cpu: avx, userChoice: nil), "Sandybridge")
  }

  func testAKnownKernelOrTheUsersChoiceIsKept() {
    let xeon = CPUDescription(cpuinfo: Self.xeon), zen3 = CPUDescription(cpuinfo: Self.zen3)
    XCTAssertNil(OpenBLASKernel.replacement(core: "Zen", cpu: zen3, userChoice: nil))
    XCTAssertNil(OpenBLASKernel.replacement(core: "SkylakeX", cpu: xeon, userChoice: nil))
    XCTAssertNil(OpenBLASKernel.replacement(core: "Haswell", cpu: xeon, userChoice: nil), "not a generic fallback")
    XCTAssertNil(OpenBLASKernel.replacement(core: "Prescott", cpu: xeon, userChoice: "Prescott"))
    let sse = CPUDescription(modelName: "", family: nil, model: nil, flags: ["sse2", "sse3"])
    XCTAssertNil(OpenBLASKernel.replacement(core: "Prescott", cpu: sse, userChoice: nil), "nothing wider to run")
  }

  func testStatusExplainsAndWarns() {
    let xeon = CPUDescription(cpuinfo: Self.xeon)
    let chosen = OpenBLASKernel.Status(cpu: xeon, kernel: "SkylakeX", origin: .chosenByTool(fallback: "Prescott"))
    XCTAssertTrue(chosen.explanation.hasPrefix("SkylakeX, chosen by spintransport"), chosen.explanation)
    XCTAssertTrue(chosen.explanation.contains("generic Prescott kernel"), chosen.explanation)
    XCTAssertNil(chosen.warning)
    let fallback = OpenBLASKernel.Status(cpu: xeon, kernel: "Prescott", origin: .detected)
    XCTAssertEqual(
      fallback.warning,
      "the Prescott kernel (SSE) runs on a processor with AVX-512: dense linear algebra runs at about half speed; "
        + "set OPENBLAS_CORETYPE=SkylakeX")
    let user = OpenBLASKernel.Status(cpu: xeon, kernel: "Haswell", origin: .forcedByUser("haswell"))
    XCTAssertEqual(user.explanation, "Haswell, forced by OPENBLAS_CORETYPE=haswell")
    XCTAssertTrue(user.warning?.contains("slower than it could; unset OPENBLAS_CORETYPE or set it to SkylakeX") == true)
  }
}
