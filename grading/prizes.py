"""Individual prizes (giải cá nhân) by tier counts, from a ranking.

Tiers are awarded in order (nhất, nhì, ba, khuyến khích by default), each to the next ``count``
people by rank. A round ranks every participant once, so nobody can take two prizes in a round:
a participant with several strong attempts takes one prize and the next person moves up.

Ties at a tier boundary (people sharing a rank across the last slot) follow ``ties``:

- ``award_all``: everyone tied gets the tier, which then has more winners than its count; later
  tiers keep their own counts and start after the tied group;
- ``drop``: nobody in the tied group gets the tier (its slots stay empty) and the group is
  considered for the next tier; after the last tier it gets nothing.

Either way each boundary tie is reported in ``Awards.boundary_ties`` with a Vietnamese note.
``max_share`` caps the winners of a pool at a share of its ranked participants (Quảng Nam: ≤ 50 %),
by trimming counts from the lowest tier up before awarding.

Over a contest (:func:`award_contest`), ``one_prize_per_contest=True`` applies Quảng Nam's rule
"a person who wins in two rounds receives only the single highest prize": the highest tier is kept
(the earlier round on equal tiers) and the others are marked ``superseded``; their slots are not
re-awarded (the conventions do not say they are, and re-awarding would cascade through rounds).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .counting import RulesError
from .ranking import Ranking
from .results_labels import LABELS, label

__all__ = [
    "TIER_IDS",
    "TIE_POLICIES",
    "PrizeTier",
    "standard_tiers",
    "Awards",
    "allocate",
    "award_round",
    "award_contest",
]

TIER_IDS = ("nhat", "nhi", "ba", "khuyen-khich")  # as the contest spec's tier ids
TIE_POLICIES = ("award_all", "drop")

_WINNER_COLUMNS = ["round_id", "pool", "rank", "prize", "prize_order", "status"]
_TIE_COLUMNS = [
    "round_id",
    "pool",
    "prize",
    "rank",
    "tied",
    "within_count",
    "decision",
    "overflow",
    "unused",
    "note",
]
_SLOT_COLUMNS = ["round_id", "pool", "prize", "count", "awarded", "unused"]


@dataclass(frozen=True)
class PrizeTier:
    """A prize tier (the contest spec's ``Tier``): its id (``nhat``, ``nhi``, ``ba``,
    ``khuyen-khich`` or your own), how many prizes it has and, optionally, its shown title."""

    id: str
    count: int
    title: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0:
            raise RulesError(f"prize '{self.id}' needs a whole count ≥ 0, not {self.count!r}")

    @property
    def label(self) -> str:
        key = f"prize_{self.id}"
        return self.title or (label(key) if key in LABELS else self.id)


def standard_tiers(
    nhat: int = 1, nhi: int = 0, ba: int = 0, khuyen_khich: int = 0
) -> tuple[PrizeTier, ...]:
    """Nhất/Nhì/Ba/Khuyến khích with the given counts, e.g. ``standard_tiers(2, 4, 10, 20)``."""
    counts = (nhat, nhi, ba, khuyen_khich)
    return tuple(PrizeTier(id_, count) for id_, count in zip(TIER_IDS, counts, strict=True))


@dataclass(frozen=True, eq=False)
class Awards:
    """The result of awarding prizes.

    ``winners``: one row per prize (round_id, pool, rank, the winner's id column and unit_id when
    known, prize, prize_order (0 = highest), status ``awarded`` or ``superseded``);
    ``boundary_ties``: one row per tie met at a tier boundary (prize, rank, tied, within_count =
    how many of them the count had room for, decision, overflow, unused, note);
    ``slots``: per pool and tier, count (after the ``max_share`` cap), awarded and unused slots.
    """

    winners: pd.DataFrame
    boundary_ties: pd.DataFrame
    slots: pd.DataFrame

    @property
    def awarded(self) -> pd.DataFrame:
        """Winners whose prize stands (not superseded by a higher prize elsewhere)."""
        return self.winners[self.winners["status"] == "awarded"].reset_index(drop=True)


def _capped_counts(tiers: Sequence[PrizeTier], cap: int | None) -> list[int]:
    counts = [t.count for t in tiers]
    if cap is None:
        return counts
    excess = sum(counts) - cap
    for i in reversed(range(len(counts))):
        if excess <= 0:
            break
        cut = min(excess, counts[i])
        counts[i] -= cut
        excess -= cut
    return counts


def _allocate_pool(ranks: np.ndarray, tiers: Sequence[PrizeTier], counts: list[int], ties: str):
    """Positions and tier order of the winners of one pool, plus boundary ties and slots."""
    n = len(ranks)
    positions, orders, boundary, slots = [], [], [], []
    start = 0
    for order, (tier, count) in enumerate(zip(tiers, counts, strict=True)):
        end = min(start + count, n)
        if count and start + count < n and ranks[end - 1] == ranks[end]:
            tied_rank = ranks[end]
            group_start = int(np.searchsorted(ranks, tied_rank, side="left"))
            group_end = int(np.searchsorted(ranks, tied_rank, side="right"))
            tied = group_end - group_start
            within = start + count - group_start
            if ties == "award_all":
                end = group_end
                overflow, unused, key = end - (start + count), 0, "tie_awarded_all"
            else:
                end = group_start
                overflow, unused, key = 0, start + count - end, "tie_dropped"
            note = label(
                key,
                tied=tied,
                rank=int(tied_rank),
                prize=tier.label,
                overflow=overflow,
                unused=unused,
            )
            boundary.append((tier.id, int(tied_rank), tied, within, ties, overflow, unused, note))
        positions.append(np.arange(start, end))
        orders.append(np.full(end - start, order))
        slots.append((tier.id, count, end - start, max(count - (end - start), 0)))
        start = end
    return np.concatenate(positions), np.concatenate(orders), boundary, slots


def allocate(
    table: pd.DataFrame,
    tiers: Sequence[PrizeTier] | Mapping[str, Sequence[PrizeTier]],
    *,
    ties: str = "award_all",
    max_share: float | None = None,
    id_column: str = "participant_id",
) -> Awards:
    """Award ``tiers`` down a ranked table (columns round_id, pool, rank, ``id_column``).

    ``tiers`` may be one list for every pool or a mapping pool → list (separate prize pools per
    participant group, as Đồng Nai's 3/4/3 split).
    """
    if ties not in TIE_POLICIES:
        raise RulesError(f"ties '{ties}' is not one of {', '.join(TIE_POLICIES)}")
    if max_share is not None and not 0 <= max_share <= 1:
        raise RulesError(f"max_share must be between 0 and 1, not {max_share}")
    table = table.sort_values(["round_id", "pool", "rank", id_column], kind="stable")
    extra = [c for c in ("unit_id",) if c in table.columns and c != id_column]
    winners, boundary, slots = [], [], []
    for (round_id, pool), rows in table.groupby(["round_id", "pool"], sort=True):
        if isinstance(tiers, Mapping):
            if pool not in tiers:
                raise RulesError(f"no prize tiers for pool '{pool}' (round '{round_id}')")
            pool_tiers = list(tiers[pool])
        else:
            pool_tiers = list(tiers)
        cap = None if max_share is None else math.floor(max_share * len(rows) + 1e-9)
        counts = _capped_counts(pool_tiers, cap)
        ranks = rows["rank"].to_numpy()
        positions, orders, pool_ties, pool_slots = _allocate_pool(ranks, pool_tiers, counts, ties)
        chosen = rows.iloc[positions][["round_id", "pool", "rank", id_column, *extra]]
        chosen = chosen.assign(
            prize=[pool_tiers[o].id for o in orders], prize_order=orders, status="awarded"
        )
        winners.append(chosen)
        boundary += [(round_id, pool, *t) for t in pool_ties]
        slots += [(round_id, pool, *s) for s in pool_slots]
    columns = [*_WINNER_COLUMNS[:3], id_column, *extra, *_WINNER_COLUMNS[3:]]
    winners_frame = (
        pd.concat(winners, ignore_index=True)[columns] if winners else pd.DataFrame(columns=columns)
    )
    return Awards(
        winners_frame,
        pd.DataFrame(boundary, columns=_TIE_COLUMNS),
        pd.DataFrame(slots, columns=_SLOT_COLUMNS),
    )


def award_round(
    ranking: Ranking,
    tiers: Sequence[PrizeTier] | Mapping[str, Sequence[PrizeTier]],
    *,
    ties: str = "award_all",
    max_share: float | None = None,
) -> Awards:
    """Individual prizes of one round (or of the overall ranking)."""
    return allocate(ranking.table, tiers, ties=ties, max_share=max_share)


def award_contest(
    rankings: Mapping[str, Ranking],
    tiers: Sequence[PrizeTier] | Mapping[str, Sequence[PrizeTier]],
    *,
    ties: str = "award_all",
    max_share: float | None = None,
    one_prize_per_contest: bool = False,
) -> Awards:
    """Prizes of every round in ``rankings`` (in the mapping's order, which is the round order).

    ``tiers`` is one list for every round, or a mapping round_id → list (or → pool mapping).
    """
    parts = []
    for round_id, ranking in rankings.items():
        round_tiers = tiers[round_id] if isinstance(tiers, Mapping) else tiers
        parts.append(award_round(ranking, round_tiers, ties=ties, max_share=max_share))
    if not parts:
        return allocate(pd.DataFrame(columns=["round_id", "pool", "rank", "participant_id"]), [])
    winners = pd.concat([p.winners for p in parts], ignore_index=True)
    if one_prize_per_contest and len(winners):
        round_order = {r: i for i, r in enumerate(rankings)}
        ordered = winners.assign(_round=winners["round_id"].map(round_order)).sort_values(
            ["prize_order", "_round"], kind="stable"
        )
        kept = ~ordered.duplicated("participant_id", keep="first")
        winners.loc[kept.index[~kept.to_numpy()], "status"] = "superseded"
    return Awards(
        winners,
        pd.concat([p.boundary_ties for p in parts], ignore_index=True),
        pd.concat([p.slots for p in parts], ignore_index=True),
    )
