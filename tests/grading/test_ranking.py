"""Ranking by Vietnamese contest rules: keys, their order, attempt policies, ties, overall.

The fixture ``attempts-ties-each-key.csv`` (round dot-1, prediction answer 100) is built so that
under the default keys every key separates someone:

    person   correct  |pred−100|  duration  submitted  → rank  decided by
    p-an       10         0         300     08:30        1     —
    p-binh     10         0         300     08:40        2     submitted_at   (attempt 2 counts)
    p-cuong    10         0         400     08:00        3     duration
    p-dung     10         5         100     08:50        4     prediction_error
    p-giang    10         5         100     08:50        4     (tied with p-dung on every key)
    p-hoa       9         0         100     08:00        6     correct
    p-khanh     9       (none)      100     08:00        7     prediction_error (none = last)
    p-lan      10         0          50     07:00      flagged "late": not ranked
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from grading.ranking import (
    DEFAULT_KEYS,
    RoundRules,
    RulesError,
    competition_ranks,
    counted_attempts,
    prediction_actual,
    rank_overall,
    rank_overall_from_rounds,
    rank_round,
)
from grading.results_model import TIMEZONE, read_results_csv, validate_attempts

FILES = Path(__file__).parent / "files" / "results"


@pytest.fixture
def attempts() -> pd.DataFrame:
    return read_results_csv(FILES / "attempts-ties-each-key.csv", "attempts")


def make_attempts(rows: list[tuple]) -> pd.DataFrame:
    """Rows ``(participant, round, attempt_no, correct, prediction, duration_s, submitted HH:MM)``;
    every paper has 10 questions of 1 point, everyone is in unit u1."""
    records = []
    for participant, round_id, number, correct, prediction, duration, submitted in rows:
        at = pd.Timestamp(f"2025-03-03 {submitted}", tz=TIMEZONE)
        records.append(
            {
                "contest_id": "demo",
                "round_id": round_id,
                "participant_id": participant,
                "unit_id": "u1",
                "group": None,
                "attempt_no": number,
                "started_at": at - pd.Timedelta(seconds=duration),
                "submitted_at": at,
                "duration_s": float(duration),
                "correct": correct,
                "score": float(correct),
                "max_score": 10.0,
                "prediction": prediction,
                "flags": None,
            }
        )
    frame = pd.DataFrame(records)
    frame["prediction"] = frame["prediction"].astype("Int64")
    return validate_attempts(frame)


def order(ranking) -> list[tuple[int, str, str]]:
    table = ranking.table
    return list(zip(table["rank"], table["participant_id"], table["decided_by"], strict=True))


def test_default_keys_each_decide_once(attempts: pd.DataFrame) -> None:
    ranking = rank_round(attempts, "dot-1", RoundRules(actual=100))
    assert order(ranking) == [
        (1, "p-an", ""),
        (2, "p-binh", "submitted_at"),
        (3, "p-cuong", "duration"),
        (4, "p-dung", "prediction_error"),
        (4, "p-giang", ""),
        (6, "p-hoa", "correct"),
        (7, "p-khanh", "prediction_error"),
    ]
    assert set(DEFAULT_KEYS) <= set(ranking.table["decided_by"])


def test_ties_surviving_every_key_share_a_rank_and_are_listed(attempts: pd.DataFrame) -> None:
    ranking = rank_round(attempts, "dot-1", RoundRules(actual=100))
    ties = ranking.ties
    assert ties["participant_id"].tolist() == ["p-dung", "p-giang"]
    assert ties["rank"].tolist() == [4, 4]
    assert ties["tie_size"].tolist() == [2, 2]
    assert ranking.table.loc[~ranking.table["tied"], "tie_size"].eq(1).all()


def test_flagged_attempts_are_not_ranked(attempts: pd.DataFrame) -> None:
    table = rank_round(attempts, "dot-1", RoundRules(actual=100)).table
    assert "p-lan" not in set(table["participant_id"])


def test_best_attempt_is_the_one_ranking_highest(attempts: pd.DataFrame) -> None:
    table = rank_round(attempts, "dot-1", RoundRules(actual=100)).table.set_index("participant_id")
    # p-an: attempt 1 (10 correct) beats attempt 2 (8); p-binh: attempt 2 (10) beats 1 (9).
    assert table.loc["p-an", "attempt_no"] == 1
    assert table.loc["p-binh", "attempt_no"] == 2
    assert table.loc["p-binh", "attempts"] == 2
    assert table.loc["p-an", "full_score_attempts"] == 1


def test_changed_key_order_duration_before_prediction(attempts: pd.DataFrame) -> None:
    rules = RoundRules(actual=100, keys=("correct", "duration", "prediction", "submitted"))
    assert rules.keys == ("correct", "duration", "prediction_error", "submitted_at")
    ranking = rank_round(attempts, "dot-1", rules)
    # The fast pair (100 s) now leads although their prediction is 5 off; between p-hoa and
    # p-khanh (both 9 correct, 100 s) the prediction decides.
    assert order(ranking) == [
        (1, "p-dung", ""),
        (1, "p-giang", ""),
        (3, "p-an", "duration"),
        (4, "p-binh", "submitted_at"),
        (5, "p-cuong", "duration"),
        (6, "p-hoa", "correct"),
        (7, "p-khanh", "prediction_error"),
    ]


def test_started_at_key_quang_nam_earlier_login(attempts: pd.DataFrame) -> None:
    rules = RoundRules(keys=("correct", "started_at"))
    ranking = rank_round(attempts, "dot-1", rules)
    # Starts of the 10-correct people: cuong 07:53:20, an 08:25, binh 08:35 (attempt 2 is the
    # one with 10), dung and giang 08:48:20.
    assert order(ranking)[:5] == [
        (1, "p-cuong", ""),
        (2, "p-an", "started_at"),
        (3, "p-binh", "started_at"),
        (4, "p-dung", "started_at"),
        (4, "p-giang", ""),
    ]


def test_full_score_attempts_key_decides() -> None:
    frame = make_attempts(
        [
            ("a", "r", 1, 10, None, 300, "08:00"),
            ("b", "r", 1, 10, None, 300, "08:00"),
            ("b", "r", 2, 10, None, 300, "09:00"),
        ]
    )
    ranking = rank_round(frame, "r", RoundRules(keys=("correct", "full_score_attempts")))
    assert order(ranking) == [(1, "b", ""), (2, "a", "full_score_attempts")]


def test_policies_best_earliest_full_and_sum() -> None:
    frame = make_attempts(
        [
            # a: two full attempts, the later one faster.
            ("a", "r", 1, 10, 50, 500, "09:00"),
            ("a", "r", 2, 10, 50, 100, "10:00"),
            # b: never full; best is attempt 2.
            ("b", "r", 1, 7, 40, 200, "08:00"),
            ("b", "r", 2, 9, 60, 300, "08:30"),
            # c: two attempts identical on every key: the lower attempt_no counts.
            ("c", "r", 1, 8, 50, 200, "08:00"),
            ("c", "r", 2, 8, 50, 200, "08:00"),
        ]
    )
    best = counted_attempts(frame, "r", policy="best", actual=50).set_index("participant_id")
    assert best["attempt_no"].to_dict() == {"a": 2, "b": 2, "c": 1}

    earliest = counted_attempts(frame, "r", policy="earliest_full", actual=50)
    earliest = earliest.set_index("participant_id")
    assert earliest["attempt_no"].to_dict() == {"a": 1, "b": 2, "c": 1}
    assert earliest.loc["a", "duration_s"] == 500

    summed = counted_attempts(frame, "r", policy="sum", actual=50).set_index("participant_id")
    # a: 10+10 correct, 500+100 s, closest prediction 50 (error 0), last submission 10:00.
    assert summed.loc["a", "correct"] == 20
    assert summed.loc["a", "duration_s"] == 600
    assert summed.loc["a", "prediction_error"] == 0
    assert summed.loc["a", "submitted_at"] == pd.Timestamp("2025-03-03 10:00", tz=TIMEZONE)
    assert summed.loc["a", "started_at"] == pd.Timestamp("2025-03-03 08:51:40", tz=TIMEZONE)
    # b: predictions 40 and 60 are both 10 off; the earlier attempt's prediction is shown.
    assert summed.loc["b", "prediction"] == 40
    assert summed.loc["b", "prediction_error"] == 10
    assert pd.isna(summed.loc["a", "attempt_no"])
    assert summed["attempts"].to_dict() == {"a": 2, "b": 2, "c": 2}

    # Totals: a 20; b and c 16 each, then c's closest prediction (0 off) beats b's (10 off).
    ranking = rank_round(frame, "r", RoundRules(policy="sum", actual=50))
    assert order(ranking) == [(1, "a", ""), (2, "c", "correct"), (3, "b", "prediction_error")]


def test_within_groups_ranks_each_group_as_a_pool(attempts: pd.DataFrame) -> None:
    table = rank_round(attempts, "dot-1", RoundRules(actual=100), within_groups=True).table
    pools = {
        pool: list(zip(rows["rank"], rows["participant_id"], strict=True))
        for pool, rows in table.groupby("pool")
    }
    assert pools == {
        "": [(1, "p-khanh")],
        "can-bo": [(1, "p-an"), (2, "p-binh"), (3, "p-cuong")],
        "hoc-sinh": [(1, "p-dung"), (1, "p-giang"), (3, "p-hoa")],
    }


def test_overall_sums_rounds_then_applies_the_keys(attempts: pd.DataFrame) -> None:
    second = make_attempts(
        [
            ("p-an", "dot-2", 1, 5, 7, 100, "08:00"),  # error |7 − 2| = 5
            ("p-hoa", "dot-2", 1, 10, 2, 200, "08:00"),  # error 0
            ("p-binh", "dot-2", 1, 10, None, 50, "08:00"),  # no prediction: error inf
        ]
    )
    units = attempts.drop_duplicates("participant_id").set_index("participant_id")
    second["unit_id"] = second["participant_id"].map(units["unit_id"])
    second["group"] = second["participant_id"].map(units["group"])
    both = validate_attempts(pd.concat([attempts, second], ignore_index=True))
    rules = {"dot-1": RoundRules(actual=100), "dot-2": RoundRules(actual=2)}
    ranking = rank_overall(both, rules)
    # Totals: binh 20 correct; hoa 19; an 15; cuong, dung, giang 10 (errors 0, 5, 5); khanh 9.
    assert order(ranking) == [
        (1, "p-binh", ""),
        (2, "p-hoa", "correct"),
        (3, "p-an", "correct"),
        (4, "p-cuong", "correct"),
        (5, "p-dung", "prediction_error"),
        (5, "p-giang", ""),
        (7, "p-khanh", "correct"),
    ]
    table = ranking.table.set_index("participant_id")
    assert table.loc["p-an", "prediction_error"] == 5
    assert np.isinf(table.loc["p-binh", "prediction_error"])
    assert table.loc["p-hoa", "duration_s"] == 300
    assert table["rounds"].to_dict()["p-an"] == 2
    assert set(table["round_id"]) == {"*"}

    with pytest.raises(RulesError, match="dot-2"):
        rank_overall(both, {"dot-1": RoundRules(actual=100)})

    rounds = {r: rank_round(both, r, rule) for r, rule in rules.items()}
    from_rounds = rank_overall_from_rounds(rounds).table
    pd.testing.assert_frame_equal(from_rounds, ranking.table)


def test_prediction_actual(attempts: pd.DataFrame) -> None:
    assert prediction_actual(attempts, "dot-1") == 7  # p-lan's only attempt is flagged
    assert prediction_actual(attempts, "dot-1", basis="full_score_count") == 5
    with pytest.raises(RulesError):
        prediction_actual(attempts, "dot-1", basis="guess")


def test_rules_errors(attempts: pd.DataFrame) -> None:
    with pytest.raises(RulesError, match="actual"):
        rank_round(attempts, "dot-1", RoundRules())
    with pytest.raises(RulesError, match="unknown ranking keys"):
        RoundRules(keys=("correct", "luck"))
    with pytest.raises(RulesError, match="repeated"):
        RoundRules(keys=("correct", "duration", "duration"))
    with pytest.raises(RulesError, match="policy"):
        RoundRules(policy="latest")
    with pytest.raises(RulesError, match="whole number"):
        RoundRules(actual=-1)


def test_competition_ranks_with_pools() -> None:
    keys = [np.array([-10, -9, -9, -8, -10, -10])]
    pools = np.array([0, 0, 0, 0, 1, 1])
    rank, tie_size, decided = competition_ranks(keys, pools)
    assert rank.tolist() == [1, 2, 2, 4, 1, 1]
    assert tie_size.tolist() == [1, 2, 2, 1, 2, 2]
    assert decided.tolist() == [-1, 0, -1, 0, -1, -1]


def test_empty_round_gives_an_empty_table(attempts: pd.DataFrame) -> None:
    ranking = rank_round(attempts, "no-such-round", RoundRules(actual=0))
    assert ranking.table.empty
    assert "rank" in ranking.table.columns
