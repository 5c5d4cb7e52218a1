"""Python functions generated from the catalogue schema (`spintransport models --format json`).

Every catalogue entry becomes a function named after its command (`spintransport ring
currents` → `spintransport.ring.currents`) whose keyword-only parameters are the entry's
parameter ids with their defaults, and whose docstring lists symbol, unit, allowed values and
output columns. A sequence or NumPy array given to a numeric, sweepable parameter is a sweep;
two arrays make a grid (the first given is the outer, slow axis). The result is a
`pandas.DataFrame` with units, warnings, provenance and the study fingerprint in `df.attrs`.
"""

import inspect
import keyword
import math
import numbers
import os
import tempfile
import types
import warnings

import numpy as np
import pandas as pd

from . import _library
from ._model_arrays import check_model_arrays
from .errors import ComputationError, NumericalWarning, ParameterError

MISSING = inspect.Parameter.empty


def text_of(value):
    """A scalar as the text the library's parser reads: floats as their shortest round-trip repr."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("a boolean is not a parameter value")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return repr(float(value))
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot pass {type(value).__name__} {value!r} as a parameter value")


def is_array(value):
    return isinstance(value, (np.ndarray, list, tuple, range, pd.Series, pd.Index))


def request_for(entry, kwargs, columns=None):
    """The JSON request of one call: fixed values as texts, arrays as sweeps (in call order).

    A name the entry does not declare is a model file's own parameter (`[params]`): numeric and
    sweepable, as the library checks once the file is read."""
    kinds = {p["id"]: p for p in entry["parameters"]}
    fixed, sweeps = {}, []
    for name, value in kwargs.items():
        p = kinds.get(name, {"kind": "real", "sweepable": True, "requirement": "optional"})
        if value is None and p["requirement"] != "required":
            continue
        if p["kind"] == "list":  # a per-site list (fields, textures): the array is one value
            fixed[name] = ",".join(text_of(x) for x in np.ravel(np.asarray(value, dtype=float)))
        elif is_array(value) and p["sweepable"]:
            values = np.ravel(np.asarray(value)) if not isinstance(value, (list, tuple)) else value
            sweeps.append({"id": name, "values": [text_of(x.item() if hasattr(x, "item") else x) for x in values]})
        elif is_array(value):
            raise ParameterError(
                f"invalid value for {name}: an array (allowed: one value; {name} cannot be swept)",
                name, repr(value), "one value",
            )
        else:
            fixed[name] = text_of(value)
    if len(sweeps) > 2:
        names = ", ".join(s["id"] for s in sweeps)
        raise ParameterError(
            f"invalid value for sweeps: {names} (allowed: at most two arrays, a 1D sweep or a 2D grid)",
            "sweeps", names, "at most two arrays",
        )
    request = {"computation": entry["name"], "fixed": fixed, "sweeps": sweeps}
    if columns is not None:
        request["columns"] = [columns] if isinstance(columns, str) else list(columns)
    return request


def frame_of(result, entry):
    """The DataFrame of a computed result, with metadata in `attrs` and warnings raised."""
    frame = pd.DataFrame(result.data, columns=result.columns)
    for name, cells in result.text_columns.items():
        frame[name] = pd.Series(cells, dtype=object)
    integer_columns = {o["name"] for o in entry["outputs"] if o["kind"] == "integer"}
    integer_columns |= {p["id"] for p in entry["parameters"] if p["kind"] == "integer"}
    for name in integer_columns & set(frame.columns):
        column = frame[name]
        if column.dtype == float and np.isfinite(column).all():
            frame[name] = column.astype(np.int64)
    meta = dict(result.metadata)
    provenance = dict(meta.get("provenance", {}))
    if provenance.get("git_revision") is None:
        provenance["git_revision"] = _library.build_revision()
    meta["provenance"] = provenance
    frame.attrs.update(meta)
    frame.attrs["units"] = meta.get("units", {})
    frame.attrs["warnings"] = list(meta.get("warnings", []))
    return frame


def raise_error(result):
    error = result.error
    if result.status == _library.PARAMETER_ERROR:
        raise ParameterError(
            error["message"], error.get("parameter"), error.get("value"), error.get("allowed"),
            cli_message=error.get("cli_message"), flag=error.get("flag"),
        )
    if result.status == _library.INTERRUPTED:
        raise KeyboardInterrupt
    raise ComputationError(error.get("message", "computation failed"))


def compute(library, entry, kwargs, columns=None, stacklevel=3):
    result = library.compute(request_for(entry, kwargs, columns))
    if result.status != _library.OK:
        raise_error(result)
    frame = frame_of(result, entry)
    for message in frame.attrs["warnings"]:
        warnings.warn(message, NumericalWarning, stacklevel=stacklevel)
    return frame


def toml_value(value, where):
    """One TOML value (inline form): strings, numbers, booleans, arrays and inline tables."""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        x = float(value)
        if not math.isfinite(x):
            raise ParameterError(
                f"invalid value for model: {where} = {x!r} (allowed: a finite number)", "model", repr(x), "a finite number"
            )
        return repr(x)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped}"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k, where)} = {toml_value(v, f'{where}.{k}')}" for k, v in value.items()) + " }"
    if is_array(value):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        return "[" + ", ".join(toml_value(v, f"{where}[{i}]") for i, v in enumerate(items)) + "]"
    raise ParameterError(
        f"invalid value for model: {where} is a {type(value).__name__} (allowed: text, numbers, booleans, lists, dicts)",
        "model", repr(value), "text, numbers, booleans, lists and dicts",
    )


def toml_key(key, where):
    if not isinstance(key, str) or not key or not all(c.isalnum() or c in "_-" for c in key):
        raise ParameterError(
            f"invalid value for model: key {key!r} in {where} (allowed: letters, digits, _ and -)",
            "model", repr(key), "keys of letters, digits, _ and -",
        )
    return key


def model_toml(model):
    """A model given as a dict, as the TOML text of a model file (docs/model-files.md): its
    top-level dicts become tables (`[params]`), its lists of dicts arrays of tables (`[[sites]]`),
    everything below them inline values."""
    lines, sections = [], []
    for key, value in model.items():
        name = toml_key(key, "model")
        if isinstance(value, dict):
            sections += ["", f"[{name}]"] + [f"{toml_key(k, name)} = {toml_value(v, f'{name}.{k}')}" for k, v in value.items()]
        elif is_array(value) and len(value) > 0 and all(isinstance(v, dict) for v in value):
            for k, item in enumerate(value):
                sections += ["", f"[[{name}]]"] + [
                    f"{toml_key(a, name)} = {toml_value(v, f'{name}[{k}].{a}')}" for a, v in item.items()
                ]
        else:
            lines.append(f"{name} = {toml_value(value, name)}")
    return "\n".join(lines + sections) + "\n"


def with_model(kwargs, call):
    """`call(kwargs)` with `model` as the path of a model file: a path is made absolute; a dict is
    written as a TOML model file to a temporary directory for the call (table paths inside it must
    then be absolute; per-site NumPy arrays are written as inline arrays, their shapes checked first)."""
    model = kwargs.get("model")
    if model is None:
        return call(kwargs)
    if isinstance(model, dict):
        check_model_arrays(model, kwargs)
        with tempfile.TemporaryDirectory(prefix="spintransport-model-") as directory:
            path = os.path.join(directory, "model.toml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(model_toml(model))
            return call(dict(kwargs, model=path))
    if isinstance(model, (str, os.PathLike)):
        return call(dict(kwargs, model=os.path.abspath(os.fspath(model))))
    raise ParameterError(
        f"invalid value for model: a {type(model).__name__} (allowed: the path of a model file, or a dict of its contents)",
        "model", repr(model), "a path or a dict",
    )


def python_default(p):
    if p["requirement"] == "required":
        return MISSING
    default = p.get("default")
    return None if default is None else default


def docstring(entry):
    lines = [entry["summary"], ""]
    if entry.get("paper"):
        lines += [f"Paper: {entry['paper']}.", ""]
    lines += [
        f"Command line: {entry['command']} (example arguments: {' '.join(entry['example'])}).",
        "",
        "A list or NumPy array given to a sweepable parameter sweeps it; two arrays make a grid",
        "(the first given is the outer axis). Returns a pandas.DataFrame (swept parameters, then",
        "the columns) with df.attrs['units'], ['warnings'], ['provenance'], ['fingerprint'].",
        "Raises ParameterError for a value outside its domain; numerical trouble is a",
        "NumericalWarning.",
        "",
        "Parameters",
        "----------",
    ]
    for p in entry["parameters"]:
        unit = f", {p['unit']}" if p["unit"] else ""
        symbol = f"{p['symbol']}{unit}" if p["symbol"] else (p["unit"] or "")
        default = "required" if p["requirement"] == "required" else f"default {p['default']!r}"
        sweep = "; sweepable" if p["sweepable"] else ""
        lines.append(f"{p['id']} : {p['kind']} ({symbol}) — {default}{sweep}")
        lines.append(f"    {p['help']} Allowed: {p['allowed']}.")
    if any(p["id"] == "model" for p in entry["parameters"]):
        lines.append("    model may also be a dict of the file's contents (written to a temporary TOML file); the")
        lines.append("    file's own parameters ([params], by id: t_eV) are then keyword arguments too. Per-site")
        lines.append("    data in the dict may be NumPy arrays: a spin field as field.per_site (N, 3), a texture's")
        lines.append("    or profile's samples as an inline table of columns (docs/model-files.md).")
    lines.append("columns : str or list of str, optional")
    lines.append(f"    Output columns (default: {', '.join(entry['default_columns'])}).")
    lines += ["", "Columns", "-------"]
    for o in entry["outputs"]:
        unit = f" [{o['unit']}]" if o["unit"] else ""
        lines.append(f"{o['name']}{unit}: {o['meaning']}")
    return "\n".join(lines)


def python_name(word):
    name = word.replace("-", "_")
    return name + "_" if keyword.iskeyword(name) else name


def make_function(library, entry):
    """The generated function of one catalogue entry."""
    parameters = [
        inspect.Parameter(p["id"], inspect.Parameter.KEYWORD_ONLY, default=python_default(p))
        for p in entry["parameters"]
    ]
    parameters.append(inspect.Parameter("columns", inspect.Parameter.KEYWORD_ONLY, default=None))
    signature = inspect.Signature(parameters)
    ids = [p["id"] for p in entry["parameters"]]

    def function(**kwargs):
        unknown = [k for k in kwargs if k not in ids and k != "columns"]
        # With a model file its own parameters are parameters too (checked by the library).
        if unknown and not ("model" in ids and kwargs.get("model") is not None):
            name = unknown[0]
            raise ParameterError(
                f"invalid value for {name}: {kwargs[name]!r} (allowed: a parameter of {entry['name']}: {', '.join(ids)})",
                name, repr(kwargs[name]), "a parameter of " + entry["name"],
            )
        columns = kwargs.pop("columns", None)
        return with_model(kwargs, lambda given: compute(library, entry, given, columns, stacklevel=5))

    words = entry["command"].split()[1:]
    function.__name__ = python_name(words[-1])
    function.__qualname__ = ".".join(python_name(w) for w in words)
    function.__module__ = "spintransport"
    function.__doc__ = docstring(entry)
    function.__signature__ = signature
    function.catalogue_name = entry["name"]
    return function


def install(namespace, library, catalogue):
    """Adds one function per entry under its command path (`namespace.ring.currents`)."""
    functions = {}
    for entry in catalogue["computations"]:
        words = [python_name(w) for w in entry["command"].split()[1:]]
        target = namespace
        for word in words[:-1]:
            child = getattr(target, word, None)
            if child is None:
                child = types.SimpleNamespace()
                setattr(target, word, child)
            target = child
        function = make_function(library, entry)
        setattr(target, words[-1], function)
        functions[entry["name"]] = function
    return functions
