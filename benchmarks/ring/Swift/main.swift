// Ring benchmark (Hatano–Nelson ring): dense persistent-current sweep vs bare zgeev vs NumPy, Bloch vs dense,
// and the eigensolver study. Protocol: benchmarks/ring/README.md (run by benchmarks/ring/run.sh).
//
// Usage: spintransport-bench-ring MODE [cells=60] [points=40]
//   MODE = serial    one BLAS thread, one core's work: bare zgeev (left + right vectors) on the
//                    same matrices as the NumPy reference, the general dense sweep (charge and
//                    spin x, y, z currents; T = 0 projector from the matrix sign function), the same
//                    sweep on the eigenvector route, the spin-resolved sweep, and the clean ring
//                    on the dense and Bloch paths; checksums of the dense sweep
//          parallel  the dense and default sweeps as `ring sweep` runs them (parallelMap, all cores)
//          study     projector variants on the same matrices (zgeev, zgeevx without balancing,
//                    right vectors + L† = R⁻¹ by LU, ordered Schur projector, matrix sign), with
//                    their answers compared to the zgeev route
//          profile   per-stage times of one dense point and of one Bloch block
//          signsteps Newton steps, last step, ‖P‖₂ and Tr P of the matrix-sign projector per point
// Prints "key value" lines (seconds unless the key says otherwise).
import Foundation
import LinearAlgebra
import Numerics
import SpinTransport
import Studies
import TightBinding

let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "serial"
let cells = args.count > 2 ? Int(args[2])! : 60
let points = args.count > 3 ? Int(args[3])! : 40
let mu = -0.63
let disordered = HatanoNelsonRing(cells: cells, gamma: 0.5, t2: 1, exchange: 0.3, theta: 0.5, azimuth: 0.3, aah: 1)
let clean = HatanoNelsonRing(cells: cells, gamma: 0.5, t2: 1, exchange: 0.3, theta: 0.5, azimuth: 0.3)
let phases = (0..<points).map { 0.5 * Double($0) / Double(points) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}
/// CPU seconds (user + system) of this process so far: robust to other jobs on a shared
/// machine for one-thread work (wall time counts the time others held the core).
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    / 1e6
}
func emit(_ key: String, _ value: Any) { print("\(key) \(value)") }
/// Emits `key` (wall seconds) and `key` with `_s` → `_cpu_s` (CPU seconds) for `body`.
func timed(_ key: String, _ body: () throws -> Void) rethrows {
  let c0 = cpuSeconds()
  let wall = try seconds(body)
  emit(key, wall)
  emit(String(key.dropLast(2)) + "_cpu_s", cpuSeconds() - c0)
}

var sink = 0.0
print("dimension \(4 * cells)")
print("points \(points)")
print("blas_core \(BLASInfo.coreName)")

switch mode {
case "serial":
  BLASInfo.setThreadCount(1)
  let matrices = try phases.map { try disordered.withFluxPhase($0).system().hamiltonian() }
  let workspace = LAPACKWorkspace()
  try timed(
    "swift_bare_zgeev_serial_s",
    {
      for h in matrices { sink += try GeneralEigensystem(h, workspace: workspace).values[0].real }
    })
  var results: [RingCurrents] = []
  try timed(
    "swift_sweep_dense_serial_s",
    {
      results = try phases.map {
        try PersistentCurrents.compute(disordered.withFluxPhase($0), mu: mu, path: .dense).currents
      }
    })
  // The same sweep with the eigenvector route forced (the route before the matrix-sign projector).
  var resultsEigenvectors: [RingCurrents] = []
  try timed(
    "swift_sweep_dense_eigenvectors_serial_s",
    {
      resultsEigenvectors = try phases.map {
        let ring = disordered.withFluxPhase($0)
        return try PersistentCurrents.denseOperatorTotals(
          try ring.system(), sites: ring.siteCount, mu: mu, kT: 0, projector: .eigenvectors
        ).currents
      }
    })
  var resultsSpin: [RingCurrents] = []
  try timed(
    "swift_sweep_spin_resolved_serial_s",
    {
      resultsSpin = try phases.map {
        try PersistentCurrents.compute(disordered.withFluxPhase($0), mu: mu, path: .spinResolved)
          .currents
      }
    })
  var cleanDense: [RingCurrents] = []
  var cleanBloch: [RingCurrents] = []
  try timed(
    "swift_clean_dense_serial_s",
    {
      cleanDense = try phases.map {
        try PersistentCurrents.compute(clean.withFluxPhase($0), mu: mu, path: .dense).currents
      }
    })
  try timed(
    "swift_clean_bloch_serial_s",
    {
      cleanBloch = try phases.map {
        try PersistentCurrents.compute(clean.withFluxPhase($0), mu: mu, path: .bloch).currents
      }
    })
  // Largest absolute difference between two paths: charge (A) and spin (eV) separately. (The
  // disordered N = 60 ring's currents are ~1e-17 or smaller, so only absolute differences mean anything.)
  func maxDifference(_ a: [RingCurrents], _ b: [RingCurrents]) -> (charge: Double, spin: Double) {
    let charge = zip(a, b).map { ($0.charge - $1.charge).length }.max()!
    let spin = zip(a, b).flatMap { x, y in zip(x.spin, y.spin).map { ($0 - $1).length } }.max()!
    return (charge, spin)
  }
  let sr = maxDifference(results, resultsSpin), bl = maxDifference(cleanDense, cleanBloch)
  let ev = maxDifference(resultsEigenvectors, results)
  emit("swift_eigenvectors_vs_sign_charge_A_absdiff", ev.charge)
  emit("swift_eigenvectors_vs_sign_spin_eV_absdiff", ev.spin)
  emit("swift_spin_resolved_vs_dense_charge_A_absdiff", sr.charge)
  emit("swift_spin_resolved_vs_dense_spin_eV_absdiff", sr.spin)
  emit("swift_bloch_vs_dense_charge_A_absdiff", bl.charge)
  emit("swift_bloch_vs_dense_spin_eV_absdiff", bl.spin)
  emit("swift_clean_largest_charge_A", cleanDense.map(\.charge.length).max()!)
  emit("checksum_middle_point", results[points / 2].all.map { "\($0.real),\($0.imaginary)" }.joined(separator: ","))
  emit("checksum_sum_re_charge_A", results.reduce(0.0) { $0 + $1.charge.real })
  emit("checksum_sum_re_spin_z_eV", results.reduce(0.0) { $0 + $1.spin[2].real })

case "parallel":
  // The flux sweep of the disordered ring through the catalogue entry and the study runner (the
  // path of `ring currents --vary flux-phase=…`), on all cores.
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
  emit("swift_sweep_dense_parallel_s", try seconds { try cataloguedSweep(path: "dense") })
  emit("swift_sweep_parallel_s", try seconds { try cataloguedSweep(path: "automatic") })

case "study":
  BLASInfo.setThreadCount(1)
  try EigensolverStudy.run(ring: disordered, phases: phases, mu: mu)

case "profile":
  BLASInfo.setThreadCount(1)
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
  let tS = try seconds { for _ in 0..<reps { sink += try eig.stateSums(of: ops, selecting: sel)[0].real } }
  let tT = try seconds { for _ in 0..<reps { sink += try eig.traces(of: ops, selecting: sel)[0].real } }
  let ms = { (t: Double) in String(format: "%.2f", t / Double(reps) * 1e3) }
  print(
    "profile_dense_point_ms system \(ms(tBuild)) operators \(ms(tOps)) hamiltonian \(ms(tH)) zgeev \(ms(tZ)) "
      + "biorthogonal \(ms(tB)) state_sums \(ms(tS)) projector_traces \(ms(tT)) (occupied \(sel.count))")
  let form = try clean.blochForm()
  let hb = form.hamiltonian(0.3)
  let blockReps = 24_000
  let workspace = LAPACKWorkspace()
  let tz = try seconds { for _ in 0..<blockReps { sink += try GeneralEigensystem(hb).values[0].real } }
  let tzw = try seconds {
    for _ in 0..<blockReps { sink += try GeneralEigensystem(hb, workspace: workspace).values[0].real }
  }
  let tb = try seconds {
    for _ in 0..<blockReps { sink += try BiorthogonalEigensystem(hb, workspace: workspace).values[0].real }
  }
  let tops = seconds { for _ in 0..<blockReps { sink += form.currentOperators(0.3)[0][0, 2].real } }
  let us = { (t: Double) in String(format: "%.2f", t / Double(blockReps) * 1e6) }
  print(
    "profile_bloch_block_us zgeev \(us(tz)) zgeev_reused_workspace \(us(tzw)) biorthogonal_reused \(us(tb)) "
      + "operators \(us(tops))")

case "signsteps":
  break
default:
  print("unknown mode \(mode): serial | parallel | study | profile")
  exit(2)
}
if sink.isNaN { print("nan") }
if mode == "signsteps" {
  // Newton steps, last relative step, ‖P‖₂ and Tr P of the matrix-sign projector per flux point.
  for (label, ring) in [("disordered", disordered), ("clean", clean)] {
    for p in phases {
      let h = try ring.withFluxPhase(p).system().hamiltonian()
      do {
        let s = try MatrixSignProjection(h, splitAt: mu)
        print(
          "signsteps \(label) phi=\(p) steps=\(s.steps) last_step=\(s.lastStep) norm=\(s.projectorNorm) "
            + "trace=\(s.trace.real) commutator=\(s.commutatorResidual)")
      } catch { print("signsteps \(label) phi=\(p) \(error)") }
    }
  }
}
