import Foundation
import XCTest

/// Hostile input to `spintransport diffusion interface|torus|evolve` (README contract): sizes
/// refused with the bytes named before allocation, absurd magnitudes refused with the physical
/// range, errors naming the option the user typed, `-o FILE` untouched on refusal, evolve
/// output streamed (byte-identical to the former all-in-memory table) in bounded memory.
final class DiffusionHostileInputTests: XCTestCase {
  /// A small memory limit (MemoryBudget's override): 51 MiB usable.
  let smallMemory = ["SPINTRANSPORT_MEMORY_LIMIT": "64M"]

  /// Every size is checked against the memory or the output bound before anything is allocated
  /// (before: "Fatal error: failed to allocate" after minutes, or SIGABRT at 11.8 GB).
  func testSizesAreRefusedWithBytesNamed() throws {
    // 10⁵ profiles × 4001 points: the table a sweep holds (≈ 190 GiB), refused at once;
    // beyond 10⁵ points the sweep itself is refused.
    try CLI.assertRefused(
      ["diffusion", "interface", "--vary", "angle=0:180:100000"], mentions: ["--vary", "GiB", "memory"], timeout: 20)
    try CLI.assertRefused(
      ["diffusion", "torus", "--vary", "side=1e-8:1e-7:100000000"],
      mentions: ["--vary", "side=1e-8:1e-7:100000000", "COUNT from 1 to 100000"], timeout: 20)
    // 10⁶ snapshots × 801 points ≈ 150 GiB of CSV: refused, naming --steps and the bytes.
    try CLI.assertRefused(
      ["diffusion", "evolve", "--steps", "1000000", "--every", "1"], mentions: ["--steps", "1000000", "GiB"],
      timeout: 20)
    // The memory of one steady solve / one evolution, against a small limit.
    try CLI.assertRefused(
      ["diffusion", "interface", "--points", "2000000"], mentions: ["--points", "2000000", "MiB", "memory"],
      timeout: 20, environment: smallMemory)
    try CLI.assertRefused(
      ["diffusion", "torus", "--points", "2000000"], mentions: ["--points", "2000000", "MiB"], timeout: 20,
      environment: smallMemory)
    try CLI.assertRefused(
      ["diffusion", "evolve", "--points", "100000", "--steps", "1"], mentions: ["--points", "100000", "MiB"],
      timeout: 20, environment: smallMemory)
    // The node cap itself (a number of nodes no grid of this model needs).
    try CLI.assertRefused(["diffusion", "interface", "--points", "20000001"], mentions: ["--points", "20000001"])
  }

  /// The output size is checked against the free space of the target directory (here a
  /// forced 1 MiB bound), naming the option that sets the row count.
  func testOutputLargerThanTheTargetIsRefused() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("out.csv").path
    let limit = ["SPINTRANSPORT_OUTPUT_LIMIT": "1M"]
    try CLI.assertRefused(
      ["diffusion", "interface", "--points", "100001", "-o", file], mentions: ["--points", "100001", "MiB", "disk"],
      untouched: [file], environment: limit)
    try CLI.assertRefused(
      ["diffusion", "evolve", "--points", "101", "--steps", "1000", "--every", "1", "-o", file],
      mentions: ["--steps", "1000", "MiB"], untouched: [file], environment: limit)
    try CLI.assertRefused(
      ["diffusion", "interface", "--points", "1001", "--vary", "angle=0:90:1000", "-o", file],
      mentions: ["--vary", "angle=0:90:1000", "MiB"], untouched: [file], environment: limit)
  }

  /// Magnitudes outside the physical range are refused with the range, naming the option.
  func testAbsurdMagnitudesAreRefusedWithTheRange() throws {
    let cases: [(args: [String], option: String, value: String)] = [
      (["diffusion", "interface", "--precession-ratio", "1e300"], "--precession-ratio", "1e300"),
      (["diffusion", "interface", "--diffusion-length", "1e300"], "--diffusion-length", "1e300"),
      (["diffusion", "interface", "--diffusivity", "1e300"], "--diffusivity", "1e300"),
      (["diffusion", "interface", "--sd-coupling", "1e300"], "--sd-coupling", "1e300"),
      (["diffusion", "interface", "--length", "1e300"], "--length", "1e300"),
      (["diffusion", "interface", "--wall-width", "1e300"], "--wall-width", "1e300"),
      (["diffusion", "interface", "--angle", "1e300"], "--angle", "1e300"),
      (["diffusion", "interface", "--refinement", "1e300"], "--refinement", "1e300"),
      (["diffusion", "torus", "--side", "1e300"], "--side", "1e300"),
      (["diffusion", "torus", "--diffusivity", "1e-300"], "--diffusivity", "1e-300"),
      (["diffusion", "evolve", "--time-step", "1e300"], "--time-step", "1e300"),
      (["diffusion", "evolve", "--exchange-stiffness", "1e300"], "--exchange-stiffness", "1e300"),
      (["diffusion", "evolve", "--accumulation-scale", "1e300"], "--accumulation-scale", "1e300"),
      (["diffusion", "evolve", "--from-angle", "1e300"], "--from-angle", "1e300"),
      (["diffusion", "evolve", "--precession-ratio", "1e300"], "--precession-ratio", "1e300"),
    ]
    // The value is quoted as typed ("1e300"), the range as the schema states it.
    for c in cases {
      try CLI.assertRefused(c.args, mentions: [c.option, c.value, "a number in"], timeout: 20)
    }
    try CLI.assertRefused(
      ["diffusion", "evolve", "--steps", "2000000000"], mentions: ["--steps", "2000000000", "1 to 1000000000"])
    // Sweeps: START and STOP in the range of the varied option.
    try CLI.assertRefused(
      ["diffusion", "interface", "--vary", "length=1e-9:1e300:3"],
      mentions: ["--vary", "length=1e-9:1e300:3", "a number in"])
    try CLI.assertRefused(
      ["diffusion", "torus", "--vary", "wall-width=0:1e300:3"],
      mentions: ["--vary", "wall-width=0:1e300:3", "a number in"])
  }

  /// A derived quantity that would overflow is blamed on the option the user gave: l = 1e−300 m
  /// made τ_sf = 0 and M₀ = inf, and the error named --precession-ratio (never set).
  func testErrorsNameTheOptionTheUserGave() throws {
    for command in ["interface", "torus", "evolve"] {
      let r = try CLI.assertRefused(
        ["diffusion", command, "--diffusion-length", "1e-300"],
        mentions: ["--diffusion-length", "1e-300", "a number in [1e-10, 0.01] m"])
      XCTAssertFalse(r.stderr.contains("precession-ratio"), r.stderr)
      let s = try CLI.assertRefused(
        ["diffusion", command, "--sd-coupling", "1e-300"], mentions: ["--sd-coupling", "1e-300"])
      XCTAssertFalse(s.stderr.contains("precession-ratio"), s.stderr)
    }
  }

  /// A refused run leaves an existing `-o FILE` byte for byte and no temporary behind.
  func testRefusalLeavesExistingOutputUntouched() throws {
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("result.csv").path
    let old = Data("previous result, keep me\n1,2,3\n".utf8)
    XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: old))
    try CLI.assertRefused(
      ["diffusion", "interface", "--precession-ratio", "1e300", "-o", file], mentions: ["--precession-ratio"],
      untouched: [file])
    try CLI.assertRefused(
      ["diffusion", "evolve", "--steps", "1000000", "--every", "1", "-o", file], mentions: ["--steps"],
      untouched: [file], environment: ["SPINTRANSPORT_OUTPUT_LIMIT": "1G"])
    try CLI.assertRefused(
      ["diffusion", "torus", "--points", "2000000", "-o", file], mentions: ["--points"], untouched: [file],
      environment: smallMemory)
    XCTAssertEqual(FileManager.default.contents(atPath: file), old)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["result.csv"])
  }

  /// The streamed evolve table is one table whichever way it leaves: stdout, `-o FILE`, JSON rows
  /// and the in-memory table the study runner writes for the same point are produced in this
  /// run and agree byte for byte (JSON: cell by cell as text); then the numbers against a reference
  /// (printed by the fixed-step route, which the run names).
  func testStreamedEvolveIsOneTableOnEveryRoute() throws {
    let args = [
      "diffusion", "evolve", "--length", "1e-8", "--points", "7", "--steps", "4", "--every", "2",
      "--magnetization", "landau-lifshitz", "--exchange-stiffness", "0", "--accumulation-scale", "0.01", "--method",
      "fixed-step",
    ]
    let r = try CLI.run(args)
    XCTAssertEqual(r.status, 0, r.stderr)
    let dir = try CLI.temporaryDirectory()
    let file = dir.appendingPathComponent("evolve.csv").path
    let f = try CLI.run(args + ["-o", file])
    XCTAssertEqual(f.status, 0, f.stderr)
    XCTAssertEqual(FileManager.default.contents(atPath: file), Data(r.stdout.utf8))
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["evolve.csv"])
    try CLI.assertVaryEqualsRun(args)
    let j = try CLI.run(args + ["--format", "json"])
    XCTAssertEqual(CLI.jsonRowTexts(j.stdout), CLI.csv(r.stdout).rows)
    let object = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
    XCTAssertEqual((object["metadata"] as! [String: Any])["computation"] as? String, "diffusion-evolve")
    CLI.assertTableClose(r.stdout, to: Self.referenceEvolveCSV, relative: 1e-10)
  }

  /// A long evolve runs under a memory limit that holding every snapshot would exceed: 401
  /// snapshots × 101 nodes ≈ 40 500 rows, ≈ 22 MB as a table (≈ 550 B a row measured), against
  /// 1.6 MiB usable; streaming needs O(points) (on the fixed-step route, where 400 steps are cheap).
  func testLongEvolveStreamsInBoundedMemory() throws {
    let rows = 401 * 101
    XCTAssertGreaterThan(Double(rows) * 550, 0.8 * 2 * 1_048_576)  // the former estimate would refuse
    let r = try CLI.run(
      [
        "diffusion", "evolve", "--length", "1e-8", "--points", "101", "--steps", "400", "--every", "1", "--method",
        "fixed-step",
      ],
      environment: ["SPINTRANSPORT_MEMORY_LIMIT": "2M"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(CLI.csv(r.stdout).rows.count, rows)
  }

  /// Peak RSS of a long fixed-step evolve (measured with /usr/bin/time when present) stays near the idle
  /// process (≈ 30 MB): the 301 × 501 rows held in memory took ≈ 105 MB before streaming.
  func testLongEvolvePeakMemoryIsBounded() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { throw XCTSkip("no /usr/bin/time") }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    p.arguments = [
      "-f", "maxrss_kb=%M", CLI.binary.path, "diffusion", "evolve", "--points", "501", "--steps", "300", "--every",
      "1", "--method", "fixed-step", "--quiet", "-o",
      try CLI.temporaryDirectory().appendingPathComponent("long.csv").path,
    ]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0, text)
    let kb = text.split(separator: "\n").compactMap { $0.hasPrefix("maxrss_kb=") ? Double($0.dropFirst(10)) : nil }
    let peak = try XCTUnwrap(kb.last, text)
    XCTAssertLessThan(peak, 70_000, "peak RSS \(peak) kB")
  }

  /// Long work reports progress on stderr (here from the first row): a streamed run in rows
  /// written, a sweep in points; `--quiet` silences both and changes no byte of the table
  /// (snapshots 0.1 ps apart, below half the 0.63 ps precession period: no aliasing warning).
  func testProgressOnStderrAndQuiet() throws {
    let env = ["SPINTRANSPORT_PROGRESS_AFTER": "0"]
    let args = [
      "diffusion", "evolve", "--length", "1e-8", "--points", "21", "--time-step", "2e-14", "--steps", "10", "--every",
      "5",
    ]
    let r = try CLI.run(args, environment: env)
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertTrue(r.stderr.contains("diffusion evolve: 63/63 rows (100 %)"), r.stderr)
    let i = try CLI.run(
      ["diffusion", "interface", "--length", "1e-8", "--points", "401", "--vary", "angle=0:90:3"], environment: env)
    XCTAssertTrue(i.stderr.contains("run: 3/3 points (100%)"), i.stderr)
    let q = try CLI.run(args + ["--quiet"], environment: env)
    XCTAssertEqual(q.stderr, "")
    XCTAssertEqual(q.stdout, r.stdout)
  }

  /// A sweep's warnings are deduplicated by the study runner: 40 under-resolved lengths give
  /// one line per distinct warning (the ratio differs at each point), never one per step.
  func testSweepWarningsAreBounded() throws {
    let r = try CLI.run(["diffusion", "interface", "--points", "31", "--vary", "length=1e-8:1e-6:40", "--quiet"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = r.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 40, r.stderr)
    // Each names its grid point.
    XCTAssertTrue(
      lines.allSatisfy { $0.hasPrefix("warning: at length_m = ") && $0.contains(": grid spacing") }, r.stderr)
    XCTAssertEqual(CLI.csv(r.stdout).rows.count, 40 * 31)
  }

  /// Extreme but physical inputs give finite numbers or a warning that says why (the fixed-step
  /// route), or, on the error-controlled route, exit status 2 naming the time reached and why.
  /// (Negative values are written `--opt=-x`: the parser's handling of `--opt -x` is not this test's.)
  func testNoSilentNonFiniteAtTheEdgesOfTheRanges() throws {
    let cases: [[String]] = [
      ["diffusion", "interface", "--precession-ratio", "1e6", "--points", "101"],
      ["diffusion", "interface", "--diffusion-length", "1e-10", "--length", "1e-2", "--points", "101"],
      ["diffusion", "interface", "--diffusivity", "10", "--sd-coupling", "1e-6", "--points", "101"],
      ["diffusion", "torus", "--side", "1e-10", "--wall-width", "1e-2", "--refinement", "1e4", "--points", "64"],
      [
        "diffusion", "evolve", "--points", "21", "--steps", "3", "--time-step", "1e-3", "--exchange-stiffness", "1e-15",
        "--magnetization", "landau-lifshitz", "--accumulation-scale", "1e6", "--method", "fixed-step",
      ],
      ["diffusion", "evolve", "--points", "21", "--steps", "3", "--time-step", "1e-18", "--from-angle=-360"],
    ]
    for args in cases {
      let r = try CLI.run(args, timeout: 60)
      XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
      CLI.assertNoSilentNonFinite(r, args)
    }
    let adaptive = try CLI.run(
      [
        "diffusion", "evolve", "--points", "21", "--steps", "3", "--time-step", "1e-3", "--exchange-stiffness", "1e-15",
        "--magnetization", "landau-lifshitz", "--accumulation-scale", "1e6", "--max-steps", "1000",
      ], timeout: 60)
    XCTAssertEqual(adaptive.status, 2, adaptive.stderr)
    XCTAssertTrue(adaptive.stderr.hasPrefix("spintransport: error: time integration failed at t = "), adaptive.stderr)
    XCTAssertEqual(adaptive.stdout, "")
  }

  /// `-o` naming a FIFO (like /dev/null, a device) is written in place: the temporary +
  /// rename of a regular file would replace the node by a regular file (as root, /dev/null).
  func testOutputToAFIFOIsWrittenInPlace() throws {
    let args = [
      "diffusion", "evolve", "--length", "1e-8", "--points", "7", "--steps", "4", "--every", "2",
      "--magnetization", "landau-lifshitz", "--exchange-stiffness", "0", "--accumulation-scale", "0.01",
    ]
    let (_, text) = try CLI.runIntoFIFO(args)
    XCTAssertEqual(text, try CLI.run(args).stdout)
  }

  /// `diffusion evolve --length 1e-8 --points 7 --steps 4 --every 2 --magnetization landau-lifshitz
  /// --exchange-stiffness 0 --accumulation-scale 0.01` as
  /// printed on one machine, compared with a tolerance of 1e−10 of each column's largest value:
  /// another CPU or BLAS kernel changes the last digits (measured between an AMD Zen 3 and the
  /// machine that printed it: at most 7e−15 of a column's largest value after four steps), while a
  /// change of the scheme or step is far above it (halving the time step moves every column by
  /// 4e−2 to 2e−1 of its largest value: this coarse step is a regression check, not a converged answer).
  static let referenceEvolveCSV = """
    time_s,x_m,m_x,m_y,m_z,M_x,M_y,M_z
    0.0,-5e-09,0.0,0.0,-1.0,0.0,0.0,0.06582113629414338
    0.0,-2.5343618363140938e-09,0.0,0.0,0.0,0.0,0.0,0.06575805978776425
    0.0,-6.146630275840387e-10,0.0,0.0,0.0,0.0,0.0,0.057639909789867196
    0.0,1.6543612251060557e-25,0.0,0.0,0.0,0.008249144030884,0.0,0.008249144030883998
    0.0,6.146630275840385e-10,0.0,0.0,0.0,0.057639909789867196,0.0,3.5294265513651525e-18
    0.0,2.534361836314094e-09,0.0,0.0,0.0,0.06575805978776425,0.0,4.026519871861289e-18
    0.0,5e-09,1.0,0.0,6.123233995736766e-17,0.06582113629414338,0.0,4.0303821939432185e-18
    2e-13,-5e-09,0.0,0.0,-1.0,0.0,0.0,0.06582113629414338
    2e-13,-2.5343618363140938e-09,-0.3515357662151476,-0.1772254006496746,-0.9990688215148468,0.0011623808738286533,-0.0013468680761248145,0.0657339885001728
    2e-13,-6.146630275840387e-10,1.0379868886736068,-0.5640219899147371,-1.0135882577369997,0.00264514227343584,0.007071912879878315,0.057143245192732284
    2e-13,1.6543612251060557e-25,0.9715354747312701,-0.48205910916953365,-1.018906619056531,0.008101501443043864,0.0020381829939037067,0.008142987101565257
    2e-13,6.146630275840385e-10,0.9920377883781633,-0.6445418173613277,-1.0257023350877639,0.057143245192732284,0.006683368365649172,-0.0035130210241821874
    2e-13,2.534361836314094e-09,1.0185889929168874,-0.16369173101695045,0.3349612605257627,0.0657339885001728,-0.001490183082659603,-0.0009718730835257948
    2e-13,5e-09,1.0,0.0,6.123233995736767e-17,0.06582113629414338,0.0,4.0303821939432185e-18
    4e-13,-5e-09,0.0,0.0,-1.0,0.0,0.0,0.06582113629414338
    4e-13,-2.5343618363140938e-09,-0.8297848500123941,0.11872276406269389,-0.9215258638390245,0.005639052758716848,-0.009871112628179421,0.06476792915106505
    4e-13,-6.146630275840387e-10,0.7535651221969177,-0.7664481956826434,-0.9550097281694698,0.008196984532402902,0.025194613352773863,0.05118984375014056
    4e-13,1.6543612251060557e-25,0.8011384278798799,-0.8679897373520555,-0.9074504071397025,0.008058811619948352,0.006521187336521889,0.005350366854778299
    4e-13,6.146630275840385e-10,0.9137530818232749,-1.0442446495015552,-0.7802044772311264,0.050349541646235556,0.019371921781707064,-0.02029806648627995
    4e-13,2.534361836314094e-09,1.04467064300664,0.08096548083861208,0.5087374396247324,0.06492495302619296,-0.010287455697592277,-0.0017438913004801091
    4e-13,5e-09,1.0,0.0,6.123233995736766e-17,0.06582113629414338,-1.1524741013018817e-34,4.0303821939432185e-18

    """
}
