#!/usr/bin/env bash
# Reach of the exact routes: the T = 0 ground state by Lanczos at large N, and the full thermal table.
#   bash benchmarks/exact/reach.sh [REPEATS=3]
#   CASES="0.5:20 0.5:24 1:14" overrides the (S:N) list of part 1; BEFORE=PATH/spintransport adds the
#   binary of another build to parts 1 and 2 (the same runs before a change), run alternately with ours,
#   with the ratio of the medians and the differences of E_0 and jz. A case S:N:SIZE runs under
#   SPINTRANSPORT_MEMORY_LIMIT=SIZE: below the stored sector matrix, above the matrix-free tables, it
#   forces the matrix-free route (S = 1/2: N = 20 150M, N = 22 1G, N = 24 3G).
# 1. `magnon exact --method lanczos` of the crown (J = 2 K, |B| = 1 T, latitude 45°; no S^z conservation,
#    so the screw sectors are the whole reduction): wall time (median of REPEATS; one run for N ≥ 24),
#    peak memory (max RSS from /usr/bin/time -v), the storage the run chose (stored sparse sector matrix
#    when it fits, else matrix-free in all momenta at once), Lanczos steps, E_0 and jᶻ. Where both fit,
#    the matrix-free run is repeated beside the stored one (SPINTRANSPORT_MEMORY_LIMIT below the stored
#    matrix) and the two E_0 and jᶻ are compared: the same work side by side.
# 2. The full thermal table of N = 8, S = 1 at T = 1 K (`magnon exact`, every column), medians.
# Protocol: release build; threads: the matrix-free product and level-1 operations use every core
# (GCD), the stored-matrix Lanczos one; OpenBLAS (zheevd, dstev) as selected by the binary
# (`spintransport doctor` prints the kernel); `uptime` load printed before and after each case.
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-3}
swift build -c release --product spintransport >/dev/null
bin=.build/release/spintransport
echo "machine: $(nproc --all) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(free -g | awk '/Mem:/ {print $2 " GB RAM"}')"
echo "BLAS: $({ "$bin" doctor 2>/dev/null || true; } | grep -i -m1 'kernel')"
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
crown=(--exchange 2 --field 1 --latitude 45)

# run_once [VAR=VALUE...] -- ARGS...: one timed run of `magnon exact ARGS` with the crown; prints
# "wall_s rss_MB E_0 jz twist storage steps"
run_once() {
  local out=/tmp/exact-reach.json err=/tmp/exact-reach.time vars=()
  while [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  env "${vars[@]}" /usr/bin/time -v -o "$err" "${run_bin:-$bin}" magnon exact "${crown[@]}" "$@" --format json --quiet \
    >"$out" 2>/tmp/exact-reach.err
  python3 - "$out" "$err" <<'PY'
import json, re, sys
t = json.load(open(sys.argv[1]))
tv = open(sys.argv[2]).read()
wall = tv.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split()[0].split(":")
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv).group(1))
row = dict(zip(t["columns"], t["rows"][0]))
m = t.get("metadata", {})
print(f'{secs:.2f} {rss / 1024:.0f} {row["energy_K"]!r} {row["spin_current_z_K"]!r} {row["spin_current_z_twist_K"]!r} '
      f'{m.get("lanczos_storage", "-").replace(" ", "_")} {m.get("lanczos_iterations", "-")}')
PY
}

echo "== 1. T = 0 ground state, --method lanczos (crown J = 2 K, |B| = 1 T, latitude 45 deg)"
for c in ${CASES:-0.5:16 0.5:20 0.5:24 1:10 1:12 1:14}; do
  spin=${c%%:*} rest=${c#*:}
  n=${rest%%:*} limit_vars=()
  [ "$rest" != "$n" ] && limit_vars=(SPINTRANSPORT_MEMORY_LIMIT="${rest#*:}")
  reps=$repeats
  [ "$n" -ge 24 ] && reps=1
  echo "-- S = $spin, N = $n ($reps run(s)${limit_vars[*]:+, ${limit_vars[*]}}); load before: $(uptime | sed 's/.*load/load/')"
  times=() line="" btimes=() bline=""
  for _ in $(seq "$reps"); do
    line=$(run_once "${limit_vars[@]}" -- --spins "$n" --spin "$spin" --method lanczos)
    times+=("${line%% *}")
    if [ -n "${BEFORE:-}" ]; then
      bline=$(run_bin=$BEFORE run_once "${limit_vars[@]}" -- --spins "$n" --spin "$spin" --method lanczos)
      btimes+=("${bline%% *}")
    fi
  done
  read -r wall rss e0 jz twist storage steps <<<"$line"
  echo "   runs ${times[*]} s, median $(median "${times[@]}") s; peak RSS $rss MB; storage $storage; steps $steps"
  echo "   E_0 = $e0 K, jz = $jz K (bond 0), twist column $twist K"
  if [ -n "${BEFORE:-}" ]; then
    read -r bwall brss be0 bjz btwist bstorage bsteps <<<"$bline"
    echo "   $BEFORE: runs ${btimes[*]} s, median $(median "${btimes[@]}") s; peak RSS $brss MB; storage $bstorage"
    python3 -c "
print(f'   before vs this build: |dE_0| = {abs($e0 - $be0):.2e} K, |djz| = {abs($jz - $bjz):.2e} K;'
      f' ratio before/after time = {$(median "${btimes[@]}") / $(median "${times[@]}"):.2f}')"
  fi
  if [ "$storage" != "matrix-free" ] && [ "$n" -le 20 ]; then
    # The same ring matrix-free: a memory limit the stored matrix does not fit but the tables do.
    # (Orbit table 8 B/state, four wide vectors of 16 B/state, row tables; /0.8, the usable fraction.)
    limit=$(python3 -c "d = (2 * $spin + 1) ** $n; print(int((8 * d + 64 * d + 40 * d / $n) / 0.8) // 1024 + 1024)")K
    ftimes=() fline=""
    for _ in $(seq "$reps"); do
      fline=$(run_once SPINTRANSPORT_MEMORY_LIMIT="$limit" -- --spins "$n" --spin "$spin" --method lanczos)
      ftimes+=("${fline%% *}")
    done
    read -r fwall frss fe0 fjz ftwist fstorage fsteps <<<"$fline"
    echo "   same ring under SPINTRANSPORT_MEMORY_LIMIT=$limit: runs ${ftimes[*]} s, median $(median "${ftimes[@]}") s;" \
      "peak RSS $frss MB; storage $fstorage"
    python3 -c "
e, f, j, g = $e0, $fe0, $jz, $fjz
print(f'   stored vs matrix-free: |dE_0| = {abs(e - f):.2e} K, |djz| = {abs(j - g):.2e} K;'
      f' ratio stored/matrix-free time = {$(median "${times[@]}") / $(median "${ftimes[@]}"):.2f}')"
  fi
  echo "   load after: $(uptime | sed 's/.*load/load/')"
done

echo "== 2. full thermal table, N = 8, S = 1, T = 1 K (every column)"
table() { /usr/bin/time -f "%e" "$1" magnon exact --spins 8 --spin 1 "${crown[@]}" --temperature 1 --quiet 2>&1 >/dev/null | tail -n 1; }
ours=() before=()
echo "   load before: $(uptime | sed 's/.*load/load/')"
for _ in $(seq "$repeats"); do
  ours+=("$(table "$bin")")
  [ -n "${BEFORE:-}" ] && before+=("$(table "$BEFORE")")
done
echo "   this build: runs ${ours[*]} s, median $(median "${ours[@]}") s"
if [ -n "${BEFORE:-}" ]; then
  echo "   $BEFORE: runs ${before[*]} s, median $(median "${before[@]}") s;" \
    "ratio before/after = $(python3 -c "print('%.1f' % ($(median "${before[@]}") / $(median "${ours[@]}")))")"
fi
echo "   load after: $(uptime | sed 's/.*load/load/')"
