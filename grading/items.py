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
from .reliability import cronbach_alpha, cronbach_alpha_long
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


def _other_key(frame, rounds, people, span: int | None) -> np.ndarray:
    """Keys of (round, participant[, attempt]) rows of another frame in the responses' codes;
    rows the responses do not have are left out."""
    round_code = pd.Index(rounds).get_indexer(frame["round_id"])
    person_code = pd.Index(people).get_indexer(frame["participant_id"])
    known = (round_code >= 0) & (person_code >= 0)
    key = round_code.astype("int64") * len(people) + person_code
    if span is not None:
        attempt = frame["attempt_no"].to_numpy(dtype="int64", na_value=0)
        known &= attempt < span
        key = key * span + attempt
    return key[known]


def _kept(c: dict, rounds, people, attempts, ranking) -> np.ndarray:
    """Rows of unflagged (and, with a ranking, counted) attempts."""
    span = int(c["attempt"].max()) + 1 if len(c["attempt"]) else 1
    person = c["round"].astype("int64") * len(people) + c["participant"]
    respondent = person * span + c["attempt"]
    keep = np.ones(len(respondent), dtype=bool)
    if attempts is not None:
        attempts = ensure_valid(attempts, "attempts")
        flagged = attempts[attempts["flags"] != ""]
        keep &= ~np.isin(respondent, _other_key(flagged, rounds, people, span))
    if ranking is not None:
        counted = ranking[_RESPONDENT].astype({"attempt_no": "Int64"})
        exact = counted[counted["attempt_no"].notna()]
        whole = counted[counted["attempt_no"].isna()]
        chosen = np.isin(respondent, _other_key(exact, rounds, people, span))
        if len(whole):
            chosen |= np.isin(person, _other_key(whole, rounds, people, None))
        keep &= chosen
    return keep


def _code(responses: pd.DataFrame, attempts, ranking) -> _Coded:
    """Integer codes of the responses kept for analysis (strings are factorized once)."""
    round_code, rounds = pd.factorize(responses["round_id"], sort=True)
    question_code, questions = pd.factorize(responses["question_id"], sort=True)
    participant, people = pd.factorize(responses["participant_id"], sort=True)
    chosen, seen = pd.factorize(responses["chosen"])  # a blank is -1
    letter_of = np.array(["ABCDEF".index(v) for v in seen] + [6], dtype="int64")
    c = {
        "round": round_code.astype("int64"),
        "question": question_code.astype("int64"),
        "participant": participant.astype("int64"),
        "attempt": responses["attempt_no"].to_numpy(dtype="int64"),
        "letter": letter_of[chosen],  # 0–5 for A–F; index -1 picks the blank (6)
        "x": responses["correct"].to_numpy(dtype="float64"),
    }
    if attempts is not None or ranking is not None:
        keep = _kept(c, rounds, people, attempts, ranking)
        if not keep.all():
            c = {name: values[keep] for name, values in c.items()}
    span = int(c["attempt"].max()) + 1 if len(c["attempt"]) else 1
    person = c["round"] * max(len(people), 1) + c["participant"]
    respondent, _ = pd.factorize(person * span + c["attempt"])
    item, item_keys = pd.factorize(c["round"] * len(questions) + c["question"], sort=True)
    return _Coded(
        rounds=rounds,
        questions=questions,
        respondent=respondent,
        item=item,
        item_round=item_keys // max(len(questions), 1),
        item_question=item_keys % max(len(questions), 1),
        **c,
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
    coded = _code(responses, attempts, ranking)
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
    length = int(np.median(np.bincount(respondent))) if len(respondent) else 0
    alpha = cronbach_alpha_long(respondent, question, c.x[mask], paper_length=length)
    return c.rounds[round_code], len(respondents), len(questions), length, alpha
