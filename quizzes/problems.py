"""A problem found in a content file, located precisely enough to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .i18n import translate
from .messages import MESSAGES

__all__ = ["Problem", "ContentError"]


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    code: str
    message: str
    question_id: str | None = None
    field: str | None = None
    severity: Literal["error", "warning"] = "error"
    fixable: bool = False

    def render(self, root: Path | None = None) -> str:
        path = self.file
        if root is not None:
            try:
                path = self.file.resolve().relative_to(root.resolve())
            except ValueError:
                pass
        where = f"{path}:{self.line}"
        who = f" [{self.question_id}]" if self.question_id else ""
        field = f" {self.field}:" if self.field else ""
        level = translate(MESSAGES, "level_" + self.severity)
        return f"{where}: {level}{who}{field} {self.message}"


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))
