"""The statistics organisers report (conventions, "Statistics organisers report").

Counting rules:

- *attempts* (lượt dự thi) are every recorded attempt, flagged ones included;
  *people* (người dự thi) are the distinct people behind them; *ranked people* are those with at
  least one unflagged attempt — the participants of rates, scores and prizes.
- Score figures (means, medians, distribution, perfect scores, fastest) use each person's
  counted result, i.e. a ranking table (:attr:`grading.ranking.Ranking.table`), one row per person
  and round (``round_id`` ``*`` for the overall table). The distribution can also be taken over
  unflagged attempts (``basis="attempts"``), as MOJ 2019 reported it.
- Per-unit figures are subtree figures (a district includes its communes); ``headcount`` is the
  subtree's headcount and ``rate`` = participants ÷ headcount (NaN when the headcount is 0 or
  unknown).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .counting import ALL_ROUNDS
from .results_labels import label
from .results_model import UnknownReferenceError, ensure_valid
from .unit_tree import expand_to_ancestors, rolled_headcount, unit_depths

__all__ = [
    "attempt_summary",
    "unit_statistics",
    "score_distribution",
    "perfect_scores",
    "fastest_finishers",
    "group_breakdown",
]


def _with_all_rounds(rows: pd.DataFrame, wanted) -> pd.DataFrame:
    """``rows`` plus, when an overall (``*``) table is being described, a copy under ``*``."""
    if ALL_ROUNDS not in set(wanted):
        return rows
    return pd.concat([rows, rows.assign(round_id=ALL_ROUNDS)], ignore_index=True)


def attempt_summary(attempts: pd.DataFrame) -> pd.DataFrame:
    """Attempts vs people per round, plus a ``*`` row for the whole contest.

    Columns: round_id, attempts, flagged_attempts, people, ranked_people, attempts_per_person.
    """
    attempts = ensure_valid(attempts, "attempts")
    frame = attempts[["round_id", "participant_id"]].assign(
        flagged=attempts["flags"] != "",
        ranked_id=attempts["participant_id"].where(attempts["flags"] == ""),
    )

    def summarise(rows) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "attempts": rows["participant_id"].size(),
                "flagged_attempts": rows["flagged"].sum(),
                "people": rows["participant_id"].nunique(),
                "ranked_people": rows["ranked_id"].nunique(),
            }
        )

    per_round = summarise(frame.groupby("round_id", sort=True)).reset_index()
    whole = frame.assign(round_id=ALL_ROUNDS).groupby("round_id")
    total = summarise(whole).reset_index()
    out = pd.concat([per_round, total], ignore_index=True)
    out["attempts_per_person"] = out["attempts"] / out["people"].where(out["people"] > 0)
    return out


def unit_statistics(
    table: pd.DataFrame, units: pd.DataFrame, *, attempts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per round of ``table`` and per unit (subtree): participation and scores.

    Columns: round_id, unit_id, name, parent_id, depth, headcount, participants, rate, mean_score,
    median_score, mean_correct, and attempts (all attempts of the subtree in the round, flagged
    included) when ``attempts`` is given. Every unit appears, with 0 participants if need be.
    """
    units = ensure_valid(units, "units")
    unknown = sorted(set(table["unit_id"].unique()) - set(units["unit_id"].unique()))
    if unknown:
        raise UnknownReferenceError(
            frame="ranking", column="unit_id", target="units", values=unknown
        )
    expanded = expand_to_ancestors(table[["round_id", "unit_id", "score", "correct"]], units)
    grouped = expanded.groupby(["round_id", "ancestor_id"], sort=False)
    stats = pd.DataFrame(
        {
            "participants": grouped.size(),
            "mean_score": grouped["score"].mean(),
            "median_score": grouped["score"].median(),
            "mean_correct": grouped["correct"].mean(),
        }
    )
    rounds = sorted(table["round_id"].unique())
    index = pd.MultiIndex.from_product([rounds, units["unit_id"]], names=["round_id", "unit_id"])
    stats.index.names = ["round_id", "unit_id"]
    out = stats.reindex(index).reset_index()
    out["participants"] = out["participants"].fillna(0).astype("int64")
    info = units.set_index("unit_id")
    out.insert(2, "name", out["unit_id"].map(info["name"]))
    out.insert(3, "parent_id", out["unit_id"].map(info["parent_id"]))
    out.insert(4, "depth", out["unit_id"].map(unit_depths(units)).astype("int64"))
    out.insert(5, "headcount", out["unit_id"].map(rolled_headcount(units)).astype("Int64"))
    headcount = out["headcount"].astype("Float64").astype("float64")
    out.insert(7, "rate", out["participants"] / headcount.where(headcount > 0))
    if attempts is not None:
        attempts = ensure_valid(attempts, "attempts")
        rows = _with_all_rounds(attempts[["round_id", "unit_id"]], rounds)
        counts = expand_to_ancestors(rows, units).groupby(["round_id", "ancestor_id"]).size()
        counts.index.names = ["round_id", "unit_id"]
        out["attempts"] = counts.reindex(index, fill_value=0).to_numpy()
    return out


def score_distribution(
    frame: pd.DataFrame, *, basis: str = "people", n_questions: int | None = None
) -> pd.DataFrame:
    """ "N người đúng k câu": how many people (or unflagged attempts) got k answers right.

    ``frame`` is a ranking table for ``basis="people"``, an attempts frame for ``"attempts"``.
    Every k from 0 to ``n_questions`` (or the highest k seen, if higher) gets a row.
    Columns: round_id, correct, count, share, text.
    """
    if basis == "attempts":
        frame = ensure_valid(frame, "attempts")
        frame = frame[frame["flags"] == ""]
    elif basis != "people":
        raise ValueError(f"basis must be 'people' or 'attempts', not {basis!r}")
    pieces = []
    for round_id, rows in frame.groupby("round_id", sort=True):
        correct = rows["correct"].to_numpy(dtype="int64")
        top = max(int(correct.max()), n_questions or 0)
        counts = np.bincount(correct, minlength=top + 1)[: top + 1]
        pieces.append(
            pd.DataFrame(
                {
                    "round_id": round_id,
                    "correct": np.arange(top + 1),
                    "count": counts,
                    "share": counts / max(len(rows), 1),
                }
            )
        )
    if not pieces:
        return pd.DataFrame(columns=["round_id", "correct", "count", "share", "text"])
    out = pd.concat(pieces, ignore_index=True)
    key = "distribution_people" if basis == "people" else "distribution_attempts"
    out["text"] = [label(key, n=n, k=k) for n, k in zip(out["count"], out["correct"], strict=True)]
    return out


def perfect_scores(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ranking table whose counted result has full marks."""
    return table[table["score"] >= table["max_score"] - 1e-9].reset_index(drop=True)


def fastest_finishers(
    table: pd.DataFrame,
    *,
    top: int | None = 10,
    under_s: float | None = None,
    perfect_only: bool = True,
) -> pd.DataFrame:
    """The quickest counted results per round, full marks only by default (a blank paper
    submitted in 5 s is not news). ``under_s`` keeps those strictly under a time (Bình Định's
    "53 người dưới 60 giây"); ``top`` then limits each round's list (None = no limit)."""
    rows = perfect_scores(table) if perfect_only else table
    if under_s is not None:
        rows = rows[rows["duration_s"] < under_s]
    rows = rows.sort_values(["round_id", "duration_s", "submitted_at", "participant_id"])
    if top is not None:
        rows = rows.groupby("round_id", sort=False).head(top)
    return rows.reset_index(drop=True)


def group_breakdown(table: pd.DataFrame, *, attempts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per round and participant group (NA = no group): people, share, mean and median score,
    and attempts (flagged included) when ``attempts`` is given."""
    grouped = table.groupby(["round_id", "group"], sort=True, dropna=False)
    out = pd.DataFrame(
        {
            "people": grouped.size(),
            "mean_score": grouped["score"].mean(),
            "median_score": grouped["score"].median(),
        }
    ).reset_index()
    totals = out.groupby("round_id")["people"].transform("sum")
    out.insert(3, "share", out["people"] / totals)
    if attempts is not None:
        attempts = ensure_valid(attempts, "attempts")
        rows = _with_all_rounds(attempts[["round_id", "group"]], table["round_id"].unique())
        counts = rows.groupby(["round_id", "group"], dropna=False).size().rename("attempts")
        out = out.merge(counts.reset_index(), on=["round_id", "group"], how="left")
        out["attempts"] = out["attempts"].fillna(0).astype("int64")
    return out
