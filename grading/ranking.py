"""Ranking by Vietnamese contest rules, per round and over the whole contest.

Keys (``RoundRules.keys``, in the order they are applied; better first):

=======================  ==========================================================================
``correct``              number of correct answers, more is better (the default first key)
``score``                score, higher is better (for papers whose questions carry weights)
``prediction_error``     ``|prediction − actual|``, smaller is better; no prediction ranks last
``duration``             completion time (thời gian hoàn thành), shorter is better
``submitted_at``         submission time, earlier is better
``started_at``           start/login time (thời điểm đăng nhập dự thi), earlier is better
``full_score_attempts``  number of the participant's full-mark attempts in the round, more is
                         better (Quảng Nam's fifth key)
=======================  ==========================================================================

The names are the contest spec's (``quizzes.contest_spec.RANK_KEYS``); ``prediction``,
``submitted`` and ``started`` are accepted as aliases. The default is ``correct →
prediction_error → duration → submitted_at`` (conventions §1.6; the spec may choose
``started_at``, Quảng Nam's "earlier login", instead). People equal on
every key share a rank (competition ranking 1, 2, 2, 4); ``Ranking.ties`` lists them for the
organiser, and ``decided_by`` tells which key separated each person from the one above.

Which attempt counts (``RoundRules.policy``), among the round's unflagged attempts:

- ``best``: the attempt that places the participant highest under the round's own keys, i.e. most
  correct, then the closest prediction, then the fastest, then the earliest submitted; identical
  attempts fall back to the lowest ``attempt_no``. With one key (``correct``) this is Bắc Trà My's
  "keep the higher score" and, among equal bests, Bình Thuận's "correct and earliest".
- ``earliest_full``: the first submitted full-mark attempt (score = max_score) — Bình Thuận's
  "kết quả đúng và sớm nhất"; a participant with no full-mark attempt is counted by ``best``.
- ``sum``: all attempts together (Đồng Nai 2021): correct, score, max_score and duration are summed,
  the prediction is the closest one given, ``started`` the first start and ``submitted`` the last
  submission (when the total was complete).

Overall ranking (:func:`rank_overall`), a rule the conventions leave open: each round contributes
its counted result under its own rules; a participant's totals are the sums over the rounds they
entered (a round not entered adds nothing), the prediction key is the sum of the round errors
(rounds without a prediction add 0), ``submitted`` is the last counted submission and ``started``
the first start. The totals are ranked with the same key machinery — this is Đồng Nai's "sum over
the contest" that rewards taking part in every round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .counting import (
    ALL_ROUNDS,
    DEFAULT_KEYS,
    KEY_ALIASES,
    KEYS,
    POLICIES,
    RoundRules,
    RulesError,
    counted_attempts,
    key_arrays,
    overall_totals,
    prediction_actual,
)
from .results_model import ensure_valid

__all__ = [
    "KEYS",
    "KEY_ALIASES",
    "DEFAULT_KEYS",
    "POLICIES",
    "ALL_ROUNDS",
    "NO_POOL",
    "RulesError",
    "RoundRules",
    "Ranking",
    "prediction_actual",
    "counted_attempts",
    "rank_round",
    "rank_overall",
    "rank_overall_from_rounds",
    "competition_ranks",
]

NO_POOL = "*"


@dataclass(frozen=True, eq=False)
class Ranking:
    """One row per ranked participant (per pool), sorted by pool then rank.

    Columns: contest_id, round_id (``*`` overall), pool (``*`` unless ranked within groups), rank,
    participant_id, unit_id, group, tied, tie_size, decided_by (a key name, empty for the first row
    of a pool and for tied rows), correct, score, max_score, prediction, prediction_error,
    duration_s, started_at, submitted_at, attempt_no (counted attempt; NA for ``sum`` and
    overall), attempts (unflagged attempts), full_score_attempts, rounds (overall only).
    """

    table: pd.DataFrame
    keys: tuple[str, ...]

    @property
    def ties(self) -> pd.DataFrame:
        """The people who share a rank with someone, for the organiser to decide on."""
        columns = ["round_id", "pool", "rank", "tie_size", "participant_id", "unit_id", "group"]
        return self.table.loc[self.table["tied"], columns].reset_index(drop=True)


def competition_ranks(
    sorted_keys: Sequence[np.ndarray], pools: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ranks of rows already sorted by (pool, keys…): equal rows share the better rank.

    Returns ``(rank, tie_size, decided)`` where ``decided`` is the index of the first key that
    differs from the previous row (-1 for a pool's first row and for tied rows).
    """
    n = len(pools)
    if n == 0:
        empty = np.zeros(0, dtype="int64")
        return empty, empty, empty
    index = np.arange(n)
    pool_start = np.ones(n, dtype=bool)
    pool_start[1:] = pools[1:] != pools[:-1]
    change = np.zeros((len(sorted_keys), n), dtype=bool)
    for j, values in enumerate(sorted_keys):
        change[j, 1:] = values[1:] != values[:-1]
    starts = change.any(axis=0) | pool_start
    first_of_pool = np.maximum.accumulate(np.where(pool_start, index, 0))
    first_of_group = np.maximum.accumulate(np.where(starts, index, 0))
    rank = first_of_group - first_of_pool + 1
    group_id = np.cumsum(starts) - 1
    tie_size = np.bincount(group_id)[group_id]
    decided = np.where(starts & ~pool_start, change.argmax(axis=0), -1)
    return rank, tie_size, decided


def _rank_table(table: pd.DataFrame, keys: Sequence[str], within_groups: bool) -> pd.DataFrame:
    if within_groups:
        pool = table["group"].fillna("").astype("str")
    else:
        pool = pd.Series(NO_POOL, index=table.index, dtype="str")
    pool_codes, _ = pd.factorize(pool, sort=True)
    arrays = key_arrays(table, keys)
    ids = table["participant_id"].to_numpy()
    id_codes, _ = pd.factorize(ids, sort=True)  # final, stable order for fully tied rows
    order = np.lexsort([id_codes, *reversed(arrays), pool_codes])
    ranked = table.iloc[order].reset_index(drop=True)
    ranked.insert(2, "pool", pool.to_numpy()[order])
    rank, tie_size, decided = competition_ranks([a[order] for a in arrays], pool_codes[order])
    names = np.array([*keys, ""], dtype=object)
    ranked.insert(3, "rank", rank)
    ranked.insert(7, "tied", tie_size > 1)
    ranked.insert(8, "tie_size", tie_size)
    ranked.insert(9, "decided_by", names[decided])
    ranked["decided_by"] = ranked["decided_by"].astype("str")
    return ranked


def rank_round(
    attempts: pd.DataFrame,
    round_id: str,
    rules: RoundRules | None = None,
    *,
    within_groups: bool = False,
) -> Ranking:
    """Rank one round. ``within_groups`` ranks each participant group as its own pool."""
    rules = rules or RoundRules()
    rules.require_actual(round_id)
    attempts = ensure_valid(attempts, "attempts")
    table = counted_attempts(
        attempts, round_id, policy=rules.policy, keys=rules.keys, actual=rules.actual
    )
    return Ranking(_rank_table(table, rules.keys, within_groups), rules.keys)


def rank_overall(
    attempts: pd.DataFrame,
    rules: Mapping[str, RoundRules],
    *,
    keys: Sequence[str] = DEFAULT_KEYS,
    within_groups: bool = False,
) -> Ranking:
    """Rank the whole contest over the rounds in ``rules``; every round of ``attempts`` needs
    rules (drop practice rounds from the frame first)."""
    keys = RoundRules(keys=tuple(keys)).keys
    attempts = ensure_valid(attempts, "attempts")
    missing = sorted(set(attempts["round_id"].unique()) - set(rules))
    if missing:
        raise RulesError(f"rounds without rules: {', '.join(missing)}")
    per_round = []
    for round_id, round_rules in rules.items():
        round_rules.require_actual(round_id)
        per_round.append(
            counted_attempts(
                attempts,
                round_id,
                policy=round_rules.policy,
                keys=round_rules.keys,
                actual=round_rules.actual,
            )
        )
    table = overall_totals(per_round)
    return Ranking(_rank_table(table, keys, within_groups), tuple(keys))


def rank_overall_from_rounds(
    rankings: Mapping[str, Ranking],
    *,
    keys: Sequence[str] = DEFAULT_KEYS,
    within_groups: bool = False,
) -> Ranking:
    """The same overall ranking as :func:`rank_overall`, from round rankings already made (each
    round's counted results are not computed twice)."""
    keys = RoundRules(keys=tuple(keys)).keys
    table = overall_totals([ranking.table for ranking in rankings.values()])
    return Ranking(_rank_table(table, keys, within_groups), tuple(keys))
