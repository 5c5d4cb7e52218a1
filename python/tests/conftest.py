"""Shared helpers: the `spintransport` command installed beside the library, run under the
OpenBLAS kernel the in-process library uses (kernels round differently, so the command must use
the same one for bitwise comparisons; it never overrides a kernel set in OPENBLAS_CORETYPE)."""

import json
import os
import subprocess

import pytest

import spintransport as st
from spintransport import _library


@pytest.fixture(scope="session")
def blas_kernel():
    frame = st.relaxation.rates(xi=0.3, k2_ratio=0.5)
    return frame.attrs["provenance"]["blas_kernel"]


@pytest.fixture(scope="session")
def cli(blas_kernel):
    """cli(args) → CompletedProcess of the command with the library's OpenBLAS kernel."""
    env = dict(os.environ, OPENBLAS_CORETYPE=blas_kernel)

    def run(arguments, timeout=300):
        return subprocess.run(
            [str(_library.command_path())] + arguments, capture_output=True, text=True, env=env, timeout=timeout
        )

    return run


NON_FINITE = ("nan", "inf", "-inf")


def json_table(text):
    """(columns, rows, metadata) of a `--format json` table: numbers parsed from the JSON text as
    floats (non-finite ones are the strings nan/inf/-inf), text cells as strings."""
    obj = json.loads(text)
    rows = [[cell if isinstance(cell, str) and cell not in NON_FINITE else float(cell) for cell in row]
            for row in obj["rows"]]
    return obj["columns"], rows, obj["metadata"]
