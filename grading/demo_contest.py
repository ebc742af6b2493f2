"""The demo contest for ``make run``: build ``quizzes/contests/demo.yaml`` and fill it.

    course = prepare_demo_contest(data_dir())   # <data>/demo, built and simulated once

Idempotent: a rebuild keeps the frozen pools, and participants are simulated only while the
course has no attempt. The account running the demo joins the roster, so the JupyterLab way
in (Assignments › Fetch, the answer sheet, Submit) works with the code ``make run`` prints.
Simulated times fall inside the demo's windows, so it works on any date.
"""

from __future__ import annotations

from pathlib import Path

from quizzes.bank import BANK_DIR

from .course_build import build_course, sync_students
from .intake import Intake
from .lab_papers import lab_roster
from .participant_ids import ID_PATTERN
from .simulate import simulate

__all__ = ["DEMO_SPEC", "prepare_demo_contest", "demo_lab_account"]

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
    account = demo_lab_account()
    if account is not None and account not in lab_roster(intake.layout):
        # The person running the demo can take it in JupyterLab (Assignments) as well.
        sync_students(intake.layout, [account])
        build_course(spec_path=DEMO_SPEC, course_dir=course)
    return course


def demo_lab_account() -> str | None:
    """This machine's Jupyter account, if it can be a participant id (nbgrader files the
    JupyterLab submissions under it)."""
    from widgets.answer_sheet import jupyter_account

    account = jupyter_account()
    return account if ID_PATTERN.fullmatch(account) else None
