"""Collective prizes (giải tập thể): standings of units and their awards.

Every figure is a subtree figure: a unit counts its own people and those of all units below it
(:mod:`grading.unit_tree`). A *participant* is a person with at least one unflagged attempt.

Methods (``collective_standings(method=…)``, named as the contest spec's ``CollectiveRule.rule``)
and their order of keys (ties on both share a rank):

- ``participation_rate``: distinct participants ÷ headcount (Hải Dương), then participants;
- ``participants``: distinct participants (Gia Lai, Bình Định), then rate;
- ``winners``: distinct prize-winners (Gia Lai), then rate;
- ``quang_nam``: Quảng Nam's score = rate points + prize points, then rate points, where
  rate points = 100 × (participants per round, averaged over the rounds, ÷ headcount) — "70 %
  counts as 70 points" — and prize points = the sum over the unit's prizes of the tier's points.
  The source gives nhất = 10, nhì = 8, ba = 6 and stops at "…": the points of khuyến khích (and
  of any other tier) are not known and must be passed in ``tier_points``; a missing coefficient
  raises :class:`RulesError`. The source does not cap the rate at 100 % either, so it is not
  capped (a rate above 1 means the headcount needs updating).

Which units compete (``among``, as the spec): ``leaf`` units (no unit below them, the default)
or ``top``-level units (no parent, with subtree sums); or an explicit ``candidates`` list.
A unit whose (subtree) headcount is 0 or unknown has no rate (NaN) and ranks after every unit
that has one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from .counting import RulesError
from .prizes import Awards, PrizeTier, allocate
from .ranking import NO_POOL, competition_ranks
from .results_model import check_references, ensure_valid
from .unit_tree import expand_to_ancestors, rolled_headcount

__all__ = [
    "METHODS",
    "QUANG_NAM_TIER_POINTS",
    "collective_standings",
    "award_collective",
]

METHODS = ("participation_rate", "participants", "winners", "quang_nam")
QUANG_NAM_TIER_POINTS: Mapping[str, float] = {"nhat": 10.0, "nhi": 8.0, "ba": 6.0}

_ORDER = {
    "participation_rate": ("rate", "participants"),
    "participants": ("participants", "rate"),
    "winners": ("winners", "rate"),
    "quang_nam": ("score", "rate_points"),
}


def _per_unit(rows: pd.DataFrame, units: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Distinct participants per (ancestor unit, *by*) from participant rows with unit_id."""
    expanded = expand_to_ancestors(rows, units)
    return expanded.groupby(["ancestor_id", *by], sort=False)["participant_id"].nunique()


def collective_standings(
    attempts: pd.DataFrame,
    units: pd.DataFrame,
    *,
    method: str = "participation_rate",
    among: str = "leaf",
    candidates: Collection[str] | None = None,
    awards: Awards | None = None,
    tier_points: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Rank the competing units (``among`` or ``candidates``) by ``method``.

    ``awards`` (individual prizes, e.g. from :func:`grading.prizes.award_contest`) is needed by
    ``winners`` and ``quang_nam``; only prizes with status ``awarded`` count. The rounds are
    those of ``attempts``. Columns: round_id (``*``), pool (``*``), rank, tied, tie_size,
    unit_id, name, headcount, participants, rate, winners, prizes, rate_points, prize_points,
    score.
    """
    if method not in METHODS:
        raise RulesError(f"collective method '{method}' is not one of {', '.join(METHODS)}")
    attempts = ensure_valid(attempts, "attempts")
    units = ensure_valid(units, "units")
    check_references(attempts=attempts, units=units)
    if candidates is None:
        if among == "top":
            candidates = units.loc[units["parent_id"].isna(), "unit_id"].tolist()
        elif among == "leaf":
            parents = set(units["parent_id"].dropna().unique())
            candidates = [u for u in units["unit_id"] if u not in parents]
        else:
            raise RulesError(f"among must be 'leaf' or 'top', not '{among}'")
    unknown = sorted(set(candidates) - set(units["unit_id"].unique()))
    if unknown:
        raise RulesError(f"candidate units not in the units frame: {', '.join(unknown)}")
    table = units.set_index("unit_id").loc[list(candidates), ["name"]]
    table["headcount"] = rolled_headcount(units).reindex(table.index)
    headcount = table["headcount"].astype("Float64").astype("float64")
    headcount = headcount.where(headcount > 0)

    valid = attempts.loc[attempts["flags"] == "", ["round_id", "participant_id", "unit_id"]]
    people = valid.drop_duplicates(["participant_id"])
    table["participants"] = _per_unit(people, units, []).reindex(table.index, fill_value=0)
    table["rate"] = table["participants"] / headcount

    rounds = sorted(attempts["round_id"].unique())
    per_round = _per_unit(
        valid.drop_duplicates(["round_id", "participant_id"]), units, ["round_id"]
    )
    per_round = per_round.unstack("round_id").reindex(index=table.index, columns=rounds)
    mean_participants = per_round.fillna(0).mean(axis=1) if rounds else 0.0
    table["rate_points"] = 100.0 * mean_participants / headcount

    table["winners"] = 0
    table["prizes"] = 0
    table["prize_points"] = 0.0
    if method in {"winners", "quang_nam"} and awards is None:
        raise RulesError(f"collective method '{method}' needs the individual awards")
    if awards is not None and len(awards.awarded):
        won = awards.awarded
        if "unit_id" not in won.columns:
            raise RulesError("the awards carry no unit_id; award prizes from a ranking")
        if method == "quang_nam":
            points = dict(QUANG_NAM_TIER_POINTS if tier_points is None else tier_points)
            unpriced = sorted(set(won["prize"].unique()) - set(points))
            if unpriced:
                raise RulesError(
                    "Quảng Nam's formula gives points only for nhất 10, nhì 8, ba 6; "
                    f"give tier_points for: {', '.join(unpriced)}"
                )
            won = won.assign(points=won["prize"].map(points).astype("float64"))
        else:
            won = won.assign(points=0.0)
        expanded = expand_to_ancestors(won, units).groupby("ancestor_id")
        table["winners"] = expanded["participant_id"].nunique().reindex(table.index, fill_value=0)
        table["prizes"] = expanded.size().reindex(table.index, fill_value=0)
        table["prize_points"] = expanded["points"].sum().reindex(table.index, fill_value=0.0)
    table["score"] = table["rate_points"] + table["prize_points"]
    table = table.reset_index(names="unit_id")
    return _rank_units(table, _ORDER[method])


def _rank_units(table: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    arrays = []
    for column in order:
        values = -table[column].to_numpy(dtype="float64")
        arrays.append(np.where(np.isnan(values), np.inf, values))
    id_codes, _ = pd.factorize(table["unit_id"], sort=True)
    sorted_index = np.lexsort([id_codes, *reversed(arrays)])
    ranked = table.iloc[sorted_index].reset_index(drop=True)
    pools = np.zeros(len(ranked), dtype="int64")
    rank, tie_size, _ = competition_ranks([a[sorted_index] for a in arrays], pools)
    front = pd.DataFrame(
        {
            "round_id": "*",
            "pool": NO_POOL,
            "rank": rank,
            "tied": tie_size > 1,
            "tie_size": tie_size,
        }
    )
    return pd.concat([front, ranked], axis=1)


def award_collective(
    standings: pd.DataFrame,
    tiers: Sequence[PrizeTier],
    *,
    ties: str = "award_all",
) -> Awards:
    """Collective prizes down the standings, with the same tie handling as individual prizes."""
    return allocate(standings, tiers, ties=ties, id_column="unit_id")
