"""Model files from Python (docs/model-files.md): `model=` as a path gives the command's numbers;
the same file given as a dict (written to a temporary TOML file) gives the same numbers; the file's
own parameters are keyword arguments and sweep; a bad file is refused with its file:line:column;
per-site NumPy arrays in a dict give the numbers of the same data written as a file."""

import tomllib
import warnings
from pathlib import Path

import numpy as np
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


# Per-site arrays (fields, textures, profiles) given as NumPy arrays in a model dict. The package
# writes them into the model file as the shortest decimals that read back as the same doubles; the
# files below are written here, independently, with Python's repr of the same numbers, so both
# routes hand the library the same doubles and the results must be equal bit for bit.

def decimal(value):
    """The shortest decimal that reads back as the same double."""
    return repr(float(value))


def same_bits(a, b):
    """Equal float tables, bit for bit (NaN where both are NaN, the sign of zero too)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and np.array_equal(a.view(np.uint64), b.view(np.uint64))


def numeric_table(frame):
    return frame.select_dtypes(include=[np.number]).to_numpy(dtype=np.float64)


def quiet(function, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", st.NumericalWarning)  # the crown's closed forms are nan here
        return function(**kwargs)


SPIN_HEAD = 'family = "spin"\nsites = 6\nspin = 0.5\n\n[exchange]\nJ = 1\n\n[field]\nunit = "K"\n'


def test_spin_field_as_an_array_equals_the_file(tmp_path):
    fields = np.random.default_rng(7).normal(scale=0.7, size=(6, 3))
    rows = ", ".join("[" + ", ".join(decimal(v) for v in row) + "]" for row in fields)
    path = tmp_path / "field.toml"
    path.write_text(SPIN_HEAD + f"per_site = [{rows}]\n")
    model = {"family": "spin", "sites": 6, "spin": 0.5, "exchange": {"J": 1}, "field": {"unit": "K", "per_site": fields}}
    given = dict(temperature_K=[0.3, 1.0])
    from_array = quiet(st.magnon.exact, model=model, **given)
    from_file = quiet(st.magnon.exact, model=str(path), **given)
    assert list(from_array.columns) == list(from_file.columns)
    assert same_bits(numeric_table(from_array), numeric_table(from_file))
    # A random field breaks every symmetry: the transverse spin current of bond 0 is not zero.
    assert np.abs(from_array["spin_current_z_K"]).max() > 1e-6


def test_spin_field_array_agrees_with_the_same_field_as_a_formula():
    # Second route: the winding field h_j = (0.8 cos(2πj/N), 0.8 sin(2πj/N), 0.5) K as expressions of j
    # (evaluated by the library) and as an array (NumPy's cos and sin). The fields differ by at most
    # an ulp (~1e-16 K); the exact spectrum and currents, well conditioned in the fields at these
    # temperatures, then differ by rounding only: 1e-10 K absolute (values of order 0.1-10 K).
    n = 6
    j = np.arange(n)
    table = np.stack([0.8 * np.cos(2 * np.pi * j / n), 0.8 * np.sin(2 * np.pi * j / n), np.full(n, 0.5)], axis=1)
    base = {"family": "spin", "sites": n, "spin": 0.5, "exchange": {"J": 1}}
    formula = dict(base, field={"unit": "K", "vector": ["0.8*cos(2*pi*j/N)", "0.8*sin(2*pi*j/N)", 0.5]})
    array = dict(base, field={"unit": "K", "per_site": table})
    columns = ["energy_K", "free_energy_K", "spin_current_z_K", "spin_current_z_twist_K"]
    a = quiet(st.magnon.exact, model=formula, temperature_K=0.5, columns=columns)
    b = quiet(st.magnon.exact, model=array, temperature_K=0.5, columns=columns)
    assert np.allclose(a[columns].to_numpy(), b[columns].to_numpy(), rtol=0, atol=1e-10)


def neel_wall_samples(n=81):
    """A Néel wall sampled at n points over 40 nm, with a small random tilt so every digit matters."""
    x = np.linspace(-20e-9, 20e-9, n)
    m = np.stack([1 / np.cosh(x / 4e-9), np.zeros(n), -np.tanh(x / 4e-9)], axis=1)
    m += np.random.default_rng(3).normal(scale=1e-3, size=m.shape)
    return x, m


TEXTURE_GRID = {"start": -20e-9, "end": 20e-9}


def test_texture_as_arrays_equals_the_file(tmp_path):
    x, m = neel_wall_samples()
    csv = tmp_path / "wall.csv"
    csv.write_text("x_m,m_x,m_y,m_z\n" + "".join(",".join(decimal(v) for v in (x[k], *m[k])) + "\n" for k in range(len(x))))
    path = tmp_path / "wall.toml"
    path.write_text('family = "texture"\n[grid]\nstart = -20e-9\nend = 20e-9\n\n[[region]]\ntable = "wall.csv"\n')
    model = {"family": "texture", "grid": TEXTURE_GRID, "region": [{"table": {"x_m": x, "m": m}}]}
    given = dict(points=161, precession_ratio=10)
    from_arrays = st.diffusion.interface(model=model, **given)
    from_file = st.diffusion.interface(model=path, **given)
    assert same_bits(numeric_table(from_arrays), numeric_table(from_file))
    # The wall turns M: the accumulation is not along z everywhere.
    assert np.abs(from_arrays["m_x"]).max() > 1e-6


def test_relaxation_profile_as_arrays_equals_the_file(tmp_path):
    x = np.linspace(-8, 8, 33)
    dM, dm = np.exp(-(x / 2) ** 2), -0.5 * np.exp(-((x - 1) / 2) ** 2)
    (tmp_path / "p.csv").write_text("x,dM,dm\n" + "".join(f"{decimal(a)},{decimal(b)},{decimal(c)}\n" for a, b, c in zip(x, dM, dm)))
    path = tmp_path / "p.toml"
    path.write_text('family = "profile"\n[profile]\ntable = "p.csv"\n')
    given = dict(points=101, times_r=[0, 2])
    from_arrays = st.relaxation.evolve(model={"family": "profile", "profile": {"table": {"x": x, "dM": dM, "dm": dm}}}, **given)
    from_file = st.relaxation.evolve(model=path, **given)
    assert same_bits(numeric_table(from_arrays), numeric_table(from_file))


@pytest.mark.parametrize("model, key, given, allowed", [
    ({"family": "spin", "sites": 4, "spin": 0.5, "exchange": {"J": 1}, "field": {"unit": "K", "per_site": np.zeros((4, 2))}},
     "field.per_site", "shape (4, 2)", "shape (4, 3)"),
    ({"family": "spin", "sites": 4, "spin": 0.5, "exchange": {"J": 1}, "field": {"unit": "K", "per_site": np.zeros((5, 3))}},
     "field.per_site", "shape (5, 3)", "shape (4, 3)"),
    ({"family": "texture", "grid": TEXTURE_GRID, "region": [{"table": {"x_m": np.zeros(5), "m": np.zeros((5, 2))}}]},
     "region[0].table.m", "shape (5, 2)", "shape (5, 3)"),
    ({"family": "texture", "grid": TEXTURE_GRID, "region": [{"table": {"x_m": np.zeros(5), "m": np.zeros((4, 3))}}]},
     "region[0].table.m", "shape (4, 3)", "shape (5, 3)"),
    ({"family": "texture", "grid": TEXTURE_GRID, "region": [{"table": {"x_m": np.zeros((5, 1)), "m": np.zeros((5, 3))}}]},
     "region[0].table.x_m", "shape (5, 1)", "shape (5,)"),
    ({"family": "profile", "profile": {"table": {"x": np.zeros(6), "dM": np.zeros(7)}}},
     "profile.table.dM", "shape (7,)", "shape (6,)"),
    ({"family": "profile", "profile": {"table": {"x": np.zeros(6), "dM": [[0, 1], [2]]}}},
     "profile.table.dM", "a ragged array", "shape (6,)"),
])
def test_bad_array_shapes_name_the_key_and_both_shapes(model, key, given, allowed):
    function = {"spin": st.magnon.exact, "texture": st.diffusion.interface, "profile": st.relaxation.evolve}[model["family"]]
    with pytest.raises(st.ParameterError) as caught:
        function(model=model)
    error = caught.value
    assert (error.parameter, error.value, error.allowed) == (f"model.{key}", given, allowed)
    assert str(error).startswith(f"invalid value for model: {key} has {given} (allowed: {allowed}")


def test_spins_given_sets_the_rows_a_field_needs():
    model = {"family": "spin", "sites": 4, "spin": 0.5, "exchange": {"J": 1}, "field": {"unit": "K", "per_site": np.zeros((4, 3))}}
    with pytest.raises(st.ParameterError) as caught:
        st.magnon.exact(model=model, spins=5)
    assert caught.value.allowed == "shape (5, 3)"


def test_per_site_spins_as_an_array_equal_the_file(tmp_path):
    spins = np.array([0.5, 1.0, 0.5, 1.5])
    path = tmp_path / "spins.toml"
    path.write_text('family = "spin"\nsites = 4\nspin = [0.5, 1.0, 0.5, 1.5]\n\n[exchange]\nJ = 1\n\n[field]\nunit = "K"\nvector = [0.3, 0, 1]\n')
    model = {"family": "spin", "sites": 4, "spin": spins, "exchange": {"J": 1}, "field": {"unit": "K", "vector": [0.3, 0, 1]}}
    a = quiet(st.magnon.exact, model=model, temperature_K=0.5)
    b = quiet(st.magnon.exact, model=path, temperature_K=0.5)
    assert same_bits(numeric_table(a), numeric_table(b))
    with pytest.raises(st.ParameterError) as caught:
        st.magnon.exact(model=dict(model, spin=spins[:3]))
    assert (caught.value.parameter, caught.value.value, caught.value.allowed) == ("model.spin", "shape (3,)", "shape (4,)")


def test_per_bond_exchange_as_an_array_equals_the_file(tmp_path):
    # An open chain of five spins with one XXZ exchange per bond (four bonds) and a uniform field.
    jxy = np.random.default_rng(11).uniform(0.5, 1.5, size=4)
    path = tmp_path / "chain.toml"
    path.write_text('family = "spin"\ngeometry = "chain"\nsites = 5\nspin = 0.5\n\n[exchange]\n'
                    f'Jxy = [{", ".join(decimal(v) for v in jxy)}]\nJz = 0.7\n\n[field]\nunit = "K"\nvector = [0.4, 0, 0.2]\n')
    model = {"family": "spin", "geometry": "chain", "sites": 5, "spin": 0.5, "exchange": {"Jxy": jxy, "Jz": 0.7},
             "field": {"unit": "K", "vector": [0.4, 0, 0.2]}}
    a = quiet(st.magnon.exact, model=model, temperature_K=[0.3, 1.0])
    b = quiet(st.magnon.exact, model=path, temperature_K=[0.3, 1.0])
    assert same_bits(numeric_table(a), numeric_table(b))
    with pytest.raises(st.ParameterError) as caught:
        st.magnon.exact(model=dict(model, exchange={"Jxy": np.append(jxy, 1.0), "Jz": 0.7}))
    assert (caught.value.parameter, caught.value.value, caught.value.allowed) == ("model.exchange.Jxy", "shape (5,)", "shape (4,)")
