"""The contest page's operations over :class:`grading.intake.Intake`, for an asyncio server.

Every Intake call is blocking file and SQLite work: it runs in a small thread pool (8: enough
for fsyncs to overlap, few enough that I/O threads do not queue behind each other for the
GIL), so the event loop only parses requests and writes responses. Calls that write SQLite
queue on the loop (:meth:`ContestService._write`), never inside the pool.

Operations on one attempt (save, submit) and on one participant's round (start) are
serialised by an ``asyncio.Lock`` per key, so

* a save answered 200 is always in the submission: submit takes the same lock, and a save
  after submission or after the time limit (plus grace) is refused with 409;
* two tabs pressing "Bắt đầu" at once get the same attempt, not two;
* an older save that arrives late (a retried request) never overwrites a newer one: the page
  numbers its saves (``seq``) and the server ignores a number it has already passed.

A save is durable before it is answered: Intake writes the draft atomically with fsync, and
the service then fsyncs the directory that holds it, so the rename survives a power cut.

The backstop for a closed tab is :meth:`ContestService.sweep` (run every 30 s by the server):
``Intake.close_expired`` with a margin, submitting the last draft of every attempt whose
time ran out.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import clock
from ..attempts import Attempt
from .errors import PageError
from .fast_intake import ServerIntake
from .page_data import contest_info, round_state, when
from .people import LoginThrottle, find_person, register_person
from .receipts import attempt_ref, make_receipt
from .sessions import SessionStore
from .sheets import checked_sheet, differs, stored_sheet

__all__ = ["ContestService"]

log = logging.getLogger("dancoso.contest_web")
LEDGER_WRITERS = 2
REGISTRY_WRITERS = 4  # one commits (fsync) while others validate and read


def _fsync_dir(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


class ContestService:
    def __init__(
        self,
        course_dir: Path,
        *,
        workers: int = 8,
        now: Callable[[], dt.datetime] = clock.now,
        sweep_margin: float = 60,
    ):
        self.intake = ServerIntake(course_dir)
        self.layout = self.intake.layout
        self.sessions = SessionStore(self.layout.contest_dir / "web_sessions.sqlite")
        self.executor = ThreadPoolExecutor(workers, thread_name_prefix="contest-io")
        self.now = now
        self.sweep_margin = dt.timedelta(seconds=sweep_margin)
        self.logins = LoginThrottle()
        self._ledger_writers = asyncio.Semaphore(LEDGER_WRITERS)
        self._registry = asyncio.Semaphore(REGISTRY_WRITERS)
        self._sessions_writer = asyncio.Semaphore(1)
        self._locks: dict[tuple, list] = {}  # key -> [lock, users]
        self._seq: dict[tuple, int] = {}
        self._synced: set[Path] = set()
        self.startup_sweep: asyncio.Task | None = None
        self.intake.people()  # open (and create) the registry before serving

    @property
    def spec(self):
        return self.intake.contest.spec  # cached by ServerIntake

    def close(self) -> None:
        self.executor.shutdown(wait=True)

    async def _run(self, function, /, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.executor, functools.partial(function, *args, **kwargs)
        )

    async def _write(self, function, /, *args, gate: asyncio.Semaphore | None = None, **kwargs):
        """Run a call that writes SQLite. SQLite takes one writer at a time and makes the
        others poll with growing sleeps, so writers queue here instead — on the loop, not in
        the pool, so a burst of registrations at a round's opening never leaves saves without
        a thread: one at a time for the people registry, :data:`LEDGER_WRITERS` for the
        attempt ledger (starts, submits, the sweep)."""
        async with gate or self._ledger_writers:
            return await self._run(function, *args, **kwargs)

    @contextlib.asynccontextmanager
    async def _locked(self, key: tuple):
        entry = self._locks.setdefault(key, [asyncio.Lock(), 0])
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._locks[key]

    def _moment(self) -> dt.datetime:
        return clock.in_vietnam(self.now())

    def _round(self, round_id: str):
        try:
            return self.spec.round(round_id)
        except KeyError:
            raise PageError(404, "unknown_round") from None

    # -- public page data, people and sessions --------------------------------------------

    def info(self) -> dict:
        return contest_info(self.spec, self._moment())

    def now_iso(self) -> str:
        return clock.iso(self._moment())

    async def participant(self, token: str | None) -> str | None:
        if not token:
            return None
        found = self.sessions.cached(token)
        return found if found is not None else await self._run(self.sessions.participant, token)

    async def register(self, body: Mapping) -> tuple[str, str]:
        people = self.intake.people()
        pid = await self._write(register_person, people, body, self._moment(), gate=self._registry)
        return pid, await self._write(self.sessions.create, pid, gate=self._sessions_writer)

    async def login(self, body: Mapping, address: str) -> tuple[str, str]:
        self.logins.check(address)
        pid = await self._run(find_person, self.intake.people(), body)
        if pid is None:
            self.logins.failed(address)
            raise PageError(401, "login_failed")
        return pid, await self._write(self.sessions.create, pid, gate=self._sessions_writer)

    async def logout(self, token: str) -> None:
        await self._write(self.sessions.delete, token, gate=self._sessions_writer)

    async def status(self, participant: str) -> dict:
        return await self._run(self._status, participant)

    def _status(self, participant: str) -> dict:
        moment = self._moment()
        rounds = []
        for round_ in self.spec.rounds:
            mine = self.intake.ledger.attempts(round_.id, participant)
            official = [a for a in mine if a.kind == "official"]
            current = {
                kind: self.intake.open_attempt(participant, round_.id, kind, moment)
                for kind in ("official", "practice")
            }
            rounds.append(
                {
                    "id": round_.id,
                    "state": round_state(round_, moment),
                    "attempts_used": len(official),
                    "attempts_left": max(0, round_.paper.attempts - len(official)),
                    "open": [attempt_ref(a) for a in current.values() if a is not None],
                    "submitted": [
                        {**attempt_ref(a), "submitted_text": when(a.submitted_at)}
                        for a in mine
                        if a.submitted
                    ],
                }
            )
        return {"participant": participant, "rounds": rounds, "now": clock.iso(moment)}

    # -- attempts ---------------------------------------------------------------------------

    async def start(self, participant: str, round_id: str, practice: bool) -> dict:
        self._round(round_id)
        kind = "practice" if practice else "official"
        async with self._locked((participant, round_id, kind)):
            result = await self._write(self._start, participant, round_id, practice)
        number = result["attempt"]["number"]
        result["seq"] = self._seq.get((participant, round_id, kind, number))  # for the page
        return result

    def _start(self, participant: str, round_id: str, practice: bool) -> dict:
        round_ = self._round(round_id)
        kind = "practice" if practice else "official"
        moment = self._moment()
        if practice and not round_.paper.practice:
            raise PageError(409, "no_practice", round=round_.title)
        if self.intake.open_attempt(participant, round_id, kind, moment) is None:
            state = round_state(round_, moment)
            if state != "open":
                raise PageError(
                    409,
                    f"round_{state}",
                    round=round_.title,
                    opens=when(round_.opens),
                    closes=when(round_.closes),
                )
            if not practice and self.intake.attempts_left(participant, round_id) == 0:
                raise PageError(
                    409, "no_attempts_left", round=round_.title, attempts=round_.paper.attempts
                )
        started = self.intake.start(participant, round_id, practice=practice, now=moment)
        attempt = started.attempt
        draft = None
        if started.resumed:
            sheet = self.intake.load_draft(participant, round_id, attempt.number, practice=practice)
            if sheet is not None:
                draft = {
                    "answers": dict(sheet.answers),
                    "essays": dict(sheet.essays),
                    "prediction": sheet.prediction,
                }
        return {
            "attempt": {
                **attempt_ref(attempt),
                "started_at": clock.iso(attempt.started_at),
                "deadline": clock.iso(attempt.deadline),
                "grace_seconds": round_.paper.grace_seconds,
            },
            "paper": started.paper,
            "draft": draft,
            "resumed": started.resumed,
            "now": clock.iso(moment),
        }

    def _sheet(self, body: Mapping, round_id: str) -> tuple[dict, int | None]:
        return checked_sheet(body, round_id, self._round(round_id).paper.question_count)

    def _open(self, participant, round_id, kind, number, moment) -> Attempt:
        attempt = self.intake.ledger.get(participant, round_id, number, kind)
        if attempt is None:
            raise PageError(404, "no_such_attempt")
        if attempt.submitted:
            raise PageError(
                409,
                "already_submitted",
                submitted=when(attempt.submitted_at),
                extra={"receipt": self._receipt(attempt)},
            )
        return attempt

    def _late(self, attempt: Attempt, moment: dt.datetime) -> bool:
        grace = dt.timedelta(seconds=self._round(attempt.round_id).paper.grace_seconds)
        return attempt.deadline is not None and moment > attempt.deadline + grace

    async def save(
        self, participant: str, round_id: str, kind: str, number: int, body: Mapping
    ) -> dict:
        sheet, seq = self._sheet(body, round_id)
        key = (participant, round_id, kind, number)
        async with self._locked(key):
            last = self._seq.get(key)
            if seq is not None and last is not None and seq <= last:
                return {
                    "saved": False,
                    "stale": True,
                    "seq": last,
                    "now": clock.iso(self._moment()),
                }
            result = await self._run(self._save, key, sheet)
            if seq is not None:
                self._seq[key] = seq
            return {**result, "seq": seq}

    def _save(self, key: tuple, sheet: dict) -> dict:
        participant, round_id, kind, number = key
        moment = self._moment()
        attempt = self._open(participant, round_id, kind, number, moment)
        if self._late(attempt, moment):
            raise PageError(409, "time_up")
        saved = self.intake.save_draft(
            participant, round_id, number, sheet, practice=kind == "practice", now=moment
        )
        folder = self.intake.drafts.path(participant, round_id, number, kind).parent
        if folder not in self._synced:  # a new participant directory: make its entry durable
            _fsync_dir(folder.parent)
            self._synced.add(folder)
        _fsync_dir(folder)
        return {"saved": True, "saved_at": clock.iso(saved.saved_at), "now": clock.iso(moment)}

    async def submit(
        self, participant: str, round_id: str, kind: str, number: int, body: Mapping
    ) -> dict:
        sheet, _ = self._sheet(body, round_id) if body else (None, None)
        key = (participant, round_id, kind, number)
        async with self._locked(key):
            result = await self._write(self._submit, key, sheet)
            self._seq.pop(key, None)
            return result

    def _submit(self, key: tuple, sheet: dict | None) -> dict:
        participant, round_id, kind, number = key
        practice = kind == "practice"
        moment = self._moment()
        attempt = self.intake.ledger.get(participant, round_id, number, kind)
        if attempt is None:
            raise PageError(404, "no_such_attempt")
        if attempt.submitted:
            if sheet is not None:  # kept in held/ and recorded as an extra, never dropped
                self.intake.submit(
                    participant, round_id, number, **sheet, practice=practice, now=moment
                )
            self._open(participant, round_id, kind, number, moment)  # raises already_submitted
        late = self._late(attempt, moment)
        if late:
            # Time ran out before this arrived: the draft saved in time counts, stamped at the
            # deadline (as close_expired does); a different late sheet is kept aside in held/.
            receipt = self.intake.submit(
                participant, round_id, number, practice=practice, now=attempt.deadline
            )
            draft = stored_sheet(receipt.path)
            if sheet is not None and not receipt.duplicate and differs(draft, sheet):
                self.intake.submit(
                    participant, round_id, number, **sheet, practice=practice, now=moment
                )
        else:
            if sheet is not None:
                self.intake.save_draft(
                    participant, round_id, number, sheet, practice=practice, now=moment
                )
            receipt = self.intake.submit(
                participant, round_id, number, practice=practice, now=moment
            )
        if receipt.duplicate:  # another process (close_expired, an import) was first
            self._open(participant, round_id, kind, number, moment)
        _fsync_dir(receipt.path.parent)  # the submission's rename survives a power cut too
        result = {"receipt": self._receipt(receipt.attempt, receipt.path), "now": clock.iso(moment)}
        if late:
            result["notice"] = PageError(200, "submitted_late").message
        return result

    def _receipt(self, attempt: Attempt, path: Path | None = None) -> dict:
        return make_receipt(self.intake.contest, self.layout, attempt, path)

    async def sweep(self) -> int:
        """Submit the drafts of attempts whose time ran out (``sweep_margin`` ago or more)."""
        moment = self._moment() - self.sweep_margin
        receipts = await self._write(self.intake.close_expired, now=moment)
        for receipt in receipts:
            attempt = receipt.attempt
            self._seq.pop(
                (attempt.participant, attempt.round_id, attempt.kind, attempt.number), None
            )
        if receipts:
            log.info("auto-submitted %d expired attempts", len(receipts))
        return len(receipts)
