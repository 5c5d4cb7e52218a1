"""Timing and the equal-accuracy table shared by the evolution benchmarks (benchmarks/evolve*/run.sh)."""
import csv, math, os, statistics, subprocess, time


def median_run(command, reps, out, columns=slice(None)):
    """Runs `command + ["-o", out]` `reps` times; (median wall seconds, every value of `columns` of the CSV)."""
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        subprocess.run(command + ["-o", out], check=True)
        times.append(time.perf_counter() - t0)
    with open(out) as f:
        rows = [r for r in csv.reader(f)][1:]
    return statistics.median(times), [float(v) for r in rows if r for v in r[columns]]


def print_comparison(fixed, adaptive, fixed_label, adaptive_label, width):
    """Prints the fixed-step runs (step, time, error), then each adaptive run (label, time, error) with
    the fixed-step time interpolated log–log at its error between the two bracketing runs, and the ratio."""
    print(f"{fixed_label:>{width}} {'time s':>8} {'error':>9}")
    for dt, t, e in fixed:
        print(f"{dt:>{width}.3g} {t:8.3f} {e:9.1e}")
    print(f"{adaptive_label:>{width}} {'time s':>8} {'error':>9} {'fixed-step time at that error':>30} {'ratio fixed/adaptive':>21}")
    pts = sorted(fixed, key=lambda f: f[2])  # ascending error
    for label, t, e in adaptive:
        bracket = [(a, b) for a, b in zip(pts, pts[1:]) if a[2] <= e <= b[2]]
        if bracket:
            (_, ta, ea), (_, tb, eb) = bracket[0]
            w = (math.log(e) - math.log(eb)) / (math.log(ea) - math.log(eb))
            tf = math.exp(math.log(tb) + w * (math.log(ta) - math.log(tb)))
            print(f"{label:>{width}} {t:8.3f} {e:9.1e} {tf:30.3f} {tf / t:21.1f}")
        else:
            rel = "no fixed-step run reached it" if e < pts[0][2] else "coarsest fixed-step run is already more accurate"
            print(f"{label:>{width}} {t:8.3f} {e:9.1e} {rel:>30}")
