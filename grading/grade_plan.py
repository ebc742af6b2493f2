"""Which attempts to grade: every submitted official attempt of the ledger, and what changed.

The ledger (:mod:`grading.attempts`) holds every attempt;
:func:`grading.reconcile.reconcile_inbound` first records anything nbgrader's inbound holds
that the ledger missed (JupyterLab's ``nbgrader submit``, a crash between writing and
recording). An attempt is graded from its
inbound submission; when JupyterLab re-submitted it (``nbgrader_resubmit`` extras left in the
inbound) the latest one is graded, as ``nbgrader collect`` would take it. Re-submissions of
the contest page (kept in ``held/``) never replace the first one.

    jobs = plan_jobs(layout, contest, rounds=["vong-1"], book=book)
    done = graded_digests(book)          # {(assignment, student): digest}
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from .attempts import AttemptLedger
from .contest_store import FrozenContest, paper_fingerprint
from .course_layout import CourseLayout
from .grade_record import Job
from .gradebook_db import GradebookTables

__all__ = ["round_fingerprint", "plan_jobs", "graded_digests"]


def round_fingerprint(layout: CourseLayout, contest: FrozenContest, round_id: str) -> str:
    """Of what a round's papers and keys depend on: spec (seed, quotas) and frozen pool."""
    pool = (layout.pools_dir / f"{round_id}.json").read_bytes()
    material = paper_fingerprint(contest.spec, contest.round(round_id)).encode() + pool
    return hashlib.sha256(material).hexdigest()


def plan_jobs(
    layout: CourseLayout,
    contest: FrozenContest,
    *,
    rounds: Iterable[str] | None = None,
    book: GradebookTables,
) -> list[Job]:
    wanted = list(rounds) if rounds else [r.id for r in contest.spec.rounds]
    ledger = AttemptLedger(layout.ledger_file)
    resubmitted = defaultdict(list)
    for extra in ledger.extras():
        if extra.location == "inbound" and extra.reason == "nbgrader_resubmit":
            resubmitted[extra.attempt].append((extra.received_at, extra.name))
    jobs = []
    for round_id in wanted:
        fingerprint = round_fingerprint(layout, contest, round_id)
        notebook = layout.notebook_name(round_id)
        for attempt in ledger.attempts(round_id, kind="official"):
            if not (attempt.submitted and attempt.location == "inbound" and attempt.name):
                continue
            moment, name = max([(attempt.submitted_at, attempt.name), *resubmitted[attempt.id]])
            assignment = attempt.assignment or f"{round_id}-lan-{attempt.number}"
            jobs.append(
                Job(
                    attempt_id=attempt.id,
                    participant=attempt.participant,
                    round_id=round_id,
                    number=attempt.number,
                    assignment=assignment,
                    path=str(layout.inbound / name),
                    submitted_at=moment,
                    notebook_name=notebook,
                    fingerprint=fingerprint,
                    in_gradebook=book.structure(assignment) is not None,
                )
            )
    return jobs


def graded_digests(book: GradebookTables) -> dict[tuple[str, str], str]:
    state = book.state
    with book.engine.connect() as db:
        rows = db.execute(select(state.c.assignment, state.c.student, state.c.digest)).all()
    return {(r.assignment, r.student): r.digest for r in rows}
