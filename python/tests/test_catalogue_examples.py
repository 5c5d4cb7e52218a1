"""Every catalogue entry's example, in process and through the command: the same doubles, bit
for bit (both sides get the same parameter texts; the command's JSON numbers are shortest
round-trip decimals, so parsing them recovers its doubles exactly). Same build, same kernel,
same sweep path: any difference is a binding bug, so no tolerance."""

import numpy as np
import pytest

import spintransport as st

from conftest import json_table

ENTRIES = st.catalogue["computations"]


def sweep_values(parameter, spec):
    """A --vary spec as explicit values: START:STOP:COUNT[:log] through NumPy, or a list."""
    fields = spec.split(":")
    if parameter["kind"] in ("real", "integer") and len(fields) in (3, 4):
        a, b, n = float(fields[0]), float(fields[1]), int(fields[2])
        xs = np.geomspace(a, b, n) if len(fields) == 4 else np.linspace(a, b, n)
        return [int(x) for x in xs] if parameter["kind"] == "integer" else [float(x) for x in xs]
    items = spec.split(",")
    if parameter["kind"] == "real":
        return [float(x) for x in items]
    if parameter["kind"] == "integer":
        return [int(x) for x in items]
    return items


def keyword_arguments(entry):
    """The example's command-line arguments as keyword arguments (ranges made explicit)."""
    by_flag = {p["flag"]: p for p in entry["parameters"]}
    by_flag.update({"--" + p["id"]: p for p in entry["parameters"]})
    args, kwargs, i = entry["example"], {}, 0
    while i < len(args):
        option, value = args[i], args[i + 1]
        i += 2
        if option == "--vary":
            name, _, spec = value.partition("=")
            p = by_flag["--" + name]
            kwargs[p["id"]] = sweep_values(p, spec)
            continue
        p = by_flag[option]
        if p["kind"] == "list":
            kwargs[p["id"]] = np.array([float(x) for x in value.split(",")])
        elif p["kind"] == "real":
            kwargs[p["id"]] = float(value)
        elif p["kind"] == "integer":
            kwargs[p["id"]] = int(value)
        else:
            kwargs[p["id"]] = value
    return kwargs


def command_line(entry, kwargs):
    """The same call as command-line arguments: every value as the text the binding sends."""
    from spintransport._api import request_for

    request = request_for(entry, kwargs)
    flags = {p["id"]: p["flag"] for p in entry["parameters"]}
    args = entry["command"].split()[1:]
    for name, text in request["fixed"].items():
        args += [flags[name], text]
    for sweep in request["sweeps"]:
        args += ["--vary", flags[sweep["id"]][2:] + "=" + ",".join(sweep["values"])]
    return args + ["--format", "json", "--quiet"]


def test_catalogue_is_not_empty():
    assert len(ENTRIES) >= 15, [e["name"] for e in ENTRIES]
    assert st.models() == [e["name"] for e in ENTRIES]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["name"] for e in ENTRIES])
def test_example_matches_the_command_bit_for_bit(entry, cli, recwarn):
    kwargs = keyword_arguments(entry)
    frame = st.function(entry["name"])(**kwargs)
    done = cli(command_line(entry, kwargs))
    assert done.returncode == 0, done.stderr
    columns, rows, metadata = json_table(done.stdout)
    assert list(frame.columns) == columns
    assert len(frame) == len(rows) > 0
    for j, name in enumerate(columns):
        theirs = [row[j] for row in rows]
        if any(isinstance(cell, str) for cell in theirs):  # a text column (e.g. a definition's name)
            assert frame[name].tolist() == theirs, name
            continue
        ours = frame[name].to_numpy(dtype=np.float64)
        theirs = np.array(theirs, dtype=np.float64)
        same = (ours.view(np.uint64) == theirs.view(np.uint64)) | (np.isnan(ours) & np.isnan(theirs))
        assert same.all(), f"{entry['name']} {name}: {int((~same).sum())} cells differ, first at row {np.argmax(~same)}"
    # Metadata: the command's units and warnings; the study fingerprint is the command's study's.
    assert frame.attrs["units"] == metadata["units"]
    assert frame.attrs["warnings"] == metadata["warnings"]
    assert [str(w.message) for w in recwarn.list if issubclass(w.category, st.NumericalWarning)] == metadata["warnings"]
    assert set(frame.attrs["units"]) == set(columns)
    assert frame.attrs["fingerprint"] == metadata["study"]["fingerprint"]
    assert frame.attrs["study"] == metadata["study"]
    assert frame.attrs["provenance"]["tool"] == "spintransport"
