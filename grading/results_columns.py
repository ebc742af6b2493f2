"""Generic checks of a typed pandas frame: columns, types, missing values, keys.

:mod:`grading.results_model` declares the results core's frames with :class:`FrameSchema`;
this module checks a frame against one and returns it normalised. Errors are the typed
:mod:`grading.results_errors`, naming the frame and the column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from quizzes.schema import OPTION_LETTERS
from quizzes.text import nfc

from .results_errors import (
    ColumnTypeError,
    DuplicateRowError,
    InvalidValueError,
    MissingColumnError,
    ResultsInputError,
)
from .results_labels import label

__all__ = ["TIMEZONE", "Column", "FrameSchema", "expected_type", "bad_rows", "validate_frame"]

TIMEZONE = "Asia/Ho_Chi_Minh"
_FLAG_WORD = re.compile(r"^[a-z][a-z0-9_]*$")
_FLAG_SPLIT = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class Column:
    """One column of an input frame."""

    name: str
    kind: str  # id | text | int | number | bool | datetime | letter | flags
    description: str
    nullable: bool = False
    minimum: float | None = None


@dataclass(frozen=True)
class FrameSchema:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def expected_type(kind: str) -> str:
    """What a column of ``kind`` must hold, in words, for error messages."""
    return label(f"type_{kind}", timezone=TIMEZONE)


def _describe(series: pd.Series) -> str:
    kind = pd.api.types.infer_dtype(series, skipna=True)
    has_nan = series.dtype.kind == "f" and bool(series.isna().any())
    return f"{series.dtype} ({kind}{', NaN' if has_nan else ''})"


def bad_rows(frame: pd.DataFrame, mask: pd.Series | np.ndarray) -> list:
    if isinstance(mask, pd.Series):
        mask = mask.fillna(False).to_numpy(dtype=bool)
    return frame.index[np.asarray(mask, dtype=bool)].tolist()


def _is_string_like(series: pd.Series) -> bool:
    if pd.api.types.is_string_dtype(series):
        return True
    return series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) in {
        "string",
        "empty",
    }


def _normalise_column(frame: pd.DataFrame, schema: FrameSchema, column: Column) -> pd.Series:
    series = frame[column.name]
    name = schema.name

    def type_error() -> ColumnTypeError:
        return ColumnTypeError(
            frame=name,
            column=column.name,
            expected=expected_type(column.kind),
            found=_describe(series),
        )

    def invalid(reason: str, mask) -> None:
        rows = bad_rows(frame, mask)
        if rows:
            raise InvalidValueError(frame=name, column=column.name, reason=reason, rows=rows)

    kind = column.kind
    if kind in {"id", "text", "letter", "flags"}:
        if not _is_string_like(series):
            raise type_error()
        series = series.astype("string")  # nullable strings (pd.NA), the same in pandas 2 and 3
    elif kind == "int":
        if pd.api.types.is_bool_dtype(series):
            raise type_error()
        if pd.api.types.is_integer_dtype(series):
            pass
        elif series.dtype.kind == "f":
            values = series.to_numpy()
            if np.isnan(values).any() or not np.array_equal(values, np.floor(values)):
                raise type_error()
        elif series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) == "integer":
            if series.map(lambda v: isinstance(v, float)).any():  # NaN among ints
                raise type_error()
        else:
            raise type_error()
        series = series.astype("Int64")
    elif kind == "number":
        if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
            raise type_error()
        series = series.astype("Float64").astype("float64")
    elif kind == "bool":
        if pd.api.types.is_bool_dtype(series):
            pass
        elif not (
            series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) == "boolean"
        ):
            raise type_error()
        series = series.astype("boolean")
    elif kind == "datetime":
        if not isinstance(series.dtype, pd.DatetimeTZDtype):
            raise type_error()
        series = series.dt.tz_convert(TIMEZONE)

    missing = series.isna()
    if not column.nullable:
        invalid(label("reason_missing"), missing)
    if kind == "id" and not column.nullable:
        invalid(label("reason_empty"), series.str.strip().eq("").fillna(False))
    if kind == "number":
        invalid(label("reason_not_finite"), np.isinf(series.to_numpy()))
    if column.minimum is not None and kind in {"int", "number"}:
        invalid(label("reason_below_minimum", minimum=column.minimum), series.lt(column.minimum))
    if kind == "letter":
        ok = series.isin(list(OPTION_LETTERS)) | missing
        invalid(label("reason_not_letter", letters=OPTION_LETTERS), ~ok)
    if kind == "text":
        series = series.map(nfc, na_action="ignore").astype("string")
    if kind == "flags":
        series = _canonical_flags(frame, schema, column, series)
    if kind == "int" and not column.nullable:
        series = series.astype("int64")
    if kind == "bool":
        series = series.astype(bool)
    return series


def _canonical_flags(
    frame: pd.DataFrame, schema: FrameSchema, column: Column, series: pd.Series
) -> pd.Series:
    filled = series.fillna("")
    mapping: dict[str, str | None] = {}
    for raw in filled.unique():
        words = sorted({w for w in _FLAG_SPLIT.split(raw.strip().lower()) if w})
        mapping[raw] = ",".join(words) if all(_FLAG_WORD.match(w) for w in words) else None
    canonical = filled.map(mapping)
    if canonical.isna().any():
        rows = bad_rows(frame, canonical.isna())
        raise InvalidValueError(
            frame=schema.name, column=column.name, reason=label("reason_bad_flag"), rows=rows
        )
    return canonical.astype("string")


def validate_frame(frame: object, schema: FrameSchema) -> pd.DataFrame:
    """``frame`` checked against ``schema``: a normalised copy, or a typed error."""
    if not isinstance(frame, pd.DataFrame):
        raise ResultsInputError(
            label("err_not_frame", frame=schema.name, found=type(frame).__name__), frame=schema.name
        )
    for column in schema.columns:
        if column.name not in frame.columns:
            raise MissingColumnError(
                label(
                    "err_missing_column",
                    frame=schema.name,
                    column=column.name,
                    required=", ".join(schema.names),
                ),
                frame=schema.name,
                column=column.name,
            )
    out = frame.copy()
    for column in schema.columns:
        out[column.name] = _normalise_column(frame, schema, column)
    duplicated = out.duplicated(subset=list(schema.key), keep=False)
    if duplicated.any():
        raise DuplicateRowError(frame=schema.name, key=schema.key, rows=bad_rows(frame, duplicated))
    return out
