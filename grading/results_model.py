"""The input frames of the results core, their schema and validation.

Three pandas frames feed ranking, prizes, statistics and item analysis; whatever reads the
gradebook only has to produce them:

``attempts``  one row per submitted attempt (key: contest_id, round_id, participant_id, attempt_no)
``responses`` one row per question of an attempt (key: round_id, participant_id, attempt_no,
              question_id), long format
``units``     one row per unit (key: unit_id), a tree through ``parent_id``

Every column is listed in :data:`ATTEMPTS`, :data:`RESPONSES` and :data:`UNITS`. The ``validate_*``
functions return a normalised copy (text as the nullable ``string`` dtype, datetimes in
Asia/Ho_Chi_Minh, integers as ``int64``/``Int64``, flags canonical, text NFC) or raise a
:class:`ResultsInputError` subclass naming the frame and the column (see
:mod:`grading.results_errors`). Extra columns are kept untouched. A validated frame is marked
(``DataFrame.attrs``), so the ranking and statistics functions do not check it twice; they
validate anything else they are given. Units: ``headcount`` counts the unit's own people and may
be empty for a grouping unit (see :mod:`grading.unit_tree`).

One contest per frame: ranking refuses a round whose attempts span several contest ids.

Missing values: only the columns marked nullable may hold them. ``prediction`` is an integer
column, so a missing prediction is ``pd.NA`` in an ``Int64`` column; a float ``NaN`` is refused
(:class:`ColumnTypeError`) because it usually means a float column slipped through a join.

Flags: ``flags`` holds comma-separated lower-case words (``late``, ``over_allowance``,
``unreadable`` or any other). A flagged attempt is kept and counted in the attempt statistics
(lượt dự thi), but is never ranked, never counts as the participant's result and does not make
its author a participant of the round for rates and prizes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .results_columns import (
    TIMEZONE,
    Column,
    FrameSchema,
    bad_rows,
    expected_type,
    validate_frame,
)
from .results_errors import (
    ColumnTypeError,
    DuplicateRowError,
    InvalidValueError,
    MissingColumnError,
    ResultsInputError,
    UnknownReferenceError,
)
from .results_labels import label

__all__ = [
    "TIMEZONE",
    "KNOWN_FLAGS",
    "Column",
    "FrameSchema",
    "ATTEMPTS",
    "RESPONSES",
    "UNITS",
    # The typed errors live in results_errors and are re-exported here with the schema.
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
    "expected_type",
    "read_results_csv",
]

KNOWN_FLAGS = ("late", "over_allowance", "unreadable")
_VALIDATED = "dancoso_results_frame"


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


def _mark(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame.attrs[_VALIDATED] = kind
    return frame


def validate_attempts(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise an attempts frame (see :data:`ATTEMPTS`)."""
    out = validate_frame(frame, ATTEMPTS)
    name = ATTEMPTS.name
    late = out["submitted_at"] < out["started_at"]
    if late.any():
        raise InvalidValueError(
            frame=name,
            column="submitted_at",
            reason=label("reason_submitted_before_start"),
            rows=bad_rows(frame, late),
        )
    above = out["score"] > out["max_score"] + 1e-9
    if above.any():
        raise InvalidValueError(
            frame=name,
            column="score",
            reason=label("reason_score_above_max"),
            rows=bad_rows(frame, above),
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
                rows=bad_rows(frame, spread > 1),
            )
    return _mark(out, "attempts")


def validate_responses(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise a responses frame (see :data:`RESPONSES`)."""
    out = validate_frame(frame, RESPONSES)
    blank_right = out["chosen"].isna() & out["correct"]
    if blank_right.any():
        raise InvalidValueError(
            frame=RESPONSES.name,
            column="correct",
            reason=label("reason_blank_but_correct"),
            rows=bad_rows(frame, blank_right),
        )
    position_key = ["round_id", "participant_id", "attempt_no", "paper_position"]
    twice = out.duplicated(subset=position_key, keep=False)
    if twice.any():
        raise DuplicateRowError(
            frame=RESPONSES.name, key=tuple(position_key), rows=bad_rows(frame, twice)
        )
    return _mark(out, "responses")


def validate_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise a units frame (see :data:`UNITS`): parents exist, no cycles."""
    out = validate_frame(frame, UNITS)
    known = out["unit_id"].unique()
    parents = out["parent_id"]
    unknown = parents.notna() & ~parents.isin(known)
    if unknown.any():
        raise UnknownReferenceError(
            frame=UNITS.name,
            column="parent_id",
            target=UNITS.name,
            values=sorted(parents[unknown].unique()),
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
                values=sorted(attempts.loc[unknown, "unit_id"].unique()),
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
