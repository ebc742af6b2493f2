"""Per-participant papers: deterministic, quota-true, recomputable; letters map back."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from quizzes.answers import MAX_ESSAY_CHARS, SheetProblem, read_answer_sheet
from quizzes.contest_load import load_contest_spec, usable_questions
from quizzes.papers import (
    PaperError,
    draw_paper,
    is_correct,
    paper_view,
    pool_for,
    quota_matches,
    shown_key,
)
from quizzes.schema import OPTION_LETTERS

FILES = Path(__file__).parent / "files"


@pytest.fixture(scope="module")
def setup():
    bank, _ = usable_questions([FILES / "contest-bank"])
    spec = load_contest_spec(FILES / "contests" / "good.yaml", bank=bank)
    round_ = spec.round("vong-1")
    pool = pool_for(bank, round_.paper, spec.draw_status)
    return bank, spec, round_, pool


def draw(setup, participant="ts-0001", attempt=1, **extra):
    _, spec, round_, pool = setup
    return draw_paper(
        pool,
        round_.paper,
        seed=spec.seed,
        round_id=round_.id,
        participant_id=participant,
        attempt=attempt,
        **extra,
    )


def test_same_inputs_same_paper_and_quotas_hold(setup) -> None:
    bank, spec, round_, _ = setup
    paper = draw(setup)
    assert paper == draw(setup)
    assert len(set(paper.question_ids)) == 10
    for slot in paper.slots:
        question = bank[slot.question_id]
        assert quota_matches(round_.paper.quotas[slot.quota], question, "reviewed")
        assert question.status.value == "reviewed"
    assert Counter(slot.quota for slot in paper.slots) == {0: 5, 1: 3, 2: 1, 3: 1}


def test_papers_differ_by_participant_attempt_and_kind(setup) -> None:
    base = draw(setup)
    others = [
        draw(setup, participant="ts-0002"),
        draw(setup, attempt=2),
        draw(setup, kind="practice"),
    ]
    for other in others:
        assert other != base
    papers = {tuple(draw(setup, participant=f"ts-{n:04d}").question_ids) for n in range(50)}
    assert len(papers) > 40


def test_recomputed_in_a_fresh_interpreter(setup) -> None:
    """No process state (hash seeds, random) leaks into the derivation."""
    paper = draw(setup, participant="ts-abc", attempt=3)
    code = (
        "import json, sys; from pathlib import Path\n"
        "from quizzes.contest_load import load_contest_spec, usable_questions\n"
        "from quizzes.papers import draw_paper, pool_for\n"
        f"bank, _ = usable_questions([Path({str(FILES / 'contest-bank')!r})])\n"
        f"spec = load_contest_spec(Path({str(FILES / 'contests' / 'good.yaml')!r}))\n"
        "r = spec.round('vong-1')\n"
        "p = draw_paper(pool_for(bank, r.paper, 'reviewed'), r.paper, seed=spec.seed,"
        " round_id=r.id, participant_id='ts-abc', attempt=3)\n"
        "print(json.dumps([[s.question_id, list(s.order)] for s in p.slots]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert json.loads(result.stdout) == [[s.question_id, list(s.order)] for s in paper.slots]


def test_options_are_shuffled_but_map_back(setup) -> None:
    bank, *_ = setup
    orders = Counter()
    for n in range(40):
        paper = draw(setup, participant=f"ts-{n}")
        for slot in paper.slots:
            question = bank[slot.question_id]
            key = shown_key(question, slot)
            assert is_correct(question, slot, key)
            if question.type.value == "single":
                orders[slot.order] += 1
                assert slot.bank_letter(key) == question.answer
                wrong = [x for x in OPTION_LETTERS[: len(slot.order)] if x != key]
                assert not any(is_correct(question, slot, x) for x in wrong)
                assert not is_correct(question, slot, None)
                assert not is_correct(question, slot, "Z")
    assert len(orders) > 10


def test_options_naming_others_keep_their_order(setup) -> None:
    bank, *_ = setup
    seen = False
    for n in range(200):
        for slot in draw(setup, participant=f"ts-{n}").slots:
            if slot.question_id == "kt-c1-ca-a-va-b":
                seen = True
                assert slot.order == (0, 1, 2, 3)
    assert seen


def test_multiple_and_true_false(setup) -> None:
    bank, *_ = setup
    paper = draw(setup)
    by_type = {bank[s.question_id].type.value: s for s in paper.slots}
    multi = by_type["multiple"]
    question = bank[multi.question_id]
    key = shown_key(question, multi)
    assert is_correct(question, multi, list(reversed(key)))
    assert not is_correct(question, multi, key[:1])
    assert not is_correct(question, multi, [*key, key[0]])
    tf = by_type["true_false"]
    assert is_correct(bank[tf.question_id], tf, "A") and not is_correct(
        bank[tf.question_id], tf, "B"
    )


def test_view_for_participant_has_no_key(setup) -> None:
    bank, *_ = setup
    paper = draw(setup)
    view = paper_view(paper, bank)
    text = json.dumps(view, ensure_ascii=False)
    for slot in paper.slots:
        question = bank[slot.question_id]
        assert question.id not in text and question.explanation not in text
    assert "answer" not in text and "explanation" not in text
    first = bank[paper.slots[0].question_id]
    shown = [option["text"] for option in view["questions"][0]["options"]]
    assert shown == [first.options[i] for i in paper.slots[0].order]


def test_an_essay_is_shown_without_options_and_without_its_rubric() -> None:
    essay_files = FILES.parents[1] / "grading" / "files"
    bank, _ = usable_questions([FILES / "contest-bank", essay_files / "essay-bank"])
    spec = load_contest_spec(essay_files / "essay-contest.yaml", bank=bank)
    round_ = spec.round("vong-1")
    pool = pool_for(bank, round_.paper, spec.draw_status)
    paper = draw_paper(
        pool, round_.paper, seed=spec.seed, round_id="vong-1", participant_id="ts-1", attempt=1
    )
    view = paper_view(paper, bank)
    [essay] = [item for item in view["questions"] if item["type"] == "essay"]
    question = bank[paper.slot(essay["number"]).question_id]
    assert essay == {
        "number": essay["number"],
        "type": "essay",
        "choose": "text",
        "stem": question.stem,
        "options": [],
        "max_chars": MAX_ESSAY_CHARS,
    }
    text = json.dumps(view, ensure_ascii=False)
    assert question.explanation not in text
    assert all(item.criterion not in text for item in question.rubric)
    assert {item["choose"] for item in view["questions"]} == {"one", "text"}


def test_unfillable_pool_raises(setup) -> None:
    _, spec, round_, pool = setup
    with pytest.raises(PaperError):
        draw_paper(
            pool[:3], round_.paper, seed=spec.seed, round_id="vong-1", participant_id="x", attempt=1
        )


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (None, "missing"),
        (b"\xff\xfe", "not_utf8"),
        (b'{"answers": ', "not_json"),
        (
            b'{"schema_version": 1, "round": "r", "attempt": 1, "participant": "p", "prediction": NaN}',
            "not_json",
        ),
        (
            b'{"schema_version": 1, "round": "r", "attempt": 1, "participant": "p", "prediction": -3}',
            "schema",
        ),
        (
            b'{"schema_version": 1, "round": "r", "attempt": 1, "participant": "p", "answers": {"x": "A"}}',
            "schema",
        ),
        (
            b'{"schema_version": 1, "round": "r", "attempt": 1, "participant": "p", "answers": {"1": "import os"}}',
            "schema",
        ),
        (b" " * 300_000, "too_large"),
    ],
)
def test_bad_answer_files_are_refused_with_a_reason(data, code) -> None:
    with pytest.raises(SheetProblem) as caught:
        read_answer_sheet(data)
    assert caught.value.code == code


def test_answer_file_reads() -> None:
    sheet = read_answer_sheet(
        b'{"schema_version": 1, "round": "r", "attempt": 1, "participant": "p",'
        b' "answers": {"1": "B", "2": null, "3": ["A", "C"]}, "prediction": 1200}'
    )
    assert sheet.answer(1) == "B" and sheet.answer(3) == ["A", "C"] and sheet.prediction == 1200
    assert sheet.unanswered(4) == [2, 4]
