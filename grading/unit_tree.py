"""The unit tree (đơn vị → đơn vị cấp trên) as flat frames, for rolling figures up.

A unit's ``headcount`` counts its own people only; a parent's rolled-up figures (participants,
headcount, scores) are those of its whole subtree, itself included. A unit without a headcount
(a grouping such as "Khối xã, phường" with no staff of its own) adds 0; a subtree where no unit
has a headcount has none (NA), so its rate is unknown rather than infinite.

Rolling up is a merge with :func:`unit_ancestry` followed by a groupby on ``ancestor_id``: every
participant row is counted once for its own unit and once for each unit above it, so medians
are true subtree medians.
"""

from __future__ import annotations

import pandas as pd

from .results_model import ensure_valid

__all__ = ["unit_ancestry", "unit_depths", "rolled_headcount", "expand_to_ancestors"]


def unit_ancestry(units: pd.DataFrame) -> pd.DataFrame:
    """Rows ``(unit_id, ancestor_id, distance)``: each unit with itself (0) and every ancestor."""
    units = ensure_valid(units, "units")
    parent_of = pd.Series(units["parent_id"].to_numpy(), index=units["unit_id"].to_numpy())
    level = pd.DataFrame(
        {"unit_id": units["unit_id"], "ancestor_id": units["unit_id"], "distance": 0}
    )
    pieces = [level]
    while True:
        parents = level["ancestor_id"].map(parent_of)
        keep = parents.notna()
        if not keep.any():
            break
        level = pd.DataFrame(
            {
                "unit_id": level.loc[keep, "unit_id"].to_numpy(),
                "ancestor_id": parents[keep].to_numpy(),
                "distance": level.loc[keep, "distance"].to_numpy() + 1,
            }
        )
        pieces.append(level)
    out = pd.concat(pieces, ignore_index=True)
    out["unit_id"] = out["unit_id"].astype("str")
    out["ancestor_id"] = out["ancestor_id"].astype("str")
    return out


def unit_depths(units: pd.DataFrame) -> pd.Series:
    """Depth of every unit (0 = top level), indexed by unit_id."""
    ancestry = unit_ancestry(units)
    return ancestry.groupby("unit_id")["distance"].max().rename("depth")


def rolled_headcount(units: pd.DataFrame) -> pd.Series:
    """Headcount of every unit's subtree (its own people plus all its descendants'), by unit_id."""
    units = ensure_valid(units, "units")
    ancestry = unit_ancestry(units)
    own = units.set_index("unit_id")["headcount"]
    ancestry = ancestry.assign(headcount=ancestry["unit_id"].map(own))
    rolled = ancestry.groupby("ancestor_id")["headcount"].sum(min_count=1)
    return rolled.astype("Int64").rename("headcount")


def expand_to_ancestors(frame: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with a ``unit_id`` column) repeated once per ancestor, in ``ancestor_id``.

    Group the result by ``ancestor_id`` to get subtree figures for every unit.
    """
    ancestry = unit_ancestry(units)[["unit_id", "ancestor_id"]]
    return frame.merge(ancestry, on="unit_id", how="inner", sort=False)
