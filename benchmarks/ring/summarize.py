#!/usr/bin/env python3
"""Medians and ratios of a benchmarks/ring/run.sh run: summarize.py OUT_DIR RUNS.

Reads the per-run "key value" files run.sh wrote, prints the median (and the min–max range)
of every timing, then the ratios the protocol asks for (README.md in this folder).
"""
import glob
import statistics
import sys

d, runs = sys.argv[1], int(sys.argv[2])
values = {}
for f in sorted(glob.glob(f"{d}/*-[0-9]*.txt")):
    for line in open(f):
        k, _, x = line.strip().partition(" ")
        if "_cpu" in k:  # normalise CPU keys ("x_cpu_s"; the first benchmark build wrote "_cpu" more than once)
            k = k.replace("_cpu", "")[:-2] + "_cpu_s"
        try:
            v = float(x)
        except ValueError:
            continue
        values.setdefault(k, []).append(v)
med = {k: statistics.median(v) for k, v in values.items()}
print(f"-- medians of {runs} runs (seconds; [min, max])")
for k in sorted(med):
    if k.endswith("_s"):
        print(f"{k:48s} {med[k]:9.3f}  [{min(values[k]):.3f}, {max(values[k]):.3f}]")
for k in sorted(med):
    if "absdiff" in k or k.endswith("_abs_diff") or k.endswith("largest_charge_A") or k.endswith("mean_steps"):
        print(f"{k:44s} {max(values[k]):.2e} (largest over runs)")


def ratio(label, a, b, target=""):
    if a in med and b in med:
        print(f"{label:78s} {med[a] / med[b]:6.2f}{'  (target ' + target + ')' if target else ''}")


for kind, suffix in [("wall", "_s"), ("CPU (user + sys)", "_cpu_s")]:
    def key(k):
        return k[:-2] + suffix if k.endswith("_s") else k
    print(f"-- ratios of medians, {kind} time")
    ratio("swift eigenvector-route sweep / swift bare zgeev, serial (overhead)", key("swift_sweep_dense_eigenvectors_serial_s"), key("swift_bare_zgeev_serial_s"), "<= 1.05")
    ratio("swift dense sweep (matrix sign) / swift bare zgeev, serial", key("swift_sweep_dense_serial_s"), key("swift_bare_zgeev_serial_s"))
    ratio("numpy sweep / numpy bare eig, serial (NumPy's overhead)", key("numpy_sweep_s"), key("numpy_bare_eig_s"))
    ratio("numpy bare eig / swift bare zgeev, one core each", key("numpy_bare_eig_s"), key("swift_bare_zgeev_serial_s"))
    ratio("numpy sweep / swift dense sweep, one core each (in-process)", key("numpy_sweep_s"), key("swift_sweep_dense_serial_s"), ">= 1.2")
    ratio("numpy sweep / swift eigenvector-route sweep (same algorithm), one core each", key("numpy_sweep_s"), key("swift_sweep_dense_eigenvectors_serial_s"))
    ratio("numpy matrix-sign sweep / swift dense sweep (same algorithm), one core each", key("numpy_sweep_sign_s"), key("swift_sweep_dense_serial_s"))
    ratio("numpy sweep / numpy matrix-sign sweep (the algorithm's own gain in NumPy)", key("numpy_sweep_s"), key("numpy_sweep_sign_s"))
    ratio("numpy script / CLI ring sweep --path dense, whole process, one core each", key("numpy_cli_serial_s"), key("cli_serial_s"), ">= 1.2")
    # The Bloch path's advantage on a clean ring (the dense path's own speed changes this ratio:
    # 70x when the dense path was zgeev-based, ~40x with the matrix-sign projector).
    ratio("clean ring: swift dense / swift Bloch, serial", key("swift_clean_dense_serial_s"), key("swift_clean_bloch_serial_s"))
print("-- ratios of medians, all cores (wall time)")
ratio("numpy sweep (1 thread) / swift dense sweep (all cores, in-process)", "numpy_sweep_s", "swift_sweep_dense_parallel_s", ">= 2.2")
ratio("numpy sweep (default threads) / swift dense sweep (all cores)", "numpy_threaded_sweep_s", "swift_sweep_dense_parallel_s")
ratio("numpy sweep (1 thread) / swift default spin-resolved sweep (all cores)", "numpy_sweep_s", "swift_sweep_parallel_s")
ratio("numpy script (1 thread) / CLI on all cores, whole process", "numpy_cli_serial_s", "cli_parallel_s", ">= 2.2")
print("-- eigensolver study (one core, CPU time relative to zgeev with left + right vectors)")
for k in ["study_zgeev_NN_cpu_s", "study_production_zgeev_sums_cpu_s", "study_zgeevx_nobalance_sums_cpu_s",
          "study_right_only_lu_cpu_s", "study_schur_projector_cpu_s", "study_schur_traces_cpu_s",
          "study_matrix_sign_traces_cpu_s"]:
    ratio(k, k, "study_zgeev_VV_cpu_s")
for prefix in ["openblas_openmp", "blis_reflapack", "mkl_sequential"]:
    for what in ["bare_zgeev", "sweep_dense"]:
        ratio(f"{prefix} {what} / openblas_pthread {what} (CPU)", f"{prefix}_{what}_serial_cpu_s",
              f"openblas_pthread_{what}_serial_cpu_s")
# The same-work comparison with the Swift side on MKL (benchmark only; the project links OpenBLAS).
ratio("numpy sweep / swift dense sweep on MKL, one core each (CPU)", "numpy_sweep_cpu_s",
      "mkl_sequential_sweep_dense_serial_cpu_s", ">= 1.2 (if MKL were the back-end)")
