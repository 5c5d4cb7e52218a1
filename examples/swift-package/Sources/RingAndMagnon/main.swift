// A ring current and a magnon current through SpinTransport's public API: the catalogue entry
// `ring-currents` (Karmakar, Ganguly and Maiti) over three flux phases, and `magnon-current`
// (Schütz, Kollar and Kopietz) at one latitude and 10 K. Prints `name column=value …` lines.
import SpinTransport
import Studies

let catalogue = Catalogue.standard
let ring = catalogue.computation(named: "ring-currents")!
let currents = try ring.table(
  fixed: ["cells": .integer(10), "gamma_eV": .number(0.5), "exchange_eV": .number(0.3), "theta_deg": .number(30)],
  sweeps: [("flux_phase_rad", [.number(0), .number(0.1), .number(0.2)])],
  columns: ["re_charge_A", "re_spin_z_eV"])
for row in currents.rows {
  print("ring " + zip(currents.columns, row).map { "\($0)=\($1)" }.joined(separator: " "))
}

let magnon = catalogue.computation(named: "magnon-current")!
let spin = try magnon.table(
  fixed: [
    "spins": .integer(20), "field_T": .number(1), "latitude_deg": .number(45), "temperature_K": .number(10),
  ],
  columns: ["longitudinal_spin_current_K"])
for row in spin.rows {
  print("magnon " + zip(spin.columns, row).map { "\($0)=\($1)" }.joined(separator: " "))
}
for warning in currents.warnings + spin.warnings { print("warning: \(warning.message)") }
