"""Building the nbgrader course, and scoring through the real nbgrader (collect + autograde)."""

from __future__ import annotations

import csv
import json
import stat

import pytest
from contest_fixtures import at, build, nbgrader

from grading.contest_store import PaperChanged, load_frozen
from grading.course_layout import CourseLayout
from grading.intake import Intake
from grading.paper_check import score_attempt
from grading.registry_people import PeopleRegistry
from quizzes.papers import shown_key

pytestmark = pytest.mark.slow


def test_layout_config_and_private_modes(course) -> None:
    layout = CourseLayout.open(course)
    assert layout.course_id == "kiem-thu"
    for assignment in ("vong-1-lan-1", "vong-1-lan-2", "vong-1-lan-3", "vong-2-lan-1"):
        round_id = assignment.rsplit("-lan-", 1)[0]
        assert (layout.source_dir / assignment / f"{round_id}.ipynb").is_file()
        assert (layout.release_dir / assignment / f"{round_id}.ipynb").is_file()
        assert (layout.outbound / assignment / f"{round_id}.ipynb").is_file()
    config = layout.config_file.read_text(encoding="utf-8")
    assert f"sqlite:///{course / 'gradebook.db'}" in config and "kiem-thu" in config
    for private in (layout.contest_dir, layout.private_dir):
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert stat.S_IMODE(layout.people_file.stat().st_mode) == 0o600


def test_no_key_in_release_or_exchange(course) -> None:
    layout = CourseLayout.open(course)
    contest = load_frozen(course)
    secrets = {contest.spec.seed, "BEGIN HIDDEN TESTS", "check_slot"}
    for pool in contest.pools.values():
        for question in pool:
            secrets.add(question.id)
            secrets.add(question.explanation)
            for letter in question.answer_letters():
                secrets.add(question.options["ABCDEF".index(letter)])
    shipped = [
        p for root in (layout.release_dir, layout.outbound) for p in root.rglob("*") if p.is_file()
    ]
    assert len(shipped) == 8
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        found = [s for s in secrets if s in text]
        assert not found, (path, found[:3])
    # The source keeps the hidden tests, and the rules cell tells the participant the rules.
    source = (layout.source_dir / "vong-1-lan-1" / "vong-1.ipynb").read_text(encoding="utf-8")
    assert source.count("BEGIN HIDDEN TESTS") == 10 and "Thể lệ" in source


def test_gradebook_has_assignments_due_at_close_and_participants(course) -> None:
    from nbgrader.api import Gradebook

    layout = CourseLayout.open(course)
    people = PeopleRegistry(layout.people_file, load_frozen(course).spec)
    person = people.register(
        {
            "ho_ten": "Thạch Sô Phol",
            "ngay_sinh": "02/03/1990",
            "so_dien_thoai": "0912000111",
            "cccd": "084090000111",
            "don_vi": "xa-a",
        },
        consent=True,
        now=at(2, 8),
    )
    report = build(course)
    assert report.pools == {"vong-1": "kept", "vong-2": "kept"} and report.students == 1
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="kiem-thu") as gradebook:
        due = {a.name: a.duedate for a in gradebook.assignments}
        assert due["vong-1-lan-3"].isoformat() == "2026-11-30T10:00:00"  # 17:00 Vietnam time
        students = {s.id: s for s in gradebook.students}
        assert person.participant_id in students
        entry = students[person.participant_id]
        assert (entry.first_name, entry.last_name, entry.email) == (None, None, None)


def test_pool_is_frozen_once_a_round_has_attempts(course, tmp_path) -> None:
    intake = Intake(course)
    intake.start("ts-frozen01", "vong-2", now=at(2, 9, month=12))
    with pytest.raises(PaperChanged):
        build(course, refreeze=["vong-2"])
    assert build(course, refreeze=["vong-1"]).pools["vong-1"] == "refrozen"


def test_nbgrader_collect_and_autograde_score_papers(course) -> None:
    """Reference answers score full marks, a blank and a broken paper score 0 — through the
    real nbgrader, and the scores equal what score_attempt computes without a kernel."""
    intake = Intake(course)
    contest = intake.contest
    questions = contest.questions("vong-1")
    cases = {"ts-perfect1": "perfect", "ts-blank001": "blank", "ts-broken01": "broken"}
    for pid, case in cases.items():
        started = intake.start(pid, "vong-1", now=at(10, 9))
        paper = contest.paper(pid, "vong-1", 1)
        if case == "perfect":
            answers = {str(s.number): shown_key(questions[s.question_id], s) for s in paper.slots}
            intake.submit(pid, "vong-1", 1, answers=answers, prediction=7, now=at(10, 9, 6))
        elif case == "blank":
            intake.submit(pid, "vong-1", 1, answers={}, now=at(10, 9, 6))
        else:
            intake.submit(pid, "vong-1", 1, raw_answers=b'{"answers": {"1": "A"', now=at(10, 9, 6))
        assert started.attempt.assignment == "vong-1-lan-1"
    collected = nbgrader(course, "collect", "vong-1-lan-1")
    assert collected.returncode == 0, collected.stderr
    for pid in cases:
        assert (course / "submitted" / pid / "vong-1-lan-1" / "answers.json").is_file()
    graded = nbgrader(course, "autograde", "vong-1-lan-1")
    assert graded.returncode == 0, graded.stderr
    exported = nbgrader(course, "export", "--to", str(course / "grades.csv"))
    assert exported.returncode == 0, exported.stderr
    with open(course / "grades.csv", encoding="utf-8") as handle:
        scores = {
            row["student_id"]: float(row["score"])
            for row in csv.DictReader(handle)
            if row["assignment"] == "vong-1-lan-1" and row["student_id"] in cases
        }
    assert scores == {"ts-perfect1": 20.0, "ts-blank001": 0.0, "ts-broken01": 0.0}
    for pid in cases:
        data = (course / "submitted" / pid / "vong-1-lan-1" / "answers.json").read_bytes()
        assert score_attempt(contest, pid, "vong-1", 1, data).points == scores[pid]
    graded_notebook = json.loads(
        (course / "autograded" / "ts-perfect1" / "vong-1-lan-1" / "vong-1.ipynb").read_text(
            encoding="utf-8"
        )
    )
    errors = [
        o
        for c in graded_notebook["cells"]
        for o in c.get("outputs", [])
        if o["output_type"] == "error"
    ]
    assert errors == []


def test_hidden_tests_pass_in_the_instructors_source(course) -> None:
    from grading.paper_check import check_slot

    assert check_slot(1, course / "source" / "vong-1-lan-1") is None


def test_a_contest_folder_planted_in_a_submission_is_ignored(course, tmp_path) -> None:
    from grading.paper_check import submission_score

    intake = Intake(course)
    intake.start("ts-planted1", "vong-1", now=at(12, 9))
    receipt = intake.submit("ts-planted1", "vong-1", 1, answers={"1": "A"}, now=at(12, 9, 5))
    target = course / "submitted" / "ts-planted1" / "vong-1-lan-1"
    target.mkdir(parents=True)
    for item in receipt.path.iterdir():
        (target / item.name).write_bytes(item.read_bytes())
    honest = submission_score(target)
    (target / "contest" / "pools").mkdir(parents=True)
    (target / "contest" / "spec.json").write_text("forged", encoding="utf-8")
    (target / "contest" / "layout.json").write_text("{}", encoding="utf-8")
    assert submission_score(target) == honest
    outside = tmp_path / "autograded" / "ts-planted1" / "vong-1-lan-1"
    outside.mkdir(parents=True)
    (outside / "contest").mkdir()
    (outside / "contest" / "spec.json").write_text("{}", encoding="utf-8")
    with pytest.raises(LookupError):
        submission_score(outside)
