"""Intake: start an attempt, autosave answers, submit — the API behind every way in.

The contest page, ``dancoso contest simulate`` and ``dancoso contest import`` all go through
this class, so every attempt is recorded the same way::

    intake = Intake(course_dir)                       # one per process; thread-safe
    started = intake.start("ts-3f9a2c1b", "vong-1")   # resumes an open attempt if any
    started.paper                                     # keyless paper for the browser
    started.attempt.deadline                          # server time; countdown from it
    intake.save_draft("ts-3f9a2c1b", "vong-1", started.attempt.number,
                      {"answers": {"1": "B"}, "essays": {"4": "Theo Điều 3, …"},
                       "prediction": 1200})                        # atomic, every change
    receipt = intake.submit("ts-3f9a2c1b", "vong-1", started.attempt.number)  # uses the draft
    receipt.flags, receipt.duplicate, receipt.path

Times are the server's (``grading.clock.now()``, overridable with ``now=``). Official
submissions land in nbgrader's exchange inbound (:mod:`grading.exchange_inbound`), so
``nbgrader collect <round>-lan-<n>`` picks them up; practice ones in ``contest/practice``. A
second submission of the same attempt is kept in ``contest/held`` and recorded as an extra;
the first one stands. Attempts beyond the allowance, outside the window or after the time
limit plus grace are recorded and flagged (see :mod:`grading.attempts`), never refused
silently. :meth:`Intake.close_expired` submits the last draft of attempts whose time ran out
with nobody there to press "Nộp bài".
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from quizzes.answers import ANSWERS_FILE, PAPER_FILE, AnswerSheet, dump_answer_sheet
from quizzes.contest_spec import assignment_id

from . import clock
from .attempts import Attempt, AttemptLedger, submission_flags
from .contest_store import FrozenContest, load_frozen
from .course_layout import CourseLayout, CourseNotBuilt
from .drafts import DraftStore
from .exchange_inbound import write_submission
from .participant_ids import check_participant_id
from .registry_people import PeopleRegistry

__all__ = ["IntakeError", "StartedAttempt", "SubmitReceipt", "Intake"]


class IntakeError(LookupError):
    """Unknown round, or a submission for an attempt that was never started."""


@dataclass(frozen=True)
class StartedAttempt:
    attempt: Attempt
    paper: dict  # keyless: stems and options in the participant's order
    resumed: bool


@dataclass(frozen=True)
class SubmitReceipt:
    attempt: Attempt
    path: Path  # where this submission's files are
    duplicate: bool  # the attempt was already submitted: this copy is kept in held/
    flags: frozenset[str]


class Intake:
    def __init__(self, course_dir: Path):
        self.layout = CourseLayout.open(course_dir)
        self.ledger = AttemptLedger(self.layout.ledger_file)
        self._notebooks: dict[str, bytes] = {}
        self._people: PeopleRegistry | None = None
        self.drafts = DraftStore(self.layout.drafts_dir)

    @property
    def contest(self) -> FrozenContest:
        return load_frozen(self.layout.root)

    def people(self) -> PeopleRegistry:
        if self._people is None:
            self._people = PeopleRegistry(self.layout.people_file, self.contest.spec)
        return self._people

    def registered(self, participant: str) -> bool:
        """Known to the people registry (True when the contest keeps no registry)."""
        return not self.layout.people_file.exists() or self.people().exists(participant)

    def round_spec(self, round_id: str):
        """The round's spec; IntakeError for a round this contest does not have."""
        try:
            return self.contest.spec.round(round_id)
        except KeyError:
            raise IntakeError(f"unknown round {round_id!r}") from None

    def round_state(self, round_id: str, now: dt.datetime | None = None) -> str:
        """``upcoming``, ``open`` or ``closed`` at server time."""
        round_, moment = self.round_spec(round_id), clock.in_vietnam(now or clock.now())
        return (
            "upcoming" if moment < round_.opens else "open" if moment <= round_.closes else "closed"
        )

    def attempts_left(self, participant: str, round_id: str) -> int:
        used = len(self.ledger.attempts(round_id, participant, "official"))
        return max(0, self.round_spec(round_id).paper.attempts - used)

    def open_attempt(
        self,
        participant: str,
        round_id: str,
        kind: str = "official",
        now: dt.datetime | None = None,
    ) -> Attempt | None:
        """The participant's started, unsubmitted attempt whose time has not run out."""
        moment = clock.in_vietnam(now or clock.now())
        grace = dt.timedelta(seconds=self.round_spec(round_id).paper.grace_seconds)
        for attempt in reversed(self.ledger.attempts(round_id, participant, kind)):
            if not attempt.submitted and attempt.deadline and moment <= attempt.deadline + grace:
                return attempt
        return None

    def start(
        self,
        participant: str,
        round_id: str,
        *,
        practice: bool = False,
        now: dt.datetime | None = None,
        resume: bool = True,
        source: str = "page",
    ) -> StartedAttempt:
        check_participant_id(participant)
        round_ = self.round_spec(round_id)
        moment = clock.in_vietnam(now or clock.now())
        kind = "practice" if practice else "official"
        if resume and (current := self.open_attempt(participant, round_id, kind, moment)):
            return StartedAttempt(current, self.paper_for(current), resumed=True)
        flags = set()
        if moment < round_.opens:
            flags.add("before_open")
        if moment > round_.closes:
            flags.add("after_close")
        if not self.registered(participant):
            flags.add("unregistered")
        attempt = self.ledger.begin(
            participant,
            round_id,
            kind,
            started_at=moment,
            deadline=moment + dt.timedelta(minutes=round_.paper.time_limit_minutes),
            allowed=None if practice else round_.paper.attempts,
            assignment_for=(lambda n: None) if practice else (lambda n: assignment_id(round_id, n)),
            source=source,
            flags=flags,
        )
        return StartedAttempt(attempt, self.paper_for(attempt), resumed=False)

    def paper_for(self, attempt: Attempt) -> dict:
        contest = self.contest
        paper = contest.paper(attempt.participant, attempt.round_id, attempt.number, attempt.kind)
        return contest.paper_view(paper)

    def save_draft(
        self,
        participant: str,
        round_id: str,
        number: int,
        sheet: Mapping | AnswerSheet,
        *,
        practice: bool = False,
        now: dt.datetime | None = None,
    ) -> AnswerSheet:
        """Validate and store the answer sheet atomically (never a half-written file).

        Raises pydantic's ValidationError when the sheet is not one (the page sent nonsense).
        """
        self.round_spec(round_id)
        data = sheet.model_dump(mode="json") if isinstance(sheet, AnswerSheet) else dict(sheet)
        data.update(
            round=round_id,
            attempt=number,
            participant=participant,
            saved_at=clock.iso(clock.in_vietnam(now or clock.now())),
        )
        valid = AnswerSheet.model_validate(data)
        self.drafts.save(valid, "practice" if practice else "official")
        return valid

    def load_draft(
        self, participant: str, round_id: str, number: int, *, practice: bool = False
    ) -> AnswerSheet | None:
        self.round_spec(round_id)
        return self.drafts.load(
            participant, round_id, number, "practice" if practice else "official"
        )

    def _notebook(self, attempt: Attempt) -> bytes:
        name = self.layout.notebook_name(attempt.round_id)
        candidates = [assignment_id(attempt.round_id, n) for n in (attempt.number, 1)]
        for assignment in candidates:
            if assignment in self._notebooks:
                return self._notebooks[assignment]
            path = self.layout.release_dir / assignment / name
            if path.is_file():
                self._notebooks[assignment] = path.read_bytes()
                return self._notebooks[assignment]
        raise CourseNotBuilt(str(self.layout.release_dir / candidates[-1] / name))

    def submit(
        self,
        participant: str,
        round_id: str,
        number: int,
        *,
        answers: Mapping | None = None,
        prediction: int | None = None,
        essays: Mapping[str, str] | None = None,
        raw_answers: bytes | None = None,
        practice: bool = False,
        now: dt.datetime | None = None,
    ) -> SubmitReceipt:
        """Submit attempt ``number``. With none of ``answers``, ``prediction``, ``essays`` and
        ``raw_answers``, the last draft is submitted (auto-submit). ``essays`` maps slot numbers
        to essay texts. ``raw_answers`` stores bytes as received (imports)."""
        kind = "practice" if practice else "official"
        check_participant_id(participant)
        attempt = self.ledger.get(participant, round_id, number, kind)
        if attempt is None:
            raise IntakeError(f"{participant} has no {kind} attempt {number} in {round_id}")
        moment = clock.in_vietnam(now or clock.now())
        if raw_answers is None:
            raw_answers = self._sheet_bytes(attempt, answers, prediction, essays, moment)
        return self.store_submission(attempt, raw_answers, moment)

    def _sheet_bytes(
        self,
        attempt: Attempt,
        answers: Mapping | None,
        prediction: int | None,
        essays: Mapping[str, str] | None,
        moment: dt.datetime,
    ) -> bytes:
        if answers is None and prediction is None and essays is None:
            draft = self.load_draft(
                attempt.participant,
                attempt.round_id,
                attempt.number,
                practice=attempt.kind == "practice",
            )
            if draft is not None:
                return dump_answer_sheet(draft)
        data = {
            "schema_version": 1,
            "round": attempt.round_id,
            "attempt": attempt.number,
            "participant": attempt.participant,
            "answers": {str(k): v for k, v in (answers or {}).items()},
            "prediction": prediction,
            "saved_at": clock.iso(moment),
        }
        if essays:  # only then: sheets without essays keep their bytes (and their digests)
            data["essays"] = {str(k): v for k, v in essays.items()}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def store_submission(
        self, attempt: Attempt, raw_answers: bytes, moment: dt.datetime
    ) -> SubmitReceipt:
        """Store ``raw_answers`` as the submission of ``attempt`` at ``moment`` (a second one
        of the same attempt is kept aside in held/ and recorded as an extra)."""
        flags = submission_flags(self.round_spec(attempt.round_id), attempt, moment, raw_answers)
        paper = json.dumps(self.paper_for(attempt), ensure_ascii=False, indent=1).encode("utf-8")
        files = {
            self.layout.notebook_name(attempt.round_id): self._notebook(attempt),
            ANSWERS_FILE: raw_answers,
            PAPER_FILE: paper,
        }
        if attempt.submitted:
            return self._hold(attempt, files, moment)
        official = attempt.kind == "official"
        target = self.layout.inbound if official else self.layout.practice_dir
        label = attempt.assignment if official else f"{attempt.round_id}-thu-{attempt.number}"
        path = write_submission(target, attempt.participant, label, files, moment)
        done = self.ledger.complete(
            attempt.id,
            submitted_at=moment,
            location="inbound" if official else "practice",
            name=path.name,
            flags=flags,
        )
        if done is None:  # another request submitted this attempt first: keep ours aside
            held = self.layout.held_dir / path.name
            os.rename(path, held)
            self.ledger.add_extra(
                attempt.id, received_at=moment, location="held", name=held.name, reason="duplicate"
            )
            current = self.ledger.get(
                attempt.participant, attempt.round_id, attempt.number, attempt.kind
            )
            return SubmitReceipt(current, held, True, frozenset(flags))
        return SubmitReceipt(done, path, False, done.flags)

    def _hold(self, attempt: Attempt, files: dict, moment: dt.datetime) -> SubmitReceipt:
        label = attempt.assignment or f"{attempt.round_id}-thu-{attempt.number}"
        path = write_submission(self.layout.held_dir, attempt.participant, label, files, moment)
        self.ledger.add_extra(
            attempt.id, received_at=moment, location="held", name=path.name, reason="duplicate"
        )
        return SubmitReceipt(attempt, path, True, attempt.flags)

    def close_expired(self, now: dt.datetime | None = None) -> list[SubmitReceipt]:
        """Submit the last draft of every attempt whose time (plus grace) has run out."""
        moment = clock.in_vietnam(now or clock.now())
        receipts = []
        for attempt in self.ledger.open_attempts():
            if attempt.deadline is None:
                continue
            grace = dt.timedelta(seconds=self.round_spec(attempt.round_id).paper.grace_seconds)
            if moment > attempt.deadline + grace:
                data = self._sheet_bytes(attempt, None, None, None, attempt.deadline)
                receipts.append(self.store_submission(attempt, data, attempt.deadline))
        return receipts
