"""Which attempt counts: a round's rules and each participant's counted result.

This module turns a round's unflagged attempts into one row per participant under the round's
policy (``best``, ``earliest_full`` or ``sum``); :mod:`grading.ranking` orders those rows. The
policies and keys are described in :mod:`grading.ranking`'s docstring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .results_labels import label
from .results_model import ResultsInputError, ensure_valid

__all__ = [
    "KEYS",
    "KEY_ALIASES",
    "DEFAULT_KEYS",
    "PREDICTION_BASES",
    "POLICIES",
    "ALL_ROUNDS",
    "RulesError",
    "RoundRules",
    "key_arrays",
    "prediction_actual",
    "counted_attempts",
    "overall_totals",
]

# Key names are those of the contest spec (quizzes.contest_spec.RANK_KEYS), plus ``score``.
KEYS = (
    "correct",
    "score",
    "prediction_error",
    "duration",
    "started_at",
    "submitted_at",
    "full_score_attempts",
)
KEY_ALIASES = {
    "prediction": "prediction_error",
    "submitted": "submitted_at",
    "started": "started_at",
}
DEFAULT_KEYS = ("correct", "prediction_error", "duration", "submitted_at")
PREDICTION_BASES = ("participants_in_round", "full_score_count")
POLICIES = ("best", "earliest_full", "sum")
ALL_ROUNDS = "*"
_FULL_TOLERANCE = 1e-9

COUNTED_COLUMNS = [
    "contest_id",
    "round_id",
    "participant_id",
    "unit_id",
    "group",
    "correct",
    "score",
    "max_score",
    "prediction",
    "prediction_error",
    "duration_s",
    "started_at",
    "submitted_at",
    "attempt_no",
    "attempts",
    "full_score_attempts",
]


class RulesError(ValueError):
    """Ranking or prize rules that cannot be applied (unknown key, missing prediction answer…)."""

    def __init__(self, detail: str) -> None:
        super().__init__(label("err_rules", detail=detail))
        self.detail = detail


@dataclass(frozen=True)
class RoundRules:
    """How one round is ranked: the attempt policy, the key order and the prediction's answer.

    ``actual`` is the right answer of the prediction question (participants or full scores in the
    round, fixed when the round closes; see :func:`prediction_actual`). It is required when
    ``prediction_error`` is among the keys. Keys may use the short aliases ``prediction``,
    ``submitted`` and ``started``; they are stored under their full names.
    """

    policy: str = "best"
    keys: tuple[str, ...] = DEFAULT_KEYS
    actual: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", tuple(KEY_ALIASES.get(k, k) for k in self.keys))
        if self.policy not in POLICIES:
            raise RulesError(f"policy '{self.policy}' is not one of {', '.join(POLICIES)}")
        unknown = [k for k in self.keys if k not in KEYS]
        if not self.keys or unknown:
            raise RulesError(f"unknown ranking keys {unknown}; known: {', '.join(KEYS)}")
        if len(set(self.keys)) != len(self.keys):
            raise RulesError(f"a ranking key is repeated in {list(self.keys)}")
        if self.actual is not None and (
            isinstance(self.actual, bool) or not isinstance(self.actual, int) or self.actual < 0
        ):
            raise RulesError(f"actual must be a whole number ≥ 0, not {self.actual!r}")

    def require_actual(self, round_id: str) -> None:
        if "prediction_error" in self.keys and self.actual is None:
            raise RulesError(
                f"round '{round_id}' ranks by the prediction but its answer (actual) is not set; "
                "give RoundRules(actual=…) or drop 'prediction_error' from the keys"
            )


def key_arrays(table: pd.DataFrame, keys: Sequence[str]) -> list[np.ndarray]:
    """One array per key, oriented so that smaller is better (for ``np.lexsort``)."""
    arrays = []
    for key in keys:
        if key == "correct":
            arrays.append(-table["correct"].to_numpy(dtype="float64"))
        elif key == "score":
            arrays.append(-np.round(table["score"].to_numpy(dtype="float64"), 9))
        elif key == "prediction_error":
            arrays.append(table["prediction_error"].to_numpy(dtype="float64"))
        elif key == "duration":
            arrays.append(np.round(table["duration_s"].to_numpy(dtype="float64"), 6))
        elif key in {"submitted_at", "started_at"}:
            arrays.append(table[key].astype("int64").to_numpy())
        else:  # full_score_attempts
            arrays.append(-table["full_score_attempts"].to_numpy(dtype="float64"))
    return arrays


def _valid_round_attempts(attempts: pd.DataFrame, round_id: str) -> pd.DataFrame:
    rows = attempts[(attempts["round_id"] == round_id) & (attempts["flags"] == "")]
    contests = sorted(rows["contest_id"].unique())
    if len(contests) > 1:
        raise ResultsInputError(
            label("err_several_contests", frame="attempts", contests=", ".join(contests)),
            frame="attempts",
            column="contest_id",
        )
    return rows.reset_index(drop=True)


def _full(rows: pd.DataFrame) -> np.ndarray:
    return (rows["score"] >= rows["max_score"] - _FULL_TOLERANCE).to_numpy()


def prediction_actual(
    attempts: pd.DataFrame, round_id: str, *, basis: str = "participants_in_round"
) -> int:
    """The prediction question's answer once the round has closed (names as the contest spec's
    ``prediction.what``).

    ``participants_in_round``: distinct people with an unflagged attempt in the round (Bình
    Thuận, Quảng Nam); ``full_score_count``: distinct people with an unflagged full-mark attempt
    (TP.HCM 2026).
    """
    rows = _valid_round_attempts(ensure_valid(attempts, "attempts"), round_id)
    if basis == "participants_in_round":
        return int(rows["participant_id"].nunique())
    if basis == "full_score_count":
        return int(rows.loc[_full(rows), "participant_id"].nunique())
    raise RulesError(f"prediction basis '{basis}' is not one of {', '.join(PREDICTION_BASES)}")


def _first_per_code(sorted_codes: np.ndarray) -> np.ndarray:
    first = np.ones(len(sorted_codes), dtype=bool)
    first[1:] = sorted_codes[1:] != sorted_codes[:-1]
    return first


def _best(rows: pd.DataFrame, codes: np.ndarray, keys: Sequence[str]) -> np.ndarray:
    """Row position of each participant's best attempt, indexed by participant code."""
    attempt_no = rows["attempt_no"].to_numpy()
    order = np.lexsort([attempt_no, *reversed(key_arrays(rows, keys)), codes])
    return order[_first_per_code(codes[order])]


def _earliest_full(rows: pd.DataFrame, codes: np.ndarray, keys: Sequence[str]) -> np.ndarray:
    chosen = _best(rows, codes, keys)
    full = np.flatnonzero(_full(rows))
    if len(full):
        submitted = rows["submitted_at"].astype("int64").to_numpy()[full]
        order = np.lexsort([rows["attempt_no"].to_numpy()[full], submitted, codes[full]])
        firsts = full[order][_first_per_code(codes[full][order])]
        chosen[codes[firsts]] = firsts
    return chosen


def _summed(rows: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    grouped = rows.groupby(codes, sort=True)
    closest = np.lexsort(
        [rows["attempt_no"].to_numpy(), rows["prediction_error"].to_numpy(), codes]
    )
    closest = closest[_first_per_code(codes[closest])]
    table = rows.iloc[closest].reset_index(drop=True)
    for column in ("correct", "score", "max_score", "duration_s"):
        table[column] = grouped[column].sum().to_numpy()
    table["started_at"] = grouped["started_at"].min().array
    table["submitted_at"] = grouped["submitted_at"].max().array
    table["attempt_no"] = pd.array([pd.NA] * len(table), dtype="Int64")
    return table


def counted_attempts(
    attempts: pd.DataFrame,
    round_id: str,
    *,
    policy: str = "best",
    keys: Sequence[str] = DEFAULT_KEYS,
    actual: int | None = None,
) -> pd.DataFrame:
    """Each participant's counted result in ``round_id`` (unflagged attempts only), unranked.

    Columns: see ``COUNTED_COLUMNS``. ``prediction_error`` is ``|prediction − actual|``, ``inf``
    without a prediction and NaN when ``actual`` is unknown.
    """
    rules = RoundRules(policy=policy, keys=tuple(keys), actual=actual)
    rows = _valid_round_attempts(ensure_valid(attempts, "attempts"), round_id)
    predictions = rows["prediction"].to_numpy(dtype="float64", na_value=np.nan)
    if rules.actual is None:
        error = np.full(len(rows), np.nan)
    else:
        error = np.abs(predictions - rules.actual)
        error[np.isnan(error)] = np.inf
    codes, uniques = pd.factorize(rows["participant_id"], sort=True)
    people = len(uniques)
    n_attempts = np.bincount(codes, minlength=people)
    n_full = np.bincount(codes, weights=_full(rows), minlength=people).astype("int64")
    rows = rows.assign(prediction_error=error, full_score_attempts=n_full[codes])
    if rules.policy == "sum":
        table = _summed(rows, codes)
    else:
        choose = _best if rules.policy == "best" else _earliest_full
        table = rows.iloc[choose(rows, codes, rules.keys)].reset_index(drop=True)
    table["attempts"] = n_attempts
    table["attempt_no"] = table["attempt_no"].astype("Int64")
    return table[COUNTED_COLUMNS]


def overall_totals(per_round: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Contest totals from each round's counted results (the rule is in :mod:`grading.ranking`)."""
    frames = [f for f in per_round if len(f)]
    if not frames:
        return pd.DataFrame(columns=[*COUNTED_COLUMNS, "rounds"])
    rows = pd.concat(frames, ignore_index=True)
    rows["prediction_error"] = rows["prediction_error"].fillna(0.0)
    # Integer codes in sorted id order: every aggregate below is indexed 0…n-1 the same way.
    codes, _ = pd.factorize(rows["participant_id"], sort=True)
    grouped = rows.groupby(codes, sort=True)
    first = np.unique(codes, return_index=True)[1]
    identity = ["participant_id", "contest_id", "unit_id", "group"]
    table = rows.iloc[first][identity].reset_index(drop=True)
    summed = ["correct", "score", "max_score", "prediction_error", "duration_s", "attempts"]
    totals = grouped[[*summed, "full_score_attempts"]].sum()
    for column in totals.columns:
        table[column] = totals[column].to_numpy()
    table["started_at"] = grouped["started_at"].min().array
    table["submitted_at"] = grouped["submitted_at"].max().array
    table["rounds"] = grouped.size().to_numpy()
    table["round_id"] = ALL_ROUNDS
    table["prediction"] = pd.array([pd.NA] * len(table), dtype="Int64")
    table["attempt_no"] = pd.array([pd.NA] * len(table), dtype="Int64")
    return table[[*COUNTED_COLUMNS, "rounds"]]
