"""Review flags from an item analysis, and the notes they become in the bank.

Flags (thresholds are parameters): ``too_easy`` (facility > 0.9), ``too_hard`` (< 0.2),
``negative_discrimination`` (Kelley's D < 0) and ``unused_distractor`` (a wrong option nobody
chose). Questions answered by fewer than ``min_respondents`` people are not judged. The notes
are Vietnamese sentences for ``quizzes.review.add_note``, which skips a note already present, so
writing them back after every round is idempotent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .results_labels import label

if TYPE_CHECKING:  # items re-exports this module's functions, so no runtime import back
    from .items import ItemAnalysis

__all__ = ["FLAGS", "flag_items", "review_notes"]

FLAGS = ("too_easy", "too_hard", "negative_discrimination", "unused_distractor")


def flag_items(
    analysis: ItemAnalysis,
    *,
    too_easy: float = 0.9,
    too_hard: float = 0.2,
    min_respondents: int = 20,
) -> pd.DataFrame:
    """Review flags as records: round_id, question_id, flag, value, threshold, respondents,
    option, note (Vietnamese). Questions with fewer than ``min_respondents`` are not flagged."""
    items = analysis.items[analysis.items["respondents"] >= min_respondents]
    records = []

    def add(row, flag, value, threshold, option=None):
        values = {"round_id": row.round_id, "value": value, "threshold": threshold}
        note = label(f"flag_{flag}", **values, n=row.respondents, option=option)
        records.append(
            (row.round_id, row.question_id, flag, value, threshold, row.respondents, option, note)
        )

    for row in items.itertuples(index=False):
        if row.facility > too_easy:
            add(row, "too_easy", row.facility, too_easy)
        if row.facility < too_hard:
            add(row, "too_hard", row.facility, too_hard)
        if row.discrimination < 0:
            add(row, "negative_discrimination", row.discrimination, 0.0)
    unused = analysis.options[(analysis.options["count"] == 0) & ~analysis.options["is_key"]]
    unused = unused.merge(items[["round_id", "question_id", "respondents"]], how="inner")
    for row in unused.itertuples(index=False):
        add(row, "unused_distractor", 0.0, 0.0, option=row.option)
    columns = [
        "round_id",
        "question_id",
        "flag",
        "value",
        "threshold",
        "respondents",
        "option",
        "note",
    ]
    flags = pd.DataFrame(records, columns=columns)
    order = flags["flag"].map({f: i for i, f in enumerate(FLAGS)})
    return (
        flags.assign(_o=order)
        .sort_values(["question_id", "round_id", "_o", "option"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def review_notes(flags: pd.DataFrame) -> dict[str, list[str]]:
    """``{question_id: [note, …]}``, ready to append to the bank questions' ``notes``."""
    notes: dict[str, list[str]] = {}
    for question_id, note in flags[["question_id", "note"]].itertuples(index=False):
        notes.setdefault(question_id, []).append(note)
    return notes
