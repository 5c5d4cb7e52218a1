#!/usr/bin/env bash
# Adaptive (CVODE BDF, error-controlled) versus fixed-step (TR-BDF2) time integration of
# `relaxation evolve` at equal accuracy (Saslow, Sun and Xu, Eqs. 28–29: the step of Fig. 1).
# Error = max over every output value of |u − u_ref| / max|u_0|, u_ref the adaptive run at
# rtol = 1e-12 (atol 1e-15). Each run is the release CLI end to end (same rows written on both
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
import csv, math, os, statistics, subprocess, sys, tempfile, time
points, reps = sys.argv[1], int(sys.argv[2])
bin = ".build/release/spintransport"
base = [bin, "relaxation", "evolve", "--xi", "0.3", "--points", points, "--quiet"]
tmp = tempfile.mkdtemp()
def run(extra, name):
    out = os.path.join(tmp, name + ".csv")
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        subprocess.run(base + extra + ["-o", out], check=True)
        times.append(time.perf_counter() - t0)
    with open(out) as f:
        rows = [r for r in csv.reader(f)][1:]
    return statistics.median(times), [float(v) for r in rows if r for v in r[2:4]]
_, ref = run(["--rtol", "1e-12", "--atol", "1e-15"], "reference")
scale = 1.0  # the step's height: max|u_0|
def error(u): return max(abs(a - b) for a, b in zip(u, ref)) / scale
fixed = []
for dt in ["0.1", "0.03", "0.01", "0.003", "0.001"]:
    t, u = run(["--method", "fixed-step", "--time-step", dt], "fixed" + dt)
    fixed.append((float(dt), t, error(u)))
adaptive = []
for rtol in ["1e-4", "1e-6", "1e-8"]:
    t, u = run(["--rtol", rtol, "--atol", str(float(rtol) * 1e-3)], "adaptive" + rtol)
    adaptive.append((rtol, t, error(u)))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"relaxation evolve, xi = 0.3, {points} points, no-flux, times 0,0.3,1,3,10,30 (1/r); one core; {cpu}")
print(f"median wall time of {reps} runs (release CLI end to end, same rows written); error vs rtol = 1e-12")
print(f"{'fixed-step dt':>14} {'time s':>8} {'error':>9}")
for dt, t, e in fixed: print(f"{dt:>14} {t:8.3f} {e:9.1e}")
print(f"{'adaptive rtol':>14} {'time s':>8} {'error':>9} {'fixed-step time at that error':>30} {'ratio fixed/adaptive':>21}")
for rtol, t, e in adaptive:
    pts = sorted(fixed, key=lambda f: f[2])  # ascending error
    bracket = [(a, b) for a, b in zip(pts, pts[1:]) if a[2] <= e <= b[2]]
    if bracket:
        (_, ta, ea), (_, tb, eb) = bracket[0]
        w = (math.log(e) - math.log(eb)) / (math.log(ea) - math.log(eb))
        tf = math.exp(math.log(tb) + w * (math.log(ta) - math.log(tb)))
        print(f"{rtol:>14} {t:8.3f} {e:9.1e} {tf:30.3f} {tf / t:21.1f}")
    else:
        best = pts[0]
        rel = "no fixed-step run reached it" if e < best[2] else "coarsest fixed-step run is already more accurate"
        print(f"{rtol:>14} {t:8.3f} {e:9.1e} {rel:>30}")
PY
