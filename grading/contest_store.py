"""The contest as built: the spec and each round's frozen question pool.

Papers are derived from the pool, so the pool must not move once a round has attempts: the
bank keeps growing (writers add and re-review questions), but a participant's paper must be
the same when the grader recomputes it. ``dancoso contest build`` freezes a round's pool the
first time and keeps it; ``--refreeze ROUND`` renews it only while the round has no attempts.

    contest = load_frozen(course_dir)           # cached; cheap to call per request
    paper = contest.paper("ts-3f9a2c1b", "vong-1", 1)
    view = contest.paper_view(paper)            # keyless, for the browser
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from quizzes.contest_spec import ContestSpec, Round, parse_assignment_id
from quizzes.papers import PAPER_ALGORITHM, Paper, draw_paper, paper_view, pool_for
from quizzes.schema import Question

from .clock import iso
from .course_layout import CourseLayout

__all__ = ["FrozenContest", "PaperChanged", "freeze_contest", "load_frozen", "paper_fingerprint"]


class PaperChanged(ValueError):
    """A round with attempts would get different papers (seed, quotas or pool changed)."""

    def __init__(self, round_id: str, attempts: int):
        self.round_id = round_id
        self.attempts = attempts
        super().__init__(f"round {round_id} has {attempts} attempts; its papers cannot change")


@dataclass(frozen=True)
class FrozenContest:
    layout: CourseLayout
    spec: ContestSpec
    pools: Mapping[str, tuple[Question, ...]]
    _by_id: dict[str, dict[str, Question]] = field(default_factory=dict, repr=False)

    def questions(self, round_id: str) -> dict[str, Question]:
        if round_id not in self._by_id:
            self._by_id[round_id] = {q.id: q for q in self.pools[round_id]}
        return self._by_id[round_id]

    def round(self, round_id: str) -> Round:
        return self.spec.round(round_id)

    def paper(
        self, participant_id: str, round_id: str, attempt: int, kind: str = "official"
    ) -> Paper:
        round_ = self.spec.round(round_id)
        return draw_paper(
            self.pools[round_id],
            round_.paper,
            seed=self.spec.seed,
            round_id=round_id,
            participant_id=participant_id,
            attempt=attempt,
            kind=kind,
            draw_status=self.spec.draw_status,
        )

    def paper_view(self, paper: Paper) -> dict:
        """What the participant's browser may receive: the paper without key, plus its rules."""
        round_ = self.spec.round(paper.round_id)
        view = paper_view(paper, self.questions(paper.round_id))
        prediction = self.spec.prediction_for(round_)
        view.update(
            contest=self.spec.id,
            title=self.spec.title,
            round_title=round_.title,
            time_limit_minutes=round_.paper.time_limit_minutes,
            points_per_question=round_.paper.points_per_question,
            prediction=None
            if prediction is None
            else {"text": prediction.shown_text(round_.title)},
        )
        return view

    def assignment(self, assignment_id: str) -> tuple[str, int] | None:
        """``(round, attempt)`` of an official assignment of this contest."""
        parsed = parse_assignment_id(assignment_id)
        if parsed is None or parsed[0] not in self.pools:
            return None
        return parsed


def paper_fingerprint(spec: ContestSpec, round_: Round) -> str:
    """What a round's papers depend on, besides the pool."""
    material = {
        "algorithm": PAPER_ALGORITHM,
        "seed": spec.seed,
        "draw_status": spec.draw_status,
        "round": round_.id,
        "paper": round_.paper.model_dump(mode="json"),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


def freeze_contest(
    layout: CourseLayout,
    spec: ContestSpec,
    bank: Mapping[str, Question],
    *,
    attempts_by_round: Mapping[str, int],
    refreeze: frozenset[str] = frozenset(),
    now: dt.datetime,
) -> dict[str, str]:
    """Write spec.json and any missing pool; returns ``{round: 'frozen'|'kept'|'refrozen'}``."""
    previous = _read_json(layout.spec_file) or {}
    old_prints = previous.get("fingerprints", {})
    outcome: dict[str, str] = {}
    prints: dict[str, str] = {}
    for round_ in spec.rounds:
        prints[round_.id] = paper_fingerprint(spec, round_)
        used = attempts_by_round.get(round_.id, 0)
        pool_file = layout.pools_dir / f"{round_.id}.json"
        changed = old_prints.get(round_.id) not in (None, prints[round_.id])
        if used and (changed or round_.id in refreeze):
            raise PaperChanged(round_.id, used)
        if pool_file.exists() and not changed and round_.id not in refreeze:
            outcome[round_.id] = "kept"
            continue
        existed = pool_file.exists()
        pool = pool_for(spec.drawable(bank), round_.paper, spec.draw_status)
        data = {
            "round": round_.id,
            "frozen_at": iso(now),
            "questions": [q.model_dump(mode="json") for q in pool],
        }
        _write_json(pool_file, data)
        outcome[round_.id] = "refrozen" if existed else "frozen"
    _write_json(
        layout.spec_file,
        {"built_at": iso(now), "spec": spec.model_dump(mode="json"), "fingerprints": prints},
    )
    return outcome


def load_frozen(root: Path) -> FrozenContest:
    layout = CourseLayout.open(root)
    stamps = tuple(
        (p.name, p.stat().st_mtime_ns)
        for p in [layout.spec_file, *sorted(layout.pools_dir.glob("*.json"))]
    )
    return _load(layout, stamps)


@lru_cache(maxsize=8)
def _load(layout: CourseLayout, stamps: tuple) -> FrozenContest:
    spec = ContestSpec.model_validate(_read_json(layout.spec_file)["spec"])
    pools = {}
    for round_ in spec.rounds:
        data = _read_json(layout.pools_dir / f"{round_.id}.json")
        pools[round_.id] = tuple(Question.model_validate(q) for q in data["questions"])
    return FrozenContest(layout=layout, spec=spec, pools=pools)


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
