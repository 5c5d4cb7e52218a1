#!/usr/bin/env bash
# Ring benchmark (seed 002): Swift vs a same-work NumPy/SciPy reference, ratios printed.
#   bash benchmarks/ring/run.sh [CELLS=60] [POINTS=400]
# 1. correctness: both codes on a small disordered ring (8 cells, 8 flux points) must print
#    the same currents (the N = 60, W = 1 ring is so localised that its currents are ~1e-20,
#    below a meaningful comparison);
# 2. timings on the disordered ring (W = 1), CELLS cells, POINTS flux points, all four currents:
#    serial with one BLAS thread on both sides, plus the Swift parallel sweep (all cores, as
#    `ring sweep` runs) against NumPy with its default BLAS threads; the Swift sweep is timed on
#    the general dense path (same work as NumPy) and on the default spin-resolved path;
# 3. the clean ring: Bloch path vs dense path, both Swift.
set -euo pipefail
cd "$(dirname "$0")/../.."
cells=${1:-60}
points=${2:-400}
swift build -c release --product spintransport-bench-ring >/dev/null
bench=.build/release/spintransport-bench-ring
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "-- correctness (8 cells, 8 points, W = 1): currents at the middle flux point"
"$bench" 8 8 | grep checksum_middle_point | sed 's/^/swift: /'
OPENBLAS_NUM_THREADS=1 python3 benchmarks/ring/reference.py 8 8 | grep checksum_middle_point | sed 's/^/numpy: /'

echo "-- timings: ${cells} cells ($((4 * cells))x$((4 * cells))), ${points} flux points"
"$bench" "$cells" "$points" | tee "$out/swift.txt"
OPENBLAS_NUM_THREADS=1 python3 benchmarks/ring/reference.py "$cells" "$points" | tee "$out/numpy1.txt"
python3 benchmarks/ring/reference.py "$cells" "$points" | sed 's/^numpy_/numpy_threaded_/' | tee "$out/numpyN.txt"

python3 - "$out" <<'PY'
import sys
d = sys.argv[1]
v = {}
for f in ["swift.txt", "numpy1.txt", "numpyN.txt"]:
    for line in open(f"{d}/{f}"):
        k, _, x = line.strip().partition(" ")
        try:
            v[k] = float(x)
        except ValueError:
            pass
print("-- ratios")
print(f"swift dense sweep (serial) / swift bare zgeev (serial)            = {v['swift_sweep_dense_serial_s'] / v['swift_bare_zgeev_serial_s']:.3f}  (target <= 1.3)")
print(f"swift default sweep (serial) / swift bare zgeev (serial)          = {v['swift_sweep_spin_resolved_serial_s'] / v['swift_bare_zgeev_serial_s']:.3f}")
print(f"numpy sweep (1 thread) / swift dense sweep (serial)               = {v['numpy_sweep_s'] / v['swift_sweep_dense_serial_s']:.2f}")
print(f"numpy sweep (1 thread) / swift dense sweep (parallel)             = {v['numpy_sweep_s'] / v['swift_sweep_dense_parallel_s']:.2f}")
print(f"numpy sweep (1 thread) / swift default sweep (spin-resolved, parallel) = {v['numpy_sweep_s'] / v['swift_sweep_parallel_s']:.2f}  (target >= 2)")
print(f"numpy sweep (default threads) / swift default sweep (parallel)    = {v['numpy_threaded_sweep_s'] / v['swift_sweep_parallel_s']:.2f}")
print(f"numpy bare eig / swift bare zgeev (serial)              = {v['numpy_bare_eig_s'] / v['swift_bare_zgeev_serial_s']:.2f}")
print(f"clean ring: dense / Bloch (serial)                      = {v['swift_clean_dense_serial_s'] / v['swift_clean_bloch_serial_s']:.1f}  (target >= 50)")
PY
