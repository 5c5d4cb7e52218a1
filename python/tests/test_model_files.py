"""Model files from Python (docs/model-files.md): `model=` as a path gives the command's numbers;
the same file given as a dict (written to a temporary TOML file) gives the same numbers; the file's
own parameters are keyword arguments and sweep; a bad file is refused with its file:line:column."""

import tomllib
from pathlib import Path

import pytest

import spintransport as st

from conftest import json_table

ROOT = Path(__file__).resolve().parents[2]
TRIMER = ROOT / "models" / "examples" / "trimer-ring.toml"
COLUMNS = ["re_charge_A", "im_charge_A", "re_spin_z_eV"]


def test_model_path_equals_the_command(cli):
    # Same library, same OpenBLAS kernel (conftest), same inputs: the numbers are the command's, bit for bit.
    df = st.ring.currents(model=str(TRIMER), cells=3, mu_eV=0.2, columns=COLUMNS)
    done = cli(["ring", "currents", "--model", str(TRIMER), "--cells", "3", "--mu", "0.2",
                "--columns", ",".join(COLUMNS), "--format", "json"])
    assert done.returncode == 0, done.stderr
    columns, rows, _ = json_table(done.stdout)
    assert columns == COLUMNS
    assert df[COLUMNS].values.tolist() == rows


def test_model_dict_equals_the_file_and_its_parameters_sweep():
    # The trimer file read into a dict (inline tables, arrays of tables, complex matrices as strings)
    # and written back by the package: the same model, so the same numbers from the same library.
    with open(TRIMER, "rb") as f:
        as_dict = tomllib.load(f)
    from_file = st.ring.currents(model=TRIMER, cells=3, g_eV=[0.1, 0.3], columns=COLUMNS)
    from_dict = st.ring.currents(model=as_dict, cells=3, g_eV=[0.1, 0.3], columns=COLUMNS)
    assert list(from_file["g_eV"]) == [0.1, 0.3]
    assert from_dict.values.tolist() == from_file.values.tolist()
    # A swept model parameter equals the single points.
    single = st.ring.currents(model=as_dict, cells=3, g_eV=0.3, columns=COLUMNS)
    assert single[COLUMNS].values.tolist()[0] == from_file[COLUMNS].values.tolist()[1]
    # The non-reciprocal bond makes the charge current complex; without it (g = 0) it is real.
    assert abs(from_file["im_charge_A"][1]) > 1e-9


def test_bad_model_dict_names_the_key():
    bad = {"family": "spin", "sites": 4, "spin": 0.5, "exchange": {"J": 1, "Jx": 2}}
    with pytest.raises(st.ParameterError) as caught:
        st.magnon.exact(model=bad)
    message = str(caught.value)
    assert caught.value.parameter == "model"
    assert "model.toml:7:1: unknown key exchange.Jx" in message, message
    with pytest.raises(st.ParameterError):
        st.magnon.exact(model={"family": "spin", "sites": 4, "spin": float("nan")})
    with pytest.raises(st.ParameterError):
        st.ring.currents(model=42)
