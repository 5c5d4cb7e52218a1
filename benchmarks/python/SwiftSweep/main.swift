// The in-process Swift side of benchmarks/python/run.sh: `ring-currents` over POINTS flux
// phases through `Computation.table` (the one sweep path the Python binding also takes),
// RUNS times; prints each run's seconds and the median.
import Foundation
import SpinTransport
import Studies

let arguments = CommandLine.arguments
let points = arguments.count > 1 ? Int(arguments[1])! : 1000
let runs = arguments.count > 2 ? Int(arguments[2])! : 7
let cells = arguments.count > 3 ? Int(arguments[3])! : 20
let ring = Catalogue.standard.computation(named: "ring-currents")!
// The same phases as NumPy's linspace(-0.4, 0.4, POINTS) up to rounding: the work per point is what matters.
let phases = (0..<points).map { ParameterValue.number(-0.4 + 0.8 * Double($0) / Double(max(points - 1, 1))) }
var times: [Double] = []
for _ in 0..<runs {
  let start = Date()
  let table = try ring.table(
    fixed: ["gamma_eV": .number(0.5), "cells": .integer(cells)], sweeps: [("flux_phase_rad", phases)])
  times.append(Date().timeIntervalSince(start))
  precondition(table.rows.count == points)
}
let median = times.sorted()[times.count / 2]
print("swift runs_s=" + times.map { String(format: "%.4f", $0) }.joined(separator: ",") + " median_s=\(median)")
