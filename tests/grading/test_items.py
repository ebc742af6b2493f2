"""Item analysis against values computed by hand.

The fixture ``responses-hand-8x4.csv`` (round dot-1, keys q1 A, q2 B, q3 C, q4 D):

         q1 q2 q3 q4 | total     chosen letters
    p1    1  1  1  0 |  3        A B C A
    p2    1  1  0  0 |  2        A B A B
    p3    1  1  0  0 |  2        A B B C
    p4    1  0  0  1 |  2        A A D D
    p5    1  1  0  0 |  2        A B A A
    p6    1  0  0  1 |  2        A C B D
    p7    1  0  0  0 |  1        A A D B
    p8    1  0  0  1 |  2        A A – D   (q3 left blank)

Facility p = mean of the column: q1 8/8 = 1, q2 4/8 = .5, q3 1/8 = .125, q4 3/8 = .375.

Kelley groups: n = 8, round(0.27 · 8) = round(2.16) = 2 per group. Ordered by total, then
participant id: p1 (3), p2 p3 p4 p5 p6 p8 (2), p7 (1) → upper {p1, p2}, lower {p8, p7}.
    q1: 1 − 1 = 0;  q2: 1 − 0 = 1;  q3: .5 − 0 = .5;  q4: 0 − .5 = −.5.

Corrected point-biserial r = (nΣxy − ΣxΣy) / √((nΣx − (Σx)²)(nΣy² − (Σy)²)), y = total − x:
    q1: x has no variance → NaN.
    q2: x = 1 1 1 0 1 0 0 0, y = 2 1 1 2 1 2 1 2: Σx 4, Σy 12, Σxy 5, Σy² 20
        → (40 − 48) / √(16 · 16) = −8/16 = −0.5.
    q3: x = 1 0 0 0 0 0 0 0, y = 2 2 2 2 2 2 1 2: Σx 1, Σy 15, Σxy 2, Σy² 29
        → (16 − 15) / √(7 · 7) = 1/7.
    q4: x = 0 0 0 1 0 1 0 1, y = 3 2 2 1 2 1 1 1: Σx 3, Σy 13, Σxy 3, Σy² 25
        → (24 − 39) / √(15 · 31) = −15/√465.

Cronbach's α (one common paper, k = 4), population variances p(1 − p):
    items 0 + .25 + .109375 + .234375 = .59375; totals 3 2 2 2 2 2 1 2 have mean 2, variance
    (1 + 1)/8 = .25 → α = 4/3 · (1 − .59375/.25) = 4/3 · (−1.375) = −11/6.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from grading.item_flags import flag_items, review_notes
from grading.items import bank_options, item_analysis
from grading.reliability import cronbach_alpha, cronbach_alpha_long
from grading.results_model import TIMEZONE, read_results_csv, validate_attempts

FILES = Path(__file__).parent / "files" / "results"


@pytest.fixture
def responses() -> pd.DataFrame:
    return read_results_csv(FILES / "responses-hand-8x4.csv", "responses")


@pytest.fixture
def analysis(responses):
    return item_analysis(responses)


def column(analysis, name: str) -> dict[str, float]:
    return dict(zip(analysis.items["question_id"], analysis.items[name], strict=True))


def test_facility(analysis) -> None:
    assert column(analysis, "facility") == {"q1": 1.0, "q2": 0.5, "q3": 0.125, "q4": 0.375}
    assert column(analysis, "respondents") == {"q1": 8, "q2": 8, "q3": 8, "q4": 8}


def test_discrimination_upper_lower_27(analysis) -> None:
    assert column(analysis, "discrimination") == {"q1": 0.0, "q2": 1.0, "q3": 0.5, "q4": -0.5}
    assert column(analysis, "upper_n") == {"q1": 2, "q2": 2, "q3": 2, "q4": 2}


def test_corrected_point_biserial(analysis) -> None:
    r = column(analysis, "point_biserial")
    assert math.isnan(r["q1"])
    assert r["q2"] == pytest.approx(-0.5)
    assert r["q3"] == pytest.approx(1 / 7)
    assert r["q4"] == pytest.approx(-15 / math.sqrt(465))


def test_option_frequencies_and_keys(analysis) -> None:
    options = analysis.options.set_index(["question_id", "option"])
    assert options.loc["q2", "count"].to_dict() == {"A": 3, "B": 4, "C": 1, "D": 0}
    assert options.loc["q3", "count"].to_dict() == {"A": 2, "B": 2, "C": 1, "D": 2}
    assert options.loc[("q2", "B"), "share"] == 0.5
    assert options.loc[("q4", "D"), "is_key"]
    assert column(analysis, "key") == {"q1": "A", "q2": "B", "q3": "C", "q4": "D"}
    assert column(analysis, "blank") == {"q1": 0, "q2": 0, "q3": 1, "q4": 0}


def test_cronbach_alpha_of_the_round(analysis) -> None:
    reliability = analysis.reliability.iloc[0]
    assert reliability["alpha"] == pytest.approx(-11 / 6)
    assert (reliability["respondents"], reliability["questions"]) == (8, 4)
    assert reliability["paper_length"] == 4


def test_cronbach_alpha_classical_small_matrix() -> None:
    # Totals 3 2 1 0: variance (ddof 1) 5/3; items .25 + 1/3 + .25 = 5/6
    # → α = 3/2 · (1 − (5/6)/(5/3)) = 0.75.
    matrix = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float)
    assert cronbach_alpha(matrix) == pytest.approx(0.75)


def test_cronbach_alpha_missing_by_design() -> None:
    # Three questions, papers of two; each pair answered by two people:
    #   (q1, q2): r1 1 1, r2 0 0 → covariance .5
    #   (q1, q3): r3 1 0, r4 0 1 → covariance −.5
    #   (q2, q3): r5 1 1, r6 0 0 → covariance .5
    # Each question's four answers are 1 1 0 0 → variance 1/3. c̄ = 1/6, v̄ = 1/3, k = 2:
    # α = 2 · (1/6) / (1/3 + 1/6) = 2/3.
    nan = np.nan
    matrix = np.array(
        [[1, 1, nan], [0, 0, nan], [1, nan, 0], [0, nan, 1], [nan, 1, 1], [nan, 0, 0]]
    )
    assert cronbach_alpha(matrix) == pytest.approx(2 / 3)
    # The same as pandas' pairwise covariance.
    cov = pd.DataFrame(matrix).cov().to_numpy()
    v, c = np.mean(np.diag(cov)), np.mean(cov[np.triu_indices(3, 1)])
    assert cronbach_alpha(matrix) == pytest.approx(2 * c / (v + c))


def test_cronbach_alpha_chunks_agree_with_pandas() -> None:
    rng = np.random.default_rng(3)
    ability = rng.normal(size=20_000)
    matrix = (ability[:, None] + rng.normal(size=(20_000, 12)) > 0).astype(float)
    matrix[rng.random(matrix.shape) < 0.4] = np.nan  # random papers
    cov = pd.DataFrame(matrix).cov().to_numpy()
    v, c = np.mean(np.diag(cov)), np.mean(cov[np.triu_indices(12, 1)])
    assert cronbach_alpha(matrix, paper_length=7) == pytest.approx(7 * c / (v + 6 * c))


def test_cronbach_alpha_long_equals_dense() -> None:
    # Papers of 10 or 12 questions drawn from a pool of 30: the long form (pairs per paper)
    # must give exactly the dense form's α.
    rng = np.random.default_rng(5)
    ability = rng.normal(size=2_000)
    matrix = np.full((2_000, 30), np.nan)
    for row in range(2_000):
        drawn = rng.choice(30, size=12 if row % 3 else 10, replace=False)
        matrix[row, drawn] = ability[row] + rng.normal(size=len(drawn)) > 0
    rows, questions = np.nonzero(~np.isnan(matrix))
    long = cronbach_alpha_long(rows, questions, matrix[rows, questions])
    assert long == pytest.approx(cronbach_alpha(matrix))
    assert 0.5 < long < 1


def test_flags_and_review_notes(analysis) -> None:
    flags = flag_items(analysis, min_respondents=8)
    found = sorted(
        zip(flags["question_id"], flags["flag"], flags["option"].fillna(""), strict=True)
    )
    assert found == [
        ("q1", "too_easy", ""),
        ("q1", "unused_distractor", "B"),
        ("q1", "unused_distractor", "C"),
        ("q1", "unused_distractor", "D"),
        ("q2", "unused_distractor", "D"),
        ("q3", "too_hard", ""),
        ("q4", "negative_discrimination", ""),
    ]
    notes = review_notes(flags)
    assert list(notes) == ["q1", "q2", "q3", "q4"]
    assert notes["q1"][0] == "Đợt dot-1: câu quá dễ — 100% trả lời đúng (ngưỡng > 90%, 8 người)."
    assert notes["q4"] == [
        "Đợt dot-1: độ phân biệt âm (D = -0.50): nhóm điểm thấp trả lời đúng nhiều hơn nhóm "
        "điểm cao; kiểm tra lại đáp án và câu dẫn."
    ]
    assert flag_items(analysis, min_respondents=9).empty  # too few people to judge


def test_options_from_the_bank(responses) -> None:
    class Question:  # the two fields bank_options reads from quizzes.schema.Question
        def __init__(self, options, answer):
            self.options, self.answer = options, answer

    options, keys = bank_options({"q1": Question(["x", "y", "z"], "A"), "e": Question(None, None)})
    assert (options, keys) == ({"q1": "ABC"}, {"q1": "A"})
    analysis = item_analysis(responses, options=options, keys=keys)
    q1 = analysis.options[analysis.options["question_id"] == "q1"]
    assert q1["option"].tolist() == ["A", "B", "C"]  # no D on a three-option question


def test_counted_attempts_only(responses) -> None:
    # p1 gets a second, flagged attempt and p2 a second attempt that is not the counted one.
    extra = responses[responses["participant_id"].isin(["p1", "p2"])].assign(attempt_no=2)
    both = pd.concat([responses, extra], ignore_index=True)
    at = pd.Timestamp("2025-03-03 08:00", tz=TIMEZONE)
    people = [f"p{i}" for i in range(1, 9)]
    attempts = validate_attempts(
        pd.DataFrame(
            {
                "contest_id": "demo",
                "round_id": "dot-1",
                "participant_id": people + ["p1", "p2"],
                "unit_id": "u1",
                "group": None,
                "attempt_no": [1] * 8 + [2, 2],
                "started_at": at,
                "submitted_at": at,
                "duration_s": 60.0,
                "correct": 1,
                "score": 1.0,
                "max_score": 4.0,
                "prediction": pd.array([pd.NA] * 10, dtype="Int64"),
                "flags": [""] * 8 + ["unreadable", ""],
            }
        )
    )
    without_flagged = item_analysis(both, attempts=attempts)
    assert column(without_flagged, "respondents")["q1"] == 9
    ranking = pd.DataFrame({"round_id": "dot-1", "participant_id": people, "attempt_no": [1] * 8})
    counted = item_analysis(both, attempts=attempts, ranking=ranking)
    assert column(counted, "facility") == {"q1": 1.0, "q2": 0.5, "q3": 0.125, "q4": 0.375}
    # A ``sum`` ranking (no attempt_no) keeps every unflagged attempt of the person.
    summed = ranking.assign(attempt_no=pd.array([pd.NA] * 8, dtype="Int64"))
    assert column(item_analysis(both, attempts=attempts, ranking=summed), "respondents")["q1"] == 9
