"""The input frames of the results core, their schema and validation.

Three pandas frames feed ranking, prizes, statistics and item analysis; whatever reads the
gradebook only has to produce them:

``attempts``  one row per submitted attempt (key: contest_id, round_id, participant_id, attempt_no)
``responses`` one row per question of an attempt (key: round_id, participant_id, attempt_no,
              question_id), long format
``units``     one row per unit (key: unit_id), a tree through ``parent_id``

Every column is listed in :data:`ATTEMPTS`, :data:`RESPONSES` and :data:`UNITS`. The ``validate_*``
functions return a normalised copy (ids as ``str``, datetimes in Asia/Ho_Chi_Minh, integers as
``int64``/``Int64``, flags canonical) or raise a :class:`ResultsInputError` subclass naming the
frame and the column. Extra columns are kept untouched.

Missing values: only the columns marked nullable may hold them. ``prediction`` is an integer
column, so a missing prediction is ``pd.NA`` in an ``Int64`` column; a float ``NaN`` is refused
(:class:`ColumnTypeError`) because it usually means a float column slipped through a join.

Flags: ``flags`` holds comma-separated lower-case words (``late``, ``over_allowance``,
``unreadable`` or any other). A flagged attempt is kept and counted in the attempt statistics
(lượt dự thi), but is never ranked, never counts as the participant's result and does not make
its author a participant of the round for rates and prizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from quizzes.schema import OPTION_LETTERS
from quizzes.text import nfc

from .results_labels import label

__all__ = [
    "TIMEZONE",
    "KNOWN_FLAGS",
    "Column",
    "FrameSchema",
    "ATTEMPTS",
    "RESPONSES",
    "UNITS",
    "ResultsInputError",
    "MissingColumnError",
    "ColumnTypeError",
    "InvalidValueError",
    "DuplicateRowError",
    "UnknownReferenceError",
    "validate_attempts",
    "validate_responses",
    "validate_units",
    "check_references",
    "ensure_valid",
    "read_results_csv",
]

TIMEZONE = "Asia/Ho_Chi_Minh"
KNOWN_FLAGS = ("late", "over_allowance", "unreadable")
_FLAG_WORD = re.compile(r"^[a-z][a-z0-9_]*$")
_FLAG_SPLIT = re.compile(r"[,;\s]+")
_VALIDATED = "dancoso_results_frame"


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


ATTEMPTS = FrameSchema(
    "attempts",
    (
        Column("contest_id", "id", "Contest id (one contest per frame is usual)."),
        Column("round_id", "id", "Round (đợt) id within the contest."),
        Column("participant_id", "id", "Stable participant id (never a CCCD or phone)."),
        Column("unit_id", "id", "The participant's unit (đơn vị dự thi); one per contest."),
        Column("group", "id", "Participant group (đối tượng), one per contest.", nullable=True),
        Column("attempt_no", "int", "Attempt number within the round, from 1.", minimum=1),
        Column("started_at", "datetime", "Server start time, tz-aware."),
        Column("submitted_at", "datetime", "Server submission time, tz-aware."),
        Column("duration_s", "number", "Completion time in seconds.", minimum=0),
        Column("correct", "int", "Number of correct answers.", minimum=0),
        Column("score", "number", "Score of the attempt (nbgrader's).", minimum=0),
        Column("max_score", "number", "Maximum possible score of the attempt.", minimum=0),
        Column("prediction", "int", "Answer to the prediction question.", True, minimum=0),
        Column("flags", "flags", "Comma-separated flags; flagged = not ranked.", nullable=True),
    ),
    ("contest_id", "round_id", "participant_id", "attempt_no"),
)

RESPONSES = FrameSchema(
    "responses",
    (
        Column("round_id", "id", "Round id."),
        Column("participant_id", "id", "Participant id."),
        Column("attempt_no", "int", "Attempt number.", minimum=1),
        Column("question_id", "id", "Bank question id."),
        Column("chosen", "letter", "Chosen option as a bank letter (A = first).", nullable=True),
        Column("correct", "bool", "Whether the answer was right."),
        Column("paper_position", "int", "Position of the question on the paper, from 1.", False, 1),
    ),
    ("round_id", "participant_id", "attempt_no", "question_id"),
)

UNITS = FrameSchema(
    "units",
    (
        Column("unit_id", "id", "Unit id."),
        Column("name", "text", "Unit name as published."),
        Column("parent_id", "id", "Parent unit, empty for a top-level unit.", nullable=True),
        Column(
            "headcount",
            "int",
            "Eligible people of the unit itself, not its children; empty for a grouping unit.",
            nullable=True,
            minimum=0,
        ),
    ),
    ("unit_id",),
)


class ResultsInputError(ValueError):
    """An input frame of the results core is not as :mod:`grading.results_model` describes."""

    def __init__(self, message: str, *, frame: str, column: str | None = None) -> None:
        super().__init__(message)
        self.frame = frame
        self.column = column


class MissingColumnError(ResultsInputError):
    """A required column is absent."""


class ColumnTypeError(ResultsInputError):
    """A column has the wrong type (e.g. a float ``prediction`` holding NaN)."""

    def __init__(self, *, frame: str, column: str, expected: str, found: str) -> None:
        message = label(
            "err_column_type", frame=frame, column=column, expected=expected, found=found
        )
        super().__init__(message, frame=frame, column=column)
        self.expected = expected
        self.found = found


class InvalidValueError(ResultsInputError):
    """Some values of a well-typed column are not allowed; ``rows`` holds their index labels."""

    def __init__(self, *, frame: str, column: str, reason: str, rows: list) -> None:
        shown = ", ".join(str(r) for r in rows[:5])
        message = label(
            "err_invalid_value",
            frame=frame,
            column=column,
            reason=reason,
            count=len(rows),
            rows=shown,
        )
        super().__init__(message, frame=frame, column=column)
        self.reason = reason
        self.rows = rows


class DuplicateRowError(ResultsInputError):
    """Several rows share the frame's key (e.g. the same attempt recorded twice)."""

    def __init__(self, *, frame: str, key: tuple[str, ...], rows: list) -> None:
        shown = ", ".join(str(r) for r in rows[:5])
        message = label(
            "err_duplicate_rows", frame=frame, key=", ".join(key), count=len(rows), rows=shown
        )
        super().__init__(message, frame=frame, column=key[-1])
        self.key = key
        self.rows = rows


class UnknownReferenceError(ResultsInputError):
    """Values refer to rows that another frame does not have."""

    def __init__(self, *, frame: str, column: str, target: str, values: list) -> None:
        shown = ", ".join(str(v) for v in values[:5])
        message = label(
            "err_unknown_reference",
            frame=frame,
            column=column,
            target=target,
            count=len(values),
            values=shown,
        )
        super().__init__(message, frame=frame, column=column)
        self.target = target
        self.values = values


_EXPECTED = {
    "id": "chuỗi ký tự (str)",
    "text": "chuỗi ký tự (str)",
    "int": "số nguyên (int64; ô trống là pd.NA trong cột Int64, không phải NaN)",
    "number": "số (int hoặc float)",
    "bool": "đúng/sai (bool)",
    "datetime": f"thời điểm có múi giờ (datetime64 tz-aware, {TIMEZONE})",
    "letter": "chữ cái phương án (str)",
    "flags": "chuỗi ký tự (str)",
}


def _describe(series: pd.Series) -> str:
    kind = pd.api.types.infer_dtype(series, skipna=True)
    has_nan = series.dtype.kind == "f" and bool(series.isna().any())
    return f"{series.dtype} ({kind}{', NaN' if has_nan else ''})"


def _bad_rows(frame: pd.DataFrame, mask: pd.Series | np.ndarray) -> list:
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
            frame=name, column=column.name, expected=_EXPECTED[column.kind], found=_describe(series)
        )

    def invalid(reason: str, mask) -> None:
        rows = _bad_rows(frame, mask)
        if rows:
            raise InvalidValueError(frame=name, column=column.name, reason=reason, rows=rows)

    kind = column.kind
    if kind in {"id", "text", "letter", "flags"}:
        if not _is_string_like(series):
            raise type_error()
        series = series.astype("str")
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
        series = series.map(nfc, na_action="ignore").astype("str")
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
        rows = _bad_rows(frame, canonical.isna())
        raise InvalidValueError(
            frame=schema.name, column=column.name, reason=label("reason_bad_flag"), rows=rows
        )
    return canonical.astype("str")


def _validate(frame: object, schema: FrameSchema) -> pd.DataFrame:
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
        raise DuplicateRowError(
            frame=schema.name, key=schema.key, rows=_bad_rows(frame, duplicated)
        )
    return out


def _mark(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame.attrs[_VALIDATED] = kind
    return frame


def validate_attempts(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise an attempts frame (see :data:`ATTEMPTS`)."""
    out = _validate(frame, ATTEMPTS)
    name = ATTEMPTS.name
    late = out["submitted_at"] < out["started_at"]
    if late.any():
        raise InvalidValueError(
            frame=name,
            column="submitted_at",
            reason=label("reason_submitted_before_start"),
            rows=_bad_rows(frame, late),
        )
    above = out["score"] > out["max_score"] + 1e-9
    if above.any():
        raise InvalidValueError(
            frame=name,
            column="score",
            reason=label("reason_score_above_max"),
            rows=_bad_rows(frame, above),
        )
    for column in ("unit_id", "group"):
        spread = out.groupby(["contest_id", "participant_id"], sort=False)[column].transform(
            "nunique", dropna=False
        )
        if (spread > 1).any():
            raise InvalidValueError(
                frame=name,
                column=column,
                reason=label("reason_inconsistent"),
                rows=_bad_rows(frame, spread > 1),
            )
    return _mark(out, "attempts")


def validate_responses(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise a responses frame (see :data:`RESPONSES`)."""
    out = _validate(frame, RESPONSES)
    blank_right = out["chosen"].isna() & out["correct"]
    if blank_right.any():
        raise InvalidValueError(
            frame=RESPONSES.name,
            column="correct",
            reason=label("reason_blank_but_correct"),
            rows=_bad_rows(frame, blank_right),
        )
    position_key = ["round_id", "participant_id", "attempt_no", "paper_position"]
    twice = out.duplicated(subset=position_key, keep=False)
    if twice.any():
        raise DuplicateRowError(
            frame=RESPONSES.name, key=tuple(position_key), rows=_bad_rows(frame, twice)
        )
    return _mark(out, "responses")


def validate_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise a units frame (see :data:`UNITS`): parents exist, no cycles."""
    out = _validate(frame, UNITS)
    known = set(out["unit_id"])
    parents = out["parent_id"]
    unknown = parents.notna() & ~parents.isin(known)
    if unknown.any():
        raise UnknownReferenceError(
            frame=UNITS.name,
            column="parent_id",
            target=UNITS.name,
            values=sorted(set(parents[unknown])),
        )
    parent_of = {
        unit: (None if pd.isna(parent) else parent)
        for unit, parent in zip(out["unit_id"], parents, strict=True)
    }
    in_cycle = []
    for position, unit in enumerate(out["unit_id"]):
        seen = {unit}
        current = parent_of[unit]
        while current is not None:
            if current in seen:
                in_cycle.append(frame.index[position])
                break
            seen.add(current)
            current = parent_of[current]
    if in_cycle:
        raise InvalidValueError(
            frame=UNITS.name, column="parent_id", reason=label("reason_parent_cycle"), rows=in_cycle
        )
    return _mark(out, "units")


_VALIDATORS = {
    "attempts": validate_attempts,
    "responses": validate_responses,
    "units": validate_units,
}


def ensure_valid(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``frame`` as validated ``kind``; validates only if it did not come from ``validate_*``."""
    if isinstance(frame, pd.DataFrame) and frame.attrs.get(_VALIDATED) == kind:
        return frame
    return _VALIDATORS[kind](frame)


def check_references(
    *,
    attempts: pd.DataFrame,
    responses: pd.DataFrame | None = None,
    units: pd.DataFrame | None = None,
) -> None:
    """Cross-frame checks: every attempt's unit exists; every response belongs to an attempt."""
    attempts = ensure_valid(attempts, "attempts")
    if units is not None:
        units = ensure_valid(units, "units")
        unknown = ~attempts["unit_id"].isin(units["unit_id"])
        if unknown.any():
            raise UnknownReferenceError(
                frame="attempts",
                column="unit_id",
                target="units",
                values=sorted(set(attempts.loc[unknown, "unit_id"])),
            )
    if responses is not None:
        responses = ensure_valid(responses, "responses")
        key = ["round_id", "participant_id", "attempt_no"]
        known = pd.MultiIndex.from_frame(attempts[key])
        mine = pd.MultiIndex.from_frame(responses[key])
        orphan = ~mine.isin(known)
        if orphan.any():
            values = sorted({"/".join(map(str, k)) for k in mine[orphan]})
            raise UnknownReferenceError(
                frame="responses", column="attempt_no", target="attempts", values=values
            )


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
                out[column.name] = cells.astype("str")
        except (ValueError, TypeError) as exc:
            raise ColumnTypeError(
                frame=kind, column=column.name, expected=_EXPECTED[column.kind], found=str(exc)
            ) from exc
    return _VALIDATORS[kind](out)


def _vietnam_time(text: str) -> pd.Timestamp:
    stamp = pd.Timestamp(text)
    if stamp.tzinfo is None:
        return stamp.tz_localize(TIMEZONE)
    return stamp.tz_convert(TIMEZONE)
