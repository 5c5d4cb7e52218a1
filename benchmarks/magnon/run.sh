#!/usr/bin/env bash
# Magnon benchmark (Heisenberg ring): the classical crown ground state at large N through the release CLI.
#   bash benchmarks/magnon/run.sh [N=10000] [N_COMPARE=1000]
# 1. `magnon ground-state --spins N` (O(N) block-tridiagonal Hessian: dpbtrf, block solve, dsbevx)
#    under /usr/bin/time -v: wall time and peak RSS (target: seconds, < 100 MB at N = 10 000);
# 2. old vs new at N_COMPARE: the former dense 2N×2N route (`--hessian dense`: dpotrf, dgesv,
#    dsyevd) against the block route, same starts and same answer (theta_m, energy compared).
# Paper parameters: S = 1/2, J = 100 K, g = 2, |B| = 0.14693 T, field latitude 71.14°.
# Wall time depends on the machine's load (printed); CPU time is the stabler number. Of the block
# route's time at N = 10 000 most is the one `dsbevx` call for hessian_min_K: its band reduction
# (dsbtrd) is O(N²), the rest of the solver O(N).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
ncompare=${2:-1000}
swift build -c release --product spintransport >/dev/null
bin=.build/release/spintransport
model=(--field 0.14693 --latitude 71.14 --quiet)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Runs the CLI under /usr/bin/time -v; prints "LABEL wall_s=… max_rss_MB=…" and keeps the table.
measure() {
  local label=$1
  shift
  /usr/bin/time -v "$bin" "$@" >"$out/$label.csv" 2>"$out/$label.time"
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = 60 * s + t[i]; print s}' "$out/$label.time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$out/$label.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$out/$label.time")
  echo "$label wall_s=$wall cpu_s=$cpu max_rss_MB=$rss (load average $(cut -d' ' -f1 /proc/loadavg))"
}

# theta_m_deg (column 1) and energy_K (column 12) of a ground-state table.
summary() { awk -F, 'NR == 2 {printf "theta_m_deg=%s energy_K=%s hessian_min_K=%s residual_K=%s\n", $1, $12, $9, $6}' "$out/$1.csv"; }

echo "-- ground state, block route, N = $n"
measure "block_N$n" magnon ground-state --spins "$n" "${model[@]}"
summary "block_N$n"

echo "-- old (dense 2N×2N) vs new (block) at N = $ncompare"
measure "dense_N$ncompare" magnon ground-state --spins "$ncompare" --hessian dense "${model[@]}"
summary "dense_N$ncompare"
measure "block_N$ncompare" magnon ground-state --spins "$ncompare" "${model[@]}"
summary "block_N$ncompare"
