#!/usr/bin/env bash
# Cluster benchmark (not a test): what MPI costs and gains on this machine.
#   1. CPU-bound study (60 dense 160×160 non-Hermitian ring points): mpirun -np 1 vs -np 2
#      (each rank evaluates one point at a time with one BLAS thread) → speed-up.
#   2. Dispatch overhead per point on a trivial model (relaxation-rates, ~µs per point):
#      (wall time of N points under mpirun -np 2 − wall time of a 1-point run) / N, beside the
#      same for a plain single process (both include the per-point checkpoint fsync); then the
#      same points through `relaxation rates --vary` to stdout (no checkpoint: dispatch alone).
# Prints `uptime` before and after: on a shared machine the load of other users skews both.
# Usage: benchmarks/cluster/run.sh [BINARY]   (default .build/release/spintransport, else debug)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-}"
if [ -z "$bin" ]; then
  for b in "$root/.build/release/spintransport" "$root/.build/debug/spintransport"; do
    [ -x "$b" ] && { bin="$b"; break; }
  done
fi
[ -x "$bin" ] || { echo "build first: swift build -c release --product spintransport" >&2; exit 1; }
mpirun=(mpirun --oversubscribe)
[ "$(id -u)" -eq 0 ] && mpirun+=(--allow-run-as-root)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
elapsed() { local t0; t0=$(now); "$@" >/dev/null 2>&1; echo "$(now) - $t0" | bc -l; }

cat >"$work/cpu.toml" <<'TOML'
[study]
model = "ring-currents"
[parameters]
cells = 40
path = "dense"
aah_eV = 0.3
[[sweep]]
parameter = "flux_phase_rad"
range = [0, 3, 60]
TOML
points=${POINTS:-4000}
cat >"$work/trivial.toml" <<TOML
[study]
model = "relaxation-rates"
[[sweep]]
parameter = "k2_ratio"
range = [0.0, 4.0, $points]
TOML
cat >"$work/one.toml" <<'TOML'
[study]
model = "relaxation-rates"
[parameters]
k2_ratio = 1.0
TOML

echo "binary: $bin"
echo "load before: $(uptime)"
t1=$(elapsed "${mpirun[@]}" -np 1 "$bin" run "$work/cpu.toml" --out "$work/np1" --quiet)
t2=$(elapsed "${mpirun[@]}" -np 2 "$bin" run "$work/cpu.toml" --out "$work/np2" --quiet)
cmp -s "$work/np1/data.csv" "$work/np2/data.csv" || { echo "data.csv differs between 1 and 2 ranks" >&2; exit 1; }
printf 'cpu-bound study, 60 points: 1 rank %.2f s, 2 ranks %.2f s, speed-up %.2fx\n' "$t1" "$t2" "$(echo "$t1 / $t2" | bc -l)"

s0=$(elapsed "${mpirun[@]}" -np 2 "$bin" run "$work/one.toml" --out "$work/o1" --quiet)
sN=$(elapsed "${mpirun[@]}" -np 2 "$bin" run "$work/trivial.toml" --out "$work/oN" --quiet)
p0=$(elapsed "$bin" run "$work/one.toml" --out "$work/p1" --quiet)
pN=$(elapsed "$bin" run "$work/trivial.toml" --out "$work/pN" --quiet)
cmp -s "$work/oN/data.csv" "$work/pN/data.csv" || { echo "trivial data.csv differs" >&2; exit 1; }
printf 'trivial model, %d points: mpirun -np 2 %.3f ms/point (startup %.2f s); single process %.3f ms/point\n' \
  "$points" "$(echo "($sN - $s0) * 1000 / $points" | bc -l)" "$s0" "$(echo "($pN - $p0) * 1000 / $points" | bc -l)"
# The same points through --vary to stdout: no checkpoint, so no fsync — dispatch alone.
v0=$(elapsed "${mpirun[@]}" -np 2 "$bin" relaxation rates --k2-ratio 1)
vN=$(elapsed "${mpirun[@]}" -np 2 "$bin" relaxation rates --vary "k2-ratio=0:4:$points")
q0=$(elapsed "$bin" relaxation rates --k2-ratio 1)
qN=$(elapsed "$bin" relaxation rates --vary "k2-ratio=0:4:$points")
printf 'trivial model, %d points, --vary without checkpoint: mpirun -np 2 %.3f ms/point; single process %.3f ms/point\n' \
  "$points" "$(echo "($vN - $v0) * 1000 / $points" | bc -l)" "$(echo "($qN - $q0) * 1000 / $points" | bc -l)"
echo "load after: $(uptime)"
