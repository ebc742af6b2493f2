"""The input frames' schema: bad input raises a typed error that names the frame and column."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from grading.results_model import (
    ATTEMPTS,
    TIMEZONE,
    ColumnTypeError,
    DuplicateRowError,
    InvalidValueError,
    MissingColumnError,
    ResultsInputError,
    UnknownReferenceError,
    check_references,
    ensure_valid,
    read_results_csv,
    validate_attempts,
    validate_responses,
    validate_units,
)
from grading.unit_tree import rolled_headcount, unit_ancestry, unit_depths

FILES = Path(__file__).parent / "files" / "results"


@pytest.fixture
def raw_attempts() -> pd.DataFrame:
    """A valid attempts frame as a reader would build it (before validation)."""
    at = pd.Timestamp("2025-03-03 08:00", tz=TIMEZONE)
    return pd.DataFrame(
        {
            "contest_id": ["demo", "demo", "demo"],
            "round_id": ["dot-1", "dot-1", "dot-1"],
            "participant_id": ["a", "a", "b"],
            "unit_id": ["x1", "x1", "x2"],
            "group": ["can-bo", "can-bo", None],
            "attempt_no": [1, 2, 1],
            "started_at": [at, at, at],
            "submitted_at": [at + pd.Timedelta(minutes=m) for m in (5, 6, 7)],
            "duration_s": [300.0, 360.0, 420.0],
            "correct": [9, 10, 8],
            "score": [9.0, 10.0, 8.0],
            "max_score": [10.0, 10.0, 10.0],
            "prediction": pd.array([120, pd.NA, 80], dtype="Int64"),
            "flags": [None, "Late, unreadable", ""],
        }
    )


def test_valid_frame_is_normalised(raw_attempts: pd.DataFrame) -> None:
    frame = validate_attempts(raw_attempts.assign(extra=1))
    assert frame["flags"].tolist() == ["", "late,unreadable", ""]
    assert str(frame["started_at"].dt.tz) == TIMEZONE
    assert frame["prediction"].dtype == "Int64"
    assert frame["attempt_no"].dtype == "int64"
    assert "extra" in frame.columns
    assert ensure_valid(frame, "attempts") is frame  # not validated twice


def test_other_timezones_are_converted(raw_attempts: pd.DataFrame) -> None:
    utc = raw_attempts.assign(started_at=raw_attempts["started_at"].dt.tz_convert("UTC"))
    frame = validate_attempts(utc)
    assert frame["started_at"].iloc[0] == pd.Timestamp("2025-03-03 08:00", tz=TIMEZONE)
    assert frame["started_at"].iloc[0].hour == 8


@pytest.mark.parametrize("column", ATTEMPTS.names)
def test_every_missing_column_is_named(raw_attempts: pd.DataFrame, column: str) -> None:
    with pytest.raises(MissingColumnError) as caught:
        validate_attempts(raw_attempts.drop(columns=column))
    assert caught.value.column == column
    assert caught.value.frame == "attempts"
    assert f"'{column}'" in str(caught.value)


def test_duplicate_attempt_rows(raw_attempts: pd.DataFrame) -> None:
    doubled = pd.concat([raw_attempts, raw_attempts.iloc[[2]]], ignore_index=True)
    with pytest.raises(DuplicateRowError) as caught:
        validate_attempts(doubled)
    assert caught.value.rows == [2, 3]
    assert caught.value.key == ("contest_id", "round_id", "participant_id", "attempt_no")
    assert "trùng khoá" in str(caught.value)


def test_nan_prediction_is_a_type_error(raw_attempts: pd.DataFrame) -> None:
    floats = raw_attempts.assign(prediction=[120.0, np.nan, 80.0])
    with pytest.raises(ColumnTypeError) as caught:
        validate_attempts(floats)
    assert caught.value.column == "prediction"
    assert "NaN" in caught.value.found
    assert "pd.NA" in str(caught.value)


def test_whole_floats_are_accepted_as_integers(raw_attempts: pd.DataFrame) -> None:
    frame = validate_attempts(raw_attempts.assign(prediction=[120.0, 7.0, 80.0]))
    assert frame["prediction"].tolist() == [120, 7, 80]
    with pytest.raises(ColumnTypeError, match="prediction"):
        validate_attempts(raw_attempts.assign(prediction=[120.5, 7.0, 80.0]))


@pytest.mark.parametrize(
    ("column", "value", "error"),
    [
        ("prediction", pd.array([-1, 2, 3], dtype="Int64"), InvalidValueError),
        ("correct", [1.0, np.nan, 2.0], ColumnTypeError),
        ("score", [9.0, np.nan, 8.0], InvalidValueError),
        ("score", [9.0, np.inf, 8.0], InvalidValueError),
        ("score", [11.0, 10.0, 8.0], InvalidValueError),
        ("attempt_no", [0, 2, 1], InvalidValueError),
        ("attempt_no", [True, False, True], ColumnTypeError),
        ("participant_id", ["a", "a", ""], InvalidValueError),
        ("participant_id", ["a", "a", None], InvalidValueError),
        ("participant_id", [1, 1, 2], ColumnTypeError),
        ("duration_s", ["300", "360", "420"], ColumnTypeError),
        ("started_at", [pd.Timestamp("2025-03-03 08:00")] * 3, ColumnTypeError),
        ("flags", ["late", "bad flag!", None], InvalidValueError),
        ("unit_id", ["x1", "x2", "x2"], InvalidValueError),  # a changes unit between attempts
        ("group", ["can-bo", None, None], InvalidValueError),
    ],
)
def test_bad_values_raise_typed_errors(raw_attempts, column, value, error) -> None:
    with pytest.raises(error) as caught:
        validate_attempts(raw_attempts.assign(**{column: value}))
    assert caught.value.column == column
    assert isinstance(caught.value, ResultsInputError)


def test_submitted_before_started(raw_attempts: pd.DataFrame) -> None:
    swapped = raw_attempts.assign(
        started_at=raw_attempts["submitted_at"], submitted_at=raw_attempts["started_at"]
    )
    with pytest.raises(InvalidValueError) as caught:
        validate_attempts(swapped)
    assert caught.value.column == "submitted_at"
    assert caught.value.rows == [0, 1, 2]


def test_not_a_frame() -> None:
    with pytest.raises(ResultsInputError, match="DataFrame"):
        validate_attempts([{"contest_id": "demo"}])


def test_responses_validation() -> None:
    frame = read_results_csv(FILES / "responses-hand-8x4.csv", "responses")
    assert frame["chosen"].isna().sum() == 1
    with pytest.raises(InvalidValueError) as caught:
        validate_responses(frame.assign(chosen=frame["chosen"].replace("B", "Z")))
    assert caught.value.column == "chosen"
    blank_right = frame.copy()
    blank_right.loc[30, "correct"] = True  # p8's blank answer to q3
    with pytest.raises(InvalidValueError, match="không chọn"):
        validate_responses(blank_right)
    with pytest.raises(DuplicateRowError):
        validate_responses(pd.concat([frame, frame.iloc[[0]]]))
    same_position = frame.copy()
    same_position.loc[1, "paper_position"] = 1
    with pytest.raises(DuplicateRowError) as caught:
        validate_responses(same_position)
    assert caught.value.key[-1] == "paper_position"


def test_units_validation_and_tree() -> None:
    units = read_results_csv(FILES / "units-tree.csv", "units")
    assert rolled_headcount(units).to_dict() == {"h1": 40, "h2": 40, "tinh": 80, "x1": 20, "x2": 10}
    assert unit_depths(units).to_dict() == {"h1": 1, "h2": 1, "tinh": 0, "x1": 2, "x2": 2}
    ancestors = unit_ancestry(units)
    assert sorted(ancestors.loc[ancestors["unit_id"] == "x1", "ancestor_id"]) == [
        "h1",
        "tinh",
        "x1",
    ]

    with pytest.raises(UnknownReferenceError) as caught:
        validate_units(units.assign(parent_id=units["parent_id"].replace("h1", "h9")))
    assert caught.value.column == "parent_id"
    assert caught.value.values == ["h9"]
    cycle = units.copy()
    cycle.loc[0, "parent_id"] = "x1"  # tinh under its own commune
    with pytest.raises(InvalidValueError, match="vòng lặp"):
        validate_units(cycle)


def test_grouping_units_without_headcount() -> None:
    units = read_results_csv(FILES / "units-tree.csv", "units")
    units["headcount"] = pd.array([pd.NA, pd.NA, 20, 10, pd.NA], dtype="Int64")
    rolled = rolled_headcount(validate_units(units))
    assert rolled["h1"] == 30
    assert rolled["tinh"] == 30
    assert pd.isna(rolled["h2"])  # nobody in h2's subtree has a headcount


def test_cross_references(raw_attempts: pd.DataFrame) -> None:
    units = read_results_csv(FILES / "units-tree.csv", "units")
    attempts = validate_attempts(raw_attempts)
    check_references(attempts=attempts, units=units)
    with pytest.raises(UnknownReferenceError) as caught:
        check_references(attempts=attempts.assign(unit_id="nowhere"), units=units)
    assert caught.value.column == "unit_id"
    responses = read_results_csv(FILES / "responses-hand-8x4.csv", "responses")
    with pytest.raises(UnknownReferenceError, match="p1/1"):
        check_references(attempts=attempts, responses=responses)


def test_english_messages(monkeypatch: pytest.MonkeyPatch, raw_attempts: pd.DataFrame) -> None:
    monkeypatch.setenv("DANCOSO_LANG", "en")
    with pytest.raises(MissingColumnError, match="column 'score' is missing"):
        validate_attempts(raw_attempts.drop(columns="score"))
