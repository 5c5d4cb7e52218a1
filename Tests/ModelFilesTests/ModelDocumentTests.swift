@testable import Diagnostics
import Foundation
@testable import ModelFiles
import Numerics
import XCTest

/// Model-file reading: positions of keys and values, typed accessors, [params], bounds.
final class ModelDocumentTests: XCTestCase {
  let text = """
    family = "tight-binding"   # the family
    [params]
    t2 = { value = 0.3, unit = "eV", min = 0, max = 2, help = "second hopping" }
    winding = 2
    layers = { value = 3, type = "integer", min = 1, max = 20 }

    [[sites]]
    onsite = { s0 = "t2 * cos(2*pi*j/N)", sz = 0.1 }
    [[sites]]
    onsite = [[1, "im"], ["-im", 1]]
    name = "b"
    """

  func testPositionsAndAccessors() throws {
    let doc = try ModelDocument(text: text, file: "m.toml")
    XCTAssertEqual(doc.family, "tight-binding")
    XCTAssertEqual(doc.root.keys, ["family", "params", "sites"])
    let sites = try doc.root.required("sites", allowed: "[[sites]]").array()
    XCTAssertEqual(sites.count, 2)
    let first = try sites[0].table(allowedKeys: ["onsite", "name"])
    let onsite = try first.required("onsite", allowed: "").table(allowedKeys: ["s0", "sx", "sy", "sz"])
    XCTAssertEqual(onsite.keys, ["s0", "sz"])
    XCTAssertEqual(onsite["s0"]!.location.description, "m.toml:8:17")
    XCTAssertEqual(onsite["s0"]!.path, "sites[0].onsite.s0")
    let value = try onsite["s0"]!.modelValue(variables: ["t2", "j", "N"])
    let z = try value.evaluate([Complex(0.5, 0), Complex(1, 0), Complex(4, 0)])
    XCTAssertEqual(z.real, 0.5 * cos(2 * Double.pi / 4), accuracy: 1e-15)
    let m = try sites[1].table()["onsite"]!.matrix(rows: 2, columns: 2, variables: [])
    XCTAssertEqual(try m[0][1].evaluate([]), Complex(0, 1))
    XCTAssertEqual(try m[1][0].evaluate([]), Complex(0, -1))
    XCTAssertEqual(try sites[1].table()["onsite"]!.location.description, "m.toml:10:10")
    do {
      _ = try ModelDocument(text: "family = \"spin\"\nm = [[1, 2], [3, \"2 / (1 - 1)\"]]", file: "d.toml").root["m"]!
        .matrix(rows: 2, columns: 2, variables: [])[1][1].evaluate([])
      XCTFail("division by zero")
    } catch let e as ModelFileError {
      XCTAssertTrue(e.description.hasPrefix("d.toml:2:21: division by zero"), "\(e)")
    }
  }

  func testParameters() throws {
    let doc = try ModelDocument(text: text, file: "m.toml")
    let params = try doc.parameters(variables: ["j", "N"])
    XCTAssertEqual(params.map(\.name), ["t2", "winding", "layers"])
    XCTAssertEqual(params.map(\.parameter.id), ["t2_eV", "winding", "layers"])
    XCTAssertEqual(params.map(\.parameter.flag), ["t2", "winding", "layers"])
    XCTAssertEqual(params[0].parameter.unit, "eV")
    XCTAssertEqual(params[0].parameter.realRange, 0...2)
    XCTAssertEqual(params[0].parameter.defaultValue, .number(0.3))
    XCTAssertEqual(params[2].parameter.domain, .integer(1...20))
    XCTAssertEqual(params[0].value(in: ParameterValues(["t2_eV": .number(1.25)])), 1.25)
    XCTAssertEqual(params[0].value(in: ParameterValues()), 0.3)
    // Clashes: with a computation parameter (id or flag), a builtin, a family variable.
    let gamma = Parameter.real("gamma_eV", flag: "gamma", symbol: "γ", unit: "eV", default: 1, help: "")
    let clash = try ModelDocument(text: "family = \"spin\"\n[params]\ngamma = 1", file: "c.toml")
    XCTAssertThrowsError(try clash.parameters(reserved: [gamma])) {
      XCTAssertTrue("\($0)".hasPrefix("c.toml:3:1: parameter params.gamma clashes"), "\($0)")
    }
    for name in ["pi", "sin", "j"] {
      let d = try ModelDocument(text: "family = \"spin\"\n[params]\n\(name) = 1", file: "c.toml")
      XCTAssertThrowsError(try d.parameters(variables: ["j"])) {
        XCTAssertTrue("\($0)".hasPrefix("c.toml:3:1:"), "\($0)")
      }
    }
    let outside = try ModelDocument(text: "family = \"spin\"\n[params]\na = { value = 5, max = 2 }", file: "c.toml")
    XCTAssertThrowsError(try outside.parameters()) { XCTAssertTrue("\($0)".hasPrefix("c.toml:3:15:"), "\($0)") }
  }

  /// Every kind of bad file gives one line naming file:line:column.
  func testErrorsAreLocated() throws {
    func error(_ text: String, _ read: (ModelDocument) throws -> Void = { _ in }) -> String {
      do {
        try read(try ModelDocument(text: text, file: "bad.toml"))
        return "no error"
      } catch let e as ModelFileError {
        XCTAssertFalse(e.description.contains("\n"))
        return e.description
      } catch { return "other error \(error)" }
    }
    let syntax = error("family = \"spin\"\nx = [1, 2")
    XCTAssertTrue(syntax.hasPrefix("bad.toml:") && syntax.contains("TOML syntax"), syntax)
    XCTAssertTrue(error("family = \"spinn\"").hasPrefix("bad.toml:1:10: invalid value for family"))
    XCTAssertTrue(error("title = 1").hasPrefix("bad.toml:1:1: missing family"))
    let unknown = error("family = \"spin\"\n[lattice]\n  sitez = 3") { d in
      _ = try d.root["lattice"]!.table(allowedKeys: ["sites", "bonds"])
    }
    XCTAssertTrue(unknown.hasPrefix("bad.toml:3:3: unknown key lattice.sitez (allowed: did you mean sites?"), unknown)
    let inf = error("family = \"spin\"\nx = inf") { d in _ = try d.root["x"]!.number() }
    XCTAssertTrue(inf.hasPrefix("bad.toml:2:5: invalid value for x: inf (allowed: a finite number)"), inf)
    let shape = error("family = \"spin\"\nm = [[1, 2], [3]]") { d in
      _ = try d.root["m"]!.matrix(rows: 2, columns: 2, variables: [])
    }
    XCTAssertTrue(shape.hasPrefix("bad.toml:2:14: invalid value for m[1]"), shape)
    let long = error("family = \"spin\"\nv = [" + Array(repeating: "1", count: 11).joined(separator: ",") + "]") { d in
      _ = try d.root["v"]!.array(maximumCount: 10)
    }
    XCTAssertTrue(long.hasPrefix("bad.toml:2:5:") && long.contains("at most 10 elements"), long)
    let big = error("family = \"spin\"\n#" + String(repeating: "x", count: ModelDocument.maximumFileBytes))
    XCTAssertTrue(big.contains("at most \(ModelDocument.maximumFileBytes) bytes"), big)
    let name = error("family = \"spin\"\n[a]\nb = \"2 * wobble\"") { d in
      _ = try d.root["a"]!.table()["b"]!.modelValue(variables: ["wind"])
    }
    XCTAssertTrue(name.hasPrefix("bad.toml:3:10: unknown name wobble"), name)
  }

  func testLoadFromFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("modelfiles-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("m.toml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    XCTAssertEqual(try ModelDocument.load(url, shownAs: "m.toml").family, "tight-binding")
    XCTAssertThrowsError(try ModelDocument.load(dir.appendingPathComponent("none.toml"))) {
      XCTAssertTrue("\($0)".contains("none.toml:1:1: cannot read"), "\($0)")
    }
  }
}
