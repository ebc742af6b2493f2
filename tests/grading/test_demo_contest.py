"""The shipped demo contest builds over the real bank and its simulated attempts collect."""

from __future__ import annotations

import pytest

from grading.course_build import nbgrader_api
from grading.demo_contest import DEMO_SPEC, prepare_demo_contest
from grading.intake import Intake
from quizzes.contest_load import load_contest, usable_questions

pytestmark = pytest.mark.slow


def test_demo_builds_simulates_and_collects(tmp_path) -> None:
    loaded = load_contest(DEMO_SPEC, bank=usable_questions()[0])
    if any(p.code in {"quota_short", "quotas_short"} for p in loaded.problems):
        pytest.skip("the real bank does not yet hold enough reviewed questions for the demo")
    course = prepare_demo_contest(tmp_path, participants=15, seed=2)
    intake = Intake(course)
    attempts = intake.ledger.attempts(kind="official")
    assert len({a.participant for a in attempts}) == 15 and len(attempts) >= 30
    pools = intake.contest.pools.values()
    assert not any("cap-huyen" in q.tags for pool in pools for q in pool)  # exclude_tags
    assert prepare_demo_contest(tmp_path, participants=15) == course  # idempotent
    assert len(intake.ledger.attempts(kind="official")) == len(attempts)
    result = nbgrader_api(intake.layout).collect("vong-1-lan-1")
    assert result["success"], result.get("log")
    collected = list((course / "submitted").iterdir())
    assert len(collected) == sum(a.assignment == "vong-1-lan-1" and a.submitted for a in attempts)


def test_demo_lets_this_account_take_it_in_jupyterlab(tmp_path) -> None:
    from grading.demo_contest import demo_lab_account
    from grading.lab_papers import lab_codes, lab_roster
    from quizzes.sealed_papers import locator, open_paper

    account = demo_lab_account()
    if account is None:
        pytest.skip("this machine's account name cannot be a participant id")
    course = prepare_demo_contest(tmp_path, participants=5, seed=3)
    layout = Intake(course).layout
    assert account in lab_roster(layout)
    code = lab_codes(layout, [account])[account]
    sealed = course / "release" / "vong-1-lan-1" / "papers" / f"{locator(code)}.bin"
    paper = open_paper(code, "vong-1-lan-1", sealed.read_bytes())
    assert paper["participant"] == account and len(paper["view"]["questions"]) == 20
