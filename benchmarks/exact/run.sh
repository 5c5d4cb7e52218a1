#!/usr/bin/env bash
# Exact-diagonalisation benchmark: full thermal ED of the N = 12, S = 1/2 crown ring.
#   bash benchmarks/exact/run.sh [REPEATS=3] [SCAN=1]      (SKIP_UNREDUCED=1: QuSpin's 4096² eigh not run;
#   SCAN_METHODS="lanczos": scan only that method)
# 1. Ours: `spintransport magnon exact --minimal` (release) — screw sectors (12 blocks of ≈ 342), every
#    eigenpair by zheevd, then thermal E, F, C and jᶻ: the same work as the QuSpin side. Also timed: the
#    full table (adds 9 operator diagonals, the twist route's 4 spectra, classical ground state, LSWT).
# 2. QuSpin (pip, in a virtual environment this script creates; not a project dependency):
#    (a) unreduced 4096 × 4096 complex `numpy.linalg.eigh`; (b) QuSpin's momentum blocks (`kblock`)
#    of the gauge-rotated translation-invariant form. Checksums (E, F, C, jᶻ) are compared FIRST.
# One thread on both sides (OMP/OPENBLAS_NUM_THREADS=1, threadpoolctl); the NumPy/QuSpin command runs
# without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE. Medians of REPEATS runs; `uptime` load printed.
# 3. SCAN=1: the largest N whose `magnon exact` finishes within 60 s, full ED and Lanczos, S = 1/2 and 1.
# The Lanczos ground state at larger N (stored vs matrix-free, peak memory) and the N = 8, S = 1 full
# table against another build: benchmarks/exact/reach.sh. The ground state (T = 0) against QuSpin's
# momentum block at N = 20 and 24: benchmarks/exact/t0-quspin.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-3}
scan=${2:-1}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
venv=benchmarks/exact/.venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c "import quspin, numpy, scipy, threadpoolctl" 2>/dev/null; then
  "$venv/bin/pip" install -q quspin numpy scipy threadpoolctl || echo "pip install of quspin FAILED (see above)"
fi
swift build -c release --product spintransport >/dev/null
bin=.build/release/spintransport
n=12 j=2 b=1 lat=45 t=1
h=$(python3 -c "print(2 * 9.2740100783e-24 / 1.380649e-23 * $b)")  # gμ_B|B|/k_B, g = 2 (CODATA, as PhysicalConstants)
echo "machine: $(nproc --all) cores (nproc ignores OMP_NUM_THREADS with --all); load before: $(uptime)"
echo "model: N = $n, S = 1/2, J = $j K, |B| = $b T (|h| = $h K), field latitude $lat deg, T = $t K; threads: 1"

# Ours: wall time of each run (s); the minimal table kept for the checksum, the full one timed too.
time_runs() {  # time_runs OUTFILE ARGS... -> prints the run times
  local times=()
  for _ in $(seq "$repeats"); do
    local s e
    s=$(date +%s.%N)
    "$bin" magnon exact --spins $n --spin 0.5 --exchange $j --field $b --latitude $lat --temperature $t --format json --quiet "${@:2}" >"$1"
    e=$(date +%s.%N)
    times+=("$(python3 -c "print('%.3f' % ($e - $s))")")
  done
  echo "${times[*]}"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
full_runs=$(time_runs /tmp/exact-bench-full.json)
ours_runs=$(time_runs /tmp/exact-bench-ours.json --minimal)
# shellcheck disable=SC2086
ours_median=$(median $ours_runs)
python3 - /tmp/exact-bench-ours.json <<'PY' >/tmp/exact-bench-ours-sum.json
import json, sys
t = json.load(open(sys.argv[1]))
row = dict(zip(t["columns"], t["rows"][0]))
print(json.dumps({k: row[k] for k in ("energy_K", "free_energy_K", "specific_heat", "spin_current_z_K")}))
PY
# shellcheck disable=SC2086
echo "ours, full table (more work): runs $full_runs s, median $(median $full_runs) s"
echo "ours (screw sectors, --minimal): runs $ours_runs s, median $ours_median s; checksum $(cat /tmp/exact-bench-ours-sum.json)"

py() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$venv/bin/python" benchmarks/exact/quspin_crown.py "$@"; }
if "$venv/bin/python" -c "import quspin" 2>/dev/null; then
  routes="unreduced kblocks"
  [ "${SKIP_UNREDUCED:-0}" = 1 ] && routes=kblocks
  for route in $routes; do
    py $n $j "$h" $lat $t $route "$repeats" >/tmp/exact-bench-$route.json
    python3 - /tmp/exact-bench-ours-sum.json /tmp/exact-bench-$route.json "$ours_median" <<'PY'
import json, sys
ours, theirs, median = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), float(sys.argv[3])
worst = max(abs(ours[k] - theirs[k]) / max(1e-300, abs(theirs[k])) for k in ours)
print(f"QuSpin {theirs['route']}: {theirs['states']} states; runs {['%.3f' % x for x in theirs['times_s']]} s, "
      f"median {theirs['median_s']:.3f} s; checksum {json.dumps({k: theirs[k] for k in ours})}")
print(f"  checksum: largest relative difference {worst:.2e} ({'AGREE' if worst < 1e-9 else 'DISAGREE'})")
print(f"  ratio QuSpin {theirs['route']} / ours = {theirs['median_s'] / median:.1f}")
PY
  done
else
  echo "QuSpin not importable: the comparison was not run"
fi
echo "load after: $(uptime)"

if [ "$scan" = 1 ]; then
  # Largest N within 60 s: each N under `timeout 60`, stops at the first failure or timeout.
  for method in ${SCAN_METHODS:-full lanczos}; do
    for spin in 0.5 1; do
      best=none
      start=$([ "$spin" = 0.5 ] && echo 10 || echo 6)
      for nn in $(seq "$start" 40); do
        [ "$method" = full ] && temp=$t || temp=0
        s=$(date +%s.%N)
        if ! timeout 60 "$bin" magnon exact --spins "$nn" --spin "$spin" --exchange $j --field $b --latitude $lat \
          --temperature "$temp" --method "$method" --quiet >/dev/null 2>/tmp/exact-bench-scan.err; then
          echo "  $method S = $spin N = $nn: stopped ($(head -c 160 /tmp/exact-bench-scan.err | tr '\n' ' '))"
          break
        fi
        e=$(date +%s.%N)
        echo "  $method S = $spin N = $nn: $(python3 -c "print('%.1f' % ($e - $s))") s"
        best=$nn
      done
      echo "largest N in 60 s ($method, S = $spin): $best   (load: $(uptime | sed 's/.*load/load/'))"
    done
  done
fi
