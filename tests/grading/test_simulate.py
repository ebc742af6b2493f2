"""Simulated participants go through the real intake; nbgrader collect accepts them all."""

from __future__ import annotations

import pytest
from contest_fixtures import nbgrader

from grading.course_build import nbgrader_api
from grading.intake import Intake
from grading.simulate import simulate

pytestmark = pytest.mark.slow


def test_simulation_is_realistic_and_collectable(course) -> None:
    report = simulate(course_dir=course, participants=40, seed=3, progress=False)
    intake = Intake(course)
    official = intake.ledger.attempts(kind="official")
    assert report.participants == 40 and len(set(report.participant_ids)) == 40
    assert report.attempts == len(official) >= 60
    assert report.submitted == sum(a.submitted for a in official)
    people = intake.people()
    units = {unit for unit, _ in people.units().values()}
    assert units <= {"xa-a", "xa-b"} and len(units) == 2
    durations = [a.duration.total_seconds() for a in official if a.duration]
    assert min(durations) < 120 and max(durations) > 300
    assert all(a.started_at is not None for a in official)
    # Every official submission in the inbound is a real attempt of a registered person.
    inbound = [p.name for p in intake.layout.inbound.iterdir() if not p.name.startswith(".")]
    assert len(inbound) == report.submitted
    assert {name.split("+")[0] for name in inbound} <= set(report.participant_ids)
    result = nbgrader(course, "collect", "vong-1-lan-1")  # the command line, as organisers run it
    assert result.returncode == 0, result.stderr
    in_process = nbgrader_api(intake.layout).collect("vong-2-lan-1")  # and nbgrader's API
    assert in_process["success"], in_process.get("log")
    for assignment in ("vong-1-lan-1", "vong-2-lan-1"):
        expected = {a.participant for a in official if a.assignment == assignment and a.submitted}
        collected = {p.name for p in (course / "submitted").iterdir() if (p / assignment).is_dir()}
        assert collected == expected and len(expected) >= 30


def test_same_seed_same_people(tmp_path) -> None:
    import random

    from contest_fixtures import SPEC

    from grading.simulate import synthetic_person
    from quizzes.contest_load import load_contest_spec

    spec = load_contest_spec(SPEC)
    eager = {u.id: 0.5 for u in spec.units}
    one = [
        synthetic_person(spec, random.Random(9), spec.rounds[0].opens.date(), eager)
        for _ in range(3)
    ]
    two = [
        synthetic_person(spec, random.Random(9), spec.rounds[0].opens.date(), eager)
        for _ in range(3)
    ]
    assert one == two
    assert all(p["cccd"].startswith("084") and len(p["cccd"]) == 12 for p in one)


def test_essay_slots_get_text_that_reaches_the_inbound(tmp_path) -> None:
    """A contest with an essay: simulated sheets write some essays (and leave some blank),
    through the same intake, so the grader and the markers see them."""
    import json
    from pathlib import Path

    from contest_fixtures import BANK, at

    from grading.course_build import build_course

    files = Path(__file__).parent / "files"
    course = tmp_path / "tu-luan"
    build_course(
        spec_path=files / "essay-contest.yaml",
        course_dir=course,
        bank_paths=[BANK, files / "essay-bank"],
        now=at(1, 7),
    )
    report = simulate(course_dir=course, participants=20, seed=4, progress=False)
    inbound = [p for p in Intake(course).layout.inbound.iterdir() if not p.name.startswith(".")]
    assert len(inbound) == report.submitted > 0
    sheets = [json.loads((p / "answers.json").read_bytes()) for p in inbound]
    written = [s["essays"]["4"] for s in sheets if s.get("essays", {}).get("4")]
    assert written and all(isinstance(text, str) and text.strip() for text in written)
    assert all(set(s.get("essays", {})) <= {"4"} for s in sheets)  # only the essay slot
