"""Write item-analysis flags back to the bank as review notes (``quizzes.review.add_notes``).

``add_notes`` reads the bank once, writes each file once, never changes a question's status
and skips a note already present word for word, so running this after every build is
idempotent. A flagged question that is no longer
in the bank (renamed, or a pool frozen from an older bank) is reported, not an error.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .item_flags import review_notes

__all__ = ["write_review_notes"]


def write_review_notes(
    flags: pd.DataFrame, *, bank: Path, dry_run: bool = False
) -> dict[str, list[str]]:
    """Append each flag's note to its question in ``bank``; returns the notes by question
    (only those written, or that would be written with ``dry_run``)."""
    from quizzes.review import add_notes

    notes = review_notes(flags) if len(flags) else {}
    if dry_run:
        return notes
    # Questions not in this bank (renamed, or frozen from an older bank) are skipped.
    return add_notes(notes, bank=Path(bank)).written
