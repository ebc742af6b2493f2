"""The demo contest for ``make run``: build ``quizzes/contests/demo.yaml`` and fill it.

    course = prepare_demo_contest(data_dir())   # <data>/demo, built and simulated once

Idempotent: a rebuild keeps the frozen pools, and participants are simulated only while the
course has no attempt. Simulated times fall inside the demo's windows, so it works on any date.
"""

from __future__ import annotations

from pathlib import Path

from quizzes.bank import BANK_DIR

from .course_build import build_course, sync_students
from .intake import Intake
from .simulate import simulate

__all__ = ["DEMO_SPEC", "prepare_demo_contest"]

DEMO_SPEC = BANK_DIR.parent / "contests" / "demo.yaml"


def prepare_demo_contest(
    data_dir: Path, *, participants: int = 300, seed: int = 7, progress: bool = False
) -> Path:
    course = Path(data_dir) / "demo"
    build_course(spec_path=DEMO_SPEC, course_dir=course)
    intake = Intake(course)
    if not intake.ledger.attempts():
        report = simulate(
            course_dir=course, participants=participants, seed=seed, progress=progress
        )
        sync_students(intake.layout, report.participant_ids)
    return course
