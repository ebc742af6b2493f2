"""Papers for the JupyterLab way in: each participant's own paper, sealed, released with the
notebook.

nbgrader releases one notebook per assignment to everyone; the participant's questions must
reach their kernel without reaching anyone else's and without any key. ``dancoso contest
build`` therefore writes, for every participant on the roster (the students the organiser
added to nbgrader's gradebook: ``nbgrader db student add|import``) and every official attempt,

    source/<round>-lan-<n>/papers/<locator>.bin      (sealed: quizzes.sealed_papers)

which nbgrader's generate and release steps copy beside the notebook. The answer-sheet widget
(:mod:`widgets.answer_sheet`) opens it with the participant's access code. Codes come from a
secret kept in the organiser-only ``contest/`` folder; ``dancoso contest lab-codes`` lists them
for the organiser to hand out.

    secret = lab_secret(layout)
    report = seal_lab_papers(layout, frozen_contest, ["ts-3f9a2c1b", "nguyenvana"])
    codes = lab_codes(layout, ["ts-3f9a2c1b"])     # {"ts-3f9a2c1b": "ABCD-EFGH-IJKL"}
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizzes.papers import PaperError
from quizzes.sealed_papers import PAPERS_DIR, SEALED_SUFFIX, access_code, locator, seal_paper

from .contest_store import FrozenContest
from .course_layout import CourseLayout
from .drafts import write_atomic
from .participant_ids import ID_PATTERN

__all__ = [
    "PAPERS_DIR",
    "LabReport",
    "lab_secret",
    "lab_roster",
    "lab_codes",
    "seal_lab_papers",
]

_SECRET = "lab_secret"
_ROSTER = "lab_roster.json"


@dataclass(frozen=True)
class LabReport:
    participants: int
    written: int  # sealed files (re)written
    removed: int  # files of participants no longer on the roster
    skipped: tuple[str, ...]  # roster names that cannot be participant ids


def lab_secret(layout: CourseLayout) -> bytes:
    """The contest's code secret (32 random bytes), created once, readable only by its owner."""
    path = layout.contest_dir / _SECRET
    try:
        # O_EXCL with mode 0600: the file never exists with wider permissions, and two builds
        # at once cannot both create (and disagree on) the secret.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(handle, "wb") as file:
        file.write(secrets.token_bytes(32))
        file.flush()
        os.fsync(file.fileno())
    return path.read_bytes()


def lab_roster(layout: CourseLayout) -> frozenset[str]:
    """The participants whose papers were sealed at the last build."""
    try:
        data = json.loads((layout.contest_dir / _ROSTER).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return frozenset()
    return frozenset(p for p in data.get("participants", []) if isinstance(p, str))


def lab_codes(layout: CourseLayout, participants: Iterable[str]) -> dict[str, str]:
    secret = lab_secret(layout)
    return {p: access_code(secret, p) for p in sorted(set(participants))}


def _write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True


def seal_lab_papers(
    layout: CourseLayout, contest: FrozenContest, participants: Iterable[str]
) -> LabReport:
    """Write every roster participant's sealed paper into each official attempt's source
    folder, and remove the papers of anyone no longer on the roster."""
    names = sorted(set(participants))
    valid = [p for p in names if ID_PATTERN.fullmatch(p)]
    skipped = tuple(p for p in names if not ID_PATTERN.fullmatch(p))
    codes = lab_codes(layout, valid)
    written = removed = 0
    for round_ in contest.spec.rounds:
        for number, assignment in enumerate(round_.assignment_ids(), start=1):
            folder = layout.source_dir / assignment / PAPERS_DIR
            folder.mkdir(parents=True, exist_ok=True)
            wanted = set()
            for participant in valid:
                try:
                    paper = contest.paper(participant, round_.id, number)
                except PaperError:
                    continue  # the build has already refused an unfillable round
                payload = {
                    "participant": participant,
                    "assignment": assignment,
                    "round": round_.id,
                    "attempt": number,
                    "view": contest.paper_view(paper),
                }
                code = codes[participant]
                name = locator(code) + SEALED_SUFFIX
                wanted.add(name)
                written += _write_if_changed(folder / name, seal_paper(code, assignment, payload))
            for stale in folder.glob("*" + SEALED_SUFFIX):
                if stale.name not in wanted:
                    stale.unlink()
                    removed += 1
    roster = json.dumps({"participants": valid}, indent=1)
    _write_if_changed(layout.contest_dir / _ROSTER, roster.encode())
    return LabReport(len(valid), written, removed, skipped)
