// Benchmark: one steady spin-diffusion solve (the spin-diffusion interface, L = 10 µm, w = 0.6 nm,
// α = 90°, a₀ = 100, uniform grid of n nodes): assembly of the 3×3 block-tridiagonal system
// (full tensor of Eqs. 72–73 at every face) + one O(n) solve (BlockTridiagonalMatrix<Double>).
// Prints one line per n: n, assemble_s, solve_s (the split), total_s (end-to-end
// SteadySpinProblem.solve(), thread CPU time), wall_s (its elapsed time; medians of `repetitions`), and
// m at x = −L/4, 0, +L/4 so the SciPy reference can check it solved the same system.
import Foundation
import LinearAlgebra
import SpinDiffusion

let sizes =
  CommandLine.arguments.dropFirst().first.map { $0.split(separator: ",").compactMap { Int($0) } }
  ?? [10_000, 100_000, 1_000_000]
let repetitions = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 5
BLASInfo.setThreadCount(1)
/// Thread CPU time, s: robust on a machine shared with other jobs (wall time is printed too).
func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
}
func wall() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

let length = 10e-6
let geometry = InterfaceGeometry(length: length, wallWidth: 0.6e-9, angleDegrees: 90)
print("n,assemble_s,solve_s,total_s,wall_s,m_quarter_x,m_quarter_y,m_quarter_z,m_mid_x,m_three_quarter_y")
for n in sizes {
  let grid = try SpinGrid.uniform(from: -length / 2, to: length / 2, points: n)
  let problem = geometry.problem(on: grid)
  var assemble: [Double] = [], solve: [Double] = [], total: [Double] = [], walls: [Double] = []
  var last: SpinAccumulationProfile?
  for _ in 0..<repetitions {
    // The split: assembly, then the block-tridiagonal solve.
    let t0 = now()
    let (matrix, rhs) = try problem.assembled()
    let t1 = now()
    _ = try matrix.solve(rhs)
    let t2 = now()
    assemble.append(t1 - t0)
    solve.append(t2 - t1)
    // End to end, as a user calls it: SteadySpinProblem.solve() (assembly, solve, backward
    // error, resolution check, profile).
    let w0 = wall(), e0 = now()
    last = try problem.solve()
    total.append(now() - e0)
    walls.append(wall() - w0)
  }
  let m = last!.accumulation
  let q = (n - 1) / 4, h = (n - 1) / 2, t = 3 * (n - 1) / 4
  print(
    "\(n),\(median(assemble)),\(median(solve)),\(median(total)),\(median(walls)),\(m[q].x),\(m[q].y),\(m[q].z),\(m[h].x),\(m[t].y)"
  )
}
