"""Item analysis of every question, per round: facility, discrimination, point-biserial, α.

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

Cronbach's α per round (``ItemAnalysis.reliability``) uses the round's respondents × questions
matrix with pairwise covariances and k = the median paper length; see :mod:`grading.reliability`
for why. Review flags and notes for the bank are in :mod:`grading.item_flags`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .item_flags import FLAGS, flag_items, review_notes
from .reliability import cronbach_alpha
from .results_model import ensure_valid

# flag_items, review_notes and FLAGS live in item_flags and are re-exported with the analysis.
__all__ = [
    "ItemAnalysis",
    "item_analysis",
    "bank_options",
    "cronbach_alpha",
    "FLAGS",
    "flag_items",
    "review_notes",
]

DEFAULT_OPTIONS = "ABCD"
_RESPONDENT = ["round_id", "participant_id", "attempt_no"]


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


@dataclass(frozen=True)
class _Coded:
    """The analysed responses as integer codes (string groupbys are slow at millions of rows)."""

    rounds: pd.Index
    questions: pd.Index
    round: np.ndarray  # code of round_id
    question: np.ndarray  # code of question_id
    participant: np.ndarray  # code of participant_id, in sorted id order
    attempt: np.ndarray
    respondent: np.ndarray  # code of (round, participant, attempt)
    item: np.ndarray  # code of (round, question), in sorted order
    item_round: np.ndarray  # round code of each item
    item_question: np.ndarray  # question code of each item
    letter: np.ndarray  # 0–5 for A–F, 6 for a blank answer
    x: np.ndarray  # 1.0 correct, 0.0 wrong or blank


def _keys(rows: pd.DataFrame, other: pd.DataFrame, with_attempt: bool):
    """Integer keys of (round, participant[, attempt]) for ``rows`` and ``other`` alike."""
    count = len(rows)
    key = np.zeros(count + len(other), dtype="int64")
    for column in ("round_id", "participant_id"):
        both = pd.concat([rows[column], other[column]], ignore_index=True)
        codes, uniques = pd.factorize(both)
        key = key * max(len(uniques), 1) + codes
    if with_attempt:
        attempts = pd.concat([rows["attempt_no"], other["attempt_no"]], ignore_index=True)
        numbers = attempts.to_numpy(dtype="int64", na_value=0)
        key = key * (int(numbers.max()) + 1 if len(numbers) else 1) + numbers
    return key[:count], key[count:]


def _select(responses, attempts, ranking) -> pd.DataFrame:
    """The responses of unflagged (and, with a ranking, counted) attempts."""
    keep = np.ones(len(responses), dtype=bool)
    if attempts is not None:
        attempts = ensure_valid(attempts, "attempts")
        mine, flagged = _keys(responses, attempts[attempts["flags"] != ""], True)
        keep &= ~np.isin(mine, flagged)
    if ranking is not None:
        counted = ranking[_RESPONDENT].astype({"attempt_no": "Int64"})
        mine, exact = _keys(responses, counted[counted["attempt_no"].notna()], True)
        chosen = np.isin(mine, exact)
        whole = counted[counted["attempt_no"].isna()]
        if len(whole):
            person, summed = _keys(responses, whole, False)
            chosen |= np.isin(person, summed)
        keep &= chosen
    return responses[keep]


def _code(rows: pd.DataFrame) -> _Coded:
    round_code, rounds = pd.factorize(rows["round_id"], sort=True)
    question_code, questions = pd.factorize(rows["question_id"], sort=True)
    participant, people = pd.factorize(rows["participant_id"], sort=True)
    attempt = rows["attempt_no"].to_numpy(dtype="int64")
    span = int(attempt.max()) + 1 if len(attempt) else 1
    respondent_key = (round_code.astype("int64") * max(len(people), 1) + participant) * span
    respondent, _ = pd.factorize(respondent_key + attempt)
    item, item_keys = pd.factorize(
        round_code.astype("int64") * len(questions) + question_code, sort=True
    )
    letters = pd.Categorical(rows["chosen"], categories=list("ABCDEF")).codes
    return _Coded(
        rounds=rounds,
        questions=questions,
        round=round_code,
        question=question_code,
        participant=participant,
        attempt=attempt,
        respondent=respondent,
        item=item,
        item_round=item_keys // max(len(questions), 1),
        item_question=item_keys % max(len(questions), 1),
        letter=np.where(letters < 0, 6, letters).astype("int64"),
        x=rows["correct"].to_numpy(dtype="float64"),
    )


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
    coded = _code(_select(responses, attempts, ranking))
    items = _item_statistics(coded, upper_fraction)
    option_table, items = _option_statistics(coded, items, options or {}, keys or {})
    reliability = pd.DataFrame(
        [_round_alpha(coded, k) for k in range(len(coded.rounds))],
        columns=["round_id", "respondents", "questions", "paper_length", "alpha"],
    )
    return ItemAnalysis(items, option_table, reliability)


def _item_statistics(c: _Coded, upper_fraction: float) -> pd.DataFrame:
    items = len(c.item_round)
    total = np.bincount(c.respondent, weights=c.x)[c.respondent]
    rest = total - c.x

    def per_item(weights=None) -> np.ndarray:
        return np.bincount(c.item, weights=weights, minlength=items)

    n, sx, sy = per_item().astype("float64"), per_item(c.x), per_item(rest)
    numerator = n * per_item(c.x * rest) - sx * sy
    with np.errstate(invalid="ignore", divide="ignore"):
        denominator = np.sqrt((n * sx - sx**2) * (n * per_item(rest**2) - sy**2))
        point_biserial = np.where(denominator > 0, numerator / denominator, np.nan)
        facility = sx / n

    # Kelley's groups: each item's respondents by total (desc), then participant id, attempt.
    order = _kelley_order(c, total)
    sorted_item = c.item[order]
    starts = np.concatenate([[0], np.cumsum(n)[:-1]]).astype("int64")
    position = np.arange(len(order)) - starts[sorted_item]
    size = n[sorted_item]
    group = np.where(n >= 2, np.maximum(np.floor(upper_fraction * n + 0.5), 1), 0)[sorted_item]
    upper = position < group
    lower = position >= size - group
    x_sorted = c.x[order]
    upper_n = np.bincount(sorted_item[upper], minlength=items)
    with np.errstate(invalid="ignore", divide="ignore"):
        upper_p = (
            np.bincount(sorted_item[upper], weights=x_sorted[upper], minlength=items) / upper_n
        )
        lower_n = np.bincount(sorted_item[lower], minlength=items)
        lower_p = (
            np.bincount(sorted_item[lower], weights=x_sorted[lower], minlength=items) / lower_n
        )
    return pd.DataFrame(
        {
            "round_id": np.asarray(c.rounds)[c.item_round],
            "question_id": np.asarray(c.questions)[c.item_question],
            "respondents": n.astype("int64"),
            "facility": facility,
            "discrimination": upper_p - lower_p,
            "upper_n": upper_n,
            "upper_facility": upper_p,
            "lower_facility": lower_p,
            "point_biserial": point_biserial,
        }
    )


def _kelley_order(c: _Coded, total: np.ndarray) -> np.ndarray:
    """Row order by item, total (desc), participant id, attempt — one int64 sort if it fits."""
    top = int(total.max()) + 1 if len(total) else 1
    people = int(c.participant.max()) + 1 if len(total) else 1
    span = int(c.attempt.max()) + 1 if len(total) else 1
    if (int(c.item.max()) + 1 if len(total) else 1) * top * people * span < 2**62:
        below = top - 1 - total.astype("int64")
        key = ((c.item * top + below) * people + c.participant) * span + c.attempt
        return np.argsort(key, kind="stable")
    return np.lexsort([c.attempt, c.participant, -total, c.item])


def _option_statistics(c: _Coded, items: pd.DataFrame, options, keys):
    n_items = len(items)
    counts = np.bincount(c.item * 7 + c.letter, minlength=n_items * 7).reshape(n_items, 7)
    right = c.x > 0
    right_counts = np.bincount(c.item[right] * 7 + c.letter[right], minlength=n_items * 7).reshape(
        n_items, 7
    )
    used = np.bincount(c.question * 7 + c.letter, minlength=len(c.questions) * 7)
    used = used.reshape(len(c.questions), 7)
    letters = "ABCDEF"
    records, item_keys = [], []
    for i, (round_id, question_id, respondents) in enumerate(
        items[["round_id", "question_id", "respondents"]].itertuples(index=False)
    ):
        inferred = letters[right_counts[i, :6].argmax()] if right_counts[i, :6].any() else None
        key = keys.get(question_id) or inferred
        offered = options.get(question_id) or DEFAULT_OPTIONS
        seen = {letters[j] for j in np.flatnonzero(used[c.item_question[i], :6])}
        for option in sorted(set(offered) | seen):
            count = int(counts[i, letters.index(option)])
            records.append(
                (round_id, question_id, option, count, count / respondents, option == key)
            )
        item_keys.append(key)
    table = pd.DataFrame(
        records, columns=["round_id", "question_id", "option", "count", "share", "is_key"]
    )
    return table, items.assign(key=item_keys, blank=counts[:, 6].astype("int64"))


def _round_alpha(c: _Coded, round_code: int) -> tuple:
    mask = c.round == round_code
    respondent, respondents = pd.factorize(c.respondent[mask])
    question, questions = pd.factorize(c.question[mask])
    matrix = np.full((len(respondents), len(questions)), np.nan)
    matrix[respondent, question] = c.x[mask]
    length = int(np.median(np.bincount(respondent))) if len(respondent) else 0
    alpha = cronbach_alpha(matrix, paper_length=length) if len(matrix) else float("nan")
    return c.rounds[round_code], len(matrix), len(questions), length, alpha
