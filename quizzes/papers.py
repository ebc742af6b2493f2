"""Per-participant papers: which questions and in which option order — derived, never stored.

A paper is a pure function of ``(contest seed, round, participant id, attempt, kind)`` and the
round's frozen question pool (see ``grading.contest_store``). The contest page calls it to show a
paper; the grader calls it again to score, and never trusts what a client says it was shown.

    paper = draw_paper(pool, round_.paper, seed=spec.seed, round_id=round_.id,
                       participant_id="ts-3f9a2c1b", attempt=1)
    slot = paper.slots[0]
    slot.bank_letter("B")       # the bank letter behind the option shown second
    is_correct(question, slot, "B")

Randomness comes from BLAKE2b over the inputs (never Python's ``hash()`` or ``random``, whose
output may change between versions), so a paper can be recomputed years later. Questions are
assigned to quota slots by a bipartite matching, so overlapping quotas never fail when the pool
can satisfy them. Options that name other options ("Cả A và B đều đúng", "Tất cả các phương án
trên") keep the bank order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .answers import MAX_ESSAY_CHARS
from .contest_spec import PaperSpec, Quota
from .schema import OPTION_LETTERS, Question, QuestionType, Status

__all__ = [
    "PAPER_ALGORITHM",
    "TRUE_FALSE_OPTIONS",
    "PaperError",
    "PaperSlot",
    "Paper",
    "quota_matches",
    "pool_for",
    "max_fill",
    "draw_paper",
    "shuffle_allowed",
    "is_correct",
    "shown_key",
    "paper_view",
]

PAPER_ALGORITHM = 1  # part of every derivation: changing the algorithm must change this
TRUE_FALSE_OPTIONS = ("Đúng", "Sai")
_SEP = b"\x1f"
_LETTER_LIST = re.compile(r"\b[A-F]\s*(?:,|và|hoặc)\s*[A-F]\b")
_NAMES_OPTIONS = re.compile(
    r"(?:phương án|đáp án|ý)\s+(?:nêu\s+)?(?:trên|[A-F]\b)|^(?:cả|tất cả)\b", re.IGNORECASE
)


class PaperError(Exception):
    """The pool cannot fill the paper's quotas."""


@dataclass(frozen=True)
class PaperSlot:
    number: int  # 1-based position on the paper
    question_id: str
    quota: int  # index of the quota this slot fills
    order: tuple[int, ...]  # order[i] = bank index of the option shown at position i

    def bank_letter(self, shown: str) -> str | None:
        """The bank letter of the option shown as ``shown`` (None if no such option)."""
        index = OPTION_LETTERS.find(shown) if isinstance(shown, str) and len(shown) == 1 else -1
        if index < 0 or index >= len(self.order):
            return None
        return OPTION_LETTERS[self.order[index]]

    def shown_letter(self, bank: str) -> str:
        return OPTION_LETTERS[self.order.index(OPTION_LETTERS.index(bank))]


@dataclass(frozen=True)
class Paper:
    round_id: str
    participant_id: str
    attempt: int
    kind: str
    slots: tuple[PaperSlot, ...]

    def slot(self, number: int) -> PaperSlot:
        return self.slots[number - 1]

    @property
    def question_ids(self) -> list[str]:
        return [slot.question_id for slot in self.slots]


def quota_matches(quota: Quota, question: Question, draw_status: str = "reviewed") -> bool:
    topic = question.topic
    return (
        question.type is quota.type
        and (draw_status == "any" or question.status is Status.reviewed)
        and (quota.document is None or topic.document == quota.document)
        and (quota.chapter is None or topic.chapter == quota.chapter)
        and (quota.section is None or topic.section == quota.section)
        and (not quota.difficulty or question.difficulty in quota.difficulty)
        and all(tag in question.tags for tag in quota.tags)
    )


def pool_for(
    questions: Mapping[str, Question] | Sequence[Question], paper: PaperSpec, draw_status: str
) -> list[Question]:
    """The questions some quota of ``paper`` may draw, sorted by id (the frozen pool)."""
    items = questions.values() if isinstance(questions, Mapping) else questions
    chosen = [q for q in items if any(quota_matches(t, q, draw_status) for t in paper.quotas)]
    return sorted(chosen, key=lambda q: q.id)


def max_fill(pool: Sequence[Question], paper: PaperSpec, draw_status: str) -> int:
    """How many of the paper's slots the pool can fill with distinct questions."""
    candidates = [
        sorted(q.id for q in pool if quota_matches(quota, q, draw_status)) for quota in paper.quotas
    ]
    slots = [
        c for quota, c in zip(paper.quotas, candidates, strict=True) for _ in range(quota.count)
    ]
    assigned = _match(slots)
    return sum(item is not None for item in assigned)


def draw_paper(
    pool: Sequence[Question],
    paper: PaperSpec,
    *,
    seed: str,
    round_id: str,
    participant_id: str,
    attempt: int,
    kind: str = "official",
    draw_status: str = "reviewed",
) -> Paper:
    """The paper of one attempt. Pure and deterministic; raises PaperError if unfillable."""
    material = _SEP.join(
        str(part).encode()
        for part in (PAPER_ALGORITHM, seed, round_id, participant_id, attempt, kind)
    )
    slots_candidates: list[list[str]] = []
    slot_quota: list[int] = []
    for index, quota in enumerate(paper.quotas):
        base = hashlib.blake2b(
            material + _SEP + b"pick" + _SEP + str(index).encode(), digest_size=8
        )
        ranked = sorted(
            _candidates(pool, quota, draw_status),
            key=lambda qid, base=base: (_digest(base, qid), qid),
        )
        slots_candidates.extend([ranked] * quota.count)
        slot_quota.extend([index] * quota.count)
    assigned = _match(slots_candidates)
    if any(item is None for item in assigned):
        raise PaperError(f"round {round_id}: the pool fills only part of the paper")
    by_id = {q.id: q for q in pool}
    slots = tuple(
        PaperSlot(
            number=number,
            question_id=qid,
            quota=slot_quota[number - 1],
            order=_order(by_id[qid], material, paper.shuffle_options),
        )
        for number, qid in enumerate(assigned, start=1)
    )
    return Paper(round_id, participant_id, attempt, kind, slots)


# What a quota may draw and whether a question's options may move do not depend on the
# participant: computed once per (pool, quota) and per question, not once per paper. Entries
# hold the objects they were computed for and count only for those very objects (immutable:
# a tuple pool, frozen models), so a cached answer is always the answer.
_MEMO: dict[tuple, tuple] = {}


def _remember(key: tuple, owners: tuple, compute):
    hit = _MEMO.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], owners, strict=True)):
        return hit[1]
    value = compute()
    if len(_MEMO) > 4096:
        _MEMO.clear()
    _MEMO[key] = (owners, value)
    return value


def _candidates(pool, quota: Quota, draw_status: str):
    def compute():
        return tuple(q.id for q in pool if quota_matches(quota, q, draw_status))

    if not isinstance(pool, tuple):
        return compute()
    return _remember(("quota", id(pool), id(quota), draw_status), (pool, quota), compute)


def _shuffle_allowed(question: Question) -> bool:
    return _remember(("shuffle", id(question)), (question,), lambda: shuffle_allowed(question))


def _digest(base, text: str) -> int:
    item = base.copy()
    item.update(_SEP + text.encode())
    return int.from_bytes(item.digest(), "big")


def _match(slots: list[list[str]]) -> list[str | None]:
    """Assign distinct questions to slots, each trying its candidates in order (Kuhn)."""
    owner: dict[str, int] = {}
    assigned: list[str | None] = [None] * len(slots)

    def augment(slot: int, visited: set[str]) -> bool:
        for qid in slots[slot]:
            if qid in visited:
                continue
            visited.add(qid)
            if qid not in owner or augment(owner[qid], visited):
                owner[qid] = slot
                assigned[slot] = qid
                return True
        return False

    for slot, candidates in enumerate(slots):
        free = next((qid for qid in candidates if qid not in owner), None)
        if free is not None:  # the common case: take the first free candidate
            owner[free] = slot
            assigned[slot] = free
        else:
            augment(slot, set())
    return assigned


def shuffle_allowed(question: Question) -> bool:
    """False when an option names other options, so its meaning depends on their order."""
    return not any(
        _LETTER_LIST.search(option) or _NAMES_OPTIONS.search(option)
        for option in question.options or []
    )


def _order(question: Question, material: bytes, shuffle: bool) -> tuple[int, ...]:
    count = len(question.options) if question.options else len(TRUE_FALSE_OPTIONS)
    order = list(range(count))
    if not shuffle or question.type is QuestionType.true_false or not _shuffle_allowed(question):
        return tuple(order)
    base = hashlib.blake2b(material + _SEP + b"options", digest_size=8)
    base.update(_SEP + question.id.encode())
    for i in range(count - 1, 0, -1):  # Fisher–Yates from a keyed stream
        j = _digest(base, str(i)) % (i + 1)
        order[i], order[j] = order[j], order[i]
    return tuple(order)


def is_correct(question: Question, slot: PaperSlot, shown: object) -> bool:
    """Whether the answer ``shown`` (letters as displayed to the participant) is right."""
    if question.type is QuestionType.single:
        return isinstance(shown, str) and slot.bank_letter(shown) == question.answer
    if question.type is QuestionType.multiple:
        if not isinstance(shown, list) or not all(isinstance(s, str) for s in shown):
            return False
        letters = [slot.bank_letter(s) for s in shown]
        return (
            None not in letters
            and len(set(letters)) == len(letters) == len(shown)
            and set(letters) == set(question.answer)
        )
    if question.type is QuestionType.true_false:
        return isinstance(shown, str) and shown in "AB" and (shown == "A") is question.answer
    return False


def shown_key(question: Question, slot: PaperSlot) -> str | list[str]:
    """The right answer as the participant sees it (for reference answers and simulations)."""
    if question.type is QuestionType.true_false:
        return "A" if question.answer else "B"
    if question.type is QuestionType.essay:
        return []  # graded by hand: no letter is the key
    if question.type is QuestionType.multiple:
        return sorted(slot.shown_letter(letter) for letter in question.answer)
    return slot.shown_letter(question.answer)


def paper_view(paper: Paper, questions: Mapping[str, Question]) -> dict:
    """What a participant may see: stems and options in their order — no ids, no key.

    ``choose`` is ``one``, ``many`` or ``text``; an essay (``text``) has no options, only the
    longest answer it takes (``max_chars``): never its rubric or model answer."""
    items = []
    for slot in paper.slots:
        question = questions[slot.question_id]
        if question.type is QuestionType.essay:
            items.append(
                {
                    "number": slot.number,
                    "type": question.type.value,
                    "choose": "text",
                    "stem": question.stem,
                    "options": [],
                    "max_chars": MAX_ESSAY_CHARS,
                }
            )
            continue
        options = question.options or list(TRUE_FALSE_OPTIONS)
        items.append(
            {
                "number": slot.number,
                "type": question.type.value,
                "choose": "many" if question.type is QuestionType.multiple else "one",
                "stem": question.stem,
                "options": [
                    {"letter": OPTION_LETTERS[i], "text": options[bank]}
                    for i, bank in enumerate(slot.order)
                ],
            }
        )
    return {
        "round": paper.round_id,
        "attempt": paper.attempt,
        "kind": paper.kind,
        "questions": items,
    }
