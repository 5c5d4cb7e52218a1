import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import Numerics
import TightBinding

/// A tight-binding model file (`family = "tight-binding"`, docs/model-files.md) read and
/// compiled: a unit cell of sites with 2×2 on-site matrices and directed 2×2 bonds, repeated
/// N times as a ring (threaded by the flux phase) or an open chain, with the ring's AAH and
/// Anderson disorder on chosen Pauli components. ``build(_:)`` turns it, at one parameter
/// point, into the library's ``/TightBinding/LatticeModel`` → ``/TightBinding/RingLattice``,
/// which every `ring` route computes with (no second implementation).
///
///     H = Σ_{n,k} c†_{nk} [ε_k(n) + δε_{nk}] c_{nk} + Σ_{n, bonds b} e^{iφ d_b/p} c†_{n+s_b, to_b} T_b(n) c_{n, from_b} (+ h.c. when hermitian)
///
/// Site k of cell n is lattice site j = n p + k at x = j (units of a); a bond from `from` in
/// cell n to `to` in cell n + s has displacement d = s p + to − from; the flux phase φ per cell
/// (rad) is spread uniformly, e^{iφ d/p} per hop, so the total around the ring is Nφ as for the
/// paper's ring (a gauge choice: spectra and currents depend only on the total). On an open
/// chain bonds leaving the chain are dropped. Disorder δε_j = W cos(2π b (j + 1)) + W_A (u_j − ½)
/// (the paper's ring's AAH and Anderson terms, same parameters and draws) multiplies each Pauli
/// component listed in `[disorder] components` (default `["s0"]`).
///
/// Expressions see the file's parameters and `j` (site index of the site, or of the bond's
/// `from` site), `n` (its cell), `N` (cells), `M` (sites). A value that reads `j` or `n` makes
/// the model depend on the cell: no Bloch form.
public struct TightBindingModelFile: Sendable {
  /// A Pauli-component or full 2×2 matrix of numbers/expressions.
  struct Matrix2: Sendable {
    /// Either four entries (row by row) or the Pauli components s0, sx, sy, sz.
    enum Form: Sendable {
      case entries([ModelValue])
      case pauli([ModelValue])
    }
    let form: Form
    let location: SourceLocation
    let path: String

    var values: [ModelValue] {
      switch form {
      case .entries(let v), .pauli(let v): return v
      }
    }
    var dependsOnCell: Bool { values.contains { $0.uses("j") || $0.uses("n") } }

    func evaluate(_ env: [Complex<Double>]) throws -> SpinMatrix {
      let z = try values.map { try $0.evaluate(env) }
      switch form {
      case .entries: return SpinMatrix(z[0], z[1], z[2], z[3])
      case .pauli:
        return z[0] * .identity + z[1] * .sigmaX + z[2] * .sigmaY + z[3] * .sigmaZ
      }
    }
  }

  struct Site: Sendable {
    let name: String
    let onsite: Matrix2?
  }

  struct Bond: Sendable {
    let from: Int
    let to: Int
    let shift: Int
    let hopping: Matrix2
    let hermitian: Bool
    let location: SourceLocation
  }

  public enum Geometry: String, Sendable {
    case ring, chain
  }

  /// The document (for `model check`).
  public let document: ModelDocument
  /// The file's own parameters.
  public let parameters: [ModelParameter]
  public let geometry: Geometry
  /// The file's number of cells (default of the `cells` parameter), if it names one.
  public let defaultCells: Int?
  /// Whether the file declares the Hamiltonian Hermitian (`hermitian = true`): checked at every point.
  public let declaredHermitian: Bool
  let sites: [Site]
  let bonds: [Bond]
  /// Pauli components (0 = s0, 1…3 = sx, sy, sz) the disorder multiplies.
  let disorderComponents: [Int]
  let hermitianLocation: SourceLocation?

  /// ModelExpression variables, in slot order after the file's parameters.
  public static let variables = ["j", "n", "N", "M"]
  /// Most sites per cell and bonds per cell.
  public static let maximumSitesPerCell = 10_000
  public static let maximumBonds = 100_000
  /// Largest number of cells a file may name (memory is checked per computation besides).
  public static let maximumCells = 10_000_000
  static let components = ["s0", "sx", "sy", "sz"]

  /// The parameters of the paper's ring that a model file replaces (left out of the schema).
  public static let replacedParameters: Set<String> = [
    RingParameters.gamma.id, RingParameters.t1.id, RingParameters.t2.id, RingParameters.exchange.id,
    RingParameters.theta.id, RingParameters.azimuth.id, RingParameters.onsite.id,
  ]

  /// Reads and checks the file at `url` against the computation's parameters `reserved`
  /// (those the file may not redefine). Throws ``/ModelFiles/ModelFileError``.
  public static func load(_ url: URL, reserved: [Parameter]) throws -> TightBindingModelFile {
    try TightBindingModelFile(document: try ModelDocument.load(url), reserved: reserved)
  }

  public init(document doc: ModelDocument, reserved: [Parameter]) throws {
    document = doc
    try doc.expectFamily("tight-binding")
    let root = doc.root
    try root.checkKeys(
      ["family", "title", "description", "geometry", "cells", "hermitian", "params", "sites", "bonds", "disorder"])
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
    defaultCells = try root["cells"]?.integer(in: 1...Self.maximumCells)
    declaredHermitian = try root["hermitian"]?.bool() ?? false
    hermitianLocation = root["hermitian"]?.location

    let siteNodes = try root.required("sites", allowed: "[[sites]] tables, one per site of the unit cell")
      .array(maximumCount: Self.maximumSitesPerCell)
    guard !siteNodes.isEmpty else { throw root["sites"]!.invalid("at least one [[sites]] table") }
    var sites: [Site] = []
    for (k, node) in siteNodes.enumerated() {
      let t = try node.table(allowedKeys: ["name", "onsite"])
      let name = try t["name"]?.string() ?? "\(k)"
      if sites.contains(where: { $0.name == name }) {
        throw t["name"]!.invalid("a name not used by another site")
      }
      sites.append(Site(name: name, onsite: try t["onsite"].map { try Self.matrix($0, names) }))
    }
    self.sites = sites
    func siteIndex(_ node: ModelNode) throws -> Int {
      if case .string(let s) = node.value, let k = sites.firstIndex(where: { $0.name == s }) { return k }
      if case .integer(let k) = node.value, sites.indices.contains(k) { return k }
      throw node.invalid(
        "a site name (" + sites.map { "\"\($0.name)\"" }.joined(separator: ", ") + ") or index 0…\(sites.count - 1)")
    }
    var bonds: [Bond] = []
    for node in try root["bonds"]?.array(maximumCount: Self.maximumBonds) ?? [] {
      let t = try node.table(allowedKeys: ["from", "to", "cell", "hopping", "hermitian"])
      let from = try siteIndex(try t.required("from", allowed: "from = site name"))
      let to = try siteIndex(try t.required("to", allowed: "to = site name"))
      let shift = try t["cell"]?.integer(in: -1000...1000) ?? 0
      if shift == 0, from == to {
        throw node.invalid("a bond between distinct sites (an on-site term belongs in onsite)")
      }
      let hopping = try Self.matrix(
        try t.required("hopping", allowed: "hopping = { s0 = … } or [[a, b], [c, d]]"), names)
      bonds.append(
        Bond(
          from: from, to: to, shift: shift, hopping: hopping, hermitian: try t["hermitian"]?.bool() ?? false,
          location: node.location))
    }
    self.bonds = bonds
    if let d = root["disorder"] {
      let t = try d.table(allowedKeys: ["components"])
      let list = try t["components"]?.array(maximumCount: 4) ?? []
      disorderComponents = try list.map { Self.components.firstIndex(of: try $0.choice(Self.components))! }
    } else {
      disorderComponents = [0]
    }
  }

  /// A 2×2 matrix: `{ s0 = …, sx = …, sy = …, sz = … }` (absent components 0) or `[[a, b], [c, d]]`.
  static func matrix(_ node: ModelNode, _ names: [String]) throws -> Matrix2 {
    if case .table = node.value {
      let t = try node.table(allowedKeys: components)
      let values = try components.map { try t[$0]?.modelValue(variables: names) ?? .constant(.zero) }
      return Matrix2(form: .pauli(values), location: node.location, path: node.path)
    }
    guard case .array = node.value else {
      throw node.invalid("a 2×2 matrix: Pauli components { s0 = …, sx = …, sy = …, sz = … } or [[a, b], [c, d]]")
    }
    let rows = try node.matrix(rows: 2, columns: 2, variables: names)
    return Matrix2(form: .entries(rows.flatMap { $0 }), location: node.location, path: node.path)
  }

  /// Sites per cell p.
  public var sitesPerCell: Int { sites.count }
  /// Bonds written per cell (a `hermitian = true` bond counts once: it is one link).
  public var bondsPerCell: Int { bonds.count }
  /// Largest |cell shift| of a bond.
  var maximumShift: Int { bonds.map { abs($0.shift) }.max() ?? 0 }
  /// What makes the values depend on the cell (nil: none).
  var cellDependence: String? {
    for (k, s) in sites.enumerated() where s.onsite?.dependsOnCell ?? false { return "sites[\(k)].onsite reads j or n" }
    for (b, bond) in bonds.enumerated() where bond.hopping.dependsOnCell { return "bonds[\(b)].hopping reads j or n" }
    return nil
  }

  /// One parameter point, read from `values` (ids of the computation and of the file).
  public struct Point: Sendable {
    public var cells: Int
    public var fluxPhase: Double
    public var aah: Double
    public var aahFrequency: Double = HatanoNelsonRing.goldenMean
    public var anderson: AndersonDisorder
    /// The file's parameters by name.
    public var parameters: [Double]
  }

  /// The point of `values`: `cells`, `flux_phase_rad`, the disorder and the file's parameters
  /// (their defaults when absent).
  public func point(_ v: ParameterValues) -> Point {
    typealias P = RingParameters
    return Point(
      cells: v[P.cells.id]?.integer ?? defaultCells ?? 20, fluxPhase: v[P.fluxPhase.id]?.number ?? 0,
      aah: v[P.aah.id]?.number ?? 0,
      anderson: AndersonDisorder(
        strength: v[P.anderson.id]?.number ?? 0, seed: UInt64(v[P.seed.id]?.integer ?? 0),
        realisation: v[P.realisation.id]?.integer ?? 0),
      parameters: parameters.map { $0.value(in: v) })
  }

  /// The built model at `point`: the lattice (with its Bloch form when translation invariant),
  /// which hops came from which bond, and whether it is Hermitian.
  public struct Build: Sendable {
    public let lattice: RingLattice
    /// For each hopping of the lattice: the index of the bond in the file that made it.
    public let bondOfHopping: [Int]
    /// max |H − H†| (0: Hermitian).
    public let hermiticityDefect: Double
  }

  /// Builds the model at `point`. Throws ``/ModelFiles/ModelFileError`` for values that fail
  /// (division by zero, non-finite results, a non-Hermitian matrix under `hermitian = true`)
  /// and ``/Diagnostics/InvalidParameter`` for a number of cells the geometry cannot take.
  public func build(_ point: Point) throws -> Build {
    ValidationCount.record("TightBindingModelFile.build")
    let n = point.cells
    // A ring needs its bonds to reach another cell than their own (N > |s|).
    let minimum = geometry == .ring ? max(2, maximumShift + 1) : 1
    guard n >= minimum, n <= Self.maximumCells else {
      throw InvalidParameter(
        RingParameters.cells.id, n,
        allowed: "an integer from \(minimum) to \(Self.maximumCells) for this \(geometry.rawValue)"
          + (geometry == .ring && maximumShift > 0 ? " (bonds reach \(maximumShift) cell(s))" : ""))
    }
    let model = try lattice(point, cells: n, disorder: true)
    var bloch: BlochForm? = nil
    var reason: (String, String)? = nil
    if geometry == .chain {
      reason = ("path", "bloch (an open chain has no Bloch form)")
    } else if let what = cellDependence {
      reason = ("path", "bloch (\(what))")
    } else if point.aah != 0 {
      reason = (RingParameters.aah.id, "\(point.aah)")
    } else if point.anderson.strength != 0 {
      reason = (RingParameters.anderson.id, "\(point.anderson.strength)")
    } else {
      let template = max(3, 2 * maximumShift + 1)
      let small = try lattice(point, cells: template, disorder: false)
      bloch = try BlochForm(try small.model.finalize(), cells: template).repeated(cells: n)
    }
    let system = try model.model.finalize()
    let h = system.hamiltonian()
    let defect = (h - h.adjoint).maxAbs
    if declaredHermitian, defect > 1e-12 * max(1, h.maxAbs) {
      try locateNonHermitian(system, model.bondOfHopping, point)
    }
    return Build(
      lattice: RingLattice(system: system, cells: n, bloch: bloch, notTranslationInvariant: reason),
      bondOfHopping: model.bondOfHopping, hermiticityDefect: defect)
  }

  /// The Bloch form of the infinite lattice of this cell at `point` (disorder ignored, the flux
  /// phase kept: it shifts k by φ/p per site in this gauge): the bands of `ring bands`. Throws
  /// when the values depend on the cell.
  public func blochForm(_ point: Point) throws -> BlochForm {
    if let what = cellDependence {
      throw InvalidParameter("model", document.file, allowed: "a model whose cells are identical for bands (\(what))")
    }
    let template = max(3, 2 * maximumShift + 1)
    return try BlochForm(try lattice(point, cells: template, disorder: false).model.finalize(), cells: template)
  }

  /// The LatticeModel of `cells` cells (disorder included or not).
  func lattice(_ point: Point, cells n: Int, disorder: Bool) throws -> (model: LatticeModel, bondOfHopping: [Int]) {
    let p = sites.count
    let m = n * p
    var model = LatticeModel()
    var env = point.parameters.map { Complex($0, 0) } + [.zero, .zero, Complex(Double(n), 0), Complex(Double(m), 0)]
    let jSlot = point.parameters.count, nSlot = jSlot + 1
    for cell in 0..<n {
      for (k, site) in sites.enumerated() {
        let j = cell * p + k
        env[jSlot] = Complex(Double(j), 0)
        env[nSlot] = Complex(Double(cell), 0)
        var onsite = try site.onsite?.evaluate(env) ?? .zero
        if disorder {
          let delta = HatanoNelsonRing.disorderEnergy(
            site: j, aah: point.aah, frequency: point.aahFrequency, anderson: point.anderson)
          for c in disorderComponents { onsite = onsite + Complex(delta, 0) * (c == 0 ? .identity : .pauli(c - 1)) }
        }
        model.addSite(position: Double(j), onsite: onsite)
      }
    }
    var bondOfHopping: [Int] = []
    for cell in 0..<n {
      for (b, bond) in bonds.enumerated() {
        var target = cell + bond.shift
        if geometry == .chain, !(0..<n).contains(target) { continue }
        target = ((target % n) + n) % n
        let i = target * p + bond.to, j = cell * p + bond.from
        let d = Double(bond.shift * p + bond.to - bond.from)
        env[jSlot] = Complex(Double(j), 0)
        env[nSlot] = Complex(Double(cell), 0)
        let phase = point.fluxPhase * d / Double(p)
        let t = Complex(Double.cos(phase), Double.sin(phase)) * (try bond.hopping.evaluate(env))
        model.addHopping(to: i, from: j, matrix: t, displacement: d)
        bondOfHopping.append(b)
        if bond.hermitian {
          model.addHopping(to: j, from: i, matrix: t.adjoint, displacement: -d)
          bondOfHopping.append(b)
        }
      }
    }
    return (model, bondOfHopping)
  }

  /// Throws at the first on-site matrix or bond that breaks H = H† (`hermitian = true`).
  func locateNonHermitian(_ system: TightBindingSystem, _ bondOfHopping: [Int], _ point: Point) throws {
    for (j, site) in system.sites.enumerated() {
      let e = site.onsite
      guard (e - e.adjoint).maxAbs <= 1e-12 * max(1, e.maxAbs) else {
        let spec = sites[j % sites.count]
        throw ModelFileError(
          "on-site matrix of site \(spec.name) in cell \(j / sites.count) is not Hermitian: \(e) "
            + "(allowed: a Hermitian matrix, as hermitian = true declares)",
          at: spec.onsite?.location ?? document.root.location)
      }
    }
    let h = system.hamiltonian()
    for (n, hop) in system.hoppings.enumerated() {
      var worst = 0.0
      for s in 0..<2 {
        for t in 0..<2 {
          let a = h[2 * hop.to + s, 2 * hop.from + t], b = h[2 * hop.from + t, 2 * hop.to + s].conjugate
          worst = max(worst, (a - b).length)
        }
      }
      if worst > 1e-12 * max(1, h.maxAbs) {
        let bond = bonds[bondOfHopping[n]]
        throw ModelFileError(
          "bond \(sites[bond.from].name) → \(sites[bond.to].name) has no Hermitian partner (|H − H†| = "
            + "\(String(format: "%.3g", worst))) (allowed: hermitian = true on the bond, or its conjugate "
            + "written, as the file's hermitian = true declares)",
          at: bond.location)
      }
    }
  }
}
