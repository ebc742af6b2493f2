"""The JupyterLab way in: real `nbgrader fetch_assignment` + `nbgrader submit`, reconciled
into the ledger; and a crash between writing and recording loses nothing."""

from __future__ import annotations

import json
import stat

import pytest
from contest_fixtures import at, nbgrader

from grading.course_layout import CourseLayout
from grading.exchange_inbound import write_submission
from grading.intake import Intake
from grading.paper_check import score_attempt
from grading.reconcile import reconcile_inbound
from quizzes.papers import shown_key

pytestmark = pytest.mark.slow


def test_nbgrader_submit_from_jupyterlab_is_recorded(course, tmp_path) -> None:
    layout = CourseLayout.open(course)
    home = tmp_path / "ts-lab00001"
    home.mkdir()
    (home / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = {layout.course_id!r}\n"
        f"c.Exchange.root = {str(layout.exchange)!r}\n"
        f"c.Exchange.cache = {str(tmp_path / 'cache')!r}\n",
        encoding="utf-8",
    )
    fetched = nbgrader(home, "fetch_assignment", "vong-1-lan-2")
    assert fetched.returncode == 0, fetched.stderr
    contest = Intake(course).contest
    paper = contest.paper("ts-lab00001", "vong-1", 2)
    questions = contest.questions("vong-1")
    answers = {str(s.number): shown_key(questions[s.question_id], s) for s in paper.slots}
    sheet = {"round": "vong-1", "attempt": 2, "participant": "ts-lab00001", "answers": answers}
    (home / "vong-1-lan-2" / "answers.json").write_text(json.dumps(sheet), encoding="utf-8")
    submitted = nbgrader(home, "submit", "vong-1-lan-2", "--student=ts-lab00001")
    assert submitted.returncode == 0, submitted.stderr

    # nbgrader's own submission and ours look alike: same names, same files, same modes.
    theirs = next(p for p in layout.inbound.iterdir() if p.name.startswith("ts-lab00001+"))
    ours = write_submission(
        tmp_path / "ours",
        "ts-lab00001",
        "vong-1-lan-2",
        {
            p.name: p.read_bytes()
            for p in theirs.iterdir()
            if p.name not in ("timestamp.txt", "submission_secret.txt")
        },
        at(12, 9),
    )
    assert sorted(p.name for p in ours.iterdir()) == sorted(p.name for p in theirs.iterdir())
    assert ours.name.split("+")[3].__len__() == theirs.name.split("+")[3].__len__() == 12
    assert theirs.name.split("+")[2].endswith(" UTC") and ours.name.split("+")[2].endswith(" UTC")
    for name in ("answers.json", "timestamp.txt", "submission_secret.txt"):
        assert stat.S_IMODE((ours / name).stat().st_mode) == stat.S_IMODE(
            (theirs / name).stat().st_mode
        )
    assert stat.S_IMODE(ours.stat().st_mode) == stat.S_IMODE(theirs.stat().st_mode)

    intake = Intake(course)
    assert reconcile_inbound(intake) == 1 and reconcile_inbound(intake) == 0
    attempt = intake.ledger.get("ts-lab00001", "vong-1", 2)
    assert attempt.submitted and attempt.source == "nbgrader" and "no_start_time" in attempt.flags
    data = (theirs / "answers.json").read_bytes()
    assert score_attempt(contest, "ts-lab00001", "vong-1", 2, data).correct == 10


def test_crash_between_writing_and_recording_loses_nothing(course) -> None:
    intake = Intake(course)
    started = intake.start("ts-crash001", "vong-1", now=at(13, 9))
    # The process died after the submission reached the inbound, before the ledger knew.
    path = write_submission(
        intake.layout.inbound,
        "ts-crash001",
        "vong-1-lan-1",
        {"answers.json": b'{"round": "vong-1", "attempt": 1, "participant": "ts-crash001"}'},
        at(13, 9, 6),
    )
    assert not intake.ledger.get("ts-crash001", "vong-1", 1).submitted
    assert reconcile_inbound(intake) == 1
    attempt = intake.ledger.get("ts-crash001", "vong-1", 1)
    assert attempt.id == started.attempt.id and attempt.submitted_at == at(13, 9, 6)
    assert attempt.name == path.name and not attempt.flags - {"unregistered"}
