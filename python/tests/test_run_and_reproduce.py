"""`st.run` and `st.reproduce`: the file routes give DataFrames whose numbers are the files' numbers
bit for bit, with the metadata in `attrs`; `st.run` of a study file equals the same sweep computed
in process (a second route through the library: same doubles, compared exactly)."""

import math
from pathlib import Path

import numpy as np
import pandas as pd

import spintransport as st

ROOT = Path(__file__).resolve().parents[2]


def _same_doubles(a, b):
    """Bitwise-equal floats (NaN equal to NaN), element by element."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    assert a.shape == b.shape
    return bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def test_run_of_a_study_file_equals_the_in_process_sweep(tmp_path):
    study = ROOT / "examples" / "ring-currents-vs-flux.toml"
    frame = st.run(study, out=tmp_path / "run")
    assert list(frame.columns) == ["gamma_eV", "flux_phase_rad", "re_charge_A", "re_spin_z_eV"]
    assert len(frame) == 3 * 62
    assert frame.attrs["units"]["re_charge_A"] == "A"
    assert frame.attrs["warnings"] == []
    # The grid points exactly as the study runner made them, passed to the in-process route.
    gammas = frame.gamma_eV.unique()
    phis = frame.flux_phase_rad.unique()
    inproc = st.ring.currents(cells=10, exchange_eV=0.3, theta_deg=45, azimuth_deg=30, mu_eV=-0.63,
                              gamma_eV=gammas, flux_phase_rad=phis, columns=["re_charge_A", "re_spin_z_eV"])
    assert list(inproc.columns) == list(frame.columns)
    for column in frame.columns:
        assert _same_doubles(frame[column], inproc[column]), column
    # Not a table of zeros: the spin current changes sign over the flux window for each γ.
    for _, group in frame.groupby("gamma_eV"):
        assert group.re_spin_z_eV.abs().max() > 1e-3


def test_reproduce_returns_the_figures_data_bit_for_bit(tmp_path, cli):
    figure = "004-fig02"
    frame = st.reproduce(figure, out=tmp_path / "py")
    directory = Path(frame.attrs["directory"])
    assert (directory / "figure.gp").exists()
    assert frame.attrs["id"] == figure and "Saslow" in frame.attrs["caption"]
    # The command run separately into another directory: the same table (pandas parses the shortest
    # decimal forms back to the same doubles; the comparison is exact, so a lossy parser fails here).
    done = cli(["reproduce", "--figure", figure, "--out", str(tmp_path / "cli"), "--quiet"])
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(tmp_path / "cli" / figure / "data.csv")
    assert list(table.columns) == list(frame.columns)
    assert len(table) == len(frame) > 10
    for column in table.columns:
        assert _same_doubles(table[column], frame[column]), column
    # The file's text parses to the frame's doubles exactly (no precision lost on the way in).
    first = (directory / "data.csv").read_text().splitlines()[1].split(",")
    assert all(math.isnan(float(text)) and math.isnan(value) or float(text) == value
               for text, value in zip(first, frame.iloc[0]))
