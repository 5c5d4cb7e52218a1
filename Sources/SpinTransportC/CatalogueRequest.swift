import Diagnostics
import Foundation
import Studies

/// One computation request as it crosses the C boundary: JSON text naming a catalogue entry,
/// fixed parameters, up to two sweeps and the output columns, turned into the CLI's
/// ``/Studies/StudyRequest`` (the one sweep path) so values are parsed and checked as there.
///
/// ```json
/// {"computation": "ring-currents",
///  "fixed": {"gamma_eV": "0.5", "cells": "10"},
///  "sweeps": [{"id": "flux_phase_rad", "values": ["-0.4", "0.0", "0.4"]},
///             {"id": "mu_eV", "spec": "-1:1:5"}],
///  "columns": ["re_spin_z_eV"]}
/// ```
/// Values are texts read by the parameter's own parser (``/Diagnostics/Parameter/parse(_:)``,
/// what `--flag VALUE` uses); a sweep is an explicit list or a `START:STOP:COUNT[:log]` / `v1,v2`
/// spec read as `--vary` reads it. Parameters are named by id or flag; `columns` null or absent
/// means the entry's default columns. The first sweep is the outer (slow) axis.
struct CatalogueRequest: Decodable {
  struct Sweep: Decodable {
    let id: String
    let values: [String]?
    let spec: String?
  }
  let computation: String
  let fixed: [String: String]?
  let sweeps: [Sweep]?
  let columns: [String]?

  /// The request's malformed JSON or structure (not a parameter error): a message.
  struct Malformed: Error, CustomStringConvertible {
    let description: String
  }

  static func decode(_ text: String) throws -> CatalogueRequest {
    do { return try JSONDecoder().decode(CatalogueRequest.self, from: Data(text.utf8)) } catch {
      throw Malformed(description: "the request is not the expected JSON object: \(error)")
    }
  }

  /// The catalogue entry this request names; with a fixed `model` (a model file), specialised to
  /// it, so the file's parameters are parameters of the request.
  func computation(in catalogue: Catalogue) throws -> any Computation {
    guard let entry = catalogue.computation(named: computation) else {
      throw InvalidParameter("computation", computation, allowed: "one of " + catalogue.names)
    }
    guard entry.parameter(named: "model")?.domain == .text, let path = fixed?["model"], !path.isEmpty else {
      return entry
    }
    return try entry.specialized(modelFile: URL(fileURLWithPath: path))
  }

  /// The study this request describes for `computation`, checked before any point runs;
  /// errors are ``/Diagnostics/InvalidParameter`` naming the parameter by id.
  func study(of computation: any Computation) throws -> Study {
    var request = StudyRequest(computation: computation)
    var given: [String: ParameterValue] = [:]
    for (name, text) in fixed ?? [:] {
      guard let p = computation.parameter(named: name) else {
        throw InvalidParameter(
          name, text,
          allowed: "a parameter of \(computation.name): " + computation.parameters.map(\.id).joined(separator: ", "))
      }
      given[p.id] = try p.parse(text)
    }
    request.given = computation.parameters.compactMap { p in given[p.id].map { (p.id, $0) } }
    let sweepList = sweeps ?? []
    guard sweepList.count <= 2 else {
      throw InvalidParameter(
        "sweeps", sweepList.map(\.id).joined(separator: ", "), allowed: "at most two swept parameters")
    }
    for sweep in sweepList {
      let sweepable = computation.parameters.filter(\.isSweepable).map(\.id)
      guard let p = computation.parameter(named: sweep.id), p.isSweepable else {
        throw InvalidParameter(
          sweep.id, "(swept)", allowed: "a swept parameter is one of " + sweepable.joined(separator: ", "))
      }
      if given[p.id] != nil {
        throw InvalidParameter(p.id, "(fixed and swept)", allowed: "either a value or a sweep, not both")
      }
      if let spec = sweep.spec {
        request.sweeps.append(
          (p.id, try StudyRequest.parseSweepValues(spec, of: p, option: p.id, shown: spec)))
      } else if let values = sweep.values, !values.isEmpty {
        request.sweeps.append((p.id, .values(try values.map(p.parse))))
      } else {
        throw InvalidParameter(p.id, "(empty sweep)", allowed: "at least one value")
      }
    }
    request.columns = columns
    if columns == nil {
      // The entry's default columns for the given values, as the command line chooses them.
      let chosen = Set(computation.defaultColumns(for: ParameterValues(given)))
      let defaults = computation.outputNames.filter(chosen.contains)
      if defaults != computation.outputNames { request.columns = defaults }
    }
    return try request.study()
  }
}
