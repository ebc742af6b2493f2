"""Individual prizes by tier counts, boundary ties, one prize per person; collective prizes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from grading.collective import award_collective, collective_standings
from grading.prizes import PrizeTier, allocate, award_contest, award_round, standard_tiers
from grading.ranking import RoundRules, RulesError, rank_round
from grading.results_model import read_results_csv, validate_attempts

FILES = Path(__file__).parent / "files" / "results"

# Ranks 1, 2, 2, 4, 5, 5, 5, 8 (competition ranking) of eight people a…h.
RANKS = [1, 2, 2, 4, 5, 5, 5, 8]
TIERS = standard_tiers(nhat=1, nhi=2, ba=2, khuyen_khich=3)


def ranked(ranks: list[int], round_id: str = "dot-1", pool: str = "*") -> pd.DataFrame:
    people = "abcdefghijklmnop"[: len(ranks)]
    return pd.DataFrame(
        {
            "round_id": round_id,
            "pool": pool,
            "rank": ranks,
            "participant_id": list(people),
            "unit_id": "u1",
        }
    )


def prizes(awards) -> dict[str, str]:
    return dict(zip(awards.winners["participant_id"], awards.winners["prize"], strict=True))


@pytest.fixture
def attempts() -> pd.DataFrame:
    return read_results_csv(FILES / "attempts-ties-each-key.csv", "attempts")


@pytest.fixture
def units() -> pd.DataFrame:
    return read_results_csv(FILES / "units-tree.csv", "units")


def test_boundary_tie_award_all() -> None:
    awards = allocate(ranked(RANKS), TIERS, ties="award_all")
    # nhất: a. nhì (2): b, c. ba (2): d and then e — but e, f, g share rank 5, so all three get
    # ba (2 over the count). khuyến khích (3): only h is left; 2 slots stay empty.
    assert prizes(awards) == {
        "a": "nhat",
        "b": "nhi",
        "c": "nhi",
        "d": "ba",
        "e": "ba",
        "f": "ba",
        "g": "ba",
        "h": "khuyen-khich",
    }
    ties = awards.boundary_ties
    assert ties[["prize", "rank", "tied", "within_count", "overflow"]].values.tolist() == [
        ["ba", 5, 3, 1, 2]
    ]
    assert ties["note"].iloc[0] == (
        "3 người đồng hạng 5 ở ranh giới Giải Ba: trao cho tất cả (vượt 2 suất)"
    )
    slots = awards.slots.set_index("prize")
    assert slots.loc["khuyen-khich", ["count", "awarded", "unused"]].tolist() == [3, 1, 2]


def test_boundary_tie_drop_moves_the_group_down() -> None:
    awards = allocate(ranked(RANKS), TIERS, ties="drop")
    # ba has room for one of the three rank-5 people: none gets ba (1 slot empty); all three
    # fill khuyến khích; h gets nothing.
    assert prizes(awards) == {
        "a": "nhat",
        "b": "nhi",
        "c": "nhi",
        "d": "ba",
        "e": "khuyen-khich",
        "f": "khuyen-khich",
        "g": "khuyen-khich",
    }
    ties = awards.boundary_ties
    assert ties[["prize", "rank", "decision", "unused"]].values.tolist() == [["ba", 5, "drop", 1]]
    assert "không trao Giải Ba" in ties["note"].iloc[0]


def test_drop_at_the_last_tier_leaves_the_group_without_a_prize() -> None:
    awards = allocate(ranked([1, 2, 2, 2]), standard_tiers(nhat=1, nhi=2), ties="drop")
    assert prizes(awards) == {"a": "nhat"}
    assert awards.slots.set_index("prize").loc["nhi", "unused"] == 2


def test_tie_inside_a_tier_is_no_boundary() -> None:
    awards = allocate(ranked([1, 1, 3]), standard_tiers(nhat=2, nhi=1))
    assert prizes(awards) == {"a": "nhat", "b": "nhat", "c": "nhi"}
    assert awards.boundary_ties.empty


def test_max_share_trims_the_lowest_tiers_first() -> None:
    # 8 ranked people, at most 50 % = 4 winners: counts 1/2/2/3 become 1/2/1/0.
    awards = allocate(ranked([1, 2, 3, 4, 5, 6, 7, 8]), TIERS, max_share=0.5)
    assert prizes(awards) == {"a": "nhat", "b": "nhi", "c": "nhi", "d": "ba"}
    assert awards.slots["count"].tolist() == [1, 2, 1, 0]


def test_separate_pools_per_group() -> None:
    table = pd.concat([ranked([1, 2], pool="can-bo"), ranked([1, 2, 3], pool="hoc-sinh")])
    table["participant_id"] = ["c1", "c2", "h1", "h2", "h3"]
    tiers = {"can-bo": [PrizeTier("nhat", 1)], "hoc-sinh": [PrizeTier("nhat", 2)]}
    assert prizes(allocate(table, tiers)) == {"c1": "nhat", "h1": "nhat", "h2": "nhat"}
    with pytest.raises(RulesError, match="hoc-sinh"):
        allocate(table, {"can-bo": [PrizeTier("nhat", 1)]})


def test_one_prize_per_person_in_a_round(attempts: pd.DataFrame) -> None:
    # p-an has three full-mark attempts, all better than everyone else's: one prize only.
    extra = attempts[attempts["participant_id"] == "p-an"].iloc[[0]]
    extra = pd.concat([extra.assign(attempt_no=3), extra.assign(attempt_no=4)])
    frame = validate_attempts(pd.concat([attempts, extra], ignore_index=True))
    ranking = rank_round(frame, "dot-1", RoundRules(actual=100))
    awards = award_round(ranking, standard_tiers(nhat=1, nhi=1))
    assert prizes(awards) == {"p-an": "nhat", "p-binh": "nhi"}
    assert awards.winners["unit_id"].tolist() == ["x1", "x1"]


def test_one_prize_per_person_in_the_contest() -> None:
    from grading.ranking import Ranking

    first = Ranking(ranked([1, 2, 3], round_id="dot-1"), ("correct",))
    second = ranked([1, 2, 3], round_id="dot-2")
    second["participant_id"] = ["b", "x", "a"]  # b wins nhất in dot-2 after nhì in dot-1
    rankings = {"dot-1": first, "dot-2": Ranking(second, ("correct",))}
    tiers = standard_tiers(nhat=1, nhi=1, ba=1)
    awards = award_contest(rankings, tiers, one_prize_per_contest=True)
    status = {
        (r, p): (prize, s)
        for r, p, prize, s in awards.winners[
            ["round_id", "participant_id", "prize", "status"]
        ].itertuples(index=False)
    }
    assert status == {
        ("dot-1", "a"): ("nhat", "awarded"),
        ("dot-1", "b"): ("nhi", "superseded"),
        ("dot-1", "c"): ("ba", "awarded"),
        ("dot-2", "b"): ("nhat", "awarded"),
        ("dot-2", "x"): ("nhi", "awarded"),
        ("dot-2", "a"): ("ba", "superseded"),
    }
    assert len(awards.awarded) == 4
    both = award_contest(rankings, tiers, one_prize_per_contest=False)
    assert set(both.winners["status"]) == {"awarded"}


def test_bad_prize_rules() -> None:
    with pytest.raises(RulesError):
        PrizeTier("nhat", -1)
    with pytest.raises(RulesError):
        allocate(ranked([1]), TIERS, ties="coin_toss")
    with pytest.raises(RulesError):
        allocate(ranked([1]), TIERS, max_share=1.5)
    assert PrizeTier("giai-dac-biet", 1, title="Giải Đặc biệt").label == "Giải Đặc biệt"
    assert PrizeTier("khuyen-khich", 1).label == "Giải Khuyến khích"


# Collective prizes on the fixture (round dot-1). Valid participants per leaf unit:
#   x1 (headcount 20): p-an, p-binh, p-khanh  → 3, rate 0.15
#   x2 (headcount 10): p-cuong, p-dung        → 2, rate 0.20   (p-lan's attempt is flagged)
#   h2 (headcount 40): p-giang, p-hoa         → 2, rate 0.05
# Individual prizes with nhất 1, nhì 1, ba 1, khuyến khích 2 on ranks an 1, binh 2, cuong 3,
# dung 4, giang 4: x1 nhất + nhì, x2 ba + kk, h2 kk.


@pytest.fixture
def awards(attempts: pd.DataFrame):
    ranking = rank_round(attempts, "dot-1", RoundRules(actual=100))
    return award_contest({"dot-1": ranking}, standard_tiers(1, 1, 1, 2))


def standing(table: pd.DataFrame) -> list[tuple[int, str]]:
    return list(zip(table["rank"], table["unit_id"], strict=True))


def test_collective_by_participation_rate(attempts, units) -> None:
    table = collective_standings(attempts, units, method="participation_rate")
    assert standing(table) == [(1, "x2"), (2, "x1"), (3, "h2")]
    assert table.set_index("unit_id")["rate"].round(4).to_dict() == {
        "x2": 0.2,
        "x1": 0.15,
        "h2": 0.05,
    }


def test_collective_by_participants_then_rate(attempts, units) -> None:
    table = collective_standings(attempts, units, method="participants")
    # x2 and h2 both have 2 participants; x2's rate (0.20) beats h2's (0.05).
    assert standing(table) == [(1, "x1"), (2, "x2"), (3, "h2")]
    awards = award_collective(table, [PrizeTier("nhat", 1), PrizeTier("nhi", 1)])
    assert awards.winners[["unit_id", "prize"]].values.tolist() == [["x1", "nhat"], ["x2", "nhi"]]


def test_collective_by_winners(attempts, units, awards) -> None:
    table = collective_standings(attempts, units, method="winners", awards=awards)
    # x1 and x2 both have 2 winners; x2's rate decides.
    assert standing(table) == [(1, "x2"), (2, "x1"), (3, "h2")]
    assert table.set_index("unit_id")["winners"].to_dict() == {"x2": 2, "x1": 2, "h2": 1}
    with pytest.raises(RulesError, match="awards"):
        collective_standings(attempts, units, method="winners")


def test_collective_quang_nam_formula(attempts, units, awards) -> None:
    with pytest.raises(RulesError, match="khuyen-khich"):
        collective_standings(attempts, units, method="quang_nam", awards=awards)
    points = {"nhat": 10, "nhi": 8, "ba": 6, "khuyen-khich": 4}
    table = collective_standings(
        attempts, units, method="quang_nam", awards=awards, tier_points=points
    )
    # x1: 15 rate points + 10 + 8 = 33; x2: 20 + 6 + 4 = 30; h2: 5 + 4 = 9.
    assert standing(table) == [(1, "x1"), (2, "x2"), (3, "h2")]
    assert table.set_index("unit_id")["score"].round(6).to_dict() == {
        "x1": 33.0,
        "x2": 30.0,
        "h2": 9.0,
    }


def test_quang_nam_averages_participants_over_rounds(attempts, units, awards) -> None:
    second = attempts[attempts["participant_id"].isin(["p-an", "p-hoa"])].drop_duplicates(
        "participant_id"
    )
    both = validate_attempts(
        pd.concat([attempts, second.assign(round_id="dot-2")], ignore_index=True)
    )
    table = collective_standings(
        both,
        units,
        method="quang_nam",
        awards=awards,
        tier_points={"khuyen-khich": 4, "nhat": 10, "nhi": 8, "ba": 6},
    ).set_index("unit_id")
    # Participants per round: x1 3 and 1 → mean 2 ÷ 20 → 10 points; x2 2 and 0 → 1 ÷ 10 → 10;
    # h2 2 and 1 → 1.5 ÷ 40 → 3.75.
    assert table["rate_points"].round(6).to_dict() == {"x1": 10.0, "x2": 10.0, "h2": 3.75}
    assert table["participants"].to_dict() == {"x1": 3, "x2": 2, "h2": 2}


def test_collective_among_top_and_candidates(attempts, units) -> None:
    top = collective_standings(attempts, units, among="top")
    assert top[["unit_id", "participants", "headcount"]].values.tolist() == [["tinh", 7, 80]]
    chosen = collective_standings(attempts, units, candidates=["h1", "h2"])
    # h1's subtree (h1, x1, x2): 5 participants of 40; h2: 2 of 40.
    assert chosen[["unit_id", "participants", "rate"]].values.tolist() == [
        ["h1", 5, 0.125],
        ["h2", 2, 0.05],
    ]
    with pytest.raises(RulesError):
        collective_standings(attempts, units, candidates=["nowhere"])
    with pytest.raises(RulesError):
        collective_standings(attempts, units, method="loudest")


def test_collective_boundary_tie(attempts, units) -> None:
    # With h2's headcount at 10, x2 and h2 tie on both keys (2 participants, rate 0.2).
    units = units.assign(headcount=units["headcount"].where(units["unit_id"] != "h2", 10))
    table = collective_standings(attempts, units, method="participants")
    assert standing(table) == [(1, "x1"), (2, "h2"), (2, "x2")]
    assert table["tied"].tolist() == [False, True, True]
    tiers = [PrizeTier("nhat", 1), PrizeTier("nhi", 1)]
    shared = award_collective(table, tiers, ties="award_all")
    assert shared.winners[["unit_id", "prize"]].values.tolist() == [
        ["x1", "nhat"],
        ["h2", "nhi"],
        ["x2", "nhi"],
    ]
    dropped = award_collective(table, tiers, ties="drop")
    assert dropped.winners["unit_id"].tolist() == ["x1"]
    assert dropped.boundary_ties[["prize", "rank", "tied"]].values.tolist() == [["nhi", 2, 2]]
