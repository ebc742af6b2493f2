"""Item analysis of every question, per round, and review notes for the bank.

A *respondent* is one attempt (round_id, participant_id, attempt_no). By default every response
counts; pass ``attempts`` to drop flagged attempts and ``ranking`` (a ranking table) to keep only
each person's counted attempt, so that people with many attempts do not weigh more (for the
``sum`` policy, whose counted attempt_no is empty, all the person's unflagged attempts count).

Per question and round (papers may differ per participant, so each question is analysed among
the respondents whose paper had it; a blank answer counts as wrong):

- ``facility`` p: share of correct answers;
- ``discrimination`` D (Kelley): p in the upper 27 % minus p in the lower 27 % of those
  respondents ordered by total correct on their paper (ties at the cut are split by participant
  id, so the result is reproducible); each group has round(0.27 n) ≥ 1 people, NaN below n = 2;
- ``point_biserial``: the corrected item-total correlation, Pearson's r between the item (0/1)
  and the rest of the paper (total − item); NaN when either has no variance;
- option counts (``ItemAnalysis.options``), the key taken from ``keys`` or else inferred from
  the letter marked correct.

Cronbach's α per round, with per-participant papers (missing by design): α is computed from the
round's respondents × questions matrix with *pairwise* variances and covariances (each pair of
questions over the respondents who had both, exactly ``pandas.DataFrame.cov``) as
α = k·c̄ / (v̄ + (k − 1)·c̄), with v̄ the mean item variance, c̄ the mean inter-item covariance and
k the paper length (median questions per respondent). With one common paper this *is* the
classical α = k/(k−1)·(1 − Σσᵢ²/σ²ₓ); with random papers it estimates the reliability of a
k-question paper drawn from the same pool. Restricting to common items was rejected: random
papers share few or none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .results_labels import label
from .results_model import ensure_valid

__all__ = [
    "ItemAnalysis",
    "item_analysis",
    "cronbach_alpha",
    "flag_items",
    "review_notes",
    "bank_options",
    "FLAGS",
]

DEFAULT_OPTIONS = "ABCD"
FLAGS = ("too_easy", "too_hard", "negative_discrimination", "unused_distractor")
_RESPONDENT = ["round_id", "participant_id", "attempt_no"]
_CHUNK = 8192


@dataclass(frozen=True, eq=False)
class ItemAnalysis:
    """``items``: round_id, question_id, respondents, facility, discrimination, upper_n,
    upper_facility, lower_facility, point_biserial, key, blank;
    ``options``: round_id, question_id, option, count, share, is_key;
    ``reliability``: round_id, respondents, questions, paper_length, alpha."""

    items: pd.DataFrame
    options: pd.DataFrame
    reliability: pd.DataFrame


def bank_options(questions: Mapping[str, object]) -> tuple[dict[str, str], dict[str, str]]:
    """Option letters and keys of single-choice bank questions (``quizzes.load_questions()``)."""
    options, keys = {}, {}
    for question_id, question in questions.items():
        if getattr(question, "options", None) and isinstance(question.answer, str):
            options[question_id] = "ABCDEF"[: len(question.options)]
            keys[question_id] = question.answer
    return options, keys


def _select(responses, attempts, ranking) -> pd.DataFrame:
    rows = responses
    if attempts is not None:
        attempts = ensure_valid(attempts, "attempts")
        flagged = attempts.loc[attempts["flags"] != "", _RESPONDENT]
        rows = rows.merge(flagged, on=_RESPONDENT, how="left", indicator=True)
        rows = rows[rows["_merge"] == "left_only"].drop(columns="_merge")
    if ranking is not None:
        counted = ranking[_RESPONDENT].astype({"attempt_no": "Int64"})
        exact = counted[counted["attempt_no"].notna()].astype({"attempt_no": "int64"})
        whole = counted.loc[counted["attempt_no"].isna(), ["round_id", "participant_id"]]
        kept = [rows.merge(exact, on=_RESPONDENT, how="inner")]
        if len(whole):
            kept.append(rows.merge(whole, on=["round_id", "participant_id"], how="inner"))
        rows = pd.concat(kept, ignore_index=True)
    return rows


def item_analysis(
    responses: pd.DataFrame,
    *,
    attempts: pd.DataFrame | None = None,
    ranking: pd.DataFrame | None = None,
    options: Mapping[str, str] | None = None,
    keys: Mapping[str, str] | None = None,
    upper_fraction: float = 0.27,
) -> ItemAnalysis:
    """Facility, discrimination, point-biserial, option counts and α (see the module docstring).

    ``options`` maps question_id → its letters (default ``ABCD`` plus any letter seen);
    ``keys`` maps question_id → the key letter. :func:`bank_options` gives both from the bank.
    """
    responses = ensure_valid(responses, "responses")
    rows = _select(responses, attempts, ranking)
    rows = rows[[*_RESPONDENT, "question_id", "chosen", "correct"]].copy()
    rows["x"] = rows["correct"].astype("float64")
    rows["total"] = rows.groupby(_RESPONDENT, sort=False)["x"].transform("sum")
    rows["rest"] = rows["total"] - rows["x"]
    items = _item_statistics(rows, upper_fraction)
    option_table, items = _option_statistics(rows, items, options or {}, keys or {})
    reliability = pd.DataFrame(
        [_round_alpha(round_id, part) for round_id, part in rows.groupby("round_id", sort=True)],
        columns=["round_id", "respondents", "questions", "paper_length", "alpha"],
    )
    return ItemAnalysis(items, option_table, reliability)


def _item_statistics(rows: pd.DataFrame, upper_fraction: float) -> pd.DataFrame:
    item = ["round_id", "question_id"]
    rows = rows.assign(xy=rows["x"] * rows["rest"], yy=rows["rest"] ** 2)
    sums = rows.groupby(item, sort=True).agg(
        respondents=("x", "size"),
        sx=("x", "sum"),
        sy=("rest", "sum"),
        sxy=("xy", "sum"),
        syy=("yy", "sum"),
    )
    n, sx, sy = sums["respondents"], sums["sx"], sums["sy"]
    numerator = n * sums["sxy"] - sx * sy
    denominator = np.sqrt((n * sx - sx**2) * (n * sums["syy"] - sy**2))
    out = pd.DataFrame({"respondents": n, "facility": sx / n})
    out["point_biserial"] = (numerator / denominator.where(denominator > 0)).astype("float64")

    # Kelley's groups: order each item's respondents by total (desc), participant, attempt.
    ordered = rows.sort_values(
        [*item, "total", "participant_id", "attempt_no"],
        ascending=[True, True, False, True, True],
        kind="stable",
    )
    position = ordered.groupby(item, sort=False).cumcount().to_numpy()
    size = ordered.groupby(item, sort=False)["x"].transform("size").to_numpy()
    group_n = np.where(size >= 2, np.maximum(np.floor(upper_fraction * size + 0.5), 1), 0)
    ordered = ordered.assign(
        upper=np.where(position < group_n, ordered["x"], np.nan),
        lower=np.where(position >= size - group_n, ordered["x"], np.nan),
    )
    groups = ordered.groupby(item, sort=True)
    out["upper_n"] = groups["upper"].count()
    out["upper_facility"] = groups["upper"].mean()
    out["lower_facility"] = groups["lower"].mean()
    out["discrimination"] = out["upper_facility"] - out["lower_facility"]
    columns = ["respondents", "facility", "discrimination", "upper_n", "upper_facility"]
    return out[[*columns, "lower_facility", "point_biserial"]].reset_index()


def _option_statistics(rows, items, options, keys):
    item = ["round_id", "question_id"]
    counts = rows.groupby([*item, "chosen"], sort=True).size()
    inferred = (
        rows[rows["correct"]].groupby(item, sort=True)["chosen"].agg(lambda s: s.mode().iat[0])
    )
    seen = rows.dropna(subset=["chosen"]).groupby("question_id")["chosen"].unique()
    records = []
    item_keys, blanks = [], []
    blank_counts = rows["chosen"].isna().groupby([rows["round_id"], rows["question_id"]]).sum()
    for round_id, question_id, respondents in items[[*item, "respondents"]].itertuples(index=False):
        key = keys.get(question_id) or inferred.get((round_id, question_id))
        letters = options.get(question_id) or DEFAULT_OPTIONS
        extra = [c for c in seen.get(question_id, []) if c not in letters]
        for option in sorted(set(letters) | set(extra)):
            count = int(counts.get((round_id, question_id, option), 0))
            records.append(
                (round_id, question_id, option, count, count / respondents, option == key)
            )
        item_keys.append(key)
        blanks.append(int(blank_counts.get((round_id, question_id), 0)))
    table = pd.DataFrame(
        records, columns=["round_id", "question_id", "option", "count", "share", "is_key"]
    )
    return table, items.assign(key=item_keys, blank=blanks)


def cronbach_alpha(matrix: np.ndarray | pd.DataFrame, paper_length: int | None = None) -> float:
    """α of a respondents × questions 0/1 (or scored) matrix; NaN marks "not on this paper".

    Pairwise variances and covariances (as ``DataFrame.cov``), α = k·c̄ / (v̄ + (k − 1)·c̄),
    k = ``paper_length`` or the median number of answered cells per row.
    """
    values = np.asarray(matrix, dtype="float64")
    present = ~np.isnan(values)
    q = values.shape[1]
    if q < 2:
        return float("nan")
    n = np.zeros((q, q))
    s = np.zeros((q, q))
    p = np.zeros((q, q))
    for start in range(0, len(values), _CHUNK):
        m = present[start : start + _CHUNK].astype("float64")
        x = np.where(m > 0, values[start : start + _CHUNK], 0.0)
        n += m.T @ m
        s += x.T @ m  # s[i, j] = sum of item i over respondents who had i and j
        p += x.T @ x
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (p - s * s.T / n) / (n - 1)
    cov[n < 2] = np.nan
    variances = np.diag(cov)
    upper = cov[np.triu_indices(q, k=1)]
    v_bar, c_bar = np.nanmean(variances), np.nanmean(upper) if np.isfinite(upper).any() else np.nan
    k = paper_length or int(np.median(present.sum(axis=1)))
    denominator = v_bar + (k - 1) * c_bar
    if not np.isfinite(denominator) or denominator == 0 or k < 2:
        return float("nan")
    return float(k * c_bar / denominator)


def _round_alpha(round_id: str, rows: pd.DataFrame) -> tuple:
    respondent, _ = pd.factorize(pd.MultiIndex.from_frame(rows[["participant_id", "attempt_no"]]))
    question, questions = pd.factorize(rows["question_id"], sort=True)
    matrix = np.full((respondent.max() + 1 if len(rows) else 0, len(questions)), np.nan)
    matrix[respondent, question] = rows["x"].to_numpy()
    length = int(np.median(np.bincount(respondent))) if len(rows) else 0
    alpha = cronbach_alpha(matrix, paper_length=length) if len(matrix) else float("nan")
    return round_id, len(matrix), len(questions), length, alpha


def flag_items(
    analysis: ItemAnalysis,
    *,
    too_easy: float = 0.9,
    too_hard: float = 0.2,
    min_respondents: int = 20,
) -> pd.DataFrame:
    """Review flags as records: round_id, question_id, flag, value, threshold, respondents,
    option, note (Vietnamese). Questions with fewer than ``min_respondents`` are not flagged."""
    items = analysis.items[analysis.items["respondents"] >= min_respondents]
    records = []

    def add(row, flag, value, threshold, option=None):
        values = {"round_id": row.round_id, "value": value, "threshold": threshold}
        note = label(f"flag_{flag}", **values, n=row.respondents, option=option)
        records.append(
            (row.round_id, row.question_id, flag, value, threshold, row.respondents, option, note)
        )

    for row in items.itertuples(index=False):
        if row.facility > too_easy:
            add(row, "too_easy", row.facility, too_easy)
        if row.facility < too_hard:
            add(row, "too_hard", row.facility, too_hard)
        if row.discrimination < 0:
            add(row, "negative_discrimination", row.discrimination, 0.0)
    unused = analysis.options[(analysis.options["count"] == 0) & ~analysis.options["is_key"]]
    unused = unused.merge(items[["round_id", "question_id", "respondents"]], how="inner")
    for row in unused.itertuples(index=False):
        add(row, "unused_distractor", 0.0, 0.0, option=row.option)
    columns = [
        "round_id",
        "question_id",
        "flag",
        "value",
        "threshold",
        "respondents",
        "option",
        "note",
    ]
    flags = pd.DataFrame(records, columns=columns)
    order = flags["flag"].map({f: i for i, f in enumerate(FLAGS)})
    return (
        flags.assign(_o=order)
        .sort_values(["question_id", "round_id", "_o", "option"])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def review_notes(flags: pd.DataFrame) -> dict[str, list[str]]:
    """``{question_id: [note, …]}``, ready to append to the bank questions' ``notes``."""
    notes: dict[str, list[str]] = {}
    for question_id, note in flags[["question_id", "note"]].itertuples(index=False):
        notes.setdefault(question_id, []).append(note)
    return notes
