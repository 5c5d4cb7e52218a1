import Foundation
import XCTest

/// End-to-end: `spintransport magnon exact`.
final class MagnonExactCLITests: XCTestCase {
  let model = [
    "magnon", "exact", "--spins", "6", "--spin", "0.5", "--exchange", "10", "--field", "2", "--latitude", "45",
  ]

  func column(_ t: (header: [String], rows: [[String]]), _ name: String, row: Int = 0) -> Double {
    Double(t.rows[row][t.header.firstIndex(of: name)!])!
  }

  func testColumnsRoutesAndSemiclassics() throws {
    let r = try CLI.run(model + ["--temperature", "1"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let t = CLI.csv(r.stdout)
    for name in [
      "spin_current_z_K", "thermal_spin_current_z_K", "longitudinal_spin_current_K", "energy_K", "specific_heat",
      "gap_K", "lswt_spin_current_z_K", "nc_lswt_spin_current_z_K", "eq15_spin_current_K",
    ] { XCTAssertTrue(t.header.contains(name), name) }
    // Bond 0's jᶻ and the twist column (the bond average of jᶻ by Hellmann–Feynman): on the crown the screw
    // maps bond to bond and jᶻ is invariant under rotations about z, so both are the same operator summed in
    // another order — rounding only, 1e-10 relative (the twist route itself: ExactCurrentTests). S = ½ ED
    // within 2 % of classical + LSWT (measured 0.5 %: 0.14846 vs 0.14772 K) and not within 5 % of the
    // classical value alone (0.16066 K).
    let op = column(t, "spin_current_z_K"), twist = column(t, "spin_current_z_twist_K")
    XCTAssertEqual(twist, op, accuracy: 1e-10 * abs(op))
    XCTAssertEqual(column(t, "lswt_spin_current_z_K"), op, accuracy: 0.02 * abs(op))
    XCTAssertGreaterThan(abs(column(t, "classical_spin_current_z_K") - op), 0.05 * abs(op))
  }

  func testTemperatureSweepAndLanczosAgreeWithFullED() throws {
    let sweep = try CLI.run(model + ["--vary", "temperature=0:4:3"])
    XCTAssertEqual(sweep.status, 0, sweep.stderr)
    let t = CLI.csv(sweep.stdout)
    XCTAssertEqual(t.rows.count, 3)
    XCTAssertEqual(column(t, "thermal_spin_current_z_K", row: 0), 0)
    XCTAssertEqual(column(t, "specific_heat", row: 0), 0)
    let lanczos = try CLI.run(model + ["--method", "lanczos"])
    XCTAssertEqual(lanczos.status, 0, lanczos.stderr)
    XCTAssertTrue(lanczos.stderr.contains("gap_K is nan"), lanczos.stderr)
    let l = CLI.csv(lanczos.stdout)
    // Lanczos ground state (residual 1e-10) vs full ED: energy and current to 1e-8 relative.
    XCTAssertEqual(column(l, "energy_K"), column(t, "energy_K"), accuracy: 1e-8 * abs(column(t, "energy_K")))
    XCTAssertEqual(
      column(l, "spin_current_z_K"), column(t, "spin_current_z_K"), accuracy: 1e-8 * abs(column(t, "spin_current_z_K")))
  }

  func testLanczosRunsMatrixFreeWhenTheStoredMatrixDoesNotFit() throws {
    // N = 8, S = ½: the stored sparse H of a sector needs ≈ 82 KB, the matrix-free route ≈ 8 KB.
    // Under a 50 KB limit only the matrix-free route fits (before it, this was an exit-2 memory error);
    // its E_0 and jᶻ equal the stored-matrix run's to 1e-8 relative (both converged to residual 1e-10).
    let ring = [
      "magnon", "exact", "--spins", "8", "--spin", "0.5", "--exchange", "10", "--field", "2",
      "--latitude", "45", "--method", "lanczos",
    ]
    let stored = try CLI.run(ring)
    XCTAssertEqual(stored.status, 0, stored.stderr)
    let free = try CLI.run(ring, environment: ["SPINTRANSPORT_MEMORY_LIMIT": "50K"])
    XCTAssertEqual(free.status, 0, free.stderr)
    let a = CLI.csv(stored.stdout), b = CLI.csv(free.stdout)
    for name in ["energy_K", "spin_current_z_K", "spin_current_z_twist_K", "spin_a_z"] {
      XCTAssertEqual(column(b, name), column(a, name), accuracy: 1e-8 * max(abs(column(a, name)), 1e-3), name)
    }
  }

  func testFTLMAgreesWithFullEDWithinFourStandardErrors() throws {
    // --method ftlm against full ED on the same ring (S = 1/2, N = 6: 64 states, 6 sectors; 20 random vectors):
    // T = 0 from the exact low states (1e-8 relative), T > 0 within 4 jackknife standard errors (see
    // FiniteTemperatureLanczosTests for the factor); the twist column is the bond average of the same
    // sampled jᶻ (Hellmann–Feynman), so it equals spin_current_z_K to rounding (1e-10 relative).
    let sweep = ["--vary", "temperature=0,5,20", "--ftlm-vectors", "20"]
    let full = CLI.csv(try CLI.run(model + sweep).stdout)
    let r = try CLI.run(model + sweep + ["--method", "ftlm"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertFalse(r.stderr.contains("spin_current_z_twist_K is nan"), r.stderr)
    let f = CLI.csv(r.stdout)
    XCTAssertEqual(column(f, "spin_current_z_stderr_K", row: 0), 0)
    for name in ["spin_current_z_K", "energy_K", "gap_K"] {
      XCTAssertEqual(column(f, name), column(full, name), accuracy: 1e-8 * abs(column(full, name)), name)
    }
    for row in 1...2 {
      let error = column(f, "spin_current_z_stderr_K", row: row)
      XCTAssertGreaterThan(error, 0)
      XCTAssertEqual(
        column(f, "spin_current_z_K", row: row), column(full, "spin_current_z_K", row: row), accuracy: 4 * error)
      let op = column(f, "spin_current_z_K", row: row)
      XCTAssertEqual(column(f, "spin_current_z_twist_K", row: row), op, accuracy: 1e-10 * abs(op))
    }
  }

  func testMinimalColumnsEqualTheFullTable() throws {
    // --minimal (the benchmark's work) must give the same numbers as the full table (same code path
    // for E, F, C, gap; jᶻ from the same eigenstate diagonal): 1e-12 relative.
    let full = CLI.csv(try CLI.run(model + ["--temperature", "3"]).stdout)
    let r = try CLI.run(model + ["--temperature", "3", "--minimal"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let minimal = CLI.csv(r.stdout)
    XCTAssertEqual(
      minimal.header, ["spin_current_z_K", "energy_K", "free_energy_K", "specific_heat", "gap_K"])
    for name in minimal.header {
      XCTAssertEqual(column(minimal, name), column(full, name), accuracy: 1e-12 * max(1, abs(column(full, name))), name)
    }
  }

  func testAntiferromagnetAndFerrimagnetRun() throws {
    let afm = try CLI.run([
      "magnon", "exact", "--spins", "4", "--spin", "1", "--exchange=-5", "--field", "3", "--latitude", "60",
    ])
    XCTAssertEqual(afm.status, 0, afm.stderr)
    // LSWT by the general route (RingSemiclassics); Eq. 15 is the ferromagnet's formula, nan with a warning.
    XCTAssertTrue(afm.stderr.contains("Eq. 15 is the uniform ferromagnet's formula"), afm.stderr)
    let t = CLI.csv(afm.stdout)
    for name in ["lswt_spin_current_z_K", "nc_lswt_spin_current_z_K", "lswt_gap_K"] {
      XCTAssertTrue(column(t, name).isFinite, name)
    }
    XCTAssertTrue(column(t, "eq15_spin_current_K").isNaN)
    // Field along z: the Goldstone mode makes Colpa LSWT unstable — a warning with the eigenvalue, nan columns.
    let axial = try CLI.run([
      "magnon", "exact", "--spins", "4", "--spin", "1", "--exchange=-5", "--field", "3", "--latitude", "0",
    ])
    XCTAssertEqual(axial.status, 0, axial.stderr)
    XCTAssertTrue(axial.stderr.contains("Goldstone mode"), axial.stderr)
    XCTAssertTrue(column(CLI.csv(axial.stdout), "lswt_spin_current_z_K").isNaN)
    let ferri = try CLI.run([
      "magnon", "exact", "--spins", "4", "--spin", "0.5", "--spin-b", "1.5", "--exchange=-5", "--field", "3",
      "--latitude", "60", "--format", "json",
    ])
    XCTAssertEqual(ferri.status, 0, ferri.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(ferri.stdout.utf8)) as! [String: Any]
    let study = (object["metadata"] as! [String: Any])["study"] as! [String: Any]
    XCTAssertEqual((study["parameters"] as! [String: Any])["spin_b"] as? Double, 1.5)
  }

  func testBadInputIsOneLineExitTwoAndNoFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exact-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("t.csv").path
    let cases: [([String], String)] = [
      (["--spin", "0.7"], "--spin"),
      (["--spins", "40"], "--spins: 40"),
      (["--spins", "5", "--spin-b", "1"], "--spins: 5"),
      (["--method", "lanczos", "--temperature", "1"], "--temperature"),
      (["--temperature=-1"], "--temperature"),
      (["--exchange", "0"], "--exchange"),
      (["--vary", "latitude=0:200:3"], "--vary"),
      (["--method", "ftlm", "--ftlm-vectors", "1"], "--ftlm-vectors"),
      (["--method", "ftlm", "--ftlm-steps", "0"], "--ftlm-steps"),
      (["--method", "ftlm", "--spins", "30"], "--spins: 30"),
    ]
    for (extra, name) in cases {
      let r = try CLI.run(["magnon", "exact", "--field", "2", "--latitude", "45"] + extra + ["-o", out])
      XCTAssertEqual(r.status, 2, "\(extra): \(r.stderr)")
      XCTAssertTrue(r.stderr.contains(name), "\(extra): \(r.stderr)")
      XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
      XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(extra)")
    }
  }
  /// One point reports its own progress on stderr (sectors diagonalised or sampled, Lanczos steps and
  /// residual, time left) — from the first report with SPINTRANSPORT_PROGRESS_AFTER=0, pipes or not —
  /// and writes exactly the rows of a `--quiet` run, which prints no progress line.
  func testSinglePointProgressOnStderrOnlyAndQuiet() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exact-progress-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let ring = [
      "magnon", "exact", "--spins", "8", "--spin", "0.5", "--exchange", "10", "--field", "2", "--latitude", "45",
    ]
    let now = ["SPINTRANSPORT_PROGRESS_AFTER": "0"]
    let cases: [([String], [String: String], String)] = [
      (["--method", "full"], [:], "diagonalised ("),
      (["--method", "lanczos"], [:], ": Lanczos step "),
      // The matrix-free route (only it fits under 50 KB): the wide recurrence's steps.
      (["--method", "lanczos"], ["SPINTRANSPORT_MEMORY_LIMIT": "50K"], "magnon exact: Lanczos step "),
      (["--method", "ftlm", "--temperature", "2"], [:], "sampled (10 random vectors) ("),
    ]
    for (extra, environment, expected) in cases {
      let env = now.merging(environment) { $1 }
      let loud = try CLI.run(ring + extra, environment: env)
      XCTAssertEqual(loud.status, 0, loud.stderr)
      XCTAssertTrue(loud.stderr.contains("magnon exact: "), "\(extra): \(loud.stderr)")
      XCTAssertTrue(loud.stderr.contains(expected), "\(extra): \(loud.stderr)")
      XCTAssertTrue(loud.stderr.contains(" %)"), "\(extra): \(loud.stderr)")
      XCTAssertFalse(loud.stdout.contains("magnon exact:"), "stdout keeps the table only")
      let quiet = try CLI.run(ring + extra + ["--quiet"], environment: env)
      XCTAssertEqual(quiet.status, 0, quiet.stderr)
      XCTAssertFalse(quiet.stderr.contains("magnon exact:"), "\(extra): \(quiet.stderr)")
      XCTAssertEqual(quiet.stdout, loud.stdout, "\(extra)")
      // The same rows to a file: the CSV equals the quiet run's stdout.
      let file = dir.appendingPathComponent("t.csv").path
      let written = try CLI.run(ring + extra + ["-o", file], environment: env)
      XCTAssertEqual(written.status, 0, written.stderr)
      XCTAssertTrue(written.stderr.contains("magnon exact: "), "\(extra): \(written.stderr)")
      XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), quiet.stdout, "\(extra)")
    }
  }
}
