"""Where a built contest keeps its files. One course directory per contest:

<course>/nbgrader_config.py        nbgrader's configuration (db_url: SQLite by default)
<course>/gradebook.db              nbgrader's gradebook (unless db_url points elsewhere)
<course>/source/<round>-lan-<n>/<round>.ipynb   paper notebook of attempt n (no key)
<course>/release/…                 nbgrader's generated student version
<course>/contest/                  0700: organiser-only contest state
    layout.json                    course id and exchange location
    spec.json                      the spec as built
    pools/<round>.json             the round's frozen question pool (with keys)
    attempts.sqlite                the attempt ledger (no personal data)
    drafts/<participant>/…         autosaved answer sheets
    practice/, held/               practice attempts; re-submissions of a closed attempt
<course>/private/                  0700: personal data (participants.sqlite, 0600)
<exchange>/<course_id>/inbound/    submissions, exactly as ``nbgrader submit`` leaves them
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CourseLayout", "CourseNotBuilt"]


class CourseNotBuilt(FileNotFoundError):
    """The directory holds no built contest (run ``dancoso contest build`` first)."""


@dataclass(frozen=True)
class CourseLayout:
    root: Path
    course_id: str
    exchange: Path

    @classmethod
    def open(cls, root: Path) -> CourseLayout:
        root = Path(root).resolve()
        try:
            data = json.loads((root / "contest" / "layout.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CourseNotBuilt(str(root)) from None
        return cls(root=root, course_id=data["course_id"], exchange=Path(data["exchange"]))

    @classmethod
    def create(cls, root: Path, course_id: str, exchange: Path | None = None) -> CourseLayout:
        root = Path(root).resolve()
        layout = cls(
            root=root, course_id=course_id, exchange=(exchange or root / "exchange").resolve()
        )
        for private in (layout.contest_dir, layout.private_dir):
            private.mkdir(parents=True, exist_ok=True)
            os.chmod(private, 0o700)
        for folder in (layout.pools_dir, layout.drafts_dir, layout.held_dir, layout.practice_dir):
            folder.mkdir(exist_ok=True)
        layout.exchange.mkdir(parents=True, exist_ok=True)
        # nbgrader's exchange must be writable by every student account (JupyterHub setups).
        os.chmod(layout.exchange, 0o777)
        text = json.dumps({"course_id": course_id, "exchange": str(layout.exchange)}, indent=1)
        _write_atomic(layout.contest_dir / "layout.json", text)
        return layout

    @property
    def contest_dir(self) -> Path:
        return self.root / "contest"

    @property
    def spec_file(self) -> Path:
        return self.contest_dir / "spec.json"

    @property
    def pools_dir(self) -> Path:
        return self.contest_dir / "pools"

    @property
    def ledger_file(self) -> Path:
        return self.contest_dir / "attempts.sqlite"

    @property
    def drafts_dir(self) -> Path:
        return self.contest_dir / "drafts"

    @property
    def held_dir(self) -> Path:
        return self.contest_dir / "held"

    @property
    def practice_dir(self) -> Path:
        return self.contest_dir / "practice"

    @property
    def private_dir(self) -> Path:
        return self.root / "private"

    @property
    def people_file(self) -> Path:
        return self.private_dir / "participants.sqlite"

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def release_dir(self) -> Path:
        return self.root / "release"

    @property
    def config_file(self) -> Path:
        return self.root / "nbgrader_config.py"

    @property
    def inbound(self) -> Path:
        return self.exchange / self.course_id / "inbound"

    @property
    def outbound(self) -> Path:
        return self.exchange / self.course_id / "outbound"

    def notebook_name(self, round_id: str) -> str:
        return f"{round_id}.ipynb"


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
