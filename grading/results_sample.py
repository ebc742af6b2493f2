"""Synthetic results for a contest spec: the grader's frames and registered people.

For tests, benchmarks and demos while no real contest has run. Everything is derived from a
seed. :func:`sample_frames` is vectorised (100,000 participants in seconds): each participant
has an ability, each question a difficulty (from the bank's 1–3), and the chance of a right
answer follows a logistic curve; a few questions are made deliberately faulty (far too easy,
far too hard, inverted, a distractor nobody picks) so that item analysis has something to flag.

:func:`register_people` fills the private registry with invented people — names, dates of birth,
phone and CCCD numbers that look real — so that privacy tests can check none of it leaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from quizzes.contest_spec import ContestSpec, Round
from quizzes.papers import pool_for

from .results_model import TIMEZONE, validate_attempts, validate_responses

__all__ = [
    "SampleFrames",
    "sample_frames",
    "participant_ids",
    "register_people",
    "sample_name",
    "sample_progress",
]

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Thạch"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hoàng", "Kim"]
_GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Khánh", "Lan",
          "Long", "Mai", "Nam", "Nga", "Phúc", "Quyên", "Sơn", "Tâm", "Thảo", "Trí", "Uyên",
          "Việt", "Xuân", "Yến", "Sóc Kha", "Đức", "Ánh"]  # fmt: skip
_DIFFICULTY = {1: -1.3, 2: -0.2, 3: 0.8}
_LETTERS = np.array(list("ABCDEF"), dtype=object)


@dataclass(frozen=True, eq=False)
class SampleFrames:
    attempts: pd.DataFrame
    responses: pd.DataFrame
    faulty: dict[str, str]  # question id -> what was made wrong with it


def participant_ids(count: int) -> np.ndarray:
    return np.array([f"ts-{i:07d}" for i in range(count)], dtype=object)


def sample_name(index: int) -> str:
    """An invented Vietnamese full name, distinct for the first 3,080 indexes."""
    family = _FAMILY[index % len(_FAMILY)]
    middle = _MIDDLE[(index // len(_FAMILY)) % len(_MIDDLE)]
    given = _GIVEN[(index // (len(_FAMILY) * len(_MIDDLE))) % len(_GIVEN)]
    return f"{family} {middle} {given}"


def _leaf_units(spec: ContestSpec) -> tuple[np.ndarray, np.ndarray]:
    parents = {u.parent for u in spec.units if u.parent}
    leaves = [u for u in spec.units if u.id not in parents] or [None]
    if leaves == [None]:
        return np.array(["don-vi-1"], dtype=object), np.array([1.0])
    weights = np.array([float(u.headcount or 50) for u in leaves])
    return np.array([u.id for u in leaves], dtype=object), weights / weights.sum()


def _groups(spec: ContestSpec) -> np.ndarray:
    choice = spec.registration.field_of_kind("choice")
    if choice is None or not choice.choices:
        return np.array([None], dtype=object)
    return np.array(choice.choices, dtype=object)


def _pool(spec: ContestSpec, round_: Round, questions: Mapping[str, object] | None):
    """(ids, key letters, option counts, difficulties) of the round's single-choice pool."""
    pool = []
    if questions:
        pool = [
            q
            for q in pool_for(questions, round_.paper, spec.draw_status)
            if q.type.value == "single" and isinstance(q.answer, str)
        ]
    if len(pool) < round_.paper.question_count:
        size = max(2 * round_.paper.question_count, 30)
        return (
            np.array([f"{round_.id}-q{i:03d}" for i in range(size)], dtype=object),
            np.array(["A", "B", "C", "D"] * (size // 4) + ["A"] * (size % 4), dtype=object),
            np.full(size, 4),
            np.array([_DIFFICULTY[1 + i % 3] for i in range(size)]),
        )
    return (
        np.array([q.id for q in pool], dtype=object),
        np.array([q.answer for q in pool], dtype=object),
        np.array([len(q.options) for q in pool]),
        np.array([_DIFFICULTY[q.difficulty] for q in pool]),
    )


def sample_frames(
    spec: ContestSpec,
    participants: int,
    *,
    questions: Mapping[str, object] | None = None,
    seed: int = 7,
    until: dt.datetime | None = None,
    turnout: float = 0.75,
    chunk: int = 50_000,
) -> SampleFrames:
    """Validated attempts and responses of ``participants`` people over the spec's rounds.

    Attempts fall inside each round's window and before ``until`` (rounds opening later get
    none). ``questions`` is the bank (``quizzes.load_questions()``); without it, question ids
    are invented.
    """
    rng = np.random.default_rng(seed)
    ids = participant_ids(participants)
    unit_ids, weights = _leaf_units(spec)
    unit_of = rng.choice(unit_ids, size=participants, p=weights)
    group_of = rng.choice(_groups(spec), size=participants)
    ability = rng.normal(0.6, 1.0, size=participants)
    attempts, responses, faulty = [], [], {}
    for round_ in spec.rounds:
        start = pd.Timestamp(round_.opens).tz_convert(TIMEZONE)
        end = pd.Timestamp(round_.closes).tz_convert(TIMEZONE)
        if until is not None:
            end = min(end, pd.Timestamp(until).tz_convert(TIMEZONE))
        if end <= start:
            continue
        paper = round_.paper
        pool_ids, keys, n_options, difficulty = _pool(spec, round_, questions)
        slope = np.ones(len(pool_ids))
        # A handful of faulty questions for item analysis to find.
        for index, (kind, change) in enumerate(
            [("too_easy", -6.0), ("too_hard", 5.0), ("negative_discrimination", None)]
        ):
            if index < len(pool_ids):
                faulty[pool_ids[index]] = kind
                if change is None:
                    slope[index] = -1.5
                else:
                    difficulty[index] = change
        unused_distractor = len(pool_ids) > 3
        if unused_distractor:
            faulty.setdefault(pool_ids[3], "unused_distractor")

        present = rng.random(participants) < turnout
        tries = np.where(present, rng.integers(1, paper.attempts + 1, size=participants), 0)
        person = np.repeat(np.arange(participants), tries)
        attempt_no = np.arange(len(person)) - np.repeat(np.cumsum(tries) - tries, tries) + 1
        n = len(person)
        span = max((end - start).total_seconds() - paper.time_limit_minutes * 60, 60)
        started_s = _monotone_per_person(person, attempt_no, rng.random(n) * span)
        duration = rng.uniform(45, paper.time_limit_minutes * 60, size=n).round(1)
        started = start + pd.to_timedelta(started_s.round(3), unit="s")
        k = paper.question_count
        correct_total = np.zeros(n, dtype="int64")
        for lo in range(0, n, chunk):
            hi = min(lo + chunk, n)
            m = hi - lo
            draw = np.argsort(rng.random((m, len(pool_ids))), axis=1)[:, :k]
            theta = ability[person[lo:hi]][:, None] + 0.25 * (attempt_no[lo:hi, None] - 1)
            p = 1.0 / (1.0 + np.exp(-slope[draw] * (theta - difficulty[draw])))
            right = rng.random((m, k)) < p
            key = keys[draw]
            options = n_options[draw]
            wrong_pick = rng.integers(0, options - 1)  # among the options that are not the key
            if unused_distractor:
                wrong_pick = np.where(draw == 3, rng.integers(0, 2, size=(m, k)), wrong_pick)
            key_index = np.searchsorted(_LETTERS[:6].astype(str), key.astype(str))
            wrong_index = wrong_pick + (wrong_pick >= key_index)
            chosen = np.where(right, key, _LETTERS[wrong_index])
            blank = (~right) & (rng.random((m, k)) < 0.02)
            chosen = np.where(blank, None, chosen)
            correct_total[lo:hi] = right.sum(axis=1)
            responses.append(
                pd.DataFrame(
                    {
                        "round_id": round_.id,
                        "participant_id": np.repeat(ids[person[lo:hi]], k),
                        "attempt_no": np.repeat(attempt_no[lo:hi], k),
                        "question_id": pool_ids[draw].ravel(),
                        "chosen": chosen.ravel(),
                        "correct": right.ravel(),
                        "paper_position": np.tile(np.arange(1, k + 1), m),
                    }
                )
            )
        expected = participants * turnout
        prediction = np.maximum(rng.normal(expected, expected * 0.3 + 1, size=n), 0).astype(int)
        prediction = pd.array(prediction, dtype="Int64")
        prediction[rng.random(n) < 0.03] = pd.NA
        flags = np.where(rng.random(n) < 0.01, "over_time", "")
        attempts.append(
            pd.DataFrame(
                {
                    "contest_id": spec.id,
                    "round_id": round_.id,
                    "participant_id": ids[person],
                    "unit_id": unit_of[person],
                    "group": group_of[person],
                    "attempt_no": attempt_no,
                    "started_at": started,
                    "submitted_at": started + pd.to_timedelta(duration, unit="s"),
                    "duration_s": duration,
                    "correct": correct_total,
                    "score": correct_total * paper.points_per_question,
                    "max_score": float(paper.max_points),
                    "prediction": prediction,
                    "flags": flags,
                }
            )
        )
    if not attempts:
        raise ValueError("no round is open before 'until': nothing to simulate")
    return SampleFrames(
        validate_attempts(pd.concat(attempts, ignore_index=True)),
        validate_responses(pd.concat(responses, ignore_index=True)),
        faulty,
    )


def _monotone_per_person(person: np.ndarray, attempt_no: np.ndarray, start: np.ndarray):
    """Sort each person's start times so that attempt n+1 starts after attempt n."""
    order = np.lexsort([start, person])
    out = np.empty_like(start)
    rank_order = np.lexsort([attempt_no, person])
    out[rank_order] = start[order]
    return out


def register_people(
    course_dir: Path,
    spec: ContestSpec,
    ids: Sequence[str],
    *,
    attempts: pd.DataFrame | None = None,
    publish_share: float = 0.6,
    seed: int = 7,
    registered_at: dt.datetime | None = None,
) -> dict[str, dict[str, str]]:
    """Register invented people under ``ids`` in the private registry; returns their raw
    values (for tests that look for leaks). About ``publish_share`` consent to publishing.
    Units and groups are taken from ``attempts`` when given, so that both agree."""
    from .registry_people import PeopleRegistry

    rng = np.random.default_rng(seed + 11)
    registry = PeopleRegistry(Path(course_dir) / "private" / "participants.sqlite", spec)
    moment = registered_at or min(r.opens for r in spec.rounds) - dt.timedelta(days=1)
    unit_ids, weights = _leaf_units(spec)
    choices = _groups(spec)
    known: dict[str, tuple[str, object]] = {}
    if attempts is not None:
        first = attempts.drop_duplicates("participant_id")
        pairs = zip(first["unit_id"], first["group"], strict=True)
        known = dict(zip(first["participant_id"], pairs, strict=True))
    people = {}
    for index, participant in enumerate(ids):
        values: dict[str, str] = {}
        for field in spec.registration.fields:
            if field.kind == "name":
                values[field.key] = sample_name(index)
            elif field.kind == "date_of_birth":
                born = dt.date(1965, 1, 1) + dt.timedelta(days=int(rng.integers(0, 12_000)))
                values[field.key] = born.strftime("%d/%m/%Y")
            elif field.kind == "phone":
                values[field.key] = f"09{index:08d}"[-10:]
            elif field.kind == "cccd":
                values[field.key] = f"084{190000000 + index:09d}"
            elif field.kind == "email":
                values[field.key] = f"nguoi.du.thi.{index}@example.vn"
            elif field.kind == "unit":
                unit = known.get(str(participant), (None, None))[0]
                values[field.key] = unit or str(rng.choice(unit_ids, p=weights))
            elif field.kind == "choice" and field.choices:
                group = known.get(str(participant), (None, None))[1]
                values[field.key] = group if isinstance(group, str) else str(rng.choice(choices))
            elif field.kind == "text":
                values[field.key] = f"Tổ {index % 9 + 1}, ấp Phú Hòa"
        registry.register(
            values,
            consent=True,
            publish_consent=bool(rng.random() < publish_share),
            now=moment,
            participant_id=str(participant),
        )
        people[str(participant)] = values
    return people


def sample_progress(
    store_path: Path,
    spec: ContestSpec,
    learners: int,
    *,
    courses: Path | None = None,
    seed: int = 7,
    start: dt.datetime | None = None,
) -> pd.DataFrame:
    """Self-check answers of ``learners`` invented learners in a progress store; returns
    their roster (``learner, display_name, unit``). Every third learner finishes the course.

    Rows are bulk-loaded in one transaction in the store's own schema
    (``widgets.progress_store.SCHEMA``), with completions where a module's latest answers
    reach the pass mark, as :meth:`~widgets.progress_store.ProgressStore.record` would leave
    them; recording thousands of answers one by one takes minutes.
    """
    import json
    import sqlite3
    from contextlib import closing

    from widgets.progress_store import SCHEMA, ProgressStore
    from widgets.selfcheck import passed

    from .course_progress import module_questions

    rng = np.random.default_rng(seed + 23)
    ProgressStore(Path(store_path))  # creates the file and its schema
    checks = module_questions(courses)
    unit_ids, weights = _leaf_units(spec)
    moment = start or (min(r.opens for r in spec.rounds) - dt.timedelta(days=30))
    attempts, completions, roster = [], [], []
    for index in range(learners):
        learner = f"hv-{index:03d}"
        skill = rng.uniform(0.35, 0.95)
        reach = len(checks) if index % 3 == 0 else int(rng.integers(0, len(checks) + 1))
        for module in list(checks)[:reach]:
            ids = checks[module]
            right = rng.random(len(ids)) < skill
            if index % 3 == 0:
                right[:] = True
            for question_id, ok in zip(ids, right, strict=True):
                moment += dt.timedelta(seconds=int(rng.integers(20, 400)))
                stamp = moment.isoformat(timespec="seconds")
                attempts.append((learner, module, question_id, json.dumps("A"), int(ok),
                                 len(ids), stamp))  # fmt: skip
            if passed(int(right.sum()), len(ids)):
                completions.append((learner, module, int(right.sum()), len(ids), stamp))
        roster.append((learner, sample_name(index + 1000), str(rng.choice(unit_ids, p=weights))))
    with closing(sqlite3.connect(store_path)) as db, db:
        db.executescript(SCHEMA)
        db.executemany(
            "INSERT INTO attempts (learner, module, question_id, response, correct, check_size,"
            " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            attempts,
        )
        db.executemany("INSERT OR IGNORE INTO completions VALUES (?, ?, ?, ?, ?)", completions)
    return pd.DataFrame(roster, columns=["learner", "display_name", "unit"])
