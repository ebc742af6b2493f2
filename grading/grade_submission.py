"""Reading one submission as data: capped, without following links, with reasons.

Both grading engines start here, so they see the same bytes and record the same reasons.
Nothing in a submission is executed or trusted: ``answers.json`` is read (at most
``MAX_ANSWERS_BYTES + 1`` bytes, enough to tell "too large"), the notebook is read only to
say how it differs from the released one (answers are data; the notebook is a wrapper), and
symbolic links, FIFOs and other odd files are never opened.

Reasons (codes, stored per graded attempt; none of them changes a score by itself):

``symlink``               a symbolic link in the submission (never followed)
``answers_missing``…      the answers file is missing or unusable: ``answers_<code>`` with the
                          code of :class:`quizzes.answers.SheetProblem` (scores 0)
``answers_unknown_questions``  answers for question numbers the paper does not have (ignored)
``notebook_missing`` / ``notebook_too_large`` / ``notebook_not_json`` / ``notebook_invalid``
                          the notebook could not be used; the released one is graded instead
``cells_added`` / ``cells_edited`` / ``cells_missing`` / ``cells_duplicated``
                          cells a participant added (dropped), altered (restored), deleted
                          (re-added) or copied (nbgrader #1083: copies dropped)
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from quizzes.answers import ANSWERS_FILE, MAX_ANSWERS_BYTES

__all__ = [
    "NOTEBOOK_LIMIT",
    "ReleaseNotebook",
    "Submission",
    "read_capped",
    "cell_source",
    "cell_grade_id",
    "cell_reasons",
    "notebook_reasons",
    "read_submission",
]

NOTEBOOK_LIMIT = 20 * 1024 * 1024  # a released paper is ~10 KB; beyond this it is not one
_COMPARED_FLAGS = ("grade", "solution", "locked", "task", "points")


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def cell_grade_id(cell: object) -> str | None:
    """The nbgrader grade id of a cell, or None (also for malformed metadata)."""
    if not isinstance(cell, dict):
        return None
    metadata = cell.get("metadata")
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
    return grade_id if isinstance(grade_id, str) else None


def _signature(cell: dict) -> tuple:
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    flags = tuple(nbgrader.get(name) for name in _COMPARED_FLAGS)
    return (cell.get("cell_type"), cell_source(cell), flags)


@dataclass(frozen=True)
class ReleaseNotebook:
    """The notebook participants received (nbgrader's release): bytes and cells by grade id."""

    data: bytes
    cells: dict[str, dict]
    order: tuple[str, ...]
    signatures: dict[str, tuple]

    @classmethod
    def from_bytes(cls, data: bytes) -> ReleaseNotebook:
        cells = [c for c in json.loads(data.decode("utf-8"))["cells"] if cell_grade_id(c)]
        by_id = {cell_grade_id(c): c for c in cells}
        return cls(
            data=data,
            cells=by_id,
            order=tuple(by_id),
            signatures={key: _signature(cell) for key, cell in by_id.items()},
        )

    @classmethod
    def read(cls, path: Path) -> ReleaseNotebook:
        return cls.from_bytes(Path(path).read_bytes())


def cell_reasons(cells: list, release: ReleaseNotebook) -> set[str]:
    """How a list of submitted cells differs from the release (see the module docstring)."""
    reasons: set[str] = set()
    seen: Counter = Counter()
    for cell in cells:
        grade_id = cell_grade_id(cell)
        if grade_id is None or grade_id not in release.cells:
            reasons.add("cells_added")
            continue
        seen[grade_id] += 1
        if seen[grade_id] > 1:
            reasons.add("cells_duplicated")
        elif _signature(cell) != release.signatures[grade_id]:
            reasons.add("cells_edited")
    if set(release.order) - set(seen):
        reasons.add("cells_missing")
    return reasons


def notebook_reasons(data: bytes | None, release: ReleaseNotebook) -> set[str]:
    if data is None:
        return {"notebook_missing"}
    if data == release.data:
        return set()
    if len(data) > NOTEBOOK_LIMIT:
        return {"notebook_too_large"}
    try:
        notebook = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {"notebook_not_json"}
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list) or notebook.get("nbformat") != 4 or not _valid(data):
        return {"notebook_invalid"}
    return cell_reasons(cells, release)


def _valid(data: bytes) -> bool:
    """Whether nbformat (and so nbgrader) accepts the notebook; only for altered notebooks."""
    import warnings

    import nbformat

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. duplicate cell ids, which nbformat repairs
            nbformat.validate(nbformat.reads(data.decode("utf-8"), as_version=4))
    except Exception:  # any failure means nbgrader could not read it either
        return False
    return True


def read_capped(path: Path, limit: int) -> bytes | None:
    """At most ``limit`` bytes of a regular file; None for a link, FIFO, directory or none."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, left = [], limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Submission:
    path: Path
    answers: bytes | None  # capped; None when missing or not a regular file
    notebook: bytes | None  # capped; None when missing or not a regular file
    reasons: frozenset[str]
    digest: str  # of the bytes above and the submission's name


def read_submission(path: Path, notebook_name: str, release: ReleaseNotebook) -> Submission:
    path = Path(path)
    reasons: set[str] = set()
    try:
        with os.scandir(path) as entries:
            if any(entry.is_symlink() for entry in entries):
                reasons.add("symlink")
    except OSError:
        reasons.add("submission_unreadable")
    answers = read_capped(path / ANSWERS_FILE, MAX_ANSWERS_BYTES + 1)
    notebook = read_capped(path / notebook_name, NOTEBOOK_LIMIT + 1)
    reasons |= notebook_reasons(notebook, release)
    digest = hashlib.sha256()
    for part in (path.name.encode(), answers, notebook):
        digest.update(b"-" if part is None else hashlib.sha256(part).digest())
    return Submission(path, answers, notebook, frozenset(reasons), digest.hexdigest())
