"""SpinTransport in process: every computation of the catalogue as a Python function.

    import numpy as np
    import spintransport as st

    st.models()                                     # catalogue names
    df = st.ring.currents(gamma_eV=0.5, flux_phase_rad=np.linspace(-0.4, 0.4, 161))
    df.attrs["units"], df.attrs["warnings"], df.attrs["fingerprint"]

The computations run in the Swift library (libSpinTransportC.so, loaded with ctypes) through
the same sweep path as the `spintransport` command: the same parameter checks and error text,
points in parallel on all cores, the same numbers. `run` and `reproduce` call the
`spintransport` command installed beside the library.
"""

import json
import os
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import pandas as pd

from . import _api, _library
from .errors import ComputationError, NumericalWarning, ParameterError

__all__ = ["models", "describe", "compute", "run", "reproduce", "ParameterError", "NumericalWarning",
           "ComputationError"]

library = _library.Library(_library.library_path())
catalogue = library.catalogue()
__version__ = library.version()
_functions = _api.install(sys.modules[__name__], library, catalogue)
_entries = {entry["name"]: entry for entry in catalogue["computations"]}


def models():
    """The catalogue's computation names (`spintransport models`), in catalogue order."""
    return list(_entries)


def describe(name):
    """The schema of one computation (parameters, outputs, example) as a dict."""
    return _entries[name]


def function(name):
    """The generated function of a computation by catalogue name (`ring-currents`)."""
    return _functions[name]


def compute(name, columns=None, **parameters):
    """Runs computation `name` (`ring-currents`) with keyword parameters; see its function."""
    if name not in _entries:
        raise ParameterError(
            f"invalid value for computation: {name} (allowed: one of {', '.join(_entries)})",
            "computation", name, "one of " + ", ".join(_entries),
        )
    return _functions[name](columns=columns, **parameters)


def _command(arguments):
    """Runs the `spintransport` command beside the library; stderr's error line as an exception."""
    done = subprocess.run([str(_library.command_path())] + arguments, capture_output=True, text=True)
    if done.returncode != 0:
        line = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit status {done.returncode}"
        if done.returncode == 2:
            raise ParameterError(line, None, None, None)
        raise ComputationError(line)
    return done


def _directory_frame(directory):
    directory = Path(directory)
    frame = pd.read_csv(directory / "data.csv")
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    frame.attrs.update(meta)
    frame.attrs["directory"] = str(directory)
    return frame


def run(study_file, out=None, fresh=False):
    """Runs a study file (`spintransport run FILE --out DIR`) and returns its data.csv as a
    DataFrame (meta.json in `attrs`, units and warnings included). `out` defaults to a new
    temporary directory; it is kept (its path is `df.attrs["directory"]`)."""
    out = out or tempfile.mkdtemp(prefix="spintransport-run-")
    _command(["run", os.fspath(study_file), "--out", os.fspath(out), "--quiet"] + (["--fresh"] if fresh else []))
    frame = _directory_frame(out)
    for message in frame.attrs.get("warnings", []):
        import warnings

        warnings.warn(message, NumericalWarning, stacklevel=2)
    return frame


def reproduce(figure_id, out):
    """Reproduces one paper figure (`spintransport reproduce --figure ID --out DIR`); returns its
    data as a DataFrame (meta.json in `attrs`; the PNG is `DIR/ID/figure.png`)."""
    _command(["reproduce", "--figure", figure_id, "--out", os.fspath(out)])
    return _directory_frame(Path(out) / figure_id)
