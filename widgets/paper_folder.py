"""The folder of one fetched attempt, as the answer sheet reads and writes it.

``<home>/<round>-lan-<n>/`` holds the paper notebook, ``papers/`` (every roster participant's
sealed paper), and — once the participant opened theirs — ``paper.json`` (their keyless paper)
and ``answers.json`` (their answers). Everything here is read as data: links are not followed,
sizes are capped, and nothing raises on a broken file.

    folder = PaperFolder(Path("vong-1-lan-1"))
    payload = folder.open_sealed("ABCD-EFGH-IJKL")   # raises SealError
    folder.write(ANSWERS_FILE, data)                 # atomic: never half a file
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path

from quizzes.answers import ANSWERS_FILE, PAPER_FILE, AnswerSheet, SheetProblem, read_answer_sheet
from quizzes.sealed_papers import PAPERS_DIR, SEALED_SUFFIX, locator, normalise_code, open_paper

__all__ = ["PaperFolder", "jupyter_account"]

MAX_FILE_BYTES = 1 << 20


def jupyter_account() -> str:
    """The name nbgrader files a submission under (``nbgrader.utils.get_username``)."""
    name = getpass.getuser()
    return os.environ.get("JUPYTERHUB_USER", "jovyan") if name == "jovyan" else name


@dataclass(frozen=True)
class PaperFolder:
    path: Path

    @property
    def assignment(self) -> str:
        return self.path.name

    @property
    def fetched(self) -> bool:
        return (self.path / PAPERS_DIR).is_dir()

    def read(self, name: str) -> bytes | None:
        path = self.path / name
        try:
            if path.is_symlink() or not path.is_file():
                return None
            with path.open("rb") as handle:
                return handle.read(MAX_FILE_BYTES)
        except OSError:
            return None

    def write(self, name: str, data: bytes) -> None:
        """Replace ``name`` atomically, durably (fsync before the rename)."""
        target = self.path / name
        partial = target.with_name(f".{name}.{os.getpid()}.partial")
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)

    def open_sealed(self, typed_code: str) -> dict:
        """The payload sealed for this code and attempt; raises SealError."""
        code = normalise_code(typed_code)
        sealed = self.read(f"{PAPERS_DIR}/{locator(code)}{SEALED_SUFFIX}")
        return open_paper(code, self.assignment, sealed)

    def paper(self) -> dict | None:
        """The paper opened earlier (``paper.json``), or None."""
        try:
            data = json.loads(self.read(PAPER_FILE) or b"null")
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def sheet(self) -> AnswerSheet:
        """The saved answers; raises SheetProblem (``missing`` when there are none)."""
        return read_answer_sheet(self.read(ANSWERS_FILE))

    def saved_sheet(self) -> AnswerSheet | None:
        try:
            return self.sheet()
        except SheetProblem:
            return None
