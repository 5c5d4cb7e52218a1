#!/usr/bin/env bash
# Ring benchmark (Hatano–Nelson ring): Swift vs a same-work NumPy/SciPy reference, ratios printed.
# The protocol is written down in benchmarks/ring/README.md; this script is that protocol.
#
#   bash benchmarks/ring/run.sh [CELLS=60] [POINTS=40] [RUNS=3] [CLI_POINTS=24]
#   RING_BENCH_BACKENDS=1 bash benchmarks/ring/run.sh ...   also time other BLAS/LAPACK back-ends
#
# 1. checksums first: both codes on a small disordered ring (8 cells, 8 flux points) must give
#    the same currents (to 1e-10 in units of e/ħ·eV for charge, eV for spin); the script stops otherwise;
# 2. in-process, serial (`taskset -c 0`, one BLAS thread each side): bare eigensolver with left +
#    right vectors, and the general dense sweep (eigensystem + charge and spin x, y, z currents);
#    RUNS runs, interleaved Swift / NumPy, medians;
# 3. in-process, all cores: the Swift sweep as `ring sweep` runs it vs NumPy on one thread and
#    NumPy with its default threads;
# 4. whole process: `spintransport ring sweep --path dense` (CLI_POINTS points) vs
#    `reference.py cli`, both under `taskset -c 0`, and the CLI on all cores;
# 5. the eigensolver study (zgeev, zgeevx without balancing, right vectors + LU, Schur projector);
# 6. the clean ring: Bloch path vs dense path (Swift);
# 7. optionally other BLAS back-ends for the Swift side (LD_PRELOAD/LD_LIBRARY_PATH for that
#    command only; nothing system-wide is switched).
# NumPy runs from a venv this script creates (.build/bench-venv), with OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE unset for its command alone (`env -u`); its BLAS kernel is printed
# (threadpoolctl). The Swift side keeps the environment the tests use.
set -euo pipefail
cd "$(dirname "$0")/../.."
cells=${1:-60}
points=${2:-40}
runs=${3:-3}
cli_points=${4:-24}
venv=.build/bench-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy scipy threadpoolctl
fi
py="$venv/bin/python"
numpy() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"; }
swift build -c release --product spintransport-bench-ring >/dev/null
swift build -c release --product spintransport >/dev/null
bench=.build/release/spintransport-bench-ring
cli=.build/release/spintransport
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "-- $(date -u '+%F %T UTC'), $(nproc) cores, load: $(uptime | sed 's/.*load average: //')"
echo "-- Swift BLAS: $("$bench" profile 2 1 | grep blas_core | cut -d' ' -f2) (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})"
echo "-- NumPy BLAS: $(numpy OPENBLAS_NUM_THREADS=1 "$py" benchmarks/ring/reference.py inprocess 2 1 | grep numpy_blas | cut -d' ' -f2)"

echo "-- 1. checksums (8 cells, 8 points, W = 1)"
"$bench" serial 8 8 | grep '^checksum' >"$out/check-swift.txt"
numpy OPENBLAS_NUM_THREADS=1 "$py" benchmarks/ring/reference.py inprocess 8 8 | grep '^checksum' >"$out/check-numpy.txt"
"$py" - "$out" <<'PY'
import sys
d = sys.argv[1]
def load(f):
    return {l.split()[0]: [float(x) for x in l.split()[1].split(",")] for l in open(f"{d}/{f}")}
s, n = load("check-swift.txt"), load("check-numpy.txt")
# Compare in natural units: charge (A) over e/ħ·(1 eV) = 2.4341e-4 A, spin (eV) as is; absolute 1e-10.
charge_unit = 2.4341348e-4
def scaled(key, values):
    if key == "checksum_middle_point":
        return [v / charge_unit if i < 2 else v for i, v in enumerate(values)]
    return [v / charge_unit for v in values] if "charge" in key else values
worst = 0.0
for key in s:
    worst = max(worst, max(abs(a - b) for a, b in zip(scaled(key, s[key]), scaled(key, n[key]))))
print(f"largest checksum difference {worst:.2e} (charge in units of e/hbar*1 eV, spin in eV; limit 1e-10)")
print("swift " + " ".join(f"{k}={','.join(f'{v:.6g}' for v in s[k])}" for k in s))
print("numpy " + " ".join(f"{k}={','.join(f'{v:.6g}' for v in n[k])}" for k in n))
if worst > 1e-10:
    sys.exit("checksums differ: not the same work")
PY

# RING_BENCH_SKIP_INPROCESS=1 runs only steps 1, 4 and 7 (whole process, back-ends).
[ -n "${RING_BENCH_SKIP_INPROCESS:-}" ] && runs_inprocess=0 || runs_inprocess=$runs
echo "-- 2./3. in-process, ${cells} cells ($((4 * cells))x$((4 * cells))), ${points} flux points, ${runs} runs interleaved"
for r in $(seq "$runs_inprocess"); do
  taskset -c 0 "$bench" serial "$cells" "$points" >"$out/swift-serial-$r.txt"
  numpy OPENBLAS_NUM_THREADS=1 taskset -c 0 "$py" benchmarks/ring/reference.py inprocess "$cells" "$points" \
    >"$out/numpy-serial-$r.txt"
  "$bench" parallel "$cells" "$points" >"$out/swift-parallel-$r.txt"
  numpy "$py" benchmarks/ring/reference.py inprocess "$cells" "$points" | sed 's/^numpy_/numpy_threaded_/' \
    >"$out/numpy-threaded-$r.txt"
  taskset -c 0 "$bench" study "$cells" "$points" >"$out/study-$r.txt"
done

echo "-- 4. whole process, ${cells} cells, ${cli_points} flux points, ${runs} runs interleaved"
model=(--cells "$cells" --gamma 0.5 --t2 1 --exchange 0.3 --theta 28.64788975654116 --azimuth 17.188733853924695 --aah 1
  --mu -0.63 --path dense --quiet)
stop=$("$py" -c "print(0.5 * ($cli_points - 1) / $cli_points)")
# wall KEY COMMAND...: "KEY_s WALL" and "KEY_cpu_s USER+SYS" (the process and its children).
wall() {
  local key=$1
  shift
  /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$@" >/dev/null
  awk -v k="$key" '{ print k "_s " $1; print k "_cpu_s " $2 + $3 }' "$out/time.txt"
}
for r in $(seq "$runs"); do
  wall cli_serial taskset -c 0 "$cli" ring sweep "${model[@]}" --vary "flux-phase=0:$stop:$cli_points" -o "$out/cli.csv" \
    >>"$out/whole-$r.txt"
  wall numpy_cli_serial env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 taskset -c 0 "$py" \
    benchmarks/ring/reference.py cli "$cells" \
    "$cli_points" "$out/numpy-cli.csv" >>"$out/whole-$r.txt"
  wall cli_parallel "$cli" ring sweep "${model[@]}" --vary "flux-phase=0:$stop:$cli_points" -o "$out/cli.csv" \
    >>"$out/whole-$r.txt"
done

if [ -n "${RING_BENCH_BACKENDS:-}" ]; then
  echo "-- 7. other BLAS/LAPACK back-ends (Swift serial sweep; LD_PRELOAD / LD_LIBRARY_PATH for the command only)"
  lib=/usr/lib/x86_64-linux-gnu
  # Intel MKL from Debian's non-free archive: the .deb files are unpacked into .build/bench-mkl (nothing is
  # installed, the project never links it); its checksums must match OpenBLAS's before it is timed.
  mkl=.build/bench-mkl/usr/lib/x86_64-linux-gnu
  if [ ! -f "$mkl/libmkl_rt.so" ]; then
    index=$(curl -fsS http://deb.debian.org/debian/dists/bookworm/non-free/binary-amd64/Packages.xz | xz -d || true)
    for pkg in libmkl-rt libmkl-core libmkl-def libmkl-avx2 libmkl-avx512 libmkl-sequential libmkl-intel-lp64 \
      libmkl-gf-lp64 libmkl-gnu-thread libmkl-vml-def libmkl-vml-avx512 libmkl-locale; do
      file=$(awk -v p="$pkg" '$1 == "Package:" { q = $2 } q == p && $1 == "Filename:" { print $2 }' <<<"$index")
      [ -n "$file" ] && curl -fsS "http://deb.debian.org/debian/$file" -o "$out/$pkg.deb" && dpkg-deb -x "$out/$pkg.deb" .build/bench-mkl
    done
  fi
  with_mkl() { LD_LIBRARY_PATH="$mkl" LD_PRELOAD="$mkl/libmkl_rt.so" MKL_THREADING_LAYER=SEQUENTIAL "$@"; }
  if [ -f "$mkl/libmkl_rt.so" ]; then
    version=$(with_mkl env MKL_VERBOSE=1 "$bench" serial 2 1 2>&1 | grep -o 'Intel(R) MKL [^ ]* [^ ]* [0-9]*' | head -1 || true)
    echo "-- MKL: ${version:-version unknown}"
    "$bench" serial 8 8 | grep '^checksum' >"$out/check-openblas.txt"
    with_mkl "$bench" serial 8 8 | grep '^checksum' >"$out/check-mkl.txt"
    "$py" - "$out" <<'PY'
import sys
d = sys.argv[1]
load = lambda f: [float(x) for l in open(f"{d}/{f}") for x in l.split()[1].split(",")]
a, b = load("check-openblas.txt"), load("check-mkl.txt")
worst = max(abs(x - y) / (2.4341348e-4 if abs(x) > 1e-12 else 1) for x, y in zip(a, b))
print(f"MKL vs OpenBLAS checksums: largest difference {worst:.2e} (limit 1e-10)")
if worst > 1e-10:
    sys.exit("MKL checksums differ")
PY
  else
    echo "-- MKL: not available (deb.debian.org non-free unreachable); skipped"
  fi
  for r in $(seq "$runs"); do
    taskset -c 0 "$bench" serial "$cells" "$points" | sed 's/^swift_/openblas_pthread_/' >>"$out/backends-$r.txt"
    if [ -f "$mkl/libmkl_rt.so" ]; then
      with_mkl taskset -c 0 "$bench" serial "$cells" "$points" | sed 's/^swift_/mkl_sequential_/' >>"$out/backends-$r.txt"
    fi
    if [ -f "$lib/openblas-openmp/libopenblas.so.0" ]; then
      LD_LIBRARY_PATH="$lib/openblas-openmp" OMP_NUM_THREADS=1 taskset -c 0 "$bench" serial "$cells" "$points" \
        | sed 's/^swift_/openblas_openmp_/' >>"$out/backends-$r.txt"
    fi
    if [ -f "$lib/blis-pthread/libblas.so.3" ] && [ -f "$lib/lapack/liblapack.so.3" ]; then
      LD_PRELOAD="$lib/lapack/liblapack.so.3 $lib/blis-pthread/libblas.so.3" BLIS_NUM_THREADS=1 taskset -c 0 \
        "$bench" serial "$cells" "$points" | sed 's/^swift_/blis_reflapack_/' >>"$out/backends-$r.txt"
    fi
  done
fi
echo "-- load after: $(uptime | sed 's/.*load average: //')"

"$py" benchmarks/ring/summarize.py "$out" "$runs"
