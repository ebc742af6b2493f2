"""Bring the ledger in line with nbgrader's inbound: every submission there is an attempt.

Two things put submissions in the inbound without a complete ledger row:

* participants working in JupyterLab submit with nbgrader's own Assignment List
  (``nbgrader submit``): there is no server-side start time, so the attempt is recorded with
  the submission's timestamp and flagged ``no_start_time`` (and ``unregistered`` unless the
  participant is registered or on the roster whose papers the build sealed); a second
  ``nbgrader submit`` of the same assignment is recorded as an extra (``nbgrader_resubmit``)
  and left in place —
  nbgrader's collect takes the latest, as nbgrader users expect;
* a crash between writing a submission and recording it (the intake writes first, so
  nothing is lost): the open attempt is completed with the submission's own timestamp.

    added = reconcile_inbound(Intake(course_dir))

Safe to run at any time and repeatedly (``dancoso contest build`` runs it).
"""

from __future__ import annotations

from collections import Counter

from quizzes.contest_spec import assignment_id, parse_assignment_id

from .attempts import submission_flags
from .clock import in_vietnam
from .exchange_inbound import parse_submission_name
from .intake import Intake
from .lab_papers import lab_roster
from .participant_ids import ID_PATTERN

__all__ = ["reconcile_inbound", "inbound_counts"]


def _answers(path) -> bytes | None:
    answers = path / "answers.json"
    if answers.is_symlink() or not answers.is_file():
        return None
    with answers.open("rb") as handle:
        return handle.read(300_000)


def reconcile_inbound(intake: Intake) -> int:
    """Record inbound submissions the ledger does not know; returns how many."""
    inbound = intake.layout.inbound
    if not inbound.is_dir():
        return 0
    known = {a.name for a in intake.ledger.attempts(kind="official") if a.name}
    known |= {e.name for e in intake.ledger.extras()}
    contest = intake.contest
    roster = lab_roster(intake.layout)  # nbgrader students whose papers were sealed
    added = 0
    for path in sorted(inbound.iterdir()):
        parsed = parse_submission_name(path.name)
        if path.name in known or parsed is None or not path.is_dir():
            continue
        student, assignment, moment = parsed
        found = contest.assignment(assignment)
        if found is None or not ID_PATTERN.fullmatch(student):
            continue  # not an attempt of this contest; nbgrader's tools still see it
        round_id, number = found
        moment = in_vietnam(moment)
        attempt = intake.ledger.get(student, round_id, number)
        if attempt is None:
            listed = student in roster or intake.registered(student)
            flags = {"no_start_time"} | (set() if listed else {"unregistered"})
            attempt = intake.ledger.begin(
                student,
                round_id,
                "official",
                started_at=None,
                deadline=None,
                allowed=contest.round(round_id).paper.attempts,
                assignment_for=lambda n, r=round_id: assignment_id(r, n),
                source="nbgrader",
                flags=flags,
                number=number,
            )
        if attempt.submitted:
            intake.ledger.add_extra(
                attempt.id,
                received_at=moment,
                location="inbound",
                name=path.name,
                reason="nbgrader_resubmit",
            )
        else:
            flags = submission_flags(contest.round(round_id), attempt, moment, _answers(path))
            intake.ledger.complete(
                attempt.id, submitted_at=moment, location="inbound", name=path.name, flags=flags
            )
        added += 1
    return added


def inbound_counts(intake: Intake) -> Counter:
    """Submissions in the inbound per round (whoever wrote them)."""
    counts: Counter = Counter()
    inbound = intake.layout.inbound
    for path in inbound.iterdir() if inbound.is_dir() else ():
        parsed = parse_submission_name(path.name)
        found = parsed and parse_assignment_id(parsed[1])
        if found:
            counts[found[0]] += 1
    return counts
