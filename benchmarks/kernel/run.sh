#!/usr/bin/env bash
# OpenBLAS kernel benchmark: the same dense ring command under the generic kernel an unknown
# processor gets, under the kernel the tool chooses when that happens, and as detected.
#
#   bash benchmarks/kernel/run.sh [RUNS=5]
#
# The command is the dense eigenvector route on a disordered ring (150 cells, AAH potential,
# μ = −0.63 eV): one point, dominated by zgeev on a 600 × 600 matrix. Every side runs the release
# binary with one BLAS thread (OPENBLAS_NUM_THREADS=1) under `taskset -c 0`; RUNS runs, the
# three sides interleaved, median wall time of the whole process (so the restart is included).
#   generic  OPENBLAS_CORETYPE=Prescott: what OpenBLAS 0.3.21 runs on a processor it does not know
#   chosen   SPINTRANSPORT_ASSUME_OPENBLAS_CORE=Prescott: the tool sees the fallback, restarts
#            itself with the kernel of the processor's width (Haswell on AVX2, SkylakeX on AVX-512)
#   detected the kernel OpenBLAS picks on this processor (no variable)
# The three tables must agree to 1e-9 in natural units (e/ħ·eV for charge, eV for spin; kernels
# round differently); the script stops otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
swift build -c release --product spintransport >/dev/null
cli=.build/release/spintransport
args=(ring currents --path dense --dense-projector eigenvectors --cells 150 --aah 1 --mu -0.63 --quiet)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)

side_env() {
  case "$1" in
    generic) echo "OPENBLAS_CORETYPE=Prescott" ;;
    chosen) echo "SPINTRANSPORT_ASSUME_OPENBLAS_CORE=Prescott" ;;
    detected) echo "SPINTRANSPORT_BENCH_SIDE=detected" ;;
  esac
}
run_side() {
  local e
  e=$(side_env "$1")
  shift
  env -u OPENBLAS_CORETYPE -u SPINTRANSPORT_OPENBLAS_FALLBACK OPENBLAS_NUM_THREADS=1 "$e" "$@"
}

echo "-- $(date -u '+%F %T UTC'), $(nproc) cores, load: $(uptime | sed 's/.*load average: //')"
echo "-- processor: $("$cli" doctor | sed -n 's/^CPU: //p')"
for side in generic chosen detected; do
  kernel=$(run_side "$side" "$cli" doctor | sed -n 's/^BLAS kernel: //p')
  echo "-- $side: $kernel"
  run_side "$side" "${pin[@]}" "$cli" "${args[@]}" >"$out/$side.csv"
done
python3 - "$out" <<'PY'
import csv, sys
d = sys.argv[1]
t = {s: list(csv.reader(open(f"{d}/{s}.csv"))) for s in ("generic", "chosen", "detected")}
def number(x):
    try:
        return float(x)
    except ValueError:
        return None
base = t["generic"]
for s in ("chosen", "detected"):
    assert t[s][0] == base[0] and len(t[s]) == len(base), "tables differ in shape"
    for c, name in enumerate(base[0]):
        # In natural units (charge current e/ħ·1 eV = 2.4341e-4 A, spin current 1 eV): at this
        # μ the localised ring carries currents of 1e-21 A, rounding noise that differs between
        # kernels in every digit.
        scale = 2.4341348e-4 if name.endswith("_A") else 1.0
        for a, b in zip(base[1:], t[s][1:]):
            x, y = number(a[c]), number(b[c])
            if x is None or y is None:
                assert a[c] == b[c], f"{s}, {name}: {a[c]} vs {b[c]}"
            else:
                assert abs(x - y) <= 1e-9 * scale, f"{s}, {name}: {x} vs {y}"
print("-- tables agree to 1e-9 in natural units")
PY

for i in $(seq "$runs"); do
  for side in generic chosen detected; do
    start=$(date +%s%N)
    run_side "$side" "${pin[@]}" "$cli" "${args[@]}" >/dev/null
    end=$(date +%s%N)
    echo "$side $(((end - start) / 1000)).e-6" >>"$out/times.txt"
  done
done
# The restart alone: `--version` (no BLAS work) 20 times on each side.
for i in $(seq 20); do
  for side in chosen detected; do
    start=$(date +%s%N)
    run_side "$side" "${pin[@]}" "$cli" --version >/dev/null
    end=$(date +%s%N)
    echo "version-$side $(((end - start) / 1000)).e-6" >>"$out/times.txt"
  done
done
python3 - "$out/times.txt" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    side, t = line.split()
    times.setdefault(side, []).append(float(t))
med = {s: statistics.median(v) for s, v in times.items()}
for s in ("generic", "chosen", "detected"):
    print(f"{s:9s} median {med[s]:.3f} s  runs {' '.join(f'{x:.3f}' for x in times[s])}")
print(f"ratio generic/chosen   {med['generic'] / med['chosen']:.2f}x  (speed-up the restart gives a processor OpenBLAS does not know)")
print(f"ratio chosen/detected  {med['chosen'] / med['detected']:.2f}x  (restart overhead and kernel difference; 1.00 = none)")
restart = med["version-chosen"] - med["version-detected"]
print(f"restart alone: --version median {med['version-chosen'] * 1e3:.1f} ms with it, {med['version-detected'] * 1e3:.1f} ms without ({restart * 1e3:+.1f} ms)")
PY
