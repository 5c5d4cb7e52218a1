#!/usr/bin/env bash
# One FTLM point of `magnon exact` on one MPI rank and on two, side by side.
#   bash benchmarks/exact/ftlm-ranks.sh [N=16] [REPEATS=3]
# The crown (S = 1/2, J = 2 K, |B| = 1 T, latitude 45 deg; no S^z conservation: N screw sectors) at
# T = 1 K, --method ftlm with the default sampling (10 random vectors, 100 Lanczos steps, 4 exact
# states per sector). The same command line runs (a) as one process pinned to one core
# (taskset -c 0) and (b) under `mpirun -np 2 --bind-to core` (each rank on its own core), alternately,
# REPEATS times each; medians and the ratio (a)/(b) are printed, and the two tables are compared
# byte for byte (the sectors are spread over the ranks and summed in sector order, so they must be
# identical).
# Protocol: release build; one core per rank (so one thread each does the work); BLAS: OpenBLAS as
# selected by the binary (one thread per rank under mpirun), printed below; `uptime` load before/after.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-16}
repeats=${2:-3}
swift build -c release --product spintransport >/dev/null
bin=$PWD/.build/release/spintransport
echo "machine: $(nproc --all) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(free -g | awk '/Mem:/ {print $2 " GB RAM"}')"
echo "BLAS: $({ "$bin" doctor 2>/dev/null || true; } | grep -i -m1 'kernel')"
echo "MPI: $(mpirun --version | head -1)"
root=()
[ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
args=(magnon exact --spins "$n" --spin 0.5 --exchange 2 --field 1 --latitude 45 --method ftlm --temperature 1 --quiet)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
wall() { # wall seconds of "$@", its stdout to $out
  local start end
  start=$(date +%s.%N)
  "$@" >"$out"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.2f}')"
}
echo "== FTLM point, S = 1/2, N = $n ($repeats runs each, alternating); load before: $(uptime | sed 's/.*load/load/')"
one=() two=()
for _ in $(seq "$repeats"); do
  out=/tmp/ftlm-ranks-1.csv
  one+=("$(wall taskset -c 0 "$bin" "${args[@]}")")
  out=/tmp/ftlm-ranks-2.csv
  two+=("$(wall mpirun "${root[@]}" -np 2 --bind-to core "$bin" "${args[@]}")")
done
m1=$(median "${one[@]}") m2=$(median "${two[@]}")
echo "1 rank  (taskset -c 0):            runs ${one[*]} s, median $m1 s"
echo "2 ranks (mpirun -np 2 --bind-to core): runs ${two[*]} s, median $m2 s"
python3 -c "print(f'ratio 1 rank / 2 ranks = {$m1 / $m2:.2f}')"
if cmp -s /tmp/ftlm-ranks-1.csv /tmp/ftlm-ranks-2.csv; then
  echo "tables: identical bytes"
else
  echo "tables: DIFFER"
  exit 1
fi
echo "load after: $(uptime | sed 's/.*load/load/')"
