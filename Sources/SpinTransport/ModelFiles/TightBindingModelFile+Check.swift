import Diagnostics
import Foundation
import ModelFiles
import Numerics
import Studies
import TightBinding

extension TightBindingModelFile {
  /// The `model check` report at the parameters' defaults (`cells` from the file, else 20;
  /// no disorder): counts, Hermiticity, translation by a cell and reciprocity, units, memory
  /// of each route, and (JSON) every on-site matrix and every directed hopping with its flux phase.
  func check() throws -> (text: String, json: JSONValue) {
    var values = ParameterValues()
    for p in parameters { values[p.parameter.id] = p.parameter.defaultValue }
    let point = self.point(values)
    let build = try self.build(point)
    let lattice = build.lattice
    let system = lattice.system
    let p = sitesPerCell
    let hermitian = build.hermiticityDefect <= 1e-12 * max(1, system.hamiltonian().maxAbs)
    // Reciprocity: |T_{i←j}| = |T_{j←i}| entrywise for every pair (no Hatano–Nelson asymmetry).
    var blocks: [[Int]: SpinMatrix] = [:]
    for h in system.hoppings {
      blocks[[h.to, h.from], default: .zero] = blocks[[h.to, h.from], default: .zero] + h.matrix
    }
    let reciprocal = blocks.allSatisfy { key, t in
      let back = blocks[[key[1], key[0]]] ?? .zero
      return (0..<2).allSatisfy { s in
        (0..<2).allSatisfy { u in abs(t[s, u].length - back[u, s].length) <= 1e-12 * max(1, t.maxAbs) }
      }
    }
    let translation = lattice.bloch != nil
    let dense = lattice.dimension
    let workloads: [(String, RingWorkload, RingSpectrum.Path)] = [
      ("spectrum", .spectrum, translation ? .bloch : .dense),
      ("currents_operator", .currents, translation ? .bloch : .dense),
      ("currents_derivative", .derivative, .dense),
      ("bond_currents", .currents, .dense),
      ("states", .states, translation ? .bloch : .dense),
    ]
    let memory = workloads.map { ($0.0, RingResources.bytes(lattice, path: $0.2, workload: $0.1), $0.2) }

    func megabytes(_ b: Double) -> String { String(format: "%.3g MB", b / 1e6) }
    var text = "model file: \(document.file)\n"
    if let title = try document.root["title"]?.string() { text += "title: \(title)\n" }
    text += "family: tight-binding, \(geometry == .ring ? "ring (periodic, flux phase φ per cell)" : "open chain")\n"
    text +=
      "sites: \(system.siteCount) (\(lattice.cells) cells × \(p)), dimension \(dense) (spin ½ per site)\n"
      + "bonds: \(bonds.count) per cell, \(system.hoppings.count) directed hoppings in all\n"
      + "Hamiltonian: "
      + (hermitian
        ? "Hermitian" : "not Hermitian (max |H − H†| = \(String(format: "%.3g", build.hermiticityDefect)) eV)") + "\n"
      + "symmetries: translation by one cell: "
      + (translation
        ? "yes (Bloch path: \(lattice.cells) blocks of \(2 * p)×\(2 * p))"
        : "no (\(geometry == .chain ? "an open chain" : cellDependence ?? "disorder"))")
      + "; reciprocity |H_ij| = |H_ji|: " + (reciprocal ? "yes" : "no (non-reciprocal hoppings)") + "\n"
      + "units: energies in eV, positions in lattice constants a, flux phase in rad; currents: charge in A, spin in eV\n"
      + "parameters (at their defaults):" + (parameters.isEmpty ? " none" : "") + "\n"
    for mp in parameters {
      let q = mp.parameter
      text += "  \(q.id) = \(q.defaultValue?.description ?? "") \(q.unit) (--\(q.flag); \(q.allowed))\n"
    }
    text += "memory per point at N = \(lattice.cells):\n"
    for (name, bytes, path) in memory {
      text += "  \(name.replacingOccurrences(of: "_", with: " ")): \(megabytes(bytes)) (\(path.rawValue) path)\n"
    }

    func matrix(_ m: SpinMatrix) -> JSONValue {
      .array(
        (0..<2).map { s in .array((0..<2).map { u in .array([.number(m[s, u].real), .number(m[s, u].imaginary)]) }) })
    }
    let siteJSON: [JSONValue] = system.sites.enumerated().map { j, site in
      .object([
        "site": .integer(j), "name": .string(sites[j % p].name), "cell": .integer(j / p),
        "position": .number(site.position), "onsite_eV": matrix(site.onsite),
      ])
    }
    let bondJSON: [JSONValue] = system.hoppings.enumerated().map { n, h in
      .object([
        "to": .integer(h.to), "from": .integer(h.from), "displacement": .number(h.displacement),
        "flux_phase_rad": .number(point.fluxPhase * h.displacement / Double(p)), "matrix_eV": matrix(h.matrix),
        "bond": .integer(build.bondOfHopping[n]),
      ])
    }
    let json: JSONValue = .object([
      "file": .string(document.file), "family": .string("tight-binding"), "geometry": .string(geometry.rawValue),
      "cells": .integer(lattice.cells), "sites_per_cell": .integer(p), "sites": .integer(system.siteCount),
      "dimension": .integer(dense), "bonds_per_cell": .integer(bonds.count),
      "hoppings": .integer(system.hoppings.count), "hermitian": .bool(hermitian),
      "hermiticity_defect_eV": .number(build.hermiticityDefect),
      "symmetries": .object(["translation": .bool(translation), "reciprocal": .bool(reciprocal)]),
      "units": .object([
        "energy": .string("eV"), "position": .string("a"), "flux_phase": .string("rad"), "charge_current": .string("A"),
        "spin_current": .string("eV"),
      ]),
      "flux_phase_rad": .number(point.fluxPhase),
      "parameters": .array(
        parameters.map { mp in
          .object([
            "id": .string(mp.parameter.id), "flag": .string(mp.parameter.flag), "unit": .string(mp.parameter.unit),
            "value": mp.parameter.defaultValue.map { $0.number.map(JSONValue.number) ?? .string($0.description) }
              ?? .null,
          ])
        }),
      "memory_bytes": .object(Dictionary(uniqueKeysWithValues: memory.map { ($0.0, JSONValue.number($0.1)) })),
      "site_matrices": .array(siteJSON), "hopping_matrices": .array(bondJSON),
    ])
    return (text, json)
  }
}
