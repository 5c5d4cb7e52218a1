#!/usr/bin/env python3
"""Load a spintransport result into pandas, with its units and warnings.

Usage (needs numpy and pandas):
  python3 examples/load_result.py DIR           # `run`/`reproduce` output: DIR/data.csv + DIR/meta.json
  python3 examples/load_result.py TABLE.csv     # a table written with `-o TABLE.csv` (CSV, the default)
  python3 examples/load_result.py TABLE.json    # a table written with `--format json -o TABLE.json`

Units: a column name ending in a unit suffix carries it (`x_m`, `charge_A`, `gamma_eV`,
`theta_deg`, `flux_phase_rad`, `temperature_K`); otherwise the metadata's "units" entry states
them (JSON tables, meta.json). Non-finite cells are written as nan/inf/-inf and load as floats.
Warnings: meta.json "warnings" (a study or figure directory) or metadata.warnings (JSON table),
a list of one-line strings; a CSV table alone has none (the CLI printed them on stderr).

Prints one line per fact (rows, units, warnings, the first and last row, the NaN count), the
numbers as Python's shortest round-trip repr; Tests/CLITests/PythonInteropTests.swift checks them
against the CLI's own output.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SUFFIX_UNITS = {"A": "A", "eV": "eV", "eVa": "eV·a", "K": "K", "T": "T", "m": "m", "s": "s", "rad": "rad", "deg": "°"}


def unit_of(column):
    """The unit a column name's suffix names (gamma_eV → eV), or None."""
    head, _, suffix = column.rpartition("_")
    return SUFFIX_UNITS.get(suffix) if head else None


def numeric(frame):
    """Columns that are all numbers (JSON writes non-finite cells as "nan"/"inf") as float64."""
    for name in frame.columns:
        try:
            frame[name] = frame[name].astype(np.float64)  # float("nan"), float("inf") parse
        except (ValueError, TypeError):
            pass  # a text column (e.g. a study's group label) stays text
    return frame


def shown(value):
    """A cell as text: floats as Python's shortest round-trip repr (0.1, 1e-07, nan, inf)."""
    return repr(float(value)) if isinstance(value, (float, int, np.number)) else str(value)


def load(path):
    """(DataFrame, metadata dict) for a result directory, a CSV table or a JSON table."""
    path = Path(path)
    if path.suffix == ".json":
        obj = json.loads(path.read_text(encoding="utf-8"))
        # pandas.read_json cannot read this shape directly ("rows", not "data"; plus "metadata").
        return numeric(pd.DataFrame(obj["rows"], columns=obj["columns"])), obj.get("metadata", {})
    csv = path / "data.csv" if path.is_dir() else path
    meta_file = path / "meta.json" if path.is_dir() else None
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file and meta_file.exists() else {}
    # pandas' default NA strings include "nan"; "inf"/"-inf" parse as ±infinity.
    return numeric(pd.read_csv(csv)), meta


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    frame, meta = load(argv[1])
    print(f"rows: {len(frame)}")
    for name in frame.columns:
        print(f"column: {name} [{unit_of(name) or 'see units'}] {frame[name].dtype}")
    if "units" in meta:
        print(f"units: {meta['units']}")
    warnings = meta.get("warnings", [])
    print(f"warnings: {len(warnings)}")
    for text in warnings:
        print(f"warning: {text}")
    for label, row in (("first", frame.iloc[0]), ("last", frame.iloc[-1])):
        print(f"{label}: " + " ".join(f"{name}={shown(row[name])}" for name in frame.columns))
    print(f"nan cells: {int(frame.select_dtypes('number').isna().to_numpy().sum())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
