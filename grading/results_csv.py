"""Reading the results core's input frames from CSV (fixtures, exports, spreadsheets)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .results_errors import ColumnTypeError
from .results_model import ATTEMPTS, RESPONSES, TIMEZONE, UNITS, ensure_valid, expected_type

__all__ = ["read_results_csv"]


def read_results_csv(path: str | Path, kind: str) -> pd.DataFrame:
    """Read a CSV export of one input frame (``attempts``, ``responses`` or ``units``).

    Cells are parsed by the schema: empty cells are missing values, datetimes without an offset
    are read as Vietnam time, booleans are ``true``/``false``/``1``/``0``. The result is validated.
    """
    schema = {"attempts": ATTEMPTS, "responses": RESPONSES, "units": UNITS}[kind]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    out = raw.replace("", None)
    for column in schema.columns:
        if column.name not in out.columns:
            continue
        cells = out[column.name]
        try:
            if column.kind == "int":
                out[column.name] = pd.to_numeric(cells).astype("Int64")
            elif column.kind == "number":
                out[column.name] = pd.to_numeric(cells).astype("float64")
            elif column.kind == "bool":
                lowered = cells.str.strip().str.lower()
                truth = {"true": True, "1": True, "false": False, "0": False}
                if not lowered.dropna().isin(list(truth)).all():
                    raise ValueError("not a boolean")
                out[column.name] = lowered.map(truth).astype("boolean")
            elif column.kind == "datetime":
                out[column.name] = cells.map(
                    lambda text: _vietnam_time(text), na_action="ignore"
                ).astype(f"datetime64[us, {TIMEZONE}]")
            else:
                out[column.name] = cells.astype("string")
        except (ValueError, TypeError) as exc:
            raise ColumnTypeError(
                frame=kind, column=column.name, expected=expected_type(column.kind), found=str(exc)
            ) from exc
    return ensure_valid(out, kind)


def _vietnam_time(text: str) -> pd.Timestamp:
    stamp = pd.Timestamp(text)
    if stamp.tzinfo is None:
        return stamp.tz_localize(TIMEZONE)
    return stamp.tz_convert(TIMEZONE)
