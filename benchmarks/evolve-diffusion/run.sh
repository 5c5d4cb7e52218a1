#!/usr/bin/env bash
# Adaptive (CVODE BDF up to order 2 and up to 5, error-controlled) versus fixed-step (BDF2) time integration
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
import csv, math, os, statistics, subprocess, sys, tempfile, time
points, reps = sys.argv[1], int(sys.argv[2])
bin = ".build/release/spintransport"
base = [bin, "diffusion", "evolve", "--points", points, "--quiet", "--columns", "m_x,m_y,m_z"]
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
    return statistics.median(times), [float(v) for r in rows if r for v in r]
# Snapshots at 0, 1, …, 5 ps on both routes: Δt = 1e-13/r, steps 50r, every 10r.
def grid(r): return ["--time-step", repr(1e-13 / r), "--steps", str(50 * r), "--every", str(10 * r)]
_, ref = run(["--method", "adaptive", "--max-order", "5", "--rtol", "1e-12", "--atol", "1e-15", "--max-steps", "10000000"] + grid(1),
             "reference")
scale = max(abs(v) for v in ref)
def error(u): return max(abs(a - b) for a, b in zip(u, ref)) / scale
fixed = []
for r in [1, 4, 16, 64, 256, 1024]:
    t, u = run(["--method", "fixed-step"] + grid(r), f"fixed{r}")
    fixed.append((1e-13 / r, t, error(u)))
adaptive = []
for order in ["2", "5"]:
    for rtol in ["1e-4", "1e-6", "1e-8"]:
        t, u = run(["--method", "adaptive", "--max-order", order, "--rtol", rtol, "--atol", str(float(rtol) * 1e-3),
                    "--max-steps", "10000000"] + grid(1), "adaptive" + order + rtol)
        adaptive.append((f"q≤{order} {rtol}", t, error(u)))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"diffusion evolve, interface 100 nm, M frozen, {points} points, snapshots 0..5 ps every 1 ps; one core; {cpu}")
print(f"median wall time of {reps} runs (release CLI end to end, same rows written); error vs rtol = 1e-12")
print(f"{'fixed-step dt s':>16} {'time s':>8} {'error':>9}")
for dt, t, e in fixed: print(f"{dt:>16.3g} {t:8.3f} {e:9.1e}")
print(f"{'adaptive order, rtol':>16} {'time s':>8} {'error':>9} {'fixed-step time at that error':>30} {'ratio fixed/adaptive':>21}")
for rtol, t, e in adaptive:
    pts = sorted(fixed, key=lambda f: f[2])  # ascending error
    bracket = [(a, b) for a, b in zip(pts, pts[1:]) if a[2] <= e <= b[2]]
    if bracket:
        (_, ta, ea), (_, tb, eb) = bracket[0]
        w = (math.log(e) - math.log(eb)) / (math.log(ea) - math.log(eb))
        tf = math.exp(math.log(tb) + w * (math.log(ta) - math.log(tb)))
        print(f"{rtol:>16} {t:8.3f} {e:9.1e} {tf:30.3f} {tf / t:21.1f}")
    else:
        best = pts[0]
        rel = "no fixed-step run reached it" if e < best[2] else "coarsest fixed-step run is already more accurate"
        print(f"{rtol:>16} {t:8.3f} {e:9.1e} {rel:>30}")
PY
