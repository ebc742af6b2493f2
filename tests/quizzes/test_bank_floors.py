"""The bank's coverage floors (issue: question bank), read from `dancoso bank stats --json`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizzes import load_questions, load_registry
from quizzes.key_terms import key_text
from quizzes.schema import Status

ROOT = Path(__file__).resolve().parents[2]
LAW = "luat-10-2022-qh15"


@pytest.fixture(scope="module")
def stats() -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "dancoso.cli", "bank", "stats", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DANCOSO_LANG": "vi"},
        check=True,
    )
    return json.loads(result.stdout)


def test_size_and_review_floors(stats: dict) -> None:
    assert stats["questions"] >= 400
    assert stats["by_status"]["reviewed"] >= 200
    assert stats["by_type"]["essay"] >= 20
    assert stats["by_type"]["single"] / stats["questions"] >= 0.70
    assert stats["situational"] / stats["questions"] >= 0.25


def test_difficulty_is_about_40_40_20(stats: dict) -> None:
    shares = {k: v / stats["questions"] for k, v in stats["by_difficulty"].items()}
    assert 0.30 <= shares["1"] <= 0.50 and 0.30 <= shares["2"] <= 0.50
    assert 0.12 <= shares["3"] <= 0.28


def test_every_document_and_chapter_is_represented(stats: dict) -> None:
    registry = load_registry()
    assert set(stats["documents"]) == set(registry.ids)
    law = registry.document(LAW)
    cited = {int(key.split(":")[1]) for key in stats["reviewed_articles"] if key.startswith(LAW)}
    for chapter in law.chapters:
        assert any(chapter.contains(a) for a in cited), (
            f"Chương {chapter.id} has no reviewed question"
        )


def test_every_verbatim_article_has_two_reviewed_questions(stats: dict) -> None:
    law = load_registry().document(LAW)
    thin = [
        a for a in law.verbatim_in_reference if stats["reviewed_articles"].get(f"{LAW}:{a}", 0) < 2
    ]
    assert thin == []


def test_verbatim_list_matches_the_reference_status_index() -> None:
    index = ROOT.parent / "shared" / "reference" / "law-10-2022-QH15.md"
    if not index.exists():
        pytest.skip("the shared reference is not beside this checkout")
    rows = re.findall(r"^\| Điều (\d+) \| verbatim", index.read_text(encoding="utf-8"), re.M)
    assert sorted(load_registry().document(LAW).verbatim_in_reference) == sorted(map(int, rows))


def test_questions_on_district_level_are_flagged() -> None:
    # No district level since 1 July 2025: such keys must carry the tag and a note to check.
    for question in load_questions().values():
        text = " ".join([question.stem, key_text(question)])  # distractors may mention it
        if "cấp huyện" in text.casefold() and question.status is Status.reviewed:
            assert "cap-huyen" in question.tags, question.id
