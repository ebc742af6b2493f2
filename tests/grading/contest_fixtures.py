"""Helpers of the contest tests: the fixture bank and spec (tests/quizzes/files), times, nbgrader."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUIZ_FILES = ROOT / "tests" / "quizzes" / "files"
BANK = QUIZ_FILES / "contest-bank"
SPEC = QUIZ_FILES / "contests" / "good.yaml"
VN = dt.timezone(dt.timedelta(hours=7))
BIN = Path(sys.executable).parent


def at(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 11) -> dt.datetime:
    """A time in Vietnam, November 2026 by default (round vong-1 is open 1–30/11)."""
    return dt.datetime(2026, month, day, hour, minute, second, tzinfo=VN)


def build(course: Path, **extra):
    from grading.course_build import build_course

    return build_course(spec_path=SPEC, course_dir=course, bank_paths=[BANK], now=at(1, 7), **extra)


def nbgrader(course: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The real nbgrader command line, run in the course directory."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        [str(BIN / "nbgrader"), *arguments],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
