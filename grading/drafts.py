"""Autosaved answer sheets: ``<course>/contest/drafts/<participant>/<round>-<kind>-<n>.json``.

Every change the answer sheet sends is validated and written atomically (a temporary file,
fsync, rename), so a closed tab, a crash or a power cut leaves the previous or the new sheet,
never half of one. Drafts hold no personal data; the submit step copies the last one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from quizzes.answers import AnswerSheet, SheetProblem, dump_answer_sheet, read_answer_sheet

from .participant_ids import check_participant_id

__all__ = ["DraftStore", "write_atomic"]


def write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class DraftStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, participant: str, round_id: str, number: int, kind: str) -> Path:
        check_participant_id(participant)
        if "/" in round_id or round_id.startswith(".") or kind not in ("official", "practice"):
            raise ValueError(f"unsafe draft key {round_id!r}/{kind!r}")
        return self.folder / participant / f"{round_id}-{kind}-{int(number)}.json"

    def save(self, sheet: AnswerSheet, kind: str) -> Path:
        path = self.path(sheet.participant, sheet.round, sheet.attempt, kind)
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, dump_answer_sheet(sheet))
        return path

    def load(self, participant: str, round_id: str, number: int, kind: str) -> AnswerSheet | None:
        try:
            return read_answer_sheet(self.path(participant, round_id, number, kind).read_bytes())
        except (FileNotFoundError, SheetProblem):
            return None
