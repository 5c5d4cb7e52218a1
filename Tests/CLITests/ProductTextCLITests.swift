import Foundation
import XCTest

/// What a user reads speaks of physics and the papers: `models` and `--help` cite every paper in
/// full, and no user-visible file (sources, docs, examples, README) names our internal tracker,
/// seed numbers or conventions file.
final class ProductTextCLITests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Each paper as `models` must cite it: authors, title, where it appeared, year, DOI or arXiv id.
  static let citations: [(commandGroup: String, parts: [String])] = [
    (
      "magnon",
      [
        "F. Schütz, M. Kollar and P. Kopietz", "Persistent Spin Currents in Mesoscopic Heisenberg Rings",
        "Phys. Rev. Lett. 91, 017205 (2003)", "doi:10.1103/PhysRevLett.91.017205",
      ]
    ),
    (
      "definitions",
      [
        "N. Bray-Ali and Z. Nussinov",
        "Conservation and persistence of spin currents and their relation to the Lieb-Schulz-Mattis twist operators",
        "(2008)", "arXiv:0803.0984",
      ]
    ),
    (
      "ring",
      [
        "S. Karmakar, S. Ganguly and S. K. Maiti",
        "Persistent Charge and Spin Currents in a Ferromagnetic Hatano-Nelson Ring", "(2025)", "arXiv:2509.06109",
      ]
    ),
    (
      "diffusion",
      [
        "W. N. G. Hitchon, G. J. Parker and A. Rebei", "sd-type Exchange Interactions in Nonhomogeneous Ferromagnets",
        "(2004)", "arXiv:cond-mat/0407150",
      ]
    ),
    (
      "relaxation",
      [
        "W. M. Saslow, C. Sun and S. Xu", "Spin Accumulation and Longitudinal Spin Diffusion of Magnets", "(2021)",
        "arXiv:2112.01291",
      ]
    ),
  ]

  /// `models` prints, under every computation, the full citation of its paper.
  func testModelsCitesThePaperOfEveryComputation() throws {
    let r = try CLI.run(["models"])
    XCTAssertEqual(r.status, 0, r.stderr)
    let blocks = r.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
    XCTAssertEqual(blocks.count, 17, r.stdout)
    for block in blocks {
      let header = try XCTUnwrap(block.split(separator: "\n").first.map(String.init))
      let group = try XCTUnwrap(
        Self.citations.first { header.contains("(spintransport \($0.commandGroup) ") }, "no paper for \(header)")
      XCTAssertTrue(block.contains("\n  paper: "), block)
      for part in group.parts { XCTAssertTrue(block.contains(part), "\(header): \(part)") }
    }
    for (_, parts) in Self.citations { for part in parts { XCTAssertTrue(r.stdout.contains(part), part) } }
  }

  /// The JSON catalogue and a command's `--help` carry the same citation.
  func testJSONAndHelpCiteThePaper() throws {
    let json = try CLI.run(["models", "--format", "json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let list = try XCTUnwrap(object["computations"] as? [[String: Any]])
    for entry in list {
      let paper = try XCTUnwrap(entry["paper"] as? String, "\(entry["name"] ?? "?") has no paper")
      XCTAssertTrue(paper.contains("doi:") || paper.contains("arXiv:"), paper)
    }
    let help = try CLI.run(["relaxation", "rates", "--help"])
    XCTAssertEqual(help.status, 0, help.stderr)
    XCTAssertTrue(help.stdout.contains("PAPER: W. M. Saslow, C. Sun and S. Xu"), help.stdout)
    XCTAssertTrue(help.stdout.contains("arXiv:2112.01291"), help.stdout)
  }

  /// `grep -rniE "issue [0-9]|seed 00[0-9]|MODELS\.md|\.\./shared"` over Sources, docs, examples
  /// and README.md finds nothing: every hit is reported as `path:line: text`.
  func testNoInternalWordsInUserVisibleFiles() throws {
    let pattern = try NSRegularExpression(
      pattern: #"issue [0-9]|seed 00[0-9]|MODELS\.md|\.\./shared"#, options: [.caseInsensitive])
    var files: [URL] = [Self.root.appendingPathComponent("README.md")]
    for folder in ["Sources", "docs", "examples"] {
      let url = Self.root.appendingPathComponent(folder)
      let walker = try XCTUnwrap(
        FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]), folder)
      for case let file as URL in walker {
        if try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true { files.append(file) }
      }
    }
    XCTAssertGreaterThan(files.count, 100, "the walk found the repository's files")
    var hits: [String] = []
    var read = 0
    for file in files {
      guard let data = try? Data(contentsOf: file), let text = String(data: data, encoding: .utf8) else { continue }
      read += 1
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let s = String(line)
        if pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil {
          hits.append("\(file.path.dropFirst(Self.root.path.count + 1)):\(n + 1): \(s)")
        }
      }
    }
    XCTAssertGreaterThan(read, 100)
    XCTAssertEqual(hits, [], "internal words a user would see:\n" + hits.joined(separator: "\n"))
  }
}
