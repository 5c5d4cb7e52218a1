// Ring benchmark (seed 002): dense persistent-current sweep vs bare zgeev, and Bloch vs dense.
//
// Usage: spintransport-bench-ring [cells=60] [points=400]
// Paths: dense = one 4N×4N zgeev per point (the general builder path, same work as the NumPy
// reference); spin-resolved = the default for disordered rings (one 2N×2N orbital zgeev, exact
// for the preset: spin-independent hoppings, uniform m̂); Bloch for the clean ring.
// Prints one "key value" line per measurement (seconds) plus checksums the NumPy reference
// compares against. Serial timings use one BLAS thread (the same work the reference does);
// the parallel sweep uses all cores (parallelMap), as `ring sweep` does.
import Foundation
import LinearAlgebra
import Numerics
import SpinTransport
import Studies
import TightBinding

let args = CommandLine.arguments
let cells = args.count > 1 ? Int(args[1])! : 60
let points = args.count > 2 ? Int(args[2])! : 400
let mu = -0.63
let disordered = HatanoNelsonRing(cells: cells, gamma: 0.5, t2: 1, exchange: 0.3, theta: 0.5, azimuth: 0.3, aah: 1)
let clean = HatanoNelsonRing(cells: cells, gamma: 0.5, t2: 1, exchange: 0.3, theta: 0.5, azimuth: 0.3)
let phases = (0..<points).map { 0.5 * Double($0) / Double(points) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

BLASInfo.setThreadCount(1)
let matrices = try phases.map { try disordered.setting("flux-phase", to: $0).system().hamiltonian() }

var sink = 0.0
let bare = try seconds {
  for h in matrices { sink += try GeneralEigensystem(h, computeLeft: true, computeRight: true).values[0].real }
}
var results: [RingCurrents] = []
let sweepDense = try seconds {
  results = try phases.map {
    try PersistentCurrents.compute(try disordered.setting("flux-phase", to: $0), mu: mu, path: .dense).currents
  }
}
var resultsSpin: [RingCurrents] = []
let sweepSpin = try seconds {
  resultsSpin = try phases.map {
    try PersistentCurrents.compute(try disordered.setting("flux-phase", to: $0), mu: mu, path: .spinResolved).currents
  }
}
/// The flux sweep of the disordered ring through the catalogue entry and the study runner (the
/// path of `ring currents --vary flux-phase=…`), on all cores.
func cataloguedSweep(path: String) throws {
  let entry = RingCurrentsComputation()
  var request = StudyRequest(computation: entry)
  request.given = [
    ("cells", .number(Double(cells))), ("gamma_eV", 0.5), ("t2_eV", 1), ("exchange_eV", 0.3),
    ("theta_deg", .number(0.5 * 180 / .pi)), ("azimuth_deg", .number(0.3 * 180 / .pi)), ("aah_eV", 1),
    ("mu_eV", .number(mu)), ("path", .text(path)),
  ]
  request.sweeps = [("flux_phase_rad", .values(phases.map { .number($0) }))]
  _ = try StudyRunner.computeTable(study: try request.study(), model: entry, checkpointDirectory: nil)
}
let parallelDense = try seconds { try cataloguedSweep(path: "dense") }
let parallel = try seconds { try cataloguedSweep(path: "automatic") }
BLASInfo.setThreadCount(1)
let spinVsDense = zip(results, resultsSpin).map { (($0.charge - $1.charge).length / 2.4341e-4) }.max()!
BLASInfo.setThreadCount(1)
var cleanDense: [RingCurrents] = []
var cleanBloch: [RingCurrents] = []
let denseClean = try seconds {
  cleanDense = try phases.map {
    try PersistentCurrents.compute(try clean.setting("flux-phase", to: $0), mu: mu, path: .dense).currents
  }
}
let bloch = try seconds {
  cleanBloch = try phases.map {
    try PersistentCurrents.compute(try clean.setting("flux-phase", to: $0), mu: mu, path: .bloch).currents
  }
}
let blochVsDense = zip(cleanBloch, cleanDense).map { (($0.charge - $1.charge).length / 2.4341e-4) }.max()!

print("dimension \(4 * cells)")
print("points \(points)")
print("swift_bare_zgeev_serial_s \(bare)")
print("swift_sweep_dense_serial_s \(sweepDense)")
print("swift_sweep_spin_resolved_serial_s \(sweepSpin)")
print("swift_sweep_dense_parallel_s \(parallelDense)")
print("swift_sweep_parallel_s \(parallel)")
print("swift_spin_resolved_dense_max_charge_diff_raw \(spinVsDense)")
print("swift_clean_dense_serial_s \(denseClean)")
print("swift_clean_bloch_serial_s \(bloch)")
print("swift_bloch_dense_max_charge_diff_raw \(blochVsDense)")
print("checksum_middle_point \(results[points / 2].all.map { "\($0.real),\($0.imaginary)" }.joined(separator: ","))")
print("checksum_sum_re_charge_A \(results.reduce(0.0) { $0 + $1.charge.real })")
print("checksum_sum_re_spin_z_eV \(results.reduce(0.0) { $0 + $1.spin[2].real })")
if sink.isNaN { print("nan") }

// Profile of one Bloch block (printed for information): zgeev alone vs the biorthogonal
// eigensystem vs the full per-k work of the Bloch path.
if ProcessInfo.processInfo.environment["RING_BENCH_PROFILE"] != nil {
  let h = clean.blochHamiltonian(0.3)
  let reps = 24_000
  let tz = try seconds { for _ in 0..<reps { sink += try GeneralEigensystem(h).values[0].real } }
  let tb = try seconds { for _ in 0..<reps { sink += try BiorthogonalEigensystem(h).values[0].real } }
  let tops = seconds { for _ in 0..<reps { sink += clean.blochCurrentOperators(0.3)[0][0, 2].real } }
  print(
    "profile_per_block_us zgeev \(tz / Double(reps) * 1e6) biorthogonal \(tb / Double(reps) * 1e6) operators \(tops / Double(reps) * 1e6)"
  )
}

// Profile of one dense point (information): building, diagonalising, tracing.
if ProcessInfo.processInfo.environment["RING_BENCH_PROFILE"] != nil {
  let reps = 20
  var system = try disordered.system()
  let tBuild = try seconds { for _ in 0..<reps { system = try disordered.system() } }
  var ops = try system.currentOperators()
  let tOps = try seconds { for _ in 0..<reps { ops = try system.currentOperators() } }
  var h = system.hamiltonian()
  let tH = seconds { for _ in 0..<reps { h = system.hamiltonian() } }
  let tZ = try seconds { for _ in 0..<reps { sink += try GeneralEigensystem(h).values[0].real } }
  var eig = try BiorthogonalEigensystem(h)
  let tB = try seconds { for _ in 0..<reps { eig = try BiorthogonalEigensystem(h) } }
  let sel = eig.values.indices.filter { eig.values[$0].real <= mu }
  let tT = try seconds { for _ in 0..<reps { sink += try eig.traces(of: ops, selecting: sel)[0].real } }
  let ms = { (t: Double) in String(format: "%.2f", t / Double(reps) * 1e3) }
  print(
    "profile_dense_point_ms system \(ms(tBuild)) operators \(ms(tOps)) hamiltonian \(ms(tH)) zgeev \(ms(tZ)) "
      + "biorthogonal \(ms(tB)) traces \(ms(tT)) (occupied \(sel.count))")
}
