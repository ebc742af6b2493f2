"""Contest specs: the demo and a good fixture load; each bad fixture fails on its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from quizzes.contest_load import load_contest, load_contest_spec, usable_questions
from quizzes.contest_spec import ContestSpec, assignment_id, parse_assignment_id
from quizzes.problems import ContentError

FILES = Path(__file__).parent / "files"
CONTESTS = FILES / "contests"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bank():
    questions, problems = usable_questions([FILES / "contest-bank"])
    assert not problems
    return questions


def test_good_spec_loads_with_every_part(bank) -> None:
    spec = load_contest_spec(CONTESTS / "good.yaml", bank=bank)
    first = spec.round("vong-1")
    assert first.opens.utcoffset() == dt.timedelta(hours=7)
    assert first.paper.question_count == 10 and first.paper.max_points == 20
    assert spec.ranking[0] == "correct"
    assert spec.prediction_for(first).what == "full_score_count"
    assert spec.assignments() == {
        "vong-1-lan-1": ("vong-1", 1),
        "vong-1-lan-2": ("vong-1", 2),
        "vong-1-lan-3": ("vong-1", 3),
        "vong-2-lan-1": ("vong-2", 1),
    }
    assert spec.registration.field_of_kind("cccd").unique


def test_demo_spec_is_valid_against_the_real_bank() -> None:
    questions, _ = usable_questions()
    loaded = load_contest(ROOT / "quizzes" / "contests" / "demo.yaml", bank=questions)
    if any(p.code in {"quota_short", "quotas_short"} for p in loaded.problems):
        pytest.skip("the real bank does not yet hold enough reviewed questions for the demo")
    assert loaded.problems == [], [p.render() for p in loaded.problems]
    spec = loaded.spec
    assert len(spec.rounds) == 2 and len(spec.units) >= 12
    for round_ in spec.rounds:
        paper = round_.paper
        assert (paper.question_count, paper.time_limit_minutes, paper.attempts) == (20, 20, 3)
        assert paper.counting == "best"
    assert spec.draw_status == "reviewed" and spec.prediction is not None


@pytest.mark.parametrize(
    ("name", "line", "field", "needle"),
    [
        ("bad-overlap.yaml", 25, "rounds[1].opens", "chồng lên nhau"),
        ("bad-closes-before-opens.yaml", 11, "rounds[0].closes", "không sau thời điểm bắt đầu"),
        ("bad-naive-datetime.yaml", 11, "rounds[0].closes", "thiếu múi giờ"),
        ("bad-utc-datetime.yaml", 10, "rounds[0].opens", "+07:00"),
        ("bad-unknown-parent.yaml", 42, "units[2].parent", "huyen-cu"),
        ("bad-quota-short.yaml", 14, "rounds[0].paper.quotas[0].count", "chỉ có 15 câu reviewed"),
        ("bad-quotas-shared.yaml", 28, "rounds[1].paper.quotas", "chỉ chọn được 12 câu"),
        ("bad-no-headcount.yaml", 41, "units[1]", "headcount"),
        ("bad-ranking.yaml", 33, "ranking[0]", "correct"),
        ("bad-yaml-syntax.yaml", 16, None, "cú pháp YAML"),
    ],
)
def test_bad_spec_is_located(bank, name, line, field, needle) -> None:
    loaded = load_contest(CONTESTS / name, bank=bank)
    assert loaded.spec is None
    problem = loaded.errors[0]
    assert (problem.line, problem.field) == (line, field), problem.render()
    assert needle in problem.message
    assert problem.render().startswith(f"{CONTESTS / name}:{line}: lỗi:")


def test_misspelt_field_is_named(bank) -> None:
    loaded = load_contest(CONTESTS / "bad-unknown-field.yaml", bank=bank)
    rendered = [p.render() for p in loaded.errors]
    assert any(
        ":19:" in r and "time_limit_minute:" in r and "không có trong lược đồ" in r
        for r in rendered
    )


def test_load_raising_form_carries_every_problem(bank) -> None:
    with pytest.raises(ContentError) as caught:
        load_contest_spec(CONTESTS / "bad-overlap.yaml", bank=bank)
    assert len(caught.value.problems) == 1


def test_rules_also_hold_for_specs_built_in_code(bank) -> None:
    data = load_contest_spec(CONTESTS / "good.yaml").model_dump()
    data["rounds"][1]["opens"] = data["rounds"][0]["opens"]
    with pytest.raises(ValidationError, match="chồng lên nhau"):
        ContestSpec.model_validate(data)


def test_english_messages(bank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DANCOSO_LANG", "en")
    loaded = load_contest(CONTESTS / "bad-overlap.yaml", bank=bank)
    assert "must not overlap" in loaded.errors[0].message


def test_assignment_ids_round_trip() -> None:
    assert parse_assignment_id(assignment_id("vong-1", 12)) == ("vong-1", 12)
    assert parse_assignment_id("vong-1") is None


def test_prize_models_are_still_importable_from_the_spec_module() -> None:
    from quizzes import contest_prizes, contest_spec

    for name in contest_prizes.__all__:
        assert getattr(contest_spec, name) is getattr(contest_prizes, name), name
    assert set(contest_prizes.__all__) - {"RankKey"} <= set(contest_spec.__all__)


def test_excluded_tags_never_reach_a_pool() -> None:
    """The demo leaves out keys resting on the district level (abolished on 1/7/2025)."""
    from quizzes.papers import pool_for

    questions, _ = usable_questions()
    spec = load_contest_spec(ROOT / "quizzes" / "contests" / "demo.yaml")
    assert spec.exclude_tags == ["cap-huyen"]
    tagged = {q.id for q in questions.values() if "cap-huyen" in q.tags}
    assert tagged
    drawable = spec.drawable(questions)
    assert not set(drawable) & tagged and len(drawable) == len(questions) - len(tagged)
    for round_ in spec.rounds:
        assert not {q.id for q in pool_for(drawable, round_.paper, spec.draw_status)} & tagged
    would_be = {q.id for r in spec.rounds for q in pool_for(questions, r.paper, spec.draw_status)}
    assert would_be & tagged  # without the exclusion, a paper could ask them
