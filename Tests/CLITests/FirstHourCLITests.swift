import Foundation
import XCTest

/// What a new user meets in the first hour: plots that show the data with its names as typed,
/// tables in the order asked for with the grid values as typed, and messages that help.
final class FirstHourCLITests: XCTestCase {
  /// A flux sweep with a current (A) and a spin current (eV), written by the CLI itself.
  private func fluxSweep(in dir: URL) throws -> String {
    let csv = dir.appendingPathComponent("flux.csv").path
    let r = try CLI.run([
      "ring", "currents", "--cells", "4", "--exchange", "0.3", "--theta", "45", "--mu", "-0.63",
      "--vary", "flux-phase=-0.6:0.6:7", "--columns", "re_charge_A,re_spin_z_eV", "--quiet", "-o", csv,
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    return csv
  }

  /// Lines of a gnuplot script.
  private func script(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
  }

  /// `plot` labels are the column names verbatim: `set termoption noenhanced` follows every
  /// `set terminal` (which resets the text mode), and columns in A and eV get a panel each.
  func testPlotLabelsAreVerbatimAndUnitsGetTheirOwnPanels() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = try fluxSweep(in: dir)
    let out = dir.appendingPathComponent("p.png").path
    let r = try CLI.run(["plot", csv, "--x", "flux_phase_rad", "--y", "re_charge_A", "re_spin_z_eV", "--out", out])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = try script(dir.appendingPathComponent("p.gp").path)
    let terminals = lines.indices.filter { lines[$0].hasPrefix("set terminal") }
    XCTAssertEqual(terminals.count, 2, "png and svg")
    for t in terminals {
      let untilPlot = lines[t...].prefix { !$0.hasPrefix("plot") }
      XCTAssertTrue(untilPlot.contains("set termoption noenhanced"), "noenhanced after \(lines[t])")
    }
    XCTAssertFalse(lines[..<terminals[0]].contains("set termoption noenhanced"), "reset by set terminal: useless")
    XCTAssertTrue(lines.contains("set xlabel 'flux_phase_rad'"))
    // One panel per unit: two y labels, a two-panel multiplot.
    XCTAssertTrue(lines.contains("set ylabel 're_charge_A'"))
    XCTAssertTrue(lines.contains("set ylabel 're_spin_z_eV'"))
    XCTAssertTrue(lines.contains { $0.hasPrefix("set multiplot layout 1,2") })
    XCTAssertTrue(FileManager.default.fileExists(atPath: out))
  }

  /// --title, --xlabel, --ylabel, --logx, --logy reach the script (quoted, verbatim).
  func testPlotTitleLabelsAndLogAxes() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("t.csv").path
    try "T_K,I_A\n1,1e-9\n10,1e-7\n100,1e-5\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("t.png").path
    let r = try CLI.run([
      "plot", csv, "--x", "T_K", "--y", "I_A", "--out", out, "--title", "It's hot", "--xlabel", "T (K)",
      "--ylabel", "I (A)", "--logx", "--logy",
    ])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = try script(dir.appendingPathComponent("t.gp").path)
    XCTAssertTrue(lines.contains("set title 'It''s hot'"), lines.joined(separator: "\n"))
    XCTAssertTrue(lines.contains("set xlabel 'T (K)'"))
    XCTAssertTrue(lines.contains("set ylabel 'I (A)'"))
    XCTAssertTrue(lines.contains("set logscale x"))
    XCTAssertTrue(lines.contains("set logscale y"))
  }

  /// --heatmap draws z over the (x, y) grid as a colour map (pm3d).
  func testPlotHeatMap() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("g.csv").path
    var text = "x,y,z\n"
    for x in 0..<3 { for y in 0..<3 { text += "\(x),\(y),\(x - y)\n" } }
    try text.write(toFile: csv, atomically: true, encoding: .utf8)
    let r = try CLI.run(["plot", csv, "--x", "x", "--y", "y", "--heatmap", "z", "--out", dir.path + "/g.png"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = try script(dir.appendingPathComponent("g.gp").path)
    XCTAssertTrue(lines.contains("set pm3d map"))
    XCTAssertTrue(lines.contains { $0.hasPrefix("splot $grid using 1:2:3 with pm3d") })
    // Values of both signs: symmetric colour range about zero (largest |z| = 2).
    XCTAssertTrue(lines.contains("set cbrange [-2.0:2.0]"), lines.joined(separator: "\n"))
    try CLI.assertBadInput(["plot", csv, "--x", "x", "--y", "y", "z", "--heatmap", "z"], mentions: "--y")
  }

  /// A study with [aggregate] draws each mean with its standard error as error bars.
  func testAggregateFigureDrawsStandardErrorBars() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let toml = dir.appendingPathComponent("a.toml").path
    try """
    [study]
    model = "ring-currents"
    [parameters]
    cells = 4
    anderson_eV = 1.0
    mu_eV = -0.63
    exchange_eV = 0.3
    theta_deg = 45
    [[sweep]]
    parameter = "flux_phase_rad"
    range = [0.0, 0.2, 3]
    [[sweep]]
    parameter = "realisation"
    range = [0, 3, 4]
    [output]
    columns = ["re_spin_z_eV"]
    [aggregate]
    over = "realisation"
    """.write(toFile: toml, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out").path
    let r = try CLI.run(["run", toml, "--out", out, "--quiet"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let lines = try script(out + "/figure.gp")
    let plots = lines.filter { $0.hasPrefix("plot ") }
    XCTAssertFalse(plots.isEmpty)
    XCTAssertTrue(plots.allSatisfy { $0.contains("using 1:2:3 with yerrorlines") }, plots.joined(separator: "\n"))
    XCTAssertTrue(plots.allSatisfy { $0.contains("re_spin_z_eV_mean ± re_spin_z_eV_stderr") })
    // The data of the bars are the aggregate's columns: mean and standard error of the first row.
    let aggregate = CLI.csv(try String(contentsOfFile: out + "/aggregate.csv", encoding: .utf8))
    let mean = aggregate.header.firstIndex(of: "re_spin_z_eV_mean")!
    let stderr = aggregate.header.firstIndex(of: "re_spin_z_eV_stderr")!
    let first = aggregate.rows[0]
    let blockLine = lines.first { $0.hasPrefix("0.0 ") }!.split(separator: " ").map(String.init)
    XCTAssertEqual(Double(blockLine[1]), Double(first[mean]))
    XCTAssertEqual(Double(blockLine[2]), Double(first[stderr]))
  }

  /// `--columns` prints the columns in the order asked for; a name twice is refused.
  func testColumnsInTheOrderAsked() throws {
    let r = try CLI.run(["ring", "currents", "--cells", "4", "--columns", "im_charge_A,re_spin_z_eV,re_charge_A"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(CLI.csv(r.stdout).header, ["im_charge_A", "re_spin_z_eV", "re_charge_A"])
    let swept = try CLI.run([
      "ring", "currents", "--cells", "4", "--vary", "flux-phase=0,0.1", "--columns", "im_charge_A,re_charge_A",
    ])
    XCTAssertEqual(CLI.csv(swept.stdout).header, ["flux_phase_rad", "im_charge_A", "re_charge_A"])
    try CLI.assertBadInput(
      ["ring", "currents", "--cells", "4", "--columns", "re_charge_A,re_charge_A"], mentions: "--columns")
  }

  /// Grid values are start + i·step as typed: 0.01:0.09:5 prints 0.01 … 0.09 exactly (the
  /// shortest round-trip text of each), a log grid 1e-12 … 1e-10 prints 1e-11, integers print
  /// as integers.
  func testGridValuesPrintAsTyped() throws {
    func first(_ args: [String]) throws -> [String] {
      let r = try CLI.run(["ring", "currents", "--cells", "4", "--columns", "re_charge_A", "--quiet"] + args)
      XCTAssertEqual(r.status, 0, r.stderr)
      return CLI.csv(r.stdout).rows.map { $0[0] }
    }
    XCTAssertEqual(try first(["--vary", "flux-phase=0.01:0.09:5"]), ["0.01", "0.03", "0.05", "0.07", "0.09"])
    XCTAssertEqual(try first(["--vary", "flux-phase=0:0.3:4"]), ["0.0", "0.1", "0.2", "0.3"])
    XCTAssertEqual(try first(["--vary", "temperature=1e-12:1e-10:3:log"]), ["1e-12", "1e-11", "1e-10"])
    XCTAssertEqual(try first(["--vary", "temperature=1.5e-11:4.5e-11:3"]), ["1.5e-11", "3e-11", "4.5e-11"])
    XCTAssertEqual(try first(["--anderson", "1", "--vary", "realisation=0:2:3"]), ["0", "1", "2"])
  }

  /// A mistyped option names the nearest one; a word far from every option suggests none.
  func testMistypedOptionSuggestsTheNearest() throws {
    let r = try CLI.run(["ring", "currents", "--gama", "0.5"])
    XCTAssertEqual(r.status, 2)
    XCTAssertTrue(r.stderr.contains("unknown option --gama"), r.stderr)
    XCTAssertTrue(r.stderr.contains("did you mean --gamma?"), r.stderr)
    XCTAssertEqual(r.stderr.split(separator: "\n").count, 1)
    XCTAssertTrue(try CLI.run(["ring", "currents", "--fluxphase", "0"]).stderr.contains("did you mean --flux-phase?"))
    let far = try CLI.run(["ring", "currents", "--zzzzzzzzzz", "1"])
    XCTAssertEqual(far.status, 2)
    XCTAssertFalse(far.stderr.contains("did you mean"), far.stderr)
  }

  /// `models` prints every parameter id whole (the longest is 24 characters).
  func testModelsDoesNotTruncateIds() throws {
    let r = try CLI.run(["models"])
    XCTAssertEqual(r.status, 0)
    XCTAssertTrue(r.stdout.contains("exchange_stiffness_eV_m2 --exchange-stiffness"), r.stdout)
  }

  /// `reproduce --list` gives each figure's caption after its status.
  func testReproduceListPrintsCaptions() throws {
    let r = try CLI.run(["reproduce", "--list"])
    XCTAssertEqual(r.status, 0)
    let line = r.stdout.split(separator: "\n").first { $0.hasPrefix("003-fig14\t") }.map(String.init) ?? ""
    XCTAssertTrue(line.hasPrefix("003-fig14\tbuilt\tTorus spin accumulation"), line)
  }

  /// Help reads as sentences: a paragraph is not cut mid-sentence at a fixed width, and the
  /// magnon units cannot be read as "T in kelvin" (tesla).
  func testHelpHasNoHardBreaksMidSentence() throws {
    for command in [["--help"], ["run", "--help"], ["magnon", "--help"], ["ring", "--help"]] {
      let r = try CLI.run(command, environment: ["COLUMNS": "10000"])
      XCTAssertEqual(r.status, 0)
      let lines = r.stdout.components(separatedBy: "\n")
      // A discussion line that ends without punctuation and is followed by a line starting with
      // a lowercase letter is a sentence cut in two.
      for (a, b) in zip(lines, lines.dropFirst()) where !a.isEmpty && !b.isEmpty {
        let cut = a.last!.isLetter && b.first!.isLowercase
        XCTAssertFalse(cut, "\(command): \"\(a)\" / \"\(b)\"")
      }
      XCTAssertFalse(r.stdout.contains("J and T in kelvin"), "\(command)")
    }
  }

  /// The README says --vary may be given twice (a 2D grid), as `--help` does.
  func testReadmeDescribesTwoVary() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    XCTAssertFalse(readme.contains("`--vary` takes one parameter per command"))
    XCTAssertTrue(readme.contains("give it twice for a 2D grid"))
  }

  /// `ring currents` with its defaults shows both currents (a flux, tilted moments with exchange,
  /// μ in a band): values of order 1e-6 A and 1e-3 eV, where a zero by symmetry would be a
  /// rounding remainder ≲ 1e-15 of them; a μ in a gap of the bands is named with its edges.
  func testRingDefaultsShowTheCurrentsAndAGapIsNamed() throws {
    let r = try CLI.run(["ring", "currents", "--columns", "re_charge_A,re_spin_z_eV"])
    XCTAssertEqual(r.status, 0, r.stderr)
    XCTAssertEqual(r.stderr, "")
    let row = CLI.csv(r.stdout).rows[0].map { Double($0)! }
    XCTAssertGreaterThan(abs(row[0]), 1e-9, r.stdout)
    XCTAssertGreaterThan(abs(row[1]), 1e-6, r.stdout)
    let gap = try CLI.run(["ring", "currents", "--mu", "0", "--exchange", "0"])
    XCTAssertEqual(gap.status, 0, gap.stderr)
    XCTAssertTrue(
      gap.stderr.contains("warning: μ lies in the gap between the bands at -0.866 eV and 0.866 eV"), gap.stderr)
    // Below every band nothing is filled; at a band edge a level sits, so no note.
    let below = try CLI.run(["ring", "currents", "--mu", "-5", "--exchange", "0"])
    XCTAssertTrue(below.stderr.contains("μ lies below every band"), below.stderr)
    XCTAssertTrue(below.stderr.contains("no state is occupied"), below.stderr)
    // A μ sweep across the gap: one line for the gap, naming its grid points, not one per μ.
    let sweep = try CLI.run(["ring", "currents", "--exchange", "0", "--vary", "mu=-0.5:0.5:11", "--quiet"])
    XCTAssertEqual(sweep.status, 0, sweep.stderr)
    let lines = sweep.stderr.split(separator: "\n").filter { $0.contains("gap between the bands") }
    XCTAssertEqual(lines.count, 1, sweep.stderr)
    XCTAssertTrue(lines.first?.contains("and 8 more points") == true, sweep.stderr)
  }

  /// A warning about a column that was not asked for is not printed; asked for, it is.
  func testNoWarningAboutAColumnNotRequested() throws {
    let base = [
      "magnon", "exact", "--spins", "4", "--spin", "0.5", "--exchange", "10", "--field", "2", "--latitude", "45",
      "--method", "lanczos",
    ]
    let without = try CLI.run(base + ["--columns", "spin_current_z_K"])
    XCTAssertEqual(without.status, 0, without.stderr)
    XCTAssertFalse(without.stderr.contains("gap_K"), without.stderr)
    let with = try CLI.run(base + ["--columns", "spin_current_z_K,gap_K"])
    XCTAssertTrue(with.stderr.contains("warning: gap_K is nan with method = lanczos"), with.stderr)
  }

  /// `magnon exact --method semiclassical` gives the classical and LSWT jᶻ of a ring far beyond
  /// exact diagonalisation (N = 40: 2^40 states) and leaves the exact columns out with the reason;
  /// full ED at that size is refused with the way out. At N = 4 the semiclassical method's columns
  /// are those of full ED's run, produced in the same run: the same code computes them, so they
  /// agree to rounding (1e-12 relative).
  func testSemiclassicalJzAtLargeRingsWithoutED() throws {
    let crown = ["magnon", "exact", "--spin", "0.5", "--exchange", "10", "--field", "2", "--latitude", "45"]
    let refused = try CLI.run(crown + ["--spins", "40"])
    XCTAssertEqual(refused.status, 2)
    XCTAssertTrue(refused.stderr.hasPrefix("spintransport: error: invalid value for --spins: 40 "), refused.stderr)
    XCTAssertEqual(refused.stdout, "")
    XCTAssertTrue(refused.stderr.contains("method = semiclassical"), refused.stderr)
    let asked = "classical_spin_current_z_K,lswt_spin_current_z_K"
    let big = try CLI.run(crown + ["--spins", "40", "--method", "semiclassical", "--columns", asked])
    XCTAssertEqual(big.status, 0, big.stderr)
    XCTAssertEqual(big.stderr, "")
    let row = CLI.csv(big.stdout).rows[0].map { Double($0)! }
    XCTAssertTrue(row.allSatisfy { $0.isFinite && $0 != 0 }, big.stdout)
    // Asked for, an exact column says why it is nan.
    let exact = try CLI.run(crown + ["--spins", "40", "--method", "semiclassical", "--columns", "spin_current_z_K"])
    XCTAssertEqual(exact.status, 0, exact.stderr)
    XCTAssertTrue(exact.stderr.contains("with method = semiclassical"), exact.stderr)
    let columns = "classical_spin_current_z_K,lswt_spin_current_z_K,nc_lswt_spin_current_z_K,eq15_spin_current_K"
    let small = crown + ["--spins", "4", "--temperature", "3", "--columns", columns]
    let full = CLI.csv(try CLI.run(small).stdout).rows[0].map { Double($0)! }
    let semi = CLI.csv(try CLI.run(small + ["--method", "semiclassical"]).stdout).rows[0].map { Double($0)! }
    for (a, b) in zip(full, semi) { XCTAssertEqual(a, b, accuracy: 1e-12 * max(abs(a), 1e-300)) }
  }

  /// Every group's help states its spin-current unit in SI, with factors from the CODATA constants
  /// computed here (k_B/ħ, e/ħ), printed to seven significant digits.
  func testSpinCurrentUnitsStatedInSI() throws {
    let kB = 1.380649e-23, e = 1.602176634e-19, hbar = 1.054571817e-34
    func g(_ x: Double) -> String { String(format: "%.7g", x) }
    let expected: [(String, [String])] = [
      ("magnon", [g(kB) + " J", g(kB / hbar) + " ħ/s"]),
      ("ring", [g(e) + " J", g(e / hbar) + " ħ/s"]),
      ("definitions", ["a·" + g(e / hbar) + " s⁻¹"]),
    ]
    for (group, parts) in expected {
      let r = try CLI.run([group, "--help"], environment: ["COLUMNS": "10000"])
      XCTAssertEqual(r.status, 0)
      for part in parts { XCTAssertTrue(r.stdout.contains(part), "\(group): \(part)\n\(r.stdout)") }
    }
  }

  /// Every output column of every command says what it holds (not its own name in words), and the
  /// two longitudinal columns of `magnon exact` say they are not its jᶻ.
  func testEveryColumnHasAMeaning() throws {
    let r = try CLI.run(["models", "--format", "json"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    var meanings: [String: String] = [:]
    for entry in try XCTUnwrap(object["computations"] as? [[String: Any]]) {
      for column in try XCTUnwrap(entry["outputs"] as? [[String: Any]]) {
        let name = try XCTUnwrap(column["name"] as? String), meaning = column["meaning"] as? String ?? ""
        XCTAssertFalse(meaning.isEmpty, "\(entry["name"] ?? "?"): \(name)")
        XCTAssertNotEqual(meaning, name.replacingOccurrences(of: "_", with: " "), "\(entry["name"] ?? "?"): \(name)")
        if entry["name"] as? String == "magnon-exact" { meanings[name] = meaning }
      }
    }
    for name in ["eq15_spin_current_K", "lswt_longitudinal_spin_current_K"] {
      XCTAssertTrue(meanings[name]?.contains("longitudinal I_s") == true, name)
      XCTAssertTrue(meanings[name]?.contains("not jᶻ") == true, name)
    }
  }

  /// `diffusion evolve` prints its snapshot times k·Δt as the decimals meant (3e-12, not
  /// 2.9999999999999997e-12), on both integrators; expected texts built here as k·1e-13 written
  /// with at most two significant digits.
  func testEvolutionTimesPrintAsDecimals() throws {
    let expected =
      ["0.0"]
      + (1...30).map { k in
        k % 10 == 0 ? "\(k / 10)e-12" : (k < 10 ? "\(k)e-13" : "\(k / 10).\(k % 10)e-12")
      }
    for method in ["adaptive", "fixed-step"] {
      let r = try CLI.run([
        "diffusion", "evolve", "--method", method, "--points", "16", "--steps", "30", "--every", "1", "--columns",
        "time_s",
      ])
      XCTAssertEqual(r.status, 0, r.stderr)
      var times: [String] = []
      for row in CLI.csv(r.stdout).rows where times.last != row[0] { times.append(row[0]) }
      XCTAssertEqual(times, expected, method)
    }
  }

  /// A mistyped option of the other commands, or a mistyped command, is refused with the nearest
  /// name before anything runs (not "missing required option", not taken for a file name).
  func testMistypedCommandOrOptionEverywhereSuggestsTheNearest() throws {
    let cases: [(args: [String], says: String)] = [
      (["plot", "x.csv", "--titel", "a"], "unknown option --titel (allowed: did you mean --title?"),
      (["run", "--outt", "d", "x.toml"], "unknown option --outt (allowed: did you mean --out?"),
      (["models", "--formt", "json"], "unknown option --formt (allowed: did you mean --format?"),
      (["reproduce", "--figur", "002-fig02"], "unknown option --figur (allowed: did you mean --figure?"),
      (["ring", "curents"], "unknown command curents (allowed: did you mean currents?"),
      (["rnig", "currents"], "unknown command rnig (allowed: did you mean ring?"),
    ]
    for (args, says) in cases {
      let r = try CLI.run(args)
      XCTAssertEqual(r.status, 2, "\(args)")
      XCTAssertEqual(r.stdout, "", "\(args)")
      XCTAssertTrue(r.stderr.hasPrefix("spintransport: error: " + says), "\(args): \(r.stderr)")
      XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args)")
    }
    // Known spellings still pass: an alias, the help word, a value that looks like an option.
    XCTAssertEqual(try CLI.run(["ring", "sweep", "--help"]).status, 0)
    XCTAssertEqual(try CLI.run(["help", "ring"]).status, 0)
    XCTAssertEqual(try CLI.run(["models", "magnon-exact", "--format=json"]).status, 0)
  }

  /// Figure legends whose curves are named in a `curve` column show the name alone ("Eq. 16,
  /// h = 6Δ"), not "curve = Eq. 16, h = 6Δ"; the exact thermal-current figure names its curves in
  /// words (ED, the two LSWT variants, Eq. 15 as the longitudinal I_s), its legend bottom left
  /// where the falling curves leave room.
  func testFigureLegendsNameTheCurve() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ids = ["000-current-vs-temperature", "000-voltage", "000-exact-current-vs-temperature"]
    let r = try CLI.run(["reproduce", "--quiet", "--out", dir.path] + ids.flatMap { ["--figure", $0] })
    XCTAssertEqual(r.status, 0, r.stderr)
    for id in ids {
      let script = try String(contentsOfFile: dir.path + "/\(id)/figure.gp", encoding: .utf8)
      XCTAssertFalse(script.contains("title 'curve = "), id)
      XCTAssertTrue(script.contains(" noenhanced"), id)
    }
    let temperature = try String(contentsOfFile: dir.path + "/000-current-vs-temperature/figure.gp", encoding: .utf8)
    XCTAssertTrue(temperature.contains("title 'Eq. 16, h = 6Δ' noenhanced"), temperature)
    let exact = try String(contentsOfFile: dir.path + "/000-exact-current-vs-temperature/figure.gp", encoding: .utf8)
    let legends = [
      "ED", "classical + LSWT (Colpa)", "classical + LSWT (number-conserving)", "Eq. 15 (longitudinal I_s)",
    ]
    for legend in legends {
      XCTAssertTrue(exact.contains("title '\(legend)' noenhanced"), legend)
    }
    XCTAssertFalse(exact.contains("title 'ed_"), exact)
    XCTAssertTrue(exact.contains("set key bottom left box opaque"))
  }

  /// Grid positions print as the decimals they mean (2.3e-08, not 2.2999999999999988e-08): at
  /// most 12 significant digits, the precision `SweepRange.gridValue` reads them to.
  func testDiffusionPositionsPrintAsDecimals() throws {
    for args in [["diffusion", "torus", "--points", "16"], ["diffusion", "interface", "--points", "11"]] {
      let r = try CLI.run(args + ["--columns", "x_m", "--quiet"])
      XCTAssertEqual(r.status, 0, r.stderr)
      let texts = CLI.csv(r.stdout).rows.map { $0[0] }
      XCTAssertFalse(texts.isEmpty)
      for text in texts {
        let mantissa = text.split(separator: "e").first.map(String.init) ?? text
        XCTAssertLessThanOrEqual(mantissa.filter(\.isNumber).count, 13, "\(args): \(text)")
      }
    }
  }
}
