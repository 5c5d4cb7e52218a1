import Foundation
import XCTest

/// The ring entries (seed 002) on the catalogue: every command's `--vary` and `run` of the study
/// its `--save-study` writes give the same data.csv bytes; `ring sweep` is `ring currents` with a
/// required sweep (old sweep names keep working); negative values parse where allowed.
final class RingCatalogueTests: XCTestCase {
  /// Each entry's `example` (RingXComputation.example): command path, then the arguments.
  let examples: [[String]] = [
    ["ring", "spectrum", "--cells", "4", "--exchange", "0.3", "--vary", "flux-phase=0:0.3:3"],
    ["ring", "bands", "--k-points", "5", "--vary", "gamma=0.5,1.5"],
    ["ring", "currents", "--cells", "10", "--exchange", "0.3", "--theta", "30", "--vary", "flux-phase=0:0.3:4"],
    ["ring", "states", "--cells", "3", "--exchange", "0.3", "--vary", "theta=0,90"],
  ]

  func testVaryEqualsRunOfSavedStudyForEveryEntry() throws {
    for args in examples { try CLI.assertVaryEqualsRun(args) }
    // A START:STOP:COUNT value sweeps like --vary; a 2D grid too.
    try CLI.assertVaryEqualsRun(["ring", "currents", "--cells", "4", "--mu", "-0.6:0.6:3", "--vary", "gamma=0.5,1"])
  }

  /// `ring sweep` = `ring currents` with the same sweep (old names: flux-phase, theta, cells, mu …).
  func testSweepAliasKeepsOldNames() throws {
    let model = ["--cells", "6", "--exchange", "0.3", "--mu", "-0.62"]
    for vary in ["flux-phase=0:0.5:3", "theta=0:180:3", "cells=2:4:3", "mu=-1:1:3", "azimuth=0,90", "aah=0,1"] {
      // Without the swept parameter's own option (`ring sweep` would drop it, `ring currents` refuses both).
      var base = model
      if let i = base.firstIndex(of: "--" + vary.prefix { $0 != "=" }) { base.removeSubrange(i...(i + 1)) }
      let sweep = try CLI.run(["ring", "sweep"] + base + ["--vary", vary])
      XCTAssertEqual(sweep.status, 0, "\(vary): \(sweep.stderr)")
      let currents = try CLI.run(["ring", "currents"] + base + ["--vary", vary])
      XCTAssertEqual(sweep.stdout, currents.stdout, vary)
      XCTAssertEqual(CLI.csv(sweep.stdout).rows.count, vary.hasPrefix("azimuth") || vary.hasPrefix("aah") ? 2 : 3)
    }
    try CLI.assertRefused(["ring", "sweep"] + model, mentions: ["--vary", "ring currents"])
    // The former sweep semantics: --vary overrides the parameter's own option.
    let overridden = try CLI.run(["ring", "sweep"] + model + ["--theta", "40", "--vary", "theta=0,90"])
    let plain = try CLI.run(["ring", "currents"] + model + ["--vary", "theta=0,90"])
    XCTAssertEqual(overridden.status, 0, overridden.stderr)
    XCTAssertEqual(overridden.stdout, plain.stdout)
    try CLI.assertVaryEqualsRun(["ring", "sweep"] + model + ["--vary", "theta=0:90:3"])
  }

  /// Negative values parse on every ring command (options and sweep values), exit 0.
  func testNegativeValuesParse() throws {
    let negative = [
      "--theta", "-30", "--azimuth", "-45", "--flux-phase", "-0.2", "--onsite", "-0.1", "--gamma", "-0.5",
    ]
    for command in [["ring", "spectrum"], ["ring", "bands", "--k-points", "3"], ["ring", "states"]] {
      let r = try CLI.run(command + ["--cells", "3"].filter { _ in command[1] != "bands" } + negative)
      XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
      XCTAssertFalse(r.stdout.isEmpty)
    }
    let r = try CLI.run(["ring", "currents", "--cells", "3", "--mu", "-0.5"] + negative + ["--vary", "t1=-0.2,-0.1"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(CLI.csv(r.stdout).rows.map { $0[0] }, ["-0.2", "-0.1"])
  }

  /// The memory check of `prepare` refuses a study file as it refuses the command line.
  func testStudyRefusedByMemoryEstimate() throws {
    let dir = try CLI.temporaryDirectory()
    let study = dir.appendingPathComponent("big.toml").path
    let save = try CLI.run(["ring", "currents", "--aah", "1", "--vary", "cells=10,3000", "--save-study", study])
    XCTAssertEqual(save.status, 0, save.stderr)
    let out = dir.appendingPathComponent("out").path
    let r = try CLI.run(["run", study, "--out", out], environment: ["SPINTRANSPORT_MEMORY_LIMIT": "64M"])
    XCTAssertEqual(r.status, 2, r.stderr)
    XCTAssertTrue(r.stderr.contains("3000") && r.stderr.contains("cells"), r.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/data.csv"))
  }
}
