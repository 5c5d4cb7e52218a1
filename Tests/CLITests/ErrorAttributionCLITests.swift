import XCTest

/// A cross-parameter error names the option the user typed: the library names the parameter's
/// id, the command line renders it as that parameter's flag.
final class ErrorAttributionCLITests: XCTestCase {
  /// The Bloch path on an Anderson-disordered ring blames `--anderson` (not `--aah`, which is 0).
  func testBlochPathWithAndersonDisorderNamesAnderson() throws {
    let r = try CLI.run(["ring", "currents", "--cells", "4", "--path", "bloch", "--anderson", "1"])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("invalid value for --anderson: 1"), r.stderr)
    XCTAssertFalse(r.stderr.contains("--aah"), r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  /// `--minimal --method ftlm` names the method the user gave, not another one.
  func testMinimalTableWithFTLMNamesFTLM() throws {
    let r = try CLI.run([
      "magnon", "exact", "--spins", "4", "--field", "2", "--latitude", "45", "--minimal", "--method", "ftlm",
    ])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("invalid value for --method: ftlm"), r.stderr)
    XCTAssertFalse(r.stderr.contains("lanczos"), r.stderr)
    XCTAssertEqual(r.stdout, "")
  }

  /// An odd N with two sublattices names `--spins` and says why in the parameters' own words.
  func testOddFerrimagnetNamesSpins() throws {
    let r = try CLI.run(["magnon", "exact", "--spins", "5", "--spin-b", "1", "--field", "2", "--latitude", "45"])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("invalid value for --spins: 5"), r.stderr)
    XCTAssertTrue(r.stderr.contains("two sublattices"), r.stderr)
    XCTAssertFalse(r.stderr.contains("--spin-b ≠"), r.stderr)
  }
}
