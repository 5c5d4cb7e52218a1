"""Errors carry the parameter, value and allowed values with the command line's text; numerical
trouble arrives as a NumericalWarning with the command's message; the signature and docstring
come from the schema."""

import inspect
import warnings

import numpy as np
import pytest

import spintransport as st

from conftest import json_table

PREFIX = "spintransport: error: "


@pytest.mark.parametrize(
    "kwargs, flag, typed",
    [
        ({"gamma_eV": float("nan")}, "--gamma", "nan"),
        ({"cells": 1}, "--cells", "1"),
        ({"temperature_K": -1.0}, "--temperature", "-1.0"),
    ],
)
def test_parameter_error_is_the_command_line_error(cli, kwargs, flag, typed):
    with pytest.raises(st.ParameterError) as caught:
        st.ring.currents(**kwargs)
    error = caught.value
    (name, value), = kwargs.items()
    assert isinstance(error, ValueError)
    assert error.parameter == name and error.flag == flag
    done = cli(["ring", "currents", flag, typed])
    assert done.returncode == 2
    line = done.stderr.strip()
    assert line.startswith(PREFIX), line
    assert error.cli_message == line[len(PREFIX):]
    assert str(error) == error.cli_message.replace(flag + ":", name + ":", 1)
    assert error.allowed in line and error.value in line


def test_an_error_in_a_sweep_value_names_the_parameter():
    with pytest.raises(st.ParameterError) as caught:
        st.ring.currents(flux_phase_rad=[0.0, float("inf")])
    assert caught.value.parameter == "flux_phase_rad"
    assert caught.value.value == "inf"


def test_unknown_keyword_and_three_arrays_are_parameter_errors():
    with pytest.raises(st.ParameterError) as caught:
        st.ring.currents(gama_eV=0.5)
    assert caught.value.parameter == "gama_eV"
    with pytest.raises(st.ParameterError):
        st.ring.currents(gamma_eV=[0.5, 1.0], flux_phase_rad=[0.0, 0.1], mu_eV=[0.0, 0.1])


def test_numerical_warning_is_the_commands_warning(cli):
    # The critical ring at φ = 0 with μ at its exceptional point E = −h = −0.3 eV: the
    # command warns (and writes NaN cells); the binding must raise the same warning text.
    fixed = {"cells": 10, "gamma_eV": 1.0, "exchange_eV": 0.3, "theta_deg": 0.0, "azimuth_deg": 30.0, "mu_eV": -0.3}
    phases = [-0.1, 0.0, 0.1]
    with pytest.warns(st.NumericalWarning) as caught:
        frame = st.ring.currents(flux_phase_rad=phases, **fixed)
    done = cli(
        ["ring", "currents", "--cells", "10", "--gamma", "1.0", "--exchange", "0.3", "--theta", "0.0", "--azimuth",
         "30.0", "--mu", "-0.3", "--vary", "flux-phase=-0.1,0.0,0.1", "--format", "json"]
    )
    assert done.returncode == 0, done.stderr
    _, rows, metadata = json_table(done.stdout)
    assert metadata["warnings"], "the fixture must warn"
    assert [str(w.message) for w in caught] == metadata["warnings"]
    assert frame.attrs["warnings"] == metadata["warnings"]
    assert ["warning: " + w for w in metadata["warnings"]] == [
        line for line in done.stderr.splitlines() if line.startswith("warning: ")
    ]
    assert np.isnan(frame.to_numpy(dtype=float)).sum() == np.isnan(np.array(rows)).sum() > 0


def test_signature_defaults_and_docstring_come_from_the_schema():
    entry = st.describe("ring-currents")
    signature = inspect.signature(st.ring.currents)
    for p in entry["parameters"]:
        shown = signature.parameters[p["id"]]
        assert shown.kind is inspect.Parameter.KEYWORD_ONLY
        if p["requirement"] == "defaulted":
            assert shown.default == p["default"]
        assert p["allowed"] in st.ring.currents.__doc__
    assert "columns" in signature.parameters
    for o in entry["outputs"]:
        assert o["name"] in st.ring.currents.__doc__
    assert entry["summary"] in st.ring.currents.__doc__


def test_sweep_and_grid_shapes_and_integer_columns():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", st.NumericalWarning)
        one = st.ring.currents(gamma_eV=0.5, flux_phase_rad=np.linspace(-0.4, 0.4, 5))
        grid = st.ring.currents(cells=[4, 6], flux_phase_rad=np.linspace(-0.4, 0.4, 3), columns="re_charge_A")
    assert list(one.columns[:1]) == ["flux_phase_rad"] and len(one) == 5
    assert list(grid.columns) == ["cells", "flux_phase_rad", "re_charge_A"]
    assert grid["cells"].tolist() == [4, 4, 4, 6, 6, 6] and grid["cells"].dtype == np.int64
    assert grid.attrs["units"] == {"cells": "", "flux_phase_rad": "rad", "re_charge_A": "A"}
