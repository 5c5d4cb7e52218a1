"""The Python side of benchmarks/python/run.sh.

  python bench.py sweep POINTS RUNS CELLS   st.ring.currents over POINTS phases, RUNS times:
                                            each run's seconds and the median
  python bench.py transfer ROWS             a ROWS-row table from the library into a DataFrame:
                                            the copy out of the library's buffer, versus the
                                            text route (the command writes CSV, pandas reads it)
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import spintransport as st
from spintransport import _library


def sweep(points, runs, cells):
    phases = np.linspace(-0.4, 0.4, points)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        frame = st.ring.currents(gamma_eV=0.5, cells=cells, flux_phase_rad=phases)
        times.append(time.perf_counter() - start)
        assert len(frame) == points
    print("python runs_s=" + ",".join(f"{t:.4f}" for t in times) + f" median_s={statistics.median(times)}")


def transfer(rows):
    # relaxation-evolve writes points × times rows; 1e5 grid points × 10 output times = 1e6 rows.
    points = 100_000
    times = ",".join(str(t) for t in np.linspace(0, 0.009, rows // points))
    args = dict(xi=0.3, points=points, times_r=np.array([float(t) for t in times.split(",")]),
                method="fixed-step", time_step_r=0.001)
    lib = st.library
    original = _library.Result.__init__
    spent = {}

    def timed(self, library, handle):
        start = time.perf_counter()
        original(self, library, handle)
        spent["copy"] = time.perf_counter() - start

    _library.Result.__init__ = timed
    start = time.perf_counter()
    frame = st.relaxation.evolve(**args)
    total = time.perf_counter() - start
    _library.Result.__init__ = original
    assert len(frame) == rows, len(frame)
    print(f"binding rows={len(frame)} total_s={total:.3f} out_of_library_s={spent['copy']:.4f}")

    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "evolve.csv"
        start = time.perf_counter()
        subprocess.run(
            [str(_library.command_path()), "relaxation", "evolve", "--xi", "0.3", "--points", str(points), "--times",
             times, "--method", "fixed-step", "--time-step", "0.001", "-o", str(csv), "--quiet"], check=True)
        written = time.perf_counter() - start
        start = time.perf_counter()
        text_frame = pd.read_csv(csv)
        read = time.perf_counter() - start
    assert text_frame.shape == frame.shape
    print(f"text rows={len(text_frame)} command_writes_csv_s={written:.3f} pandas_read_csv_s={read:.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "sweep":
        sweep(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        transfer(int(sys.argv[2]))
