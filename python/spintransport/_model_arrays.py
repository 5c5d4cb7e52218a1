"""Shape checks of the per-site arrays a model dict holds (docs/model-files.md).

NumPy arrays (or nested lists of numbers) may stand wherever a model file holds one value per site
or per sample: a spin model's `spin` (N values), `exchange.J`, `.Jxy`, `.Jz` (one per nearest-neighbour
bond: N on a ring, N − 1 on a chain) and `field.per_site` (N rows [h_x, h_y, h_z]), a texture region's inline
`table` (positions `x_m` or `x_nm`, directions `m` as n rows [m_x, m_y, m_z] or the columns `m_x`,
`m_y`, `m_z`, `theta`, `phi`, `f`, `m_eq`) and a relaxation profile's inline `table` (`x`, `dM`,
`dm`). They are written into the model file as the shortest decimals that read back as the same
doubles, so the library computes with exactly the numbers given. A shape that does not fit is a
`ParameterError` naming the key, the shape given and the shape allowed, before anything runs.
"""

import numbers

import numpy as np

from .errors import ParameterError

# Keys of inline tables whose values are rows [x, y, z], one per sample.
VECTOR_COLUMNS = {"m", "m_eq"}


class Ragged:
    """Nested lists of unequal lengths (no shape)."""

    ndim = -1
    shape = "ragged"


def numeric(value):
    """The value as a numeric array when it is an array of numbers (None for text, dicts, scalars)."""
    if isinstance(value, (str, bytes, dict, numbers.Number)) or value is None:
        return None
    try:
        array = np.asarray(value)
    except ValueError:
        return Ragged()
    if array.dtype == object:
        try:
            array = array.astype(float)
        except (TypeError, ValueError):
            return None
    return array if array.ndim > 0 and np.issubdtype(array.dtype, np.number) else None


def refuse(key, shape, allowed, meaning):
    given = "a ragged array" if shape == Ragged.shape else f"shape {tuple(shape)}"
    raise ParameterError(
        f"invalid value for model: {key} has {given} (allowed: shape {allowed}, {meaning})",
        f"model.{key}", given, f"shape {allowed}",
    )


def check_list(key, value, count, meaning):
    """`value` must be `count` numbers (any number when `count` is None)."""
    array = numeric(value)
    if array is not None and (array.ndim != 1 or (count is not None and array.shape[0] != count)):
        refuse(key, array.shape, f"({count if count is not None else 'n'},)", meaning)


def check_rows(key, value, count, meaning):
    """`value` must be `count` rows of three numbers (any number of rows when `count` is None)."""
    array = numeric(value)
    if array is None:
        return
    rows = count if count is not None else (array.shape[0] if array.ndim >= 1 else "n")
    if array.ndim != 2 or array.shape[1] != 3 or (count is not None and array.shape[0] != count):
        refuse(key, array.shape, f"({rows}, 3)", meaning)


def check_table(key, table):
    """An inline table: every column as long as the first; `m`, `m_eq` as rows of three."""
    length = None
    for name, value in table.items():
        array = numeric(value)
        if array is None:
            continue
        n = length[0] if length else (array.shape[0] if array.ndim >= 1 else "n")
        where = f"{key}.{name}"
        per = f"one value per sample as {length[1]} has" if length else "one value per sample"
        if name in VECTOR_COLUMNS:
            check_rows(where, array, n, f"one row [x, y, z] per sample, {per}")
        elif array.ndim != 1 or array.shape[0] != n:
            refuse(where, array.shape, f"({n},)", per)
        length = length or (n, name)


def check_model_arrays(model, kwargs):
    """Refuses a per-site array of `model` (a dict) whose shape does not fit; `kwargs` are the call's
    other arguments (`spins` sets the number of sites of a spin model)."""
    family = model.get("family")
    if family == "spin":
        sites = kwargs.get("spins", model.get("sites"))
        count = int(sites) if isinstance(sites, numbers.Integral) else None
        check_list("spin", model.get("spin"), count, "one spin S_j per site")
        bonds = None if count is None else (count - 1 if model.get("geometry") == "chain" else count)
        if isinstance(model.get("exchange"), dict):
            for name in ("J", "Jxy", "Jz"):
                value = model["exchange"].get(name)
                check_list(f"exchange.{name}", value, bonds, "one exchange per nearest-neighbour bond")
        if isinstance(model.get("field"), dict) and "per_site" in model["field"]:
            check_rows("field.per_site", model["field"]["per_site"], count, "one field vector [x, y, z] per site")
    elif family == "texture" and isinstance(model.get("region"), (list, tuple)):
        for k, region in enumerate(model["region"]):
            if isinstance(region, dict) and isinstance(region.get("table"), dict):
                check_table(f"region[{k}].table", region["table"])
    elif family == "profile" and isinstance(model.get("profile"), dict):
        if isinstance(model["profile"].get("table"), dict):
            check_table("profile.table", model["profile"]["table"])
