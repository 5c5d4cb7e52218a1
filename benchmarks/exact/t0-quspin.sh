#!/usr/bin/env bash
# T = 0 benchmark: the ground state of the S = 1/2 crown ring at N = 20 and 24, ours against QuSpin.
#   [CPU=0] bash benchmarks/exact/t0-quspin.sh [REPEATS=3] [SIZES="20 24"]
# REPEATS runs of ours and of QuSpin's one block at N ≤ 20 (t0-all once: 20 blocks), one run at N > 20.
# Model (as benchmarks/exact/run.sh): J = 2 K, |B| = 1 T (g = 2), field latitude 45 deg, T = 0.
# 1. Ours: `spintransport magnon exact --method lanczos` (release). It has no option for one sector: it runs
#    Lanczos in EVERY screw momentum sector (N sectors of ≈ 2^N/N states; stored sparse sector matrices when
#    they fit in memory, else matrix-free: metadata lanczos_storage), keeps the lowest, then evaluates every
#    operator column on the ground vector and the classical + LSWT columns (more work than QuSpin's side).
#    Its metadata names the ground state's screw momentum (ground_momentum_index n).
# 2. QuSpin (pip, in the virtual environment benchmarks/exact/run.sh creates; not a project dependency):
#    the gauge-rotated translation-invariant form (quspin_crown.py). The rotation maps the screw operator
#    G = e^{-iαS^z_tot} T onto e^{2πiS^z_0} T~ = -T~ for S = 1/2, so our sector n is QuSpin's kblock
#    (n + N/2) mod N (k = π ↔ kblock 0). Routes: t0-block (that one block: basis, H, eigsh, <j^z>) and,
#    at N ≤ 20, t0-all once (every block, lowest kept: confirms which block holds the ground state).
# Both energies must agree to 1e-12 relative (the rotation is exact; both eigensolvers converge the
# eigenvalue to rounding: our Lanczos residual r ≤ 1e-10·|E_0| K gives an eigenvalue error ≤ r²/gap), and
# j^z to 1e-6 relative (a vector error ≈ r/gap moves <j^z> by ≲ 2‖j‖r/gap).
# One thread on each side: OMP/OPENBLAS_NUM_THREADS=1, threadpoolctl(1) in Python, every process pinned to
# CPU $CPU (`taskset -c $CPU`; our Dispatch concurrentPerform then has one CPU to run on). The NumPy/QuSpin
# command runs without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE. Sides alternate run by run; medians printed.
# Times: process wall time and CPU time (user + system, `/usr/bin/time -v`: on a shared machine the pinned
# CPU is shared, so wall > CPU) on both sides; QuSpin also its in-process wall time (perf_counter, after
# imports). Ours includes start-up and the extra columns. Peak memory: `/usr/bin/time -v` maximum resident set.
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-3}
sizes=${2:-20 24}
cpu=${CPU:-0}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
venv=benchmarks/exact/.venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! "$venv/bin/python" -c "import quspin, numpy, scipy, threadpoolctl" 2>/dev/null; then
  "$venv/bin/pip" install -q quspin numpy scipy threadpoolctl || echo "pip install of quspin FAILED (see above)"
fi
"$venv/bin/python" -c "import quspin" 2>/dev/null || { echo "QuSpin not importable: the comparison was not run"; exit 1; }
swift build -c release --product spintransport >/dev/null
bin=.build/release/spintransport
j=2 b=1 lat=45
h=$(python3 -c "print(2 * 9.2740100783e-24 / 1.380649e-23 * $b)")  # gμ_B|B|/k_B, g = 2 (CODATA, as PhysicalConstants)
out=/tmp/t0-quspin-cpu$cpu
mkdir -p $out
echo "machine: $(nproc --all) cores, $(lscpu | sed -n 's/^Model name: *//p'); load before: $(uptime)"
echo "model: S = 1/2, J = $j K, |B| = $b T (|h| = $h K), field latitude $lat deg, T = 0; one thread, CPU $cpu"

# timed OUT ERR CMD...: runs CMD under /usr/bin/time -v pinned to CPU $cpu; prints "wall_s cpu_s peak_MB".
timed() {
  local o=$1 e=$2
  shift 2
  /usr/bin/time -v -o "$e.time" taskset -c "$cpu" "$@" >"$o" 2>"$e"
  python3 - "$e.time" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
w = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
wall = (int(w.group(1) or 0) * 60 + int(w.group(2))) * 60 + float(w.group(3))
kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
cpu = sum(float(re.search(rf"{w} time \(seconds\): ([\d.]+)", t).group(1)) for w in ("User", "System"))
print(f"{wall:.2f} {cpu:.2f} {kb / 1024:.0f}")
PY
}
quspin=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$venv/bin/python" benchmarks/exact/quspin_crown.py)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

for n in $sizes; do
  r=$([ "$n" -le 20 ] && echo "$repeats" || echo 1)
  echo "== N = $n: $r run(s) of ours and t0-block, alternating$([ "$n" -le 20 ] && echo ", t0-all once");" \
    "2^$n = $((1 << n)) states, ≈ $(((1 << n) / n)) per sector"
  kblock=""
  declare -A walls=() cpus=() mems=() inner=()
  for k in $(seq "$r"); do
    routes="ours t0-block"
    if [ "$k" = 1 ] && [ "$n" -le 20 ]; then routes="ours t0-block t0-all"; fi
    for route in $routes; do
      if [ "$route" = ours ]; then
        res=$(timed $out/ours-$n.json $out/ours-$n.err "$bin" magnon exact --spins "$n" --spin 0.5 --exchange $j \
          --field $b --latitude $lat --temperature 0 --method lanczos --format json --quiet)
        kblock=$(python3 -c "
import json; m = json.load(open('$out/ours-$n.json'))['metadata']; print((m['ground_momentum_index'] + $n // 2) % $n)")
      else
        [ -n "$kblock" ] || { echo "no ground momentum from our run"; exit 1; }
        res=$(timed $out/$route-$n.json $out/$route-$n.err "${quspin[@]}" "$n" $j "$h" $lat 0 "$route" 1 "$kblock")
        inner[$route]+="$(python3 -c "import json; print('%.2f' % json.load(open('$out/$route-$n.json'))['median_s'])") "
      fi
      read -r wall cput mem <<<"$res"
      walls[$route]+="$wall "
      cpus[$route]+="$cput "
      mems[$route]+="$mem "
      echo "  run $k $route: wall $wall s, CPU $cput s, peak $mem MB   (load: $(uptime | sed 's/.*load average: //'))"
    done
  done
  python3 - "$out" "$n" "$kblock" <<'PY'
import json, sys
out, n, kblock = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = json.load(open(f"{out}/ours-{n}.json"))
ours = dict(zip(d["columns"], d["rows"][0]))
m = d["metadata"]
print(f"  ours: E_0 = {ours['energy_K']!r} K, jz = {ours['spin_current_z_K']!r} K; ground sector n = "
      f"{m['ground_momentum_index']} (k = {m['ground_momentum_rad']:.6f}), {m['lanczos_storage']}, "
      f"{m['lanczos_iterations']} Lanczos steps, residual {m['lanczos_residual_K']:.2e} K -> QuSpin kblock {kblock}")
for route in ("t0-block", "t0-all"):
    try:
        q = json.load(open(f"{out}/{route}-{n}.json"))
    except (FileNotFoundError, json.JSONDecodeError):
        continue
    de = abs(q["energy_K"] - ours["energy_K"]) / abs(ours["energy_K"])
    dj = abs(q["spin_current_z_K"] - ours["spin_current_z_K"]) / abs(ours["spin_current_z_K"])
    ok = de < 1e-12 and dj < 1e-6 and q["kblock"] == kblock
    print(f"  QuSpin {route}: kblock {q['kblock']}, {q['states']} states, E_0 = {q['energy_K']!r} K, "
          f"jz = {q['spin_current_z_K']!r} K; relative differences E {de:.1e} (tol 1e-12), jz {dj:.1e} (tol 1e-6)"
          f"{'' if route == 't0-block' else ', lowest block = ours mapped' if q['kblock'] == kblock else ', LOWEST BLOCK DIFFERS'}"
          f" -> {'AGREE' if ok else 'DISAGREE'}")
PY
  om=$(median ${walls[ours]}) oc=$(median ${cpus[ours]})
  echo "  ours (all $n sectors + every column): wall ${walls[ours]}s, median $om s; CPU ${cpus[ours]}s," \
    "median $oc s; peak ${mems[ours]}MB"
  ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
  for route in t0-block t0-all; do
    [ -n "${walls[$route]:-}" ] || continue
    qm=$(median ${walls[$route]}) qc=$(median ${cpus[$route]})
    echo "  QuSpin $route: wall ${walls[$route]}s, median $qm s; CPU ${cpus[$route]}s, median $qc s" \
      "(in-process wall ${inner[$route]}s); peak ${mems[$route]}MB"
    echo "    ratio QuSpin $route / ours: wall $(ratio "$qm" "$om"), CPU $(ratio "$qc" "$oc")"
  done
  unset walls cpus mems inner
done
echo "load after: $(uptime)"
