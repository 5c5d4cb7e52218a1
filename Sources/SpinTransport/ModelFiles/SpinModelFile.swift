import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import Numerics
import PhysicalConstants
import SpinWaves

/// A spin model file (`family = "spin"`, docs/model-files.md) read and compiled: a ring or open chain
/// of N spins with per-site spin S_j, nearest-neighbour exchange (plus any further `[[bonds]]`) and
/// per-site fields. ``build(_:)`` turns it, at one parameter point, into a ``SpinSystem``, which
/// the `magnon` routes compute with through the library's types (no second implementation).
///
///     H = Σ_b S_iᵀ K_b S_j − Σ_j h_j·S_j   (K),   h_j = gμ_B B_j (field in tesla) or given in kelvin,
///     K_b = −J 𝟙 (Heisenberg) | −diag(J_xy, J_xy, J_z) (XXZ) | any 3×3 matrix, plus D·(S_i × S_j) (DM).
///
/// Nearest-neighbour bonds are j → j+1 (and N−1 → 0 on a ring). Expressions see the file's parameters,
/// `j` (the site, or the bond's first site) and `N` (sites). Random fields add W(2u − 1) to each field
/// component, u uniform in [0, 1) from the seeded generator (SplitMix64), site by site, x, y, z.
public struct SpinModelFile: Sendable {
  public enum Geometry: String, Sendable { case ring, chain }

  /// A 3×3 exchange of numbers/expressions: Heisenberg, XXZ or a full matrix, plus an optional DM vector.
  struct Exchange: Sendable {
    enum Form: Sendable {
      case heisenberg(SiteValues)
      case xxz(SiteValues, SiteValues)
      case matrix([[ModelValue]])
    }
    let form: Form
    let dm: [ModelValue]?

    /// The `J`, `Jxy`, `Jz` given as lists (one per nearest-neighbour bond).
    var lists: [SiteValues] {
      switch form {
      case .heisenberg(let j): return [j].filter(\.isList)
      case .xxz(let jxy, let jz): return [jxy, jz].filter(\.isList)
      case .matrix: return []
      }
    }

    /// K (K) of bond `b` with the variables `env`.
    func coupling(bond b: Int, _ env: [Complex<Double>]) throws -> SpinWaves.Matrix3 {
      var k: SpinWaves.Matrix3
      switch form {
      case .heisenberg(let j): k = Spin3.scaled(Spin3.identity, -(try j.real(at: b, env)))
      case .xxz(let jxy, let jz):
        let a = try jxy.real(at: b, env), c = try jz.real(at: b, env)
        k = [[-a, 0, 0], [0, -a, 0], [0, 0, -c]]
      case .matrix(let m): k = try m.map { try $0.map { try $0.real(env) } }
      }
      if let dm {
        let c = Spin3.crossWith(Vector3(try dm[0].real(env), try dm[1].real(env), try dm[2].real(env)))
        k = (0..<3).map { a in (0..<3).map { k[a][$0] + c[a][$0] } }
      }
      return k
    }

    static let keys = ["J", "Jxy", "Jz", "D", "matrix"]

    /// Reads `J`, `Jxy` + `Jz`, or `matrix` (exactly one form), and `D`, from table `t` at `node`;
    /// with `lists`, `J`, `Jxy` and `Jz` may be lists of one value per nearest-neighbour bond.
    static func read(_ t: ModelTable, at node: ModelNode, _ names: [String], lists: Bool) throws -> Exchange {
      let forms = ["J", "Jxy", "matrix"].filter { t[$0] != nil }
      let allowed =
        "one of J = …, Jxy = … with Jz = …, or matrix = [[…], […], […]] (K), and optionally D = [Dx, Dy, Dz]"
      guard forms.count == 1 || (forms.isEmpty && t["D"] != nil) else { throw node.invalid(allowed) }
      let form: Form
      switch forms.first {
      case "J": form = .heisenberg(try SiteValues.read(t["J"]!, variables: names, lists: lists))
      case "Jxy":
        let jz = try t.required("Jz", allowed: "Jz = … with Jxy (the XXZ exchange)")
        form = .xxz(
          try SiteValues.read(t["Jxy"]!, variables: names, lists: lists),
          try SiteValues.read(jz, variables: names, lists: lists))
      case "matrix": form = .matrix(try t["matrix"]!.matrix(rows: 3, columns: 3, variables: names))
      default: form = .matrix(Array(repeating: Array(repeating: .constant(.zero), count: 3), count: 3))
      }
      if forms.first != "Jxy", let jz = t["Jz"] {
        throw ModelFileError("Jz without Jxy (allowed: \(allowed))", at: jz.keyLocation)
      }
      var dm: [ModelValue]?
      if let d = t["D"] {
        let list = try d.array(maximumCount: 3)
        guard list.count == 3 else { throw d.invalid("a vector of three numbers or expressions [Dx, Dy, Dz] (K)") }
        dm = try list.map { try $0.modelValue(variables: names) }
      }
      return Exchange(form: form, dm: dm)
    }
  }

  struct ExtraBond: Sendable {
    let from: Int
    let to: Int
    let exchange: Exchange
    let location: SourceLocation
  }

  struct Field: Sendable {
    let tesla: Bool
    let vector: [ModelValue]?
    /// One vector per site (`per_site`), instead of `vector`.
    let perSite: [[ModelValue]]?
    let perSiteLocation: SourceLocation?
    let random: ModelValue?
    let seed: ModelValue?
    let seedLocation: SourceLocation?
  }

  /// The document (for `model check`).
  public let document: ModelDocument
  public let parameters: [ModelParameter]
  public let geometry: Geometry
  /// The file's number of sites (default of the computation's `spins`).
  public let defaultSites: Int
  /// S_j: one value for every site, or one per site (`spin = [S_0, S_1, …]`).
  let spin: SiteValues
  let g: ModelValue
  let exchange: Exchange?
  let extraBonds: [ExtraBond]
  let field: Field?
  let rootLocation: SourceLocation

  /// Expression variables, in slot order after the file's parameters.
  public static let variables = ["j", "N"]
  /// Most sites a file may name (the classical routes; ED is limited by its memory check).
  public static let maximumSites = 100_000
  public static let maximumBonds = 100_000

  /// The parameters of the paper's crown that a model file replaces (left out of the schema).
  public static let replacedParameters: Set<String> = [
    CrownRingParameters.spin.id, "spin_b", CrownRingParameters.exchange.id, "exchange_K", CrownRingParameters.field.id,
    "field_T", CrownRingParameters.g.id, CrownRingParameters.latitude.id,
  ]

  public static func load(_ url: URL, reserved: [Parameter]) throws -> SpinModelFile {
    try SpinModelFile(document: try ModelDocument.load(url), reserved: reserved)
  }

  public init(document doc: ModelDocument, reserved: [Parameter]) throws {
    document = doc
    try doc.expectFamily("spin")
    let root = doc.root
    rootLocation = root.location
    try root.checkKeys(
      ["family", "title", "description", "geometry", "sites", "spin", "g", "params", "exchange", "bonds", "field"])
    for key in ["title", "description"] {
      if let t = root[key] {
        let s = try t.string()
        guard s.count <= 300, !s.contains("\n") else { throw t.invalid("one line of at most 300 characters") }
      }
    }
    let kept = reserved.filter { !Self.replacedParameters.contains($0.id) }
    parameters = try doc.parameters(reserved: kept, variables: Self.variables)
    let names = parameters.map(\.name) + Self.variables
    geometry = try root["geometry"].map { Geometry(rawValue: try $0.choice(["ring", "chain"]))! } ?? .ring
    defaultSites = try root.required("sites", allowed: "sites = N, the number of spins").integer(
      in: 2...Self.maximumSites)
    let spinNode = try root.required(
      "spin", allowed: "spin = S (a multiple of 1/2, or an expression of j), or [S_0, S_1, …] (one per site)")
    spin = try SiteValues.read(spinNode, variables: names)
    g = try root["g"]?.modelValue(variables: names) ?? .constant(Complex(2, 0))
    if let e = root["exchange"] {
      exchange = try Exchange.read(try e.table(allowedKeys: Exchange.keys), at: e, names, lists: true)
    } else {
      exchange = nil
    }
    var extra: [ExtraBond] = []
    for node in try root["bonds"]?.array(maximumCount: Self.maximumBonds) ?? [] {
      let t = try node.table(allowedKeys: ["from", "to"] + Exchange.keys)
      let from = try t.required("from", allowed: "from = a site index").integer(in: 0...(Self.maximumSites - 1))
      let toNode = try t.required("to", allowed: "to = a site index")
      let to = try toNode.integer(in: 0...(Self.maximumSites - 1))
      guard to != from else { throw toNode.invalid("a site other than from = \(from)") }
      extra.append(
        ExtraBond(
          from: from, to: to, exchange: try Exchange.read(t, at: node, names, lists: false), location: node.location))
    }
    extraBonds = extra
    guard exchange != nil || !extra.isEmpty else {
      throw ModelFileError(
        "missing exchange (allowed: an [exchange] table for the nearest-neighbour bonds, or [[bonds]])",
        at: root.location)
    }
    if let f = root["field"] {
      let t = try f.table(allowedKeys: ["unit", "vector", "per_site", "random", "seed"])
      let unit = try t.required("unit", allowed: "unit = \"T\" (B in tesla, h = gμ_B B) or \"K\" (h in kelvin)")
        .choice(["T", "K"])
      var vector: [ModelValue]?
      if let v = t["vector"] {
        let list = try v.array(maximumCount: 3)
        guard list.count == 3 else { throw v.invalid("a vector of three numbers or expressions of j [x, y, z]") }
        vector = try list.map { try $0.modelValue(variables: names) }
      }
      var perSite: [[ModelValue]]?
      if let p = t["per_site"] {
        let rows = "one row [x, y, z] of numbers or expressions per site, j = 0, 1, …, N − 1"
        guard vector == nil else { throw p.invalid("either vector or per_site, not both") }
        perSite = try p.array(maximumCount: Self.maximumSites).map { row in
          guard case .array(let r) = row.value, r.count == 3 else { throw row.invalid(rows) }
          return try r.map { try $0.modelValue(variables: names) }
        }
      }
      let random = try t["random"]?.modelValue(variables: names)
      if random != nil, t["seed"] == nil {
        throw ModelFileError("missing field.seed (allowed: seed = an integer ≥ 0 with random)", at: t.location)
      }
      field = Field(
        tesla: unit == "T", vector: vector, perSite: perSite, perSiteLocation: t["per_site"]?.location,
        random: random, seed: try t["seed"]?.modelValue(variables: names),
        seedLocation: t["seed"]?.location)
    } else {
      field = nil
    }
  }

  /// One parameter point: the number of sites and the file's parameter values (slot order).
  public struct Point: Sendable {
    public var sites: Int
    public var parameters: [Double]
  }

  /// The point of `values` (the computation's `spins` sets N; the file's default otherwise).
  public func point(_ values: ParameterValues) -> Point {
    Point(
      sites: values[CrownRingParameters.spins.id]?.integer ?? defaultSites,
      parameters: parameters.map { $0.value(in: values) })
  }

  /// The system at `point`. Throws ``/ModelFiles/ModelFileError`` at the value that fails (an
  /// expression's error, a spin that is not a multiple of ½, a complex value, a bond outside the sites).
  public func build(_ point: Point) throws -> SpinSystem {
    ValidationCount.record("SpinModelFile.build")
    let n = point.sites
    guard (2...Self.maximumSites).contains(n) else {
      throw ModelFileError("sites = \(n) (allowed: 2 to \(Self.maximumSites))", at: rootLocation)
    }
    var env = point.parameters.map { Complex($0, 0) } + [.zero, Complex(Double(n), 0)]
    let jSlot = point.parameters.count
    func at(_ j: Int) -> [Complex<Double>] {
      env[jSlot] = Complex(Double(j), 0)
      return env
    }
    try spin.check(count: n, of: "site")
    var spins: [Double] = []
    spins.reserveCapacity(n)
    for j in 0..<n {
      let s = try spin.real(at: j, at(j))
      let half = (2 * s).rounded() / 2
      guard s.isFinite, abs(s - half) <= 1e-9, (0.5...1000).contains(half) else {
        throw ModelFileError(
          "invalid value for spin at j = \(j): \(s) (allowed: a multiple of 1/2 from 0.5 to 1000)", at: spin.location)
      }
      spins.append(half)
    }
    var bonds: [ExchangeBond] = []
    if let exchange {
      let count = geometry == .ring ? n : n - 1
      for list in exchange.lists { try list.check(count: count, of: "nearest-neighbour bond") }
      for j in 0..<count {
        bonds.append(ExchangeBond(j, (j + 1) % n, coupling: try exchange.coupling(bond: j, at(j))))
      }
    }
    for b in extraBonds {
      guard b.from < n, b.to < n else {
        throw ModelFileError(
          "bond \(b.from) → \(b.to) outside the \(n) sites (allowed: site indices 0 to \(n - 1))", at: b.location)
      }
      bonds.append(ExchangeBond(b.from, b.to, coupling: try b.exchange.coupling(bond: 0, at(b.from))))
    }
    var fields = Array(repeating: Vector3.zero, count: n)
    if let field {
      let gValue = try g.real(env)
      let scale = field.tesla ? PhysicalConstants.zeemanKelvinPerTesla(g: gValue) : 1
      func vector(_ v: [ModelValue], at j: Int) throws -> Vector3 {
        let e = at(j)
        return Vector3(scale * (try v[0].real(e)), scale * (try v[1].real(e)), scale * (try v[2].real(e)))
      }
      if let v = field.vector {
        for j in 0..<n { fields[j] = try vector(v, at: j) }
      }
      if let rows = field.perSite {
        guard rows.count == n else {
          throw ModelFileError(
            "invalid value for field.per_site: \(rows.count) rows (allowed: one row [x, y, z] per site, \(n) rows)",
            at: field.perSiteLocation ?? rootLocation)
        }
        for (j, v) in rows.enumerated() { fields[j] = try vector(v, at: j) }
      }
      if let random = field.random, let seedValue = field.seed {
        let w = try random.real(env), seed = try seedValue.real(env)
        guard seed >= 0, seed == seed.rounded(), seed < 0x1p53 else {
          throw ModelFileError(
            "invalid value for field.seed: \(seed) (allowed: an integer from 0 to 2^53)",
            at: field.seedLocation ?? rootLocation)
        }
        var generator = SplitMix64(seed: UInt64(seed))
        for j in 0..<n {
          let u = Vector3(generator.nextUnit(), generator.nextUnit(), generator.nextUnit())
          fields[j] += scale * w * Vector3(2 * u.x - 1, 2 * u.y - 1, 2 * u.z - 1)
        }
      }
    }
    do {
      return try SpinSystem(spins: spins, bonds: bonds, fields: fields, periodic: geometry == .ring)
    } catch let e as InvalidParameter {
      throw ModelFileError("\(e)", at: rootLocation)
    }
  }
}
