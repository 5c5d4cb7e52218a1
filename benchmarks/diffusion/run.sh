#!/usr/bin/env bash
# Steady spin-diffusion solve (Hitchon, Parker and Rebei): Swift (SpinDiffusion + LinearAlgebra block elimination)
# versus a same-work NumPy/SciPy reference (solve_banded = LAPACK dgbsv; spsolve = SuperLU),
# one core each (OPENBLAS_NUM_THREADS=1). Usage: benchmarks/diffusion/run.sh [SIZES [REPS]]
#   SIZES default 10000,100000,1000000 (grid points); REPS default 3 (medians reported).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES="${1:-10000,100000,1000000}"
REPS="${2:-3}"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
swift build -c release --product spintransport-bench-diffusion >/dev/null
SWIFT_OUT=$(.build/release/spintransport-bench-diffusion "$SIZES" "$REPS")
PY_OUT=$(python3 benchmarks/diffusion/reference.py "$SIZES" "$REPS")
python3 - "$SWIFT_OUT" "$PY_OUT" <<'PY'
import sys
def rows(text):
    lines = text.strip().splitlines()
    head = lines[0].split(",")
    return [dict(zip(head, map(float, l.split(",")))) for l in lines[1:]]
swift, py = rows(sys.argv[1]), rows(sys.argv[2])
print("Steady solve, interface L = 10 um, w = 0.6 nm, alpha = 90 deg, a0 = 100; one core;")
print("median thread CPU times in s; swift tot = end-to-end SteadySpinProblem.solve(), swift wall = its elapsed time")
print(f"{'n':>9} | {'swift asm':>9} {'swift sol':>9} {'swift tot':>9} | {'py asm':>8} {'banded':>8} {'sparse':>8}"
      f" | {'banded/swift sol':>16} {'sparse/swift sol':>16} {'py tot/swift tot':>16} | {'max |dm|':>8} | {'swift wall':>10}")
prev = None
for s, p in zip(swift, py):
    n = int(s["n"])
    dm = max(abs(s[k] - p[k]) for k in s if k.startswith("m_"))
    print(f"{n:>9} | {s['assemble_s']:9.4f} {s['solve_s']:9.4f} {s['total_s']:9.4f} | {p['assemble_s']:8.4f}"
          f" {p['banded_s']:8.4f} {p['sparse_s']:8.4f} | {p['banded_s']/s['solve_s']:16.2f}"
          f" {p['sparse_s']/s['solve_s']:16.2f} {(p['assemble_s']+p['banded_s'])/s['total_s']:16.2f} | {dm:8.1e} | {s['wall_s']:10.4f}")
print("O(n) check (Swift total time per point, ns):",
      ", ".join(f"n={int(s['n'])}: {1e9*s['total_s']/s['n']:.0f}" for s in swift))
big = [s for s in swift if s["n"] >= 1_000_000]
if big:
    t, w = big[0]["total_s"], big[0]["wall_s"]
    print(f"target: 10^6 points in < 1 s on one core -> CPU {t:.3f} s, wall {w:.3f} s"
          f" ({'met' if t < 1 else 'NOT met'}; load average now: {open('/proc/loadavg').read().split()[0]})")
PY
