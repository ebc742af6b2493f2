"""The released notebook a submission is checked against (shared by our preprocessors)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..grade_submission import ReleaseNotebook

__all__ = ["release_for", "course_root_of"]


def course_root_of(resources: dict) -> Path:
    """The course root: nbgrader reads submissions from ``<root>/<step>/<student>/<assignment>``."""
    return Path(resources["metadata"]["path"]).resolve().parents[2]


@lru_cache(maxsize=16)
def _read(path: Path, stamp: int) -> ReleaseNotebook:
    return ReleaseNotebook.read(path)


def release_for(resources: dict) -> ReleaseNotebook:
    info = resources["nbgrader"]
    path = course_root_of(resources) / "release" / info["assignment"] / f"{info['notebook']}.ipynb"
    return _read(path, path.stat().st_mtime_ns)
