#!/usr/bin/env bash
# The 10⁶-point steady spin-diffusion solve (Hitchon, Parker and Rebei, Eq. 70 at steady state) against
# its one-second target: SteadySpinProblem.solve() alone (assembly of the 3×3 block-tridiagonal system,
# the O(n) block solve, backward error, resolution check, profile), no CSV writing. The workload is the
# one of benchmarks/diffusion (interface, L = 10 µm, w = 0.6 nm, α = 90°, a₀ = 100, uniform grid), release
# build, one core (OPENBLAS_NUM_THREADS=1), median of REPS runs.
# Usage: benchmarks/steady-solve/run.sh [POINTS [REPS]]   (defaults 1000000 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
POINTS="${1:-1000000}"
REPS="${2:-3}"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
swift build -c release --product spintransport-bench-diffusion >/dev/null
OUT=$(.build/release/spintransport-bench-diffusion "$POINTS" "$REPS")
python3 - "$OUT" "$REPS" <<'PY'
import sys
lines = sys.argv[1].strip().splitlines()
row = dict(zip(lines[0].split(","), map(float, lines[1].split(","))))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"steady solve, {int(row['n'])} points; one core, OpenBLAS kernel as detected; {cpu}; median of {sys.argv[2]}")
print(f"  assembly {row['assemble_s']:.3f} s + block solve {row['solve_s']:.3f} s (thread CPU)")
print(f"  SteadySpinProblem.solve() end to end: {row['total_s']:.3f} s thread CPU, {row['wall_s']:.3f} s wall"
      f" -> {'under' if row['wall_s'] < 1 else 'OVER'} the 1 s target")
PY
