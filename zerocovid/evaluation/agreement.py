"""Inter-coder agreement between two codings of the same units: the tool and a coder, or two coders.

Units. Rows of the two tables are matched on ``on``: by default ``row_id`` when both tables have it
(``zerocovid.rows``), else the evidence span ``doc_id, start, end``. Key values are compared as
categories (below), so a start read back from a spreadsheet as 961.0 still matches 961. A key
that occurs twice in one table is an error. With ``missing="absent"`` (the default) a unit that
only one table has is coded ``absent`` in the other, so a row one coder found and the other did not
counts as a disagreement: detection and coding are measured together. ``missing="drop"`` compares
only the units both tables have (coding alone).

Categories. Values are nominal categories, compared as strings: NaN, None, pd.NA, NaT and "" are
one category, *missing* (shown as ""), equal to each other; booleans are "True" / "False"; a
whole number is written without a decimal point whatever its type (43, 43.0, numpy.int64(43) →
"43"); any other float is Python's shortest repr (0.5 → "0.5"); everything else is ``str(value)``
(a timestamp → "2022-01-03 16:00:00"). Strings are compared as written (no trimming). *absent*
is a category of its own, distinct from every value, also from the string "absent".

Statistics, over the n units:

- agreement: the share of units both codings put in the same category (p_o);
- kappa: Cohen's κ = (p_o − p_e) / (1 − p_e), p_e = Σ_k p_a(k)·p_b(k) from each coding's own
  category shares;
- alpha: Krippendorff's α for nominal data: with two codings and no missing value (missing and absent
  are categories), the coincidence matrix gives α = 1 − (N − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, N = 2n
  pairable values, o_ck = 2 × the units coded (c, k), n_c the values in category c. Computed here
  in a few lines rather than through the GPL-licensed ``krippendorff`` package, against which the
  tests check it.

When every unit is in one and the same category in both codings, κ and α are 0/0 and returned
as NaN (agreement is then 1); with no unit at all every statistic is NaN.
"""
from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from ..rows import ROW_ID

SPAN = ["doc_id", "start", "end"]
STATISTICS = ["n", "agreement", "kappa", "alpha"]
MISSING = ""          # the category of NaN, None, pd.NA, NaT and ""
ABSENT = "absent"     # how disagreements() shows a unit the table does not have
MISSING_OPTIONS = ("absent", "drop")


def agreement(a: pd.DataFrame, b: pd.DataFrame, field: str | list[str], on: str | list[str] | None = None,
              missing: str = "absent") -> pd.DataFrame:
    """How far two codings of the same units agree on ``field`` (a column, or a list of columns):
    one row per field (index ``field``) with n, agreement, kappa, alpha.

    Units only one table has are coded ``absent`` in the other, so detection disagreements count;
    ``missing="drop"`` compares only the units both tables have. κ and α are NaN when every unit
    has the same value in both codings (0/0). See the module docstring for how values compare.
    """
    fields = _as_list(field)
    coded_a, coded_b, units = _units(a, b, fields, on, missing)
    rows = [_statistics(_codes(coded_a[name].reindex(units), coded_b[name].reindex(units))) for name in fields]
    return pd.DataFrame(rows, index=pd.Index(fields, name="field"), columns=STATISTICS)


def disagreements(a: pd.DataFrame, b: pd.DataFrame, field: str | list[str], on: str | list[str] | None = None,
                  missing: str = "absent", docs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The units the two codings code differently on ``field`` (on any of them, for a list), as a
    table to adjudicate, in doc_id, start order.

    Columns: the key columns, doc_id, start, end (from a, or from b for a unit only b has), then
    ``<field>_a`` and ``<field>_b`` for each field (the values as compared: "" for missing, "absent"
    for a unit the table does not have), then ``evidence`` (the text at start:end) when the documents
    frame ``docs`` is given. Both tables need doc_id, start and end.
    """
    fields = _as_list(field)
    shown = list(dict.fromkeys([*_keys(a, b, on), *SPAN]))
    coded_a, coded_b, units = _units(a, b, fields, on, missing, required=shown)
    values = {}
    for name in fields:
        values[f"{name}_a"], values[f"{name}_b"] = coded_a[name].reindex(units), coded_b[name].reindex(units)
    values = pd.DataFrame(values)
    differ = (values.iloc[:, 0::2].to_numpy() != values.iloc[:, 1::2].to_numpy()).any(axis=1)  # NaN: absent
    rows_a, rows_b = a[shown].set_axis(coded_a.index), b[shown].set_axis(coded_b.index)
    rows = pd.concat([rows_a, rows_b[~rows_b.index.isin(rows_a.index)]]).loc[units[differ]]
    out = rows.join(values[differ].fillna(ABSENT)).sort_values(["doc_id", "start", "end"], kind="stable",
                                                               ignore_index=True)
    if docs is not None:
        texts = docs.set_index("doc_id")["text"]
        out["evidence"] = [texts[doc_id][int(start):int(end)]
                           for doc_id, start, end in zip(out["doc_id"], out["start"], out["end"])]
    return out


def _category(value) -> str:
    """``value`` as the nominal category it is compared as (see the module docstring)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if pd.isna(value):
        return MISSING
    if isinstance(value, numbers.Real):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return str(value)


def _as_list(names: str | list[str]) -> list[str]:
    return [names] if isinstance(names, str) else list(names)


def _keys(a: pd.DataFrame, b: pd.DataFrame, on: str | list[str] | None) -> list[str]:
    if on is not None:
        return _as_list(on)
    return [ROW_ID] if ROW_ID in a.columns and ROW_ID in b.columns else SPAN


def _units(a: pd.DataFrame, b: pd.DataFrame, fields: list[str], on, missing: str, required: list[str] = ()):
    """Each table's ``fields`` as categories, indexed by unit, and the units to compare (checking that
    both tables have the key columns, the fields and the ``required`` columns)."""
    if missing not in MISSING_OPTIONS:
        raise ValueError(f"missing must be one of {', '.join(MISSING_OPTIONS)}, got {missing!r}")
    keys = _keys(a, b, on)
    coded_a, coded_b = (_by_unit(table, name, keys, fields, required) for name, table in (("a", a), ("b", b)))
    if missing == "absent":
        return coded_a, coded_b, coded_a.index.union(coded_b.index, sort=False)
    return coded_a, coded_b, coded_a.index.intersection(coded_b.index, sort=False)


def _by_unit(table: pd.DataFrame, name: str, keys: list[str], fields: list[str], required) -> pd.DataFrame:
    """``fields`` of ``table`` as categories, indexed by the unit's key (as categories)."""
    for column in dict.fromkeys([*keys, *fields, *required]):
        if column not in table.columns:
            raise ValueError(f"table {name} has no column {column!r}")
    unit = pd.MultiIndex.from_arrays([[_category(v) for v in table[key].tolist()] for key in keys])
    repeated = unit[unit.duplicated()]
    if len(repeated):
        shown = ", ".join(f"{key}={value}" for key, value in zip(keys, repeated[0]))
        raise ValueError(f"table {name} has more than one row with {shown}: each unit must be one row "
                         "(on= names the columns that tell units apart)")
    return pd.DataFrame({field: [_category(v) for v in table[field].tolist()] for field in fields},
                        index=unit, dtype=object)


def _codes(a: pd.Series, b: pd.Series) -> np.ndarray:
    """The two codings as integer category codes, shape (2, n); absent (NaN here) is a code too."""
    codes, _ = pd.factorize(pd.concat([a, b], ignore_index=True), use_na_sentinel=False)
    return codes.reshape(2, len(a))


def _statistics(codes: np.ndarray) -> dict:
    n = codes.shape[1]
    if n == 0:
        return {"n": 0, "agreement": math.nan, "kappa": math.nan, "alpha": math.nan}
    observed = float(np.mean(codes[0] == codes[1]))
    if codes.max() == 0:  # one category only: κ and α are 0/0
        return {"n": n, "agreement": observed, "kappa": math.nan, "alpha": math.nan}
    k = codes.max() + 1
    first, second = np.bincount(codes[0], minlength=k), np.bincount(codes[1], minlength=k)
    expected = float(first @ second) / n ** 2
    values = 2 * n                                   # every unit has two pairable values
    totals = first + second
    off_diagonal = 2 * int(np.sum(codes[0] != codes[1]))
    alpha = 1 - (values - 1) * off_diagonal / float(values ** 2 - totals @ totals)
    return {"n": n, "agreement": observed, "kappa": (observed - expected) / (1 - expected), "alpha": alpha}
