#!/usr/bin/env bash
# Adaptive (error-controlled: ARKODE's L-stable SDIRK 5(4), CVODE BDF up to order 2 and up to 5) versus
# fixed-step (BDF2) time integration
# of `diffusion evolve` with M frozen at equal accuracy (the interface of Eq. 70: 100 nm, α = 90°,
# a₀ = 100, precession period 2πτ/a₀ ≈ 0.63 ps; snapshots every 1 ps to 5 ps).
# Error = max over every snapshot value of |m − m_ref| / max|m_ref|, m_ref the adaptive run at
# rtol = 1e-12 (atol 1e-15, orders up to 5). Each run is the release CLI end to end (same rows written on both
# sides, CSV to a file), one core (OPENBLAS_NUM_THREADS=1), median wall time of REPS runs.
# "Equal accuracy": for each adaptive tolerance the fixed-step time is interpolated (log–log,
# between the two runs that bracket it) at the adaptive run's error.
# Usage: benchmarks/evolve-diffusion/run.sh [POINTS [REPS]]   (defaults 101 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
POINTS="${1:-101}"
REPS="${2:-3}"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
swift build -c release --product spintransport >/dev/null
python3 - "$POINTS" "$REPS" <<'PY'
import os, sys, tempfile
sys.path.insert(0, "benchmarks/evolve")
from equal_accuracy import median_run, print_comparison
points, reps = sys.argv[1], int(sys.argv[2])
bin = ".build/release/spintransport"
base = [bin, "diffusion", "evolve", "--points", points, "--quiet", "--columns", "m_x,m_y,m_z"]
tmp = tempfile.mkdtemp()
def run(extra, name):
    return median_run(base + extra, reps, os.path.join(tmp, name + ".csv"))
# Snapshots at 0, 1, …, 5 ps on both routes: Δt = 1e-13/r, steps 50r, every 10r.
def grid(r): return ["--time-step", repr(1e-13 / r), "--steps", str(50 * r), "--every", str(10 * r)]
_, ref = run(["--method", "adaptive", "--scheme", "bdf", "--max-order", "5", "--rtol", "1e-12", "--atol", "1e-15", "--max-steps", "10000000"] + grid(1),
             "reference")
scale = max(abs(v) for v in ref)
def error(u): return max(abs(a - b) for a, b in zip(u, ref)) / scale
fixed = []
for r in [1, 4, 16, 64, 256, 1024]:
    t, u = run(["--method", "fixed-step"] + grid(r), f"fixed{r}")
    fixed.append((1e-13 / r, t, error(u)))
adaptive = []
for label, scheme in [("sdirk", ["--scheme", "sdirk"]), ("bdf q≤2", ["--scheme", "bdf", "--max-order", "2"]),
                      ("bdf q≤5", ["--scheme", "bdf", "--max-order", "5"])]:
    for rtol in ["1e-4", "1e-6", "1e-8"]:
        t, u = run(["--method", "adaptive", "--rtol", rtol, "--atol", str(float(rtol) * 1e-3),
                    "--max-steps", "10000000"] + scheme + grid(1), label.replace(" ", "") + rtol)
        adaptive.append((f"{label} {rtol}", t, error(u)))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"diffusion evolve, interface 100 nm, M frozen, {points} points, snapshots 0..5 ps every 1 ps; one core; {cpu}")
print(f"median wall time of {reps} runs (release CLI end to end, same rows written); error vs rtol = 1e-12")
print_comparison(fixed, adaptive, "fixed-step dt s", "adaptive scheme, rtol", 20)
PY
