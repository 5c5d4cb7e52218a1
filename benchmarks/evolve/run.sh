#!/usr/bin/env bash
# Adaptive (error-controlled: ARKODE's L-stable SDIRK 5(4) and CVODE's BDF) versus fixed-step (TR-BDF2)
# time integration of
# `relaxation evolve` at equal accuracy (Saslow, Sun and Xu, Eqs. 28–29: the step of Fig. 1).
# Error = max over every output value of |u − u_ref| / max|u_0|, u_ref the adaptive run at
# rtol = 1e-12 (atol 1e-15, BDF). Each run is the release CLI end to end (same rows written on both
# sides, CSV to a file), one core (OPENBLAS_NUM_THREADS=1), median wall time of REPS runs.
# "Equal accuracy": for each adaptive tolerance the fixed-step time is interpolated (log–log,
# between the two runs that bracket it) at the adaptive run's error.
# Usage: benchmarks/evolve/run.sh [POINTS [REPS]]   (defaults 400 — the CLI default — and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
POINTS="${1:-400}"
REPS="${2:-3}"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
swift build -c release --product spintransport >/dev/null
python3 - "$POINTS" "$REPS" <<'PY'
import os, sys, tempfile
sys.path.insert(0, "benchmarks/evolve")
from equal_accuracy import median_run, print_comparison
points, reps = sys.argv[1], int(sys.argv[2])
bin = ".build/release/spintransport"
base = [bin, "relaxation", "evolve", "--xi", "0.3", "--points", points, "--quiet"]
tmp = tempfile.mkdtemp()
def run(extra, name):
    return median_run(base + extra, reps, os.path.join(tmp, name + ".csv"), slice(2, 4))
_, ref = run(["--scheme", "bdf", "--rtol", "1e-12", "--atol", "1e-15"], "reference")
scale = 1.0  # the step's height: max|u_0|
def error(u): return max(abs(a - b) for a, b in zip(u, ref)) / scale
fixed = []
for dt in ["0.1", "0.03", "0.01", "0.003", "0.001"]:
    t, u = run(["--method", "fixed-step", "--time-step", dt], "fixed" + dt)
    fixed.append((float(dt), t, error(u)))
adaptive = []
for scheme in ["sdirk", "bdf"]:
    for rtol in ["1e-4", "1e-6", "1e-8"]:
        t, u = run(["--scheme", scheme, "--rtol", rtol, "--atol", str(float(rtol) * 1e-3)], "adaptive" + scheme + rtol)
        adaptive.append((f"{scheme} {rtol}", t, error(u)))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"relaxation evolve, xi = 0.3, {points} points, no-flux, times 0,0.3,1,3,10,30 (1/r); one core; {cpu}")
print(f"median wall time of {reps} runs (release CLI end to end, same rows written); error vs rtol = 1e-12")
print_comparison(fixed, adaptive, "fixed-step dt", "adaptive scheme, rtol", 20)
PY
