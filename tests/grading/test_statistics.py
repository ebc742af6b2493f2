"""The statistics organisers report, on the tie-case fixture (round dot-1, 10 questions).

Counted results (see test_ranking.py): p-an 10 (300 s), p-binh 10 (300 s), p-cuong 10 (400 s),
p-dung 10 (100 s), p-giang 10 (100 s), p-hoa 9 (100 s), p-khanh 9 (100 s); p-lan's only
attempt is flagged. Units: x1 = an, binh, khanh; x2 = cuong, dung (+ lan); h2 = giang, hoa;
h1 = x1 + x2; tinh = everything.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from grading.ranking import RoundRules, rank_overall, rank_round
from grading.results_model import UnknownReferenceError, read_results_csv, validate_attempts
from grading.statistics import (
    attempt_summary,
    fastest_finishers,
    group_breakdown,
    perfect_scores,
    score_distribution,
    unit_statistics,
)

FILES = Path(__file__).parent / "files" / "results"


@pytest.fixture
def attempts() -> pd.DataFrame:
    return read_results_csv(FILES / "attempts-ties-each-key.csv", "attempts")


@pytest.fixture
def units() -> pd.DataFrame:
    return read_results_csv(FILES / "units-tree.csv", "units")


@pytest.fixture
def table(attempts: pd.DataFrame) -> pd.DataFrame:
    return rank_round(attempts, "dot-1", RoundRules(actual=100)).table


def test_attempts_versus_people(attempts: pd.DataFrame) -> None:
    second = attempts[attempts["participant_id"] == "p-hoa"].assign(round_id="dot-2")
    both = validate_attempts(pd.concat([attempts, second], ignore_index=True))
    summary = attempt_summary(both).set_index("round_id")
    # dot-1: 10 attempts (an 2, binh 2, six others 1), 1 flagged, 8 people, 7 ranked.
    assert summary.loc[
        "dot-1", ["attempts", "flagged_attempts", "people", "ranked_people"]
    ].tolist() == [10, 1, 8, 7]
    assert summary.loc["dot-1", "attempts_per_person"] == 1.25
    assert summary.loc["dot-2", ["attempts", "people"]].tolist() == [1, 1]
    # The whole contest counts p-hoa once.
    assert summary.loc[
        "*", ["attempts", "flagged_attempts", "people", "ranked_people"]
    ].tolist() == [11, 1, 8, 7]


def test_unit_statistics_roll_up(table, units, attempts) -> None:
    stats = unit_statistics(table, units, attempts=attempts).set_index("unit_id")
    assert stats["participants"].to_dict() == {"tinh": 7, "h1": 5, "x1": 3, "x2": 2, "h2": 2}
    assert stats["headcount"].to_dict() == {"tinh": 80, "h1": 40, "x1": 20, "x2": 10, "h2": 40}
    assert stats.loc["h1", "rate"] == 5 / 40
    assert stats.loc["tinh", "rate"] == 7 / 80
    # x1 scores 10, 10, 9; h1 adds x2's 10, 10; tinh adds h2's 10, 9.
    assert stats.loc["x1", "mean_score"] == pytest.approx(29 / 3)
    assert stats.loc["x1", "median_score"] == 10
    assert stats.loc["h1", "mean_score"] == pytest.approx(49 / 5)
    assert stats.loc["h2", "median_score"] == 9.5
    assert stats.loc["tinh", "mean_score"] == pytest.approx(68 / 7)
    # Attempts include the flagged one (p-lan in x2).
    assert stats["attempts"].to_dict() == {"tinh": 10, "h1": 8, "x1": 5, "x2": 3, "h2": 2}
    assert stats.loc["x1", "depth"] == 2
    assert stats.loc["x1", "name"] == "Xã An Trường"


def test_unit_statistics_list_units_without_participants(table, units) -> None:
    only_x1 = table[table["unit_id"] == "x1"]
    stats = unit_statistics(only_x1, units).set_index("unit_id")
    assert stats.loc["h2", "participants"] == 0
    assert stats.loc["h2", "rate"] == 0
    assert pd.isna(stats.loc["h2", "mean_score"])


def test_unit_statistics_refuse_unknown_units(table, units) -> None:
    with pytest.raises(UnknownReferenceError, match="nowhere"):
        unit_statistics(table.assign(unit_id="nowhere"), units)


def test_unit_statistics_overall_table(attempts, units) -> None:
    overall = rank_overall(attempts, {"dot-1": RoundRules(actual=100)}).table
    stats = unit_statistics(overall, units, attempts=attempts)
    assert set(stats["round_id"]) == {"*"}
    assert stats.set_index("unit_id").loc["tinh", "attempts"] == 10
    # Round tables and the overall table together: each keeps its own attempt counts.
    table = rank_round(attempts, "dot-1", RoundRules(actual=100)).table
    both = unit_statistics(pd.concat([table, overall]), units, attempts=attempts)
    tinh = both[both["unit_id"] == "tinh"].set_index("round_id")
    assert tinh["attempts"].to_dict() == {"dot-1": 10, "*": 10}
    groups = group_breakdown(pd.concat([table, overall]), attempts=attempts)
    assert groups.groupby("round_id")["attempts"].sum().to_dict() == {"*": 10, "dot-1": 10}


def test_score_distribution_people_and_attempts(table, attempts) -> None:
    people = score_distribution(table, n_questions=10)
    assert people["correct"].tolist() == list(range(11))
    counts = dict(zip(people["correct"], people["count"], strict=True))
    assert counts[10] == 5 and counts[9] == 2 and sum(counts.values()) == 7
    assert people.loc[people["correct"] == 10, "text"].item() == "5 người đúng 10 câu"
    assert people.loc[people["correct"] == 10, "share"].item() == pytest.approx(5 / 7)

    assert score_distribution(table, n_questions=5)["correct"].max() == 10  # never truncated

    by_attempt = score_distribution(attempts, basis="attempts")
    # Unflagged attempts: an 10 and 8, binh 9 and 10, cuong/dung/giang 10, hoa/khanh 9.
    assert by_attempt["count"].tolist()[8:] == [1, 3, 5]
    assert by_attempt["text"].iloc[-1] == "5 lượt thi đúng 10 câu"


def test_perfect_scores(table) -> None:
    perfect = perfect_scores(table)
    assert sorted(perfect["participant_id"]) == ["p-an", "p-binh", "p-cuong", "p-dung", "p-giang"]


def test_fastest_finishers(table) -> None:
    fastest = fastest_finishers(table, top=3)
    assert fastest["participant_id"].tolist() == ["p-dung", "p-giang", "p-an"]
    under = fastest_finishers(table, under_s=300, top=None)
    assert under["participant_id"].tolist() == ["p-dung", "p-giang"]  # strictly under 300 s
    anyone = fastest_finishers(table, under_s=150, perfect_only=False, top=None)
    # 100 s each; earlier submission first (hoa, khanh 08:00; dung, giang 08:50).
    assert anyone["participant_id"].tolist() == ["p-hoa", "p-khanh", "p-dung", "p-giang"]


def test_group_breakdown(table, attempts) -> None:
    groups = group_breakdown(table, attempts=attempts)
    rows = {
        (None if pd.isna(g) else g): (people, round(share, 4), attempts_)
        for g, people, share, attempts_ in groups[
            ["group", "people", "share", "attempts"]
        ].itertuples(index=False)
    }
    assert rows == {
        "can-bo": (3, round(3 / 7, 4), 6),  # an 2, binh 2, cuong 1, lan 1 (flagged)
        "hoc-sinh": (3, round(3 / 7, 4), 3),
        None: (1, round(1 / 7, 4), 1),
    }
    hoc_sinh = groups[groups["group"] == "hoc-sinh"].iloc[0]
    assert hoc_sinh["mean_score"] == pytest.approx(29 / 3)
    assert hoc_sinh["median_score"] == 10
