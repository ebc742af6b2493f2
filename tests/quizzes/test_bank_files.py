"""Each schema and bank rule, exercised through real fixture files (tests/quizzes/files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzes import check_bank, load_bank
from quizzes.problems import Problem

FILES = Path(__file__).parent / "files"


def problems_in(*names: str) -> list[Problem]:
    return check_bank(load_bank([FILES / name for name in names]))


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.render() for p in problems]
    return problems[0]


def test_good_file_has_no_problem_and_loads_every_type() -> None:
    loaded = load_bank([FILES / "good.yaml"])
    assert check_bank(loaded) == []
    types = {item.question.type.value for item in loaded.questions}
    assert types == {"single", "short", "true_false", "essay"}


@pytest.mark.parametrize(
    ("name", "line", "question_id", "field", "needle"),
    [
        (
            "bad-unknown-field.yaml",
            16,
            "t-d4-k1-cu-tru",
            "dificulty",
            "trường không có trong lược đồ",
        ),
        ("bad-wrong-type.yaml", 15, "t-d4-k1-cu-tru", "difficulty", "cho phép: 1, 2 or 3"),
        (
            "bad-answer-not-option.yaml",
            11,
            "t-d4-k1-cu-tru",
            "answer",
            "đáp án E không nằm trong các phương án (chỉ có A–D)",
        ),
        (
            "bad-duplicate-option.yaml",
            9,
            "t-d4-k1-cu-tru",
            "options[2]",
            "hai phương án B và C có cùng nội dung",
        ),
        (
            "bad-article-missing.yaml",
            13,
            "t-d4-k1-cu-tru",
            "citations[0].article",
            "10/2022/QH15 không có Điều 95 (chỉ có 91 điều)",
        ),
        (
            "bad-topic-chapter.yaml",
            14,
            "t-d4-k1-cu-tru",
            "topic.chapter",
            "Điều 4 thuộc Chương I, không phải Chương II",
        ),
        (
            "bad-unknown-document.yaml",
            26,
            "t-d6-so-nghia-vu",
            "citations[1].document",
            "văn bản 'luat-99-2099' không có trong quizzes/sources.yaml",
        ),
        ("bad-essay-without-rubric.yaml", 41, "t-essay", "rubric", "an essay needs a rubric"),
        (
            "bad-reviewed-without-reviewer.yaml",
            3,
            "t-d4-k1-cu-tru",
            "reviewed_by",
            "needs reviewed_by and reviewed_on",
        ),
        (
            "bad-nq28-article.yaml",
            36,
            "t-nq28-bien-phap",
            "citations[0].article",
            "chưa xác minh số điều của 28/2024/NQ-HĐND",
        ),
    ],
)
def test_each_rule_names_file_line_question_and_field(
    name: str, line: int, question_id: str, field: str, needle: str
) -> None:
    problem = only(problems_in(name))
    assert (problem.file.name, problem.line, problem.question_id, problem.field) == (
        name,
        line,
        question_id,
        field,
    )
    assert needle in problem.message


def test_one_broken_question_does_not_hide_the_others() -> None:
    loaded = load_bank([FILES / "bad-wrong-type.yaml"])
    assert [item.question.id for item in loaded.questions] == [
        "t-d6-so-nghia-vu",
        "t-nq28-bien-phap",
        "t-essay",
    ]


def test_duplicate_ids_and_stems_are_found_across_files() -> None:
    problems = problems_in("good.yaml", "bad-duplicate-stem.yaml")
    codes = sorted(p.code for p in problems if p.file.name == "bad-duplicate-stem.yaml")
    assert codes.count("duplicate_id") == 4
    stem = [
        p for p in problems if p.code == "duplicate_stem" and p.question_id == "t-d6-so-nghia-vu"
    ]
    # Case and spacing differ from good.yaml's first stem; it is still the same stem.
    assert stem and "t-d4-k1-cu-tru" in stem[0].message and "good.yaml:3" in stem[0].message


def test_duplicate_id_within_one_file() -> None:
    problem = only(problems_in("bad-duplicate-id.yaml"))
    assert (problem.code, problem.line) == ("duplicate_id", 21)
    assert "bad-duplicate-id.yaml:3" in problem.message


@pytest.mark.parametrize(
    ("name", "code", "line", "fixable"),
    [
        ("bad-bom.yaml", "bom", 1, True),
        ("bad-crlf.yaml", "crlf", 1, True),
        ("bad-not-nfc.yaml", "not_nfc", 12, True),
        ("bad-legacy-encoding.yaml", "not_utf8", 2, False),
        ("bad-yaml-syntax.yaml", "yaml_syntax", 12, False),
        ("bad-duplicate-key.yaml", "duplicate_key", 16, False),
        ("bad-empty.yaml", "empty", 1, False),
    ],
)
def test_raw_file_problems(name: str, code: str, line: int, fixable: bool) -> None:
    problem = next(p for p in problems_in(name) if p.code == code)
    assert (problem.line, problem.fixable) == (line, fixable)


def test_fixable_files_still_load_their_questions_normalised() -> None:
    loaded = load_bank([FILES / "bad-not-nfc.yaml"])
    explanation = loaded.questions[0].question.explanation
    assert explanation == "Khoản 1 Điều 4 quy định nơi cư trú."  # NFC after loading
