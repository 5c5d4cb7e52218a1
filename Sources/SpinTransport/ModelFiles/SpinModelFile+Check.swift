import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import SpinWaves
import Studies

extension SpinModelFile {
  /// The `model check` report at the parameters' defaults: counts, Hermiticity (always: real exchange
  /// and fields), the symmetries found (screw, Sᶻ conservation, isotropy) and the sectors the exact
  /// routes use, units, the memory of each route, and (JSON) every site's spin and field and every
  /// bond's 3×3 exchange matrix.
  func check() throws -> (text: String, json: JSONValue) {
    var values = ParameterValues()
    for p in parameters { values[p.parameter.id] = p.parameter.defaultValue }
    let point = self.point(values)
    let system = try build(point)
    let n = system.siteCount
    let symmetry = SpinModelSymmetry(system)
    let memory = SpinModelSymmetry.memory(system)

    func megabytes(_ b: Double) -> String { b.isFinite ? String(format: "%.3g MB", b / 1e6) : "beyond 2^62 states" }
    var text = "model file: \(document.file)\n"
    if let title = try document.root["title"]?.string() { text += "title: \(title)\n" }
    text += "family: spin, \(geometry == .ring ? "ring (periodic)" : "open chain")\n"
    let distinctSpins = Array(Set(system.spins)).sorted().map { String(format: "%g", $0) }.joined(separator: ", ")
    text +=
      "sites: \(n) (spins S = \(distinctSpins)), Hilbert space 2^\(String(format: "%.1f", system.log2Dimension)) states\n"
      + "bonds: \(system.bonds.count) (exchange " + (symmetry.isotropic ? "isotropic, Heisenberg" : "anisotropic")
      + ")\n"
      + "Hamiltonian: Hermitian (real exchange matrices and fields)\n"
      + "symmetries: " + symmetry.description + "\n"
      + "units: exchange and fields h = gμ_B B in K (field in tesla converted with g), spins in ħ; currents in K\n"
      + "parameters (at their defaults):" + (parameters.isEmpty ? " none" : "") + "\n"
    for mp in parameters {
      let q = mp.parameter
      text += "  \(q.id) = \(q.defaultValue?.description ?? "") \(q.unit) (--\(q.flag); \(q.allowed))\n"
    }
    text += "memory per point at N = \(n):\n"
    for (name, bytes) in memory { text += "  \(name.replacingOccurrences(of: "_", with: " ")): \(megabytes(bytes))\n" }

    func vector(_ x: Vector3) -> JSONValue { .array([.number(x.x), .number(x.y), .number(x.z)]) }
    let siteJSON: [JSONValue] = (0..<n).map { j in
      .object(["site": .integer(j), "spin": .number(system.spins[j]), "field_K": vector(system.fields[j])])
    }
    let bondJSON: [JSONValue] = system.bonds.map { b in
      .object([
        "from": .integer(b.first), "to": .integer(b.second),
        "exchange_K": .array(b.coupling.map { .array($0.map(JSONValue.number)) }),
      ])
    }
    let json: JSONValue = .object([
      "file": .string(document.file), "family": .string("spin"), "geometry": .string(geometry.rawValue),
      "sites": .integer(n), "bonds_count": .integer(system.bonds.count), "hermitian": .bool(true),
      "hamiltonian": .string("H = Σ_b S_iᵀ K_b S_j − Σ_j h_j·S_j (K)"),
      "log2_dimension": .number(system.log2Dimension),
      "symmetries": symmetry.json,
      "memory_bytes": .object(Dictionary(uniqueKeysWithValues: memory.map { ($0.0, JSONValue.number($0.1)) })),
      "parameters": .object(
        Dictionary(uniqueKeysWithValues: parameters.map { ($0.parameter.id, JSONValue.number($0.value(in: values))) })),
      "site_list": .array(siteJSON), "bond_list": .array(bondJSON),
    ])
    return (text, json)
  }
}

/// The symmetries of a spin system that the exact routes use: the screw (translation by a cell with a
/// rotation about z, found by ``/SpinWaves/ExactRingModel/screw``), Sᶻ_total conservation, isotropy.
struct SpinModelSymmetry {
  let screw: (cell: Int, angle: Double)?
  let sites: Int
  let conservesSz: Bool
  let isotropic: Bool

  init(_ system: SpinSystem) {
    sites = system.siteCount
    isotropic = system.bonds.allSatisfy(\.isIsotropic)
    if let model = try? system.exactModel() {
      screw = model.screw.cell < model.siteCount ? model.screw : nil
      conservesSz = model.hamiltonian.conservesTotalSz
    } else {
      var h = SpinOperatorSum()
      for b in system.bonds { h.add(b.first, b.second, b.coupling) }
      for (j, f) in system.fields.enumerated() { h.add(site: j, -1 * f) }
      screw = nil
      conservesSz = h.conservesTotalSz
    }
  }

  /// Field winding k = αN/2π of the screw.
  var winding: Int? { screw.map { Int(($0.angle * Double(sites) / (2 * Double.pi)).rounded()) } }

  var description: String {
    var parts: [String] = []
    if let s = screw {
      parts.append(
        "screw: translation by \(s.cell) site\(s.cell == 1 ? "" : "s") with rotation by \(s.cell)·α about z, "
          + "α = \(String(format: "%.6g", s.angle)) rad (field winding \(winding!)): \(sites / s.cell) momentum sectors"
      )
    } else {
      parts.append("no screw symmetry (unreduced basis, one momentum sector)")
    }
    parts.append(conservesSz ? "Sᶻ_total conserved (sectors split by M)" : "Sᶻ_total not conserved")
    return parts.joined(separator: "; ")
  }

  var json: JSONValue {
    var o: [String: JSONValue] = ["sz_conserved": .bool(conservesSz), "isotropic_exchange": .bool(isotropic)]
    if let s = screw {
      o["screw"] = .object([
        "cell": .integer(s.cell), "angle_rad": .number(s.angle), "winding": .integer(winding!),
        "momentum_sectors": .integer(sites / s.cell),
      ])
    } else {
      o["screw"] = .null
    }
    return .object(o)
  }

  /// Bytes each route would need at this point, keyed `classical_ground_state` and `exact_<method>` for
  /// each `magnon exact --method` (`.infinity` when the Hilbert space is beyond 2⁶²).
  static func memory(_ system: SpinSystem) -> [(String, Double)] {
    let n = system.siteCount
    var list: [(String, Double)] = []
    let nn = (try? system.classicalRing().isNearestNeighbour) ?? false
    list.append(("classical_ground_state", ClassicalGroundState.estimatedBytes(spins: n, nearestNeighbour: nn) * 5))
    list.append(("exact_semiclassical", CrownStudy.lswtBytes(spins: n)))
    if let model = try? system.exactModel() {
      let d = model.spins.reduce(1.0) { $0 * (2 * $1 + 1) }
      let l = Double(model.siteCount / model.screw.cell)
      list.append(("exact_full", ExactSpectrum.estimatedBytes(dimension: d, sectorsCount: l)))
      list.append(
        (
          "exact_lanczos",
          LanczosGroundState.estimatedBytes(
            dimension: d, sectorsCount: l, termsPerState: LanczosGroundState.termsPerState(model.hamiltonian))
        ))
      list.append(
        (
          "exact_ftlm",
          FiniteTemperatureLanczos.estimatedBytes(
            model: model, settings: .init(), operators: ExactCrownTable.operatorCount)
        ))
    } else {
      for name in ["exact_full", "exact_lanczos", "exact_ftlm"] { list.append((name, .infinity)) }
    }
    return list
  }
}
