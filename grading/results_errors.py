"""Typed errors of the results core's input frames; each names the frame and the column."""

from __future__ import annotations

from .results_labels import label

__all__ = [
    "ResultsInputError",
    "MissingColumnError",
    "ColumnTypeError",
    "InvalidValueError",
    "DuplicateRowError",
    "UnknownReferenceError",
]


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
